import ArgumentParser
import NASCore
import SearchSpaces

/// `nasbench space`: commands about a whole search space.
struct Space: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect a search space.",
        discussion: """
            Example:
              nasbench space info nb201
            """,
        subcommands: [Info.self, List.self]
    )
}

/// A search-space name accepted on the command line.
enum SearchSpaceName: String, ExpressibleByArgument, CaseIterable {
    /// NAS-Bench-201's topology space.
    case nb201
}

extension Space {
    /// `nasbench space info`: size of the space and of its isomorphism classes.
    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count the cells of a search space and its isomorphism classes.",
            discussion: "Example:\n  nasbench space info nb201 --format json"
        )

        @Argument(help: "The search space: nb201.")
        var space: SearchSpaceName

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            let searchSpace = NB201SearchSpace()
            let merged = searchSpace.classStatistics(mergingZeros: true)
            let unmerged = searchSpace.classStatistics(mergingZeros: false)
            switch format {
            case .json:
                print(try jsonString([
                    "space": space.rawValue,
                    "cells": merged.cellCount,
                    "unique_classes": merged.classCount,
                    "classes_without_zero_merging": unmerged.classCount,
                    "largest_class": merged.largestClassSize,
                    "singleton_classes": merged.singletonCount,
                    "mean_class_size": merged.meanClassSize,
                    "median_class_size": merged.medianClassSize,
                ] as [String: Any]))
            case .text:
                print("""
                    space                         \(space.rawValue)
                    cells                         \(merged.cellCount)
                    unique classes                \(merged.classCount)
                    classes without zero merging  \(unmerged.classCount)
                    largest class                 \(merged.largestClassSize)
                    singleton classes             \(merged.singletonCount)
                    mean class size               \(merged.meanClassSize)
                    median class size             \(merged.medianClassSize)
                    representative rule           smallest enumeration index in the class
                    """)
            case .csv:
                throw ValidationError("space info prints text or json, not csv")
            }
        }
    }

    /// `nasbench space list`: one row per cell with canonical key, params and FLOPs.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the cells of a search space with canonical key, params and FLOPs.",
            discussion: """
                With --unique, only one representative per isomorphism class is listed: the member with the \
                smallest enumeration index (the 6-choice encoding read as a base-5 number).

                Example:
                  nasbench space list nb201 --unique --dataset cifar100 --format csv > nb201_unique.csv
                """
        )

        @Argument(help: "The search space: nb201.")
        var space: SearchSpaceName

        @Flag(help: "List one representative per isomorphism class.")
        var unique = false

        @Option(help: ImageDatasetArgument.help)
        var dataset: ImageDatasetArgument = ImageDatasetArgument(argument: "cifar10")!

        @Option(help: "Output format: csv or json.")
        var format: OutputFormat = .csv

        func run() throws {
            let searchSpace = NB201SearchSpace()
            let cells = unique ? searchSpace.representatives : searchSpace.architectures
            let rows = cells.map { cell in
                (cell, NB201Complexity(cell, dataset: dataset.dataset))
            }
            switch format {
            case .csv, .text:
                var output = "arch,canonical,params_m,flops_m\n"
                for (cell, complexity) in rows {
                    output += "\(cell.archString),\(cell.canonicalKey),"
                    output += "\(complexity.parametersInMillions),\(complexity.flopsInMillions)\n"
                }
                print(output, terminator: "")
            case .json:
                print(try jsonString(rows.map { cell, complexity in
                    [
                        "arch": cell.archString, "canonical": cell.canonicalKey,
                        "params_m": complexity.parametersInMillions, "flops_m": complexity.flopsInMillions,
                    ] as [String: Any]
                }))
            }
        }
    }
}
