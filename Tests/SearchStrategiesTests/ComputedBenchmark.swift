import BenchmarkTables
import NASCore
import SearchSpaces

/// A small benchmark computed from the NB201 cells themselves, for tests: every one of the 15,625 cells gets
/// accuracies from its live operations (NB201Architecture.liveEdges) plus a deterministic per-cell jitter,
/// training times from its parameter count and FLOPs (NB201Complexity), and a latency from its FLOPs.
///
/// Metrics: on `toy`, `final_accuracy` (report), `proxy_accuracy` (signal; 12 points lower and noisier),
/// `latency_ms` (cost); on `toy-valid`, `train-per-time` and `valid-per-time` in seconds, so the NB201
/// 12-epoch cost expression applies unchanged. Disconnected cells score 10 %, as in NB201.
struct ComputedBenchmark: TabularBenchmark {
    /// The metrics as a benchmark table, ready for ingestion into a database.
    let table: BenchmarkTable
    private let columns: [String: (dataset: String, values: [Double])]

    /// Computes the table; `leaving` cells out (by index) makes an incomplete benchmark.
    init(leavingOut omitted: Set<Int> = []) {
        let indices = (0..<NB201Architecture.cellCount).filter { !omitted.contains($0) }
        var final: [Double] = [], proxy: [Double] = [], latency: [Double] = [], train: [Double] = [], valid: [Double] = []
        for index in indices {
            let cell = NB201Architecture(index: index)
            let complexity = NB201Complexity(cell, dataset: .cifar10)
            let live = cell.liveEdges
            func liveCount(_ op: NB201Operation) -> Double {
                Double(zip(cell.operations, live).filter { $0 == op && $1 }.count)
            }
            let accuracy = cell.isConnected
                ? 80 + 2.5 * liveCount(.conv3x3) + 1.5 * liveCount(.conv1x1) + 0.8 * liveCount(.skipConnect)
                    - 0.6 * liveCount(.avgPool3x3) + Self.jitter(index, salt: 1, amplitude: 0.5)
                : 10
            final.append(accuracy)
            proxy.append(cell.isConnected ? accuracy - 12 + Self.jitter(index, salt: 2, amplitude: 3) : 10)
            latency.append(complexity.flopsInMillions / 20 + 0.1 * Double(cell.count(of: .skipConnect)))
            train.append(3 + 8 * complexity.parametersInMillions)
            valid.append(1 + complexity.flopsInMillions / 100)
        }
        let architectures = indices.map { NB201Architecture(index: $0).archString }
        table = BenchmarkTable(
            identity: BenchmarkIdentity(name: "computed", searchSpace: .nb201, source: "SearchStrategiesTests",
                                        licence: "MIT", description: "accuracies computed from live ops, times from params/FLOPs"),
            architectures: architectures,
            blocks: [
                DatasetBlock(dataset: "toy", columns: [
                    MetricColumn(name: "final_accuracy", unit: "%", fidelityEpochs: 200, role: .groundTruth, higherIsBetter: true, values: final),
                    MetricColumn(name: "proxy_accuracy", unit: "%", fidelityEpochs: 12, role: .groundTruth, higherIsBetter: true, values: proxy),
                    MetricColumn(name: "latency_ms", unit: "ms", role: .cost, higherIsBetter: false, values: latency),
                ]),
                DatasetBlock(dataset: "toy-valid", columns: [
                    MetricColumn(name: "train-per-time", unit: "s", role: .cost, higherIsBetter: false, values: train),
                    MetricColumn(name: "valid-per-time", unit: "s", role: .cost, higherIsBetter: false, values: valid),
                ]),
            ])
        var columns: [String: (String, [Double])] = [:]
        for block in table.blocks {
            for column in block.columns { columns[column.name] = (block.dataset, column.values) }
        }
        self.columns = columns
    }

    func metrics(dataset: String?) throws -> [MetricDescriptor] {
        table.blocks.filter { dataset == nil || $0.dataset == dataset }.flatMap { block in
            block.columns.map {
                MetricDescriptor(benchmark: table.identity.name, dataset: block.dataset, name: $0.name, unit: $0.unit,
                                 fidelityEpochs: $0.fidelityEpochs, role: $0.role.rawValue, higherIsBetter: $0.higherIsBetter,
                                 samplesPerArchitecture: 1)
            }
        }
    }

    func values(metric: String, dataset: String) throws -> [String: Double] {
        guard let column = columns[metric], column.dataset == dataset else {
            throw ComputedBenchmarkError(description: "no metric '\(metric)' on dataset '\(dataset)'")
        }
        return Dictionary(uniqueKeysWithValues: zip(table.architectures, column.values))
    }

    /// A deterministic value in [-amplitude/2, amplitude/2) from the cell index (Knuth multiplicative hash).
    static func jitter(_ index: Int, salt: Int, amplitude: Double) -> Double {
        let hashed = (UInt64(index * 4 + salt) &* 2_654_435_761) % 1_000
        return amplitude * (Double(hashed) / 1_000 - 0.5)
    }
}

/// The computed benchmark's one-line error.
struct ComputedBenchmarkError: Error, CustomStringConvertible {
    let description: String
}
