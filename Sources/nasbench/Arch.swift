import ArgumentParser
import NASCore
import SearchSpaces

/// `nasbench arch`: commands about one architecture.
struct Arch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect a single architecture.",
        discussion: """
            Example:
              nasbench arch info '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|'
            """,
        subcommands: [Info.self]
    )
}

extension Arch {
    /// `nasbench arch info`: canonical key, live and dangling edges, op counts, params and FLOPs of one cell.
    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Describe an NB201 architecture: canonical key, edges, op counts, params and FLOPs.",
            discussion: """
                Params and FLOPs follow NAS-Bench-201's conventions (C=16, N=5; every parameter; \
                multiply-accumulates of conv and linear layers; dangling edges still count).

                Example:
                  nasbench arch info '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|' \
                --dataset cifar10 --format json
                """
        )

        @Argument(help: "An NB201 arch string, e.g. '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|'.")
        var arch: String

        @Option(help: ImageDatasetArgument.help)
        var dataset: ImageDatasetArgument = ImageDatasetArgument(argument: "cifar10")!

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            let architecture = try NB201Architecture(archString: arch)
            let complexity = NB201Complexity(architecture, dataset: dataset.dataset)
            let live = architecture.liveEdges
            func edgeNames(live wanted: Bool) -> [String] {
                NB201Architecture.edges.enumerated().compactMap { edge, endpoints in
                    guard architecture.operations[edge] != .none, live[edge] == wanted else { return nil }
                    return "\(endpoints.source)->\(endpoints.target):\(architecture.operations[edge].name)"
                }
            }
            let opCounts = Dictionary(uniqueKeysWithValues: NB201Operation.allCases.map {
                ($0.name, architecture.count(of: $0))
            })
            switch format {
            case .json:
                print(try jsonString([
                    "arch": architecture.archString,
                    "canonical": architecture.canonicalKey,
                    "encoding": architecture.encoding,
                    "dataset": dataset.dataset.rawValue,
                    "params_m": complexity.parametersInMillions,
                    "flops_m": complexity.flopsInMillions,
                    "live_edges": edgeNames(live: true),
                    "dangling_edges": edgeNames(live: false),
                    "op_counts": opCounts,
                ] as [String: Any]))
            case .text:
                let counts = NB201Operation.allCases.map { "\($0.name)=\(architecture.count(of: $0))" }
                print("""
                    arch            \(architecture.archString)
                    canonical       \(architecture.canonicalKey)
                    encoding        \(architecture.encoding.map(String.init).joined(separator: ","))
                    dataset         \(dataset.dataset.rawValue)
                    params (M)      \(complexity.parametersInMillions)
                    FLOPs (M)       \(complexity.flopsInMillions)
                    live edges      \(edgeNames(live: true).joined(separator: " "))
                    dangling edges  \(edgeNames(live: false).joined(separator: " "))
                    op counts       \(counts.joined(separator: " "))
                    """)
            case .csv:
                throw ValidationError("arch info prints text or json, not csv")
            }
        }
    }
}
