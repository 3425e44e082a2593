// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "NASBench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nasbench", targets: ["nasbench"]),
        .library(name: "NASCore", targets: ["NASCore"]),
        .library(name: "SearchSpaces", targets: ["SearchSpaces"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // Vocabulary shared by every module: seeded randomness, datasets, errors. No dependencies.
        .target(name: "NASCore"),
        // Search spaces (NAS-Bench-201): architectures, isomorphism, enumeration, complexity.
        .target(name: "SearchSpaces", dependencies: ["NASCore"]),
        // Benchmark tables in memory: the model, validation, CSV and NASLib-JSON importers.
        .target(
            name: "BenchmarkTables",
            dependencies: ["NASCore", "SearchSpaces", .product(name: "CSV", package: "CSV.swift")]
        ),
        // SQLite, as Debian's libsqlite3 provides it.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // The SQLite benchmark store: schema, ingestion, queries (the TabularBenchmark implementation).
        .target(name: "BenchmarkStore", dependencies: ["CSQLite", "BenchmarkTables", "SearchSpaces", "NASCore"]),
        // The command-line tool: the only place concrete types are chosen.
        .executableTarget(
            name: "nasbench",
            dependencies: [
                "NASCore", "SearchSpaces",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SearchSpacesTests",
            dependencies: ["SearchSpaces", "NASCore", .product(name: "CSV", package: "CSV.swift")]
        ),
        .testTarget(name: "BenchmarkStoreTests", dependencies: ["BenchmarkStore", "BenchmarkTables", "NASCore", "SearchSpaces"]),
        .testTarget(name: "NASBenchCLITests", dependencies: ["nasbench", "NASCore"]),
    ]
)
