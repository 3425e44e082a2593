import Foundation
import NASCore

/// Locations of the project root and the shared reference data, as seen from the test sources.
enum ProjectPaths {
    /// The package root (the folder holding Package.swift).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A reference-data file, or nil (after printing why the dependent test is skipped) when it is absent.
    static func referenceFile(_ relativePath: String) -> URL? { ReferenceData.fileOrSkip(relativePath, projectRoot: root) }
}
