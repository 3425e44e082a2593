import Foundation

/// The h5py-written fixtures in datasets/fixtures/hdf5, made by scripts/generate_hdf5_fixtures.py.
enum FixtureFiles {
    /// The package root: three levels above this file (Tests/HDF5Tests/FixtureFiles.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder holding the fixture files.
    static let directory = packageRoot.appendingPathComponent("datasets/fixtures/hdf5", isDirectory: true)

    /// numeric.h5: arrays of several numeric types and shapes, a scalar, an empty array, a gzip dataset.
    static var numeric: String { path("numeric.h5") }
    /// strings.h5: variable-length UTF-8 and fixed-length byte string arrays.
    static var strings: String { path("strings.h5") }
    /// benchmark.h5: a miniature NAS-Bench table with nested groups and attributes of each kind.
    static var benchmark: String { path("benchmark.h5") }

    /// The path of the fixture `name`.
    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }
}
