import ArgumentParser
import BenchmarkStore

/// `nasbench merge`: combines NASBench databases, e.g. the shards of a scan run as a job array.
struct Merge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge NASBench databases (e.g. score --shard outputs) into one.",
        discussion: """
            Rows are matched on natural keys, so the merge of a scan's shards equals the database one machine \
            would have written, and merging a file twice changes nothing. Scores that differ between inputs for \
            the same run are an error, and that input is not merged.

            Example:
              nasbench merge shard0.sqlite shard1.sqlite shard2.sqlite -o all.sqlite
            """
    )

    @Argument(help: "Databases to merge.")
    var inputs: [String]

    @Option(name: [.short, .long], help: "The database to merge into (created when absent).")
    var output: String

    func run() throws {
        let target = try BenchmarkDatabase(path: output, create: true)
        for input in inputs {
            try target.merge(from: input)
            print("merged \(input) into \(output)")
        }
    }
}
