import Foundation
import SearchSpaces

/// Reads NASLib's zero-cost benchmark JSON (NAS-Bench-Suite-Zero) into a `BenchmarkTable`.
///
/// The format: `{ "<dataset>": { "<arch key>": { "id": n, "val_accuracy": a, "<proxy>": {"score": s, "time": t},
/// … } } }`. NB201 keys are NASLib op-index tuples (see `NASLibArchitectureKey`); NB101 keys are the flattened
/// adjacency matrix followed by op indices; NB301 keys are DARTS genotypes. Python's `NaN` and `-Infinity`
/// tokens are accepted. Each proxy becomes an estimator-score column (non-finite scores are failed scores),
/// its time a `<proxy>_time_s` cost column, and `val_accuracy` a ground-truth column.
public enum NASLibZeroCostImporter {
    /// Reads `url` as NASLib zero-cost JSON for `searchSpace`, naming the table `benchmark`.
    public static func importTable(json url: URL, searchSpace: SearchSpaceID, benchmark: String) throws(BenchmarkFileError) -> BenchmarkTable {
        let file = url.path
        func fail(_ problem: String) -> BenchmarkFileError { BenchmarkFileError(file: file, problem: problem) }
        guard FileManager.default.fileExists(atPath: file) else { throw fail("no such file") }
        let document: [String: [String: ArchitectureEntry]]
        do {
            let decoder = JSONDecoder()
            decoder.allowsJSON5 = true
            document = try decoder.decode([String: [String: ArchitectureEntry]].self, from: Data(contentsOf: url))
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw fail("not valid JSON")
        } catch let error as DecodingError {
            throw fail("not NASLib zero-cost JSON: \(Self.describe(error))")
        } catch {
            throw fail("cannot read the file")
        }
        guard !document.isEmpty else { throw fail("the file holds no datasets") }

        var architectures: [String] = []
        var indices: [Int64?] = []
        var rowOf: [String: Int] = [:]
        var blocks: [DatasetBlock] = []
        for datasetKey in document.keys.sorted() {
            let entries = document[datasetKey]!
            let proxies = Set(entries.values.flatMap { $0.proxies.keys }).sorted()
            var rows: [Int] = []
            var accuracy: [Double] = []
            var scores = [[Double]](repeating: [], count: proxies.count)
            var times = [[Double]](repeating: [], count: proxies.count)
            for key in entries.keys.sorted() {
                let entry = entries[key]!
                let architecture: String
                do {
                    architecture = searchSpace == .nb201
                        ? try NASLibArchitectureKey.architecture(from: key).archString
                        : try searchSpace.normalizedForm(of: key)
                } catch {
                    throw fail("dataset '\(datasetKey)': \(error)")
                }
                let row: Int
                if let existing = rowOf[architecture] {
                    row = existing
                } else {
                    row = architectures.count
                    rowOf[architecture] = row
                    architectures.append(architecture)
                    indices.append(entry.id)
                }
                rows.append(row)
                guard let value = entry.validationAccuracy else {
                    throw fail("dataset '\(datasetKey)', architecture '\(key)' has no val_accuracy")
                }
                accuracy.append(value)
                for (offset, proxy) in proxies.enumerated() {
                    scores[offset].append(entry.proxies[proxy]?.score ?? .nan)
                    times[offset].append(entry.proxies[proxy]?.time ?? .nan)
                }
            }
            let settings = #"{"source":"NASLib zero-cost JSON"}"#
            var columns = [MetricColumn(name: "val_accuracy", unit: "%", role: .groundTruth, higherIsBetter: true,
                                        values: accuracy, description: "validation accuracy as published with the scores")]
            for (offset, proxy) in proxies.enumerated() {
                columns.append(MetricColumn(name: proxy, role: .estimatorScore, values: scores[offset],
                                            estimator: EstimatorRecord(id: proxy, settingsJSON: settings, seed: nil)))
                columns.append(MetricColumn(name: "\(proxy)_time_s", unit: "s", role: .cost, higherIsBetter: false,
                                            allowsMissing: true, values: times[offset],
                                            description: "seconds the proxy took, as published"))
            }
            blocks.append(DatasetBlock(dataset: DatasetName.normalized(datasetKey), architectureRows: rows, columns: columns))
        }
        for index in blocks.indices where blocks[index].architectureRows == Array(0..<architectures.count) {
            blocks[index].architectureRows = nil
        }
        let allIndexed = indices.allSatisfy { $0 != nil }
        let table = BenchmarkTable(
            identity: BenchmarkIdentity(name: benchmark, searchSpace: searchSpace, source: "NASLib zero-cost JSON",
                                        licence: "", description: "imported from \(url.lastPathComponent)"),
            architectures: architectures, benchmarkIndices: allIndexed ? indices.map { $0! } : nil, blocks: blocks)
        try table.validate(file: file)
        return table
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "unexpected value at \(path)"
        case let .keyNotFound(key, context):
            return "missing '\(key.stringValue)' at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        @unknown default:
            return "\(error)"
        }
    }

    /// One architecture's record: its id, validation accuracy and every proxy's score and time.
    private struct ArchitectureEntry: Decodable {
        let id: Int64?
        let validationAccuracy: Double?
        let proxies: [String: ProxyResult]

        struct ProxyResult: Decodable {
            let score: Double
            let time: Double?
        }

        struct Key: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            var id: Int64?
            var accuracy: Double?
            var proxies: [String: ProxyResult] = [:]
            for key in container.allKeys {
                switch key.stringValue {
                case "id": id = try container.decode(Int64.self, forKey: key)
                case "val_accuracy": accuracy = try container.decode(Double.self, forKey: key)
                default: proxies[key.stringValue] = try container.decode(ProxyResult.self, forKey: key)
                }
            }
            self.id = id
            validationAccuracy = accuracy
            self.proxies = proxies
        }
    }
}
