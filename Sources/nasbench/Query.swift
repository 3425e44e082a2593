import ArgumentParser
import BenchmarkStore
import Foundation

/// `nasbench query`: every stored metric and score of one architecture.
struct Query: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every stored metric and estimator score of one architecture.",
        discussion: """
            Example:
              nasbench query --db nb201.sqlite \
            --arch '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|' \
            --dataset cifar10 --format json
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The architecture (NB201 arch string, NB101 key or DARTS genotype).")
    var arch: String

    @Option(help: "Only this dataset (default: all).")
    var dataset: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let store = try database.open()
        let architecture = try store.architecture(matching: arch)
        let measurements = try store.measurements(of: architecture, dataset: dataset)
        let scores = try store.scores(of: architecture, dataset: dataset)
        switch format {
        case .json:
            print(try jsonString([
                "arch": architecture.arch,
                "canonical": architecture.canonical,
                "search_space": architecture.searchSpace,
                "measurements": measurements.map { measurement -> [String: Any] in
                    var row: [String: Any] = [
                        "benchmark": measurement.metric.benchmark, "dataset": measurement.metric.dataset,
                        "metric": measurement.metric.name, "unit": measurement.metric.unit,
                        "role": measurement.metric.role, "value": measurement.value,
                    ]
                    if measurement.metric.samplesPerArchitecture > 1 { row["sample"] = measurement.sample }
                    if let epochs = measurement.metric.fidelityEpochs { row["fidelity_epochs"] = epochs }
                    return row
                },
                "scores": scores.map { score -> [String: Any] in
                    var row: [String: Any] = ["estimator": score.estimator, "dataset": score.dataset,
                                              "settings": score.settingsJSON]
                    if let value = score.value { row["value"] = value }
                    if let failure = score.failure { row["failure"] = failure }
                    if let seed = score.seed { row["seed"] = seed }
                    return row
                },
            ] as [String: Any]))
        case .text, .csv:
            print("arch       \(architecture.arch)")
            print("canonical  \(architecture.canonical)")
            let rows = measurements.map { measurement in
                [measurement.metric.benchmark, measurement.metric.dataset,
                 measurement.metric.name + (measurement.metric.samplesPerArchitecture > 1 ? "[\(measurement.sample)]" : ""),
                 "\(measurement.value)", measurement.metric.unit]
            } + scores.map { score in
                ["score", score.dataset, score.estimator, score.value.map { "\($0)" } ?? "failed: \(score.failure ?? "")", ""]
            }
            print(TextTable(header: ["benchmark", "dataset", "metric", "value", "unit"], rows: rows).rendered)
        }
    }
}
