import ArgumentParser
import Foundation

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Human-readable aligned text.
    case text
    /// One JSON object, for scripting.
    case json
    /// Comma-separated values with a header row.
    case csv
}

extension ImageDatasetArgument {
    /// The dataset option shared by commands that depend on a dataset.
    static let help = ArgumentHelp("Dataset: cifar10, cifar100 or imagenet16-120.")
}

/// A dataset name accepted on the command line.
struct ImageDatasetArgument: ExpressibleByArgument {
    let dataset: ImageDataset

    init?(argument: String) {
        guard let dataset = ImageDataset(name: argument) else { return nil }
        self.dataset = dataset
    }

    static var allValueStrings: [String] { ImageDataset.allCases.map(\.rawValue) }
}

/// Renders a value as pretty-printed JSON with sorted keys.
func jsonString(_ object: Any) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

import NASCore
