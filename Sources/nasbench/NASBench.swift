import ArgumentParser

/// The `nasbench` command: the root that lists every subcommand.
@main
struct NASBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nasbench",
        abstract: "Neural architecture search benchmarks: search spaces, estimators, rankings and searches.",
        discussion: """
            Examples:
              nasbench arch info '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|'
              nasbench space info nb201
              nasbench top --db nb201.sqlite --metric cifar10_test_acc_200ep_mean --dataset cifar10 -k 5
              nasbench rank --db nb201.sqlite --score params,flops --truth cifar10_test_acc_200ep_mean --dataset cifar10
            """,
        subcommands: [Arch.self, Space.self, Import.self, Ingest.self, Query.self, Top.self, Export.self, Score.self, Merge.self, Rank.self, Search.self, Train.self, Bench.self]
    )
}
