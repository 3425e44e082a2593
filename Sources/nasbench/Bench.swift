import ArgumentParser

/// `nasbench bench`: performance benchmarks, each reported as a ratio against a reference measured in the same run.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a performance benchmark against a reference implementation measured in the same run.",
        discussion: """
            Results and the commands that made them are recorded in docs/PERFORMANCE.md. Build in release mode.

            Example:
              swift build -c release && .build/release/nasbench bench store
            """,
        subcommands: [Store.self, Ranking.self, Search.self, Kernels.self, Network.self, Estimators.self]
    )
}
