import ArgumentParser
import BenchmarkStore
import Estimators
import Foundation
import ImageData
import NASCore
import SearchSpaces
import TensorEngine

/// `nasbench score`: scores NB201 architectures with estimators and stores every score with its settings.
struct Score: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score architectures with estimators; resumable, shardable, stored with every setting.",
        discussion: """
            Estimators: \(EstimatorCatalog.entries.map { "\($0.id) (\($0.summary))" }.joined(separator: "; ")).

            Scores are written in batches, each in a transaction; re-running the same command skips what is \
            stored, so an interrupted scan resumes. Failed scores (NaN, singular matrices) are stored as failures \
            with their reason. Every setting that changes a score is stored with it (the estimator run's \
            settings). --shard i/n scores every n-th architecture from the i-th, for job arrays; \
            `nasbench merge` combines the shards. Input images: a class-stratified held-out split (500 per class, \
            seed 0) of ../shared/data/cifar10/train_20k.bin, first --batches batches of --batch images, no \
            augmentation; with several batches an estimator's score is the mean of its per-batch scores.

            Estimators given together are scored together on each architecture: snip, grad_norm and plain \
            share one backward pass. --jobs architectures are scored in parallel and the engine's kernels get \
            cores/jobs threads each (one each at the default, which keeps both cores busy without contention).
            Progress goes to standard error: a live line on a terminal, otherwise a line every 30 seconds.

            Examples:
              nasbench score --db nb201.sqlite --estimators params,flops --archs all --data cifar10
              nasbench score --db nb201.sqlite --estimators relu_logdet --archs all --batch 128
              nasbench score --db nb201.sqlite --estimators snip,grad_norm,plain,fisher --archs sample:1000 --batch 64
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Comma-separated estimator ids.")
    var estimators: String

    @Option(help: "all, unique (one per isomorphism class), sample:N (seeded) or file:PATH (one arch string per line).")
    var archs = "all"

    @Option(help: "Dataset the scores are for: cifar10, cifar100 or imagenet16-120.")
    var data = "cifar10"

    @Option(help: "CIFAR-10 binary file the input batches come from (default: ../shared/data/cifar10/train_20k.bin).")
    var dataFile: String?

    @Option(help: "Images per batch.")
    var batch = 128

    @Option(help: "Number of batches averaged.")
    var batches = 1

    @Option(help: "Seed of initial weights and of sample:N.")
    var seed: UInt64 = 0

    @Flag(help: "Score one member per isomorphism class and store its score for the whole class.")
    var unique = false

    @Option(help: "Score only shard i of n (0-based), e.g. 0/4.")
    var shard: String?

    @Option(help: "Architectures scored in parallel (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Initial weights: pytorch (module defaults, as the reference implementations) or nb201 (Kaiming-normal fan-out).")
    var initialization = NetworkInitialization.pytorch.rawValue

    @Option(help: "relu_logdet's ReLUs: all (every ReLU with every edge evaluated, as the references) or live (live edges only).")
    var relus = NASWOT.ReLUSelection.all.rawValue

    @Option(help: "jacob_cov's differentiated output: summed (Σ logits, the reference's) or label (each sample's label logit).")
    var jacobianOutput = JacobianCovariance.Output.summedLogits.rawValue

    @Flag(help: "Report synflow as log(score), as NASLib's published column.")
    var synflowLog = false

    @Flag(help: "Give the cell batch norms an affine transform (NB201's training networks; the references score without).")
    var cellBatchNormAffine = false

    @Option(help: "Channels of the first stage, C.")
    var channels = 16

    @Option(help: "Cells per stage, N.")
    var cells = 5

    func run() throws {
        guard let dataset = ImageDataset(name: data) else {
            throw ValidationError("unknown dataset '\(data)'; use cifar10, cifar100 or imagenet16-120")
        }
        let entries = try estimators.split(separator: ",").map { id -> EstimatorCatalog.Entry in
            guard let entry = EstimatorCatalog.entry(String(id)) else {
                throw ValidationError("unknown estimator '\(id)'; known: \(EstimatorCatalog.entries.map(\.id).joined(separator: ", "))")
            }
            return entry
        }
        let (shardIndex, shardCount) = try parseShard()
        var selection = try selectArchitectures()
        selection = selection.enumerated().filter { $0.offset % shardCount == shardIndex }.map(\.element)

        var options = EstimatorOptions()
        options.batchSize = batch
        options.batches = batches
        options.seed = seed
        options.channels = channels
        options.cellsPerStage = cells
        options.cellBatchNormAffine = cellBatchNormAffine
        options.synflowLogarithm = synflowLog
        guard let scheme = NetworkInitialization(rawValue: initialization) else {
            throw ValidationError("--initialization takes pytorch or nb201; got '\(initialization)'")
        }
        options.initialization = scheme
        guard let reluSelection = NASWOT.ReLUSelection(rawValue: relus) else {
            throw ValidationError("--relus takes all or live; got '\(relus)'")
        }
        options.reluSelection = reluSelection
        guard let output = JacobianCovariance.Output(rawValue: jacobianOutput) else {
            throw ValidationError("--jacobian-output takes summed or label; got '\(jacobianOutput)'")
        }
        options.jacobianOutput = output
        guard batch >= 2, batches >= 1 else { throw ValidationError("--batch must be at least 2 and --batches at least 1") }
        let jobs = max(1, self.jobs)
        EngineSettings.threadCount = max(1, ProcessInfo.processInfo.activeProcessorCount / jobs)
        var inputs: [ImageBatch] = []
        if entries.contains(where: \.needsData) {
            guard dataset == .cifar10 else {
                throw ValidationError("images are available for cifar10 only; \(data) supports data-free estimators")
            }
            let file = dataFile.map { URL(fileURLWithPath: $0) } ?? ReferenceData.directory(
                projectRoot: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).appendingPathComponent("cifar10/train_20k.bin")
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw FileError(file: file.path, problem: "no such file (pass --data-file, or set "
                    + "\(ReferenceData.environmentVariable) to the reference data directory)")
            }
            let loaded = try ScoringInputs.cifar10Batches(file: file, batchSize: batch, batches: batches)
            inputs = loaded.batches
            options.dataDescription = loaded.description
        }
        let context = ScoringContext(dataset: dataset, batches: inputs)
        let store = try database.open(create: true)
        var estimators: [any Estimator] = []
        var runs: [Int64] = []
        var done: [Set<String>] = []
        var descriptions: [String] = []
        for entry in entries {
            let estimator = entry.make(options)
            var settings = estimator.settings
            if unique { settings = settings.merging(["dedup": .text("isomorphism-class")]) }
            let seedValue: Int64? = if case let .integer(value)? = settings.values["seed"] { Int64(value) } else { nil }
            let run = try store.openEstimatorRun(EstimatorRunKey(
                estimator: estimator.id, searchSpace: .nb201, dataset: dataset.rawValue,
                settingsJSON: settings.canonicalJSON, seed: seedValue))
            estimators.append(estimator)
            runs.append(run)
            done.append(try store.recordedArchitectures(run: run))
            descriptions.append("run \(run), settings \(settings.canonicalJSON)")
        }
        let start = Date()
        let scan = ScoringScan(estimators: estimators, context: context, unique: unique, jobs: jobs)
        let outcomes = try scan.run(selection, pending: { architecture in
            Set(done.indices.filter { !done[$0].contains(architecture.archString) })
        }, commit: { index, records in
            try store.record(records, run: runs[index], searchSpace: .nb201)
        })
        let seconds = Date().timeIntervalSince(start)
        for (index, estimator) in estimators.enumerated() {
            let already = selection.reduce(0) { $0 + (done[index].contains($1.archString) ? 1 : 0) }
            print("\(estimator.id): \(outcomes[index].scored) scored, \(outcomes[index].failed) failed, \(already) already stored "
                + "(\(descriptions[index]))")
        }
        print(String(format: "%d architectures in %.1f s with %d jobs x %d engine threads", selection.count, seconds,
                     jobs, EngineSettings.threadCount))
    }

    private func parseShard() throws -> (Int, Int) {
        guard let shard else { return (0, 1) }
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (0..<parts[1]).contains(parts[0]) else {
            throw ValidationError("--shard takes i/n with 0 <= i < n, e.g. 0/4; got '\(shard)'")
        }
        return (parts[0], parts[1])
    }

    private func selectArchitectures() throws -> [NB201Architecture] {
        let space = NB201SearchSpace()
        switch archs {
        case "all": return space.architectures
        case "unique": return space.representatives
        case let text where text.hasPrefix("sample:"):
            guard let count = Int(text.dropFirst(7)), (1...NB201Architecture.cellCount).contains(count) else {
                throw ValidationError("sample:N takes N in 1...15625; got '\(text)'")
            }
            var generator = SeededGenerator(seed: seed)
            return Array(space.architectures.shuffled(using: &generator).prefix(count))
        case let text where text.hasPrefix("file:"):
            let path = String(text.dropFirst(5))
            guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("\(path): cannot read the architecture list")
            }
            return try contents.split(whereSeparator: \.isNewline).map { line in
                do { return try NB201Architecture(archString: line.trimmingCharacters(in: .whitespaces)) } catch {
                    throw ValidationError("\(path): \(error)")
                }
            }
        default:
            throw ValidationError("--archs takes all, unique, sample:N or file:PATH; got '\(archs)'")
        }
    }
}
