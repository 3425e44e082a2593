import ArgumentParser
import BenchmarkStore

/// `nasbench top`: the best architectures by one metric.
struct Top: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the k best architectures by a metric (largest first, smallest for lower-is-better metrics).",
        discussion: """
            Ties keep the order in which architectures were stored. With --unique, only the best member of each \
            isomorphism class is listed.

            Example:
              nasbench top --db nb201.sqlite --metric cifar10_test_acc_200ep_mean --dataset cifar10 -k 10 --unique
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The metric to rank by.")
    var metric: String

    @Option(help: "The dataset of the metric.")
    var dataset: String

    @Option(name: .short, help: "How many architectures to list.")
    var k: Int = 10

    @Flag(help: "One architecture per isomorphism class.")
    var unique = false

    @Option(help: "The benchmark, when several hold a metric of this name.")
    var benchmark: String?

    @Option(help: "Output format: text, csv or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard k >= 1 else { throw ValidationError("-k must be at least 1") }
    }

    func run() throws {
        let ranked = try database.open().top(metric: metric, dataset: dataset, count: k, unique: unique, benchmark: benchmark)
        switch format {
        case .json:
            print(try jsonString(ranked.enumerated().map { rank, entry in
                ["rank": rank + 1, "arch": entry.architecture.arch, "canonical": entry.architecture.canonical,
                 "value": entry.value] as [String: Any]
            }))
        case .csv:
            print("rank,arch,canonical,\(metric)")
            for (rank, entry) in ranked.enumerated() {
                print("\(rank + 1),\(entry.architecture.arch),\(entry.architecture.canonical),\(entry.value)")
            }
        case .text:
            let rows = ranked.enumerated().map { rank, entry in ["\(rank + 1)", "\(entry.value)", entry.architecture.arch] }
            print(TextTable(header: ["rank", metric, "arch"], rows: rows).rendered)
        }
    }
}
