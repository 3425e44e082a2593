import ArgumentParser
import BenchmarkStore
import BenchmarkTables
import Estimators
import Evaluation
import Foundation
import NASCore
import RankingMetrics
import Reports
import SearchSpaces

/// `nasbench rank`: how well estimator scores rank architectures against ground truth, written as reports.
struct Rank: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure how well scores rank architectures against ground truth, and write reports.",
        discussion: """
            Reads a NASBench database (--db, with --dataset) or a CSV file with one row per architecture (--csv), \
            computes every ranking criterion of the literature (Kendall tau-b, Spearman rho, Pearson r, P@top/bottom \
            K, KT@top/bottom K, BR/WR@K), bias per complexity bucket and per NB201 operation, and writes into \
            --output: criteria.csv and the other tables, report.md with figures/*.svg, and one self-contained \
            report.html; --notebook adds a Jupyter notebook in --notebook-dir.

            --score lists score sources separated by commas. With --db each is a built-in score (the analytic \
            estimators of the catalog, computed here for the dataset's network: \
            \(Rank.builtinIDs.joined(separator: ", "))), a stored metric, or a stored estimator (scores from `nasbench score` or an ingested table). A built-in \
            name wins over a stored estimator of the same name; prefix metric:, estimator: or builtin: to say which. \
            An estimator with several runs needs one picked: name@{"settings":"json"}, name@seed=N or name@run=N. \
            With --csv each is a column (or a built-in score, computed when the file has no such column). NaN, \
            infinite, empty and failed scores are dropped and counted, never turned into numbers. Several scores \
            give one table and their Spearman correlation matrix; --variance treats them as repetitions (seeds, \
            batches, checkpoints) and adds the mean and std of every criterion.

            Examples:
              nasbench rank --db nb201.sqlite --score params,flops --truth cifar10_test_acc_200ep_mean --dataset cifar10
              nasbench rank --db nb201.sqlite --score nwot,synflow --truth val_accuracy --dataset cifar10 \
            --benchmark nb201-zero-cost --view deiso --notebook
              nasbench rank --csv scores.csv --score synflow --truth val_accuracy --arch-column arch_str --format json
            """
    )

    @Option(help: "A NASBench database holding the truth metric and the scores.")
    var db: String?

    @Option(help: "A CSV file with one row per architecture (instead of --db).")
    var csv: String?

    @Option(help: "Score sources separated by commas (estimators, metrics, built-in params/flops, or CSV columns).")
    var score: String

    @Option(help: "The ground-truth metric (--db) or column (--csv).")
    var truth: String

    @Option(help: "The dataset (required with --db; with --csv it selects rows by a 'dataset' column, if any).")
    var dataset: String?

    @Option(help: "The benchmark of the truth metric, when several hold one of that name (--db).")
    var benchmark: String?

    @Option(help: "iso (every architecture), deiso (one per isomorphism class) or iso2deiso (class-mean scores).")
    var view: String = "iso"

    @Option(help: "The CSV column holding architectures (default: arch_str when present; rows are numbered otherwise).")
    var archColumn: String?

    @Option(help: "Bucket complexity by quantiles of this score or column instead of NB201's 28 (#1x1, #3x3) levels.")
    var bucketBy: String?

    @Option(help: "Number of quantile buckets for --bucket-by.")
    var buckets: Int = 5

    @Option(help: "The top cutoff of the bias reports, e.g. 5% or 100.")
    var top: String = "5%"

    @Flag(help: "Treat the score columns as repetitions and report the mean and std of every criterion.")
    var variance = false

    @Option(help: "The folder to write the report into (default: reports/rank-<scores>-vs-<truth>-<dataset>-<view>).")
    var output: String?

    @Flag(help: "Also write a Jupyter notebook (nbformat 4) into --notebook-dir.")
    var notebook = false

    @Option(help: "Where --notebook writes the notebook.")
    var notebookDir: String = "notebooks-export"

    @Option(help: "What to print: text, json (the criteria, for scripting) or csv (criteria.csv).")
    var format: OutputFormat = .text

    /// A one-line error about the command's input.
    struct InputError: Error, CustomStringConvertible {
        /// The message.
        let description: String
    }

    /// Checks the options that do not need the input: one input, a known view, a valid cutoff, enough scores.
    func validate() throws {
        guard (db == nil) != (csv == nil) else { throw ValidationError("give exactly one of --db and --csv") }
        if db != nil && dataset == nil { throw ValidationError("--db needs --dataset") }
        guard IsomorphismView(rawValue: view) != nil else {
            throw ValidationError("--view must be iso, deiso or iso2deiso, not '\(view)'")
        }
        guard Cutoff(label: top) != nil else {
            throw ValidationError("--top must be a percentage such as 5% or a count, not '\(top)'")
        }
        guard buckets >= 1 else { throw ValidationError("--buckets must be at least 1") }
        let specifications = Self.split(score)
        guard !specifications.isEmpty, !specifications.contains(where: \.isEmpty) else {
            throw ValidationError("--score must name at least one score, separated by commas")
        }
        if variance && specifications.count < 2 {
            throw ValidationError("--variance needs at least two score columns")
        }
    }

    /// Reads the input, applies the view, evaluates every score and writes the report.
    func run() throws {
        let viewKind = IsomorphismView(rawValue: view)!
        let input = try db.map { try databaseTable(path: $0) } ?? csvTable(path: csv!)
        let viewed = try viewKind.apply(to: input.table, classes: input.classes())
        let study = try RankingStudy(table: viewed, top: Cutoff(label: top)!, buckets: input.buckets, variance: variance)
        let directory = URL(fileURLWithPath: output ?? "reports/\(defaultFolderName(input: input))", isDirectory: true)
        let notebookURL = notebook
            ? URL(fileURLWithPath: notebookDir, isDirectory: true).appendingPathComponent("\(directory.lastPathComponent).ipynb")
            : nil
        let context = RankingReportContext(input: input.description, dataset: dataset, rowOrder: input.rowOrder,
                                           command: Self.commandLine())
        let files = try RankingReportWriter.write(study, context: context, to: directory, notebook: notebookURL)
        switch format {
        case .json:
            print(try jsonString(json(study, directory: directory, files: files)))
        case .csv:
            print(RankingStudyTables.criteria(study).csv(), terminator: "")
        case .text:
            printText(study, directory: directory, files: files, notebook: notebookURL)
        }
    }

    // MARK: - Input

    /// The table read from the input, with how to find its isomorphism classes and buckets.
    struct Input {
        /// The iso table.
        let table: RankingTable
        /// The search space of the architectures (`nb201`, `nb101`, `nb301`), or nil when unknown.
        let searchSpace: SearchSpaceID?
        /// The complexity grouping.
        let buckets: BucketScheme?
        /// How rows were ordered.
        let rowOrder: String
        /// The input for the report, e.g. `database nb201.sqlite`.
        let description: String
        /// A short name of the input for the default output folder.
        let shortName: String

        /// The isomorphism classes of the table's rows: NB201 canonical keys, the space's normalised form for other
        /// stored spaces, and every row its own class when the space is unknown.
        func classes() throws -> IsomorphismClasses {
            switch searchSpace {
            case .nb201:
                return try IsomorphismClasses.nb201(table.architectures)
            case let .some(space):
                return try IsomorphismClasses(keys: table.architectures.map { try space.canonicalKey(for: $0) },
                                              preference: Array(table.architectures.indices))
            case nil:
                return IsomorphismClasses.singletons(count: table.count)
            }
        }
    }

    /// Reads the truth and every score from the database.
    func databaseTable(path: String) throws -> Input {
        let store = try BenchmarkDatabase(path: path)
        let dataset = dataset!
        let truthValues = try store.metricValues(truth, dataset: dataset, benchmark: benchmark)
        let space = SearchSpaceID(rawValue: truthValues.searchSpace)
        let architectures = Array(truthValues.values.keys)
        func resolve(_ specification: String) throws -> ScoreInput {
            try scoreInput(specification, store: store, dataset: dataset, space: space, architectures: architectures)
        }
        let scores = try Self.split(score).map(resolve)
        var buckets: BucketScheme? = space == .nb201 ? .nb201ComplexityLevels : nil
        var covariates: [ScoreInput] = []
        if let bucketBy {
            covariates = [try resolve(bucketBy)]
            buckets = .quantiles(covariate: covariates[0].name, count: self.buckets)
        } else if space != .nb201, let flops = try? resolve("flops") {
            covariates = [flops]
            buckets = .quantiles(covariate: flops.name, count: self.buckets)
        }
        let order: (String, String) -> Bool
        let rowOrder: String
        if space == .nb201 {
            let index = Dictionary(uniqueKeysWithValues: architectures.map {
                ($0, (try? NB201Architecture(archString: $0).index) ?? Int.max)
            })
            order = { (index[$0]!, $0) < (index[$1]!, $1) }
            rowOrder = "NB201 enumeration index (the 6-choice encoding read in base 5)"
        } else {
            order = (<)
            rowOrder = "architecture string"
        }
        let table = try RankingTable.join(truthName: truth, truth: truthValues.values, scores: scores,
                                          covariates: covariates, by: order)
        return Input(table: table, searchSpace: space, buckets: buckets, rowOrder: rowOrder,
                     description: "database `\(path)`, truth metric `\(truth)` of benchmark "
                        + "`\(truthValues.descriptor.benchmark)` (\(truthValues.searchSpace))",
                     shortName: dataset)
    }

    /// Resolves one `--score` entry against the database.
    func scoreInput(_ specification: String, store: BenchmarkDatabase, dataset: String, space: SearchSpaceID?,
                    architectures: [String]) throws -> ScoreInput {
        func builtin(_ name: String) throws -> ScoreInput {
            guard space == .nb201 else {
                throw InputError(description: "built-in score '\(name)' needs NB201 architectures; the truth metric's "
                    + "benchmark holds \(space?.rawValue ?? "an unknown search space")")
            }
            return try Self.builtinScore(name, architectures: architectures, dataset: dataset)
        }
        func metric(_ name: String) throws -> ScoreInput {
            let values = try store.metricValues(name, dataset: dataset, benchmark: nil)
            return ScoreInput(name: specification, source: "metric `\(name)` of benchmark `\(values.descriptor.benchmark)`",
                              values: values.values)
        }
        func estimator(_ text: String) throws -> ScoreInput {
            let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let selector = EstimatorRunSelector(text: parts.count == 2 ? parts[1] : "") else {
                throw InputError(description: "run selector '\(parts[1])' of '\(parts[0])' is not a settings JSON "
                    + "object, seed=N or run=N")
            }
            let scores = try store.scores(estimator: parts[0], dataset: dataset, searchSpace: space?.rawValue,
                                          selector: selector)
            return ScoreInput(name: specification, source: "estimator `\(parts[0])`, \(scores.run.summary)"
                                + (scores.run.benchmark.map { ", benchmark `\($0)`" } ?? ""),
                              values: scores.values, failures: scores.failures)
        }
        for (prefix, resolve) in [("builtin:", builtin), ("metric:", metric), ("estimator:", estimator)] as
            [(String, (String) throws -> ScoreInput)] where specification.hasPrefix(prefix) {
            return try resolve(String(specification.dropFirst(prefix.count)))
        }
        if specification.contains("@") { return try estimator(specification) }
        let isMetric = try store.hasMetric(specification, dataset: dataset, benchmark: nil)
        let runs = try store.estimatorRuns(dataset: dataset, estimator: specification, searchSpace: space?.rawValue)
        if Self.builtinIDs.contains(specification) && space == .nb201 {
            if isMetric || !runs.isEmpty {
                FileHandle.standardError.write(Data(("note: '\(specification)' is the built-in score; the database also "
                    + "holds a \(isMetric ? "metric" : "stored estimator") of that name (name it "
                    + "\(isMetric ? "metric" : "estimator"):\(specification))\n").utf8))
            }
            return try builtin(specification)
        }
        switch (isMetric, runs.isEmpty) {
        case (true, false):
            throw InputError(description: "'\(specification)' is both a metric and an estimator on '\(dataset)'; "
                + "write metric:\(specification) or estimator:\(specification)")
        case (true, true):
            return try metric(specification)
        case (false, false):
            return try estimator(specification)
        case (false, true):
            let estimators = Set(try store.estimatorRuns(dataset: dataset, searchSpace: space?.rawValue).map(\.estimator))
            let builtins = space == .nb201 ? "; built-in scores: \(Self.builtinIDs.joined(separator: ", "))" : ""
            throw InputError(description: "no estimator or metric '\(specification)' on dataset '\(dataset)'; "
                + (estimators.isEmpty ? "the database holds no estimator scores there"
                    : "estimators there: \(estimators.sorted().joined(separator: ", "))") + builtins)
        }
    }

    /// Reads the truth and every score column from the CSV file.
    func csvTable(path: String) throws -> Input {
        var file = try ScoreFile(path: path)
        if let dataset, file.hasColumn("dataset") {
            let wanted = DatasetName.normalized(dataset)
            file = try file.filtered(column: "dataset") { DatasetName.normalized($0) == wanted }
        }
        guard !file.rows.isEmpty else {
            throw InputError(description: "\(path): no data rows" + (dataset.map { " for dataset '\($0)'" } ?? ""))
        }
        let architectures: [String]
        if let archColumn {
            architectures = try file.texts(archColumn)
        } else if file.hasColumn("arch_str") {
            architectures = try file.texts("arch_str")
        } else {
            architectures = file.lines.map { "line \($0)" }
        }
        let isNB201 = architectures.allSatisfy { (try? NB201Architecture(archString: $0)) != nil }
        func column(_ name: String) throws -> ScoreColumn {
            if file.hasColumn(name) { return try file.scoreColumn(name, source: "column `\(name)` of `\(path)`") }
            if Self.builtinIDs.contains(name) && isNB201 {
                guard let dataset else {
                    throw InputError(description: "\(path): no column '\(name)'; the built-in score needs --dataset")
                }
                let input = try Self.builtinScore(name, architectures: architectures, dataset: dataset)
                return try ScoreColumn(
                    name: name, source: input.source, values: architectures.map { input.values[$0] ?? .nan },
                    statuses: architectures.map { input.values[$0].map { $0.isFinite ? .value : .nonFinite } ?? .failed })
            }
            throw EvaluationError.missingColumn(path: path, column: name, available: file.header)
        }
        let columns = try Self.split(score).map(column)
        let covariates = try bucketBy.map { [try column($0)] } ?? []
        let buckets: BucketScheme? = bucketBy.map { .quantiles(covariate: $0, count: self.buckets) }
            ?? (isNB201 ? .nb201ComplexityLevels : nil)
        if dataset == nil && file.hasColumn("dataset") && Set(architectures).count < architectures.count {
            throw InputError(description: "\(path): architectures appear more than once and the file has a 'dataset' "
                + "column: choose a dataset with --dataset")
        }
        let table = try RankingTable(architectures: architectures, truthName: truth, truth: file.numbers(truth),
                                     columns: columns, covariates: covariates)
        if !isNB201 && view != "iso" {
            throw InputError(description: "--view \(view) needs NB201 arch strings in the architecture column")
        }
        return Input(table: table, searchSpace: isNB201 ? .nb201 : nil, buckets: buckets,
                     rowOrder: "their order in the CSV file", description: "CSV file `\(path)`",
                     shortName: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
    }

    // MARK: - Built-in scores

    /// Ids of the built-in scores: the catalog's analytic estimators (computed from the architecture alone).
    static var builtinIDs: [String] { EstimatorCatalog.entries.filter(\.isAnalytic).map(\.id) }

    /// The network dataset of `dataset`: the three NB201 datasets, and cifar10-valid (the CIFAR-10 network trained on
    /// another split).
    static func imageDataset(named dataset: String) -> ImageDataset? {
        ImageDataset(name: dataset) ?? (DatasetName.normalized(dataset) == "cifar10-valid" ? .cifar10 : nil)
    }

    /// Scores every architecture with the analytic catalog estimator `id` (default options) for the network of
    /// `dataset`; an estimator failure is kept as a failure, never as a number.
    static func builtinScore(_ id: String, architectures: [String], dataset: String) throws -> ScoreInput {
        guard let entry = EstimatorCatalog.entry(id) else {
            throw InputError(description: "unknown built-in score '\(id)'; built-in scores: "
                + builtinIDs.joined(separator: ", "))
        }
        guard entry.isAnalytic else {
            throw InputError(description: "estimator '\(id)' builds networks: store its scores with `nasbench score` "
                + "and rank them with estimator:\(id)")
        }
        guard let image = imageDataset(named: dataset) else {
            throw InputError(description: "built-in score '\(id)' is defined for cifar10, cifar10-valid, cifar100 and "
                + "imagenet16-120, not for '\(dataset)'")
        }
        let estimator = entry.make(EstimatorOptions())
        let context = ScoringContext(dataset: image, batches: [])
        var values: [String: Double] = [:]
        var failures: [String: String] = [:]
        for text in architectures {
            guard let architecture = try? NB201Architecture(archString: text) else {
                throw InputError(description: "built-in score '\(id)' needs NB201 architectures; '\(text)' is not an "
                    + "NB201 arch string")
            }
            do {
                values[text] = try estimator.score(architecture, context: context)
            } catch {
                failures[text] = "\(error)"
            }
        }
        return ScoreInput(name: id, source: "built-in: estimator `\(id)` \(estimator.settings.canonicalJSON) computed for "
            + "the \(image.rawValue) network", values: values, failures: failures)
    }

    // MARK: - Output

    /// `rank-<scores>-vs-<truth>-<dataset or file>-<view>`, reduced to a safe folder name.
    func defaultFolderName(input: Input) -> String {
        let raw = "rank-\(Self.split(score).joined(separator: "+"))-vs-\(truth)-\(dataset ?? input.shortName)-\(view)"
        let safe = String(raw.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._+-".contains($0)) ? $0 : "_" })
        return String(safe.prefix(150))
    }

    /// The criteria and counts as a JSON object (undefined values are null, their reasons under `undefined`).
    func json(_ study: RankingStudy, directory: URL, files: [URL]) -> [String: Any] {
        func number(_ value: MetricValue) -> Any { value.isDefined ? value.value : NSNull() }
        var object: [String: Any] = [
            "truth": study.table.truthName, "view": study.table.view.rawValue, "rows": study.table.count,
            "truth_only": study.table.truthOnlyCount, "non_finite_truth": study.table.nonFiniteTruthCount,
            "output": directory.path, "files": files.map(\.path),
            "scores": study.evaluations.map { evaluation -> [String: Any] in
                let missing = evaluation.column.missing
                var criteria: [String: Any] = [:]
                var undefined: [String: Any] = [:]
                for entry in evaluation.report.entries {
                    criteria[entry.name] = number(entry.value)
                    if let reason = entry.value.undefinedReason { undefined[entry.name] = reason.rawValue }
                }
                return [
                    "name": evaluation.column.name, "source": evaluation.column.source,
                    "pairs_used": evaluation.sample.count, "pairs_dropped": evaluation.sample.droppedCount,
                    "distinct_scores": evaluation.distinctScores, "criteria": criteria, "undefined": undefined,
                    "missing": ["failed": missing.failed, "non_finite": missing.nonFinite, "absent": missing.absent,
                                "without_truth": missing.withoutTruth,
                                "excluded_from_class_means": missing.excludedFromClassMeans],
                ]
            },
            "correlations": ["names": study.correlations.names,
                             "spearman_rho": study.correlations.values.map { $0.map(number) }],
        ]
        if let dataset { object["dataset"] = dataset }
        if let variance = study.variance {
            object["variance"] = Dictionary(uniqueKeysWithValues: variance.entries.map {
                ($0.name, ["mean": number($0.mean), "std": number($0.standardDeviation), "defined": $0.definedCount] as [String: Any])
            })
        }
        return object
    }

    /// The criteria table, what was dropped, and where the report went.
    func printText(_ study: RankingStudy, directory: URL, files: [URL], notebook: URL?) {
        let names = study.evaluations.map(\.column.name)
        print("Ranked \(names.joined(separator: ", ")) against \(study.table.truthName)"
            + (dataset.map { " on \($0)" } ?? "") + " (view \(study.table.view.rawValue), \(study.table.count) rows)")
        let rows = study.criteria.indices.map { index in
            [study.criteria[index].name] + study.evaluations.map { evaluation -> String in
                let entry = evaluation.report.entries[index]
                let k = entry.k.map { " (k=\($0))" } ?? ""
                if let reason = entry.value.undefinedReason { return "nan: \(reason.description)\(k)" }
                return "\(entry.value.value)\(k)"
            }
        }
        print(TextTable(header: ["criterion"] + names, rows: rows).rendered)
        for evaluation in study.evaluations {
            let missing = evaluation.column.missing
            print("\(evaluation.column.name): \(evaluation.sample.count) pairs used, \(evaluation.sample.droppedCount) "
                + "dropped (failed \(missing.failed), non-finite \(missing.nonFinite), no score \(missing.absent), "
                + "non-finite truth \(study.table.nonFiniteTruthCount)); \(missing.withoutTruth) scored without truth; "
                + "\(evaluation.distinctScores) distinct score\(evaluation.distinctScores == 1 ? "" : "s")")
        }
        print("Wrote \(files.count) files into \(directory.path): report.html, report.md, criteria.csv, …")
        if let notebook { print("Notebook: \(notebook.path)") }
    }

    // MARK: - Parsing

    /// `text` split at commas outside braces (so `name@{"a":"1","b":"2"}` stays whole), entries trimmed.
    static func split(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "{": depth += 1
            case "}": depth = max(0, depth - 1)
            case "," where depth == 0:
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }

    /// The command line as typed, arguments quoted for a POSIX shell where needed.
    static func commandLine() -> String {
        let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_./=:,%+@"))
        let arguments = CommandLine.arguments.dropFirst().map { argument in
            argument.unicodeScalars.allSatisfy(safe.contains) && !argument.isEmpty
                ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        return (["nasbench"] + arguments).joined(separator: " ")
    }
}
