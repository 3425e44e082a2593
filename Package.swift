// swift-tools-version:6.0
import PackageDescription

/// Flags for the SIMD kernel targets: unchecked optimisation; the AVX-512 copy also targets that instruction set
/// (chosen at run time by CPUID, so the binary still runs on CPUs without it).
let kernelFlags: [String] = ["-Ounchecked"]
#if arch(x86_64)
let avx512Flags = ["-target-cpu", "skylake-avx512"]
#else
let avx512Flags: [String] = []
#endif

let package = Package(
    name: "NASBench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nasbench", targets: ["nasbench"]),
        .library(name: "NASCore", targets: ["NASCore"]),
        .library(name: "SearchSpaces", targets: ["SearchSpaces"]),
        .library(name: "RankingMetrics", targets: ["RankingMetrics"]),
        .library(name: "Evaluation", targets: ["Evaluation"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "TensorEngine", targets: ["TensorEngine"]),
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
        // Ranking criteria (NAS-agnostic): arrays in, numbers out.
        .target(name: "RankingMetrics", dependencies: ["NASCore"]),
        // HDF5, as Debian's libhdf5 (serial) provides it, with a shim for the macros Swift cannot import.
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),
        // A small safe Swift wrapper over libhdf5: files, groups, datasets, attributes.
        .target(name: "HDF5", dependencies: ["CHDF5"]),
        // zlib, for gzip-compressed dataset files.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Image datasets (NAS-agnostic): CIFAR-10 binary and IDX readers, normalisation, seeded batches.
        .target(name: "ImageData", dependencies: ["NASCore", "CZlib"]),
        // SIMD kernels compiled twice: for AVX-512 and portable; the engine picks one at run time.
        .target(name: "TensorKernelsAVX512", swiftSettings: [
            .define("TENSOR_KERNELS_FMA"), .unsafeFlags(kernelFlags + avx512Flags),
        ]),
        .target(name: "TensorKernelsPortable", swiftSettings: [.unsafeFlags(kernelFlags)]),
        // The CPU tensor engine (NAS-agnostic): tensors, primitive ops with backward, HVP, optimisers.
        .target(name: "TensorEngine", dependencies: ["NASCore", "TensorKernelsAVX512", "TensorKernelsPortable"]),
        // NB201 networks on the tensor engine: an architecture in, a trainable network out.
        .target(name: "Networks", dependencies: ["NASCore", "SearchSpaces", "TensorEngine"]),
        // Training loops: SGD with a cosine schedule, evaluation.
        .target(name: "Training", dependencies: ["Networks", "ImageData", "TensorEngine"]),
        // Performance estimators: the protocol, the catalog (one line each) and one file per estimator.
        .target(name: "Estimators", dependencies: ["NASCore", "SearchSpaces", "ImageData", "Networks", "TensorEngine"]),
        // Ranking studies on top of RankingMetrics: NB201 views, bias buckets, variance; arrays and CSV in, never SQL.
        .target(
            name: "Evaluation",
            dependencies: ["NASCore", "SearchSpaces", "RankingMetrics", .product(name: "CSV", package: "CSV.swift")]
        ),
        // Reports: CSV, Markdown, self-contained HTML with inline SVG plots, Jupyter notebooks.
        .target(name: "Reports", dependencies: ["Evaluation", "RankingMetrics", "SearchSpaces"]),
        // Search strategies in ask/tell form (one file each + a catalog); they never see a benchmark.
        .target(name: "SearchStrategies", dependencies: ["NASCore", "SearchSpaces"]),
        // The search loop on TabularBenchmark: simulated clock, budgets, dedup, trajectories, multi-run driver, Pareto fronts.
        .target(name: "SearchEvaluation", dependencies: ["NASCore", "SearchSpaces", "SearchStrategies"]),
        // Search reports: Markdown, CSV, JSON and SVG (anytime curves, Pareto fronts).
        .target(name: "SearchReports", dependencies: ["SearchEvaluation", "SearchStrategies", "SearchSpaces"]),
        // Benchmark tables: the model, validation, the HDF5 layout, CSV and NASLib-JSON importers.
        .target(
            name: "BenchmarkTables",
            dependencies: ["NASCore", "SearchSpaces", "HDF5", .product(name: "CSV", package: "CSV.swift")]
        ),
        // SQLite, as Debian's libsqlite3 provides it.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // The SQLite benchmark store: schema, ingestion, queries (the TabularBenchmark implementation).
        .target(name: "BenchmarkStore", dependencies: ["CSQLite", "BenchmarkTables", "SearchSpaces", "NASCore"]),
        // The command-line tool: the only place concrete types are chosen.
        .executableTarget(
            name: "nasbench",
            dependencies: [
                "NASCore", "SearchSpaces", "BenchmarkTables", "BenchmarkStore", "RankingMetrics", "Estimators", "ImageData", "Evaluation", "Reports", "SearchStrategies", "SearchEvaluation", "SearchReports", "Networks", "Training", "TensorEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SearchSpacesTests",
            dependencies: ["SearchSpaces", "NASCore", .product(name: "CSV", package: "CSV.swift")]
        ),
        .testTarget(name: "HDF5Tests", dependencies: ["HDF5"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "RankingMetrics", "SearchSpaces", "NASCore"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Evaluation", "RankingMetrics"]),
        .testTarget(
            name: "SearchStrategiesTests",
            dependencies: ["SearchStrategies", "SearchEvaluation", "SearchReports", "Networks", "Training", "TensorEngine", "SearchSpaces", "NASCore",
                           "BenchmarkStore", "BenchmarkTables"]
        ),
        .testTarget(name: "TensorEngineTests", dependencies: ["TensorEngine", "NASCore"]),
        .testTarget(name: "NetworksTests", dependencies: ["Networks", "TensorEngine", "SearchSpaces", "NASCore", "HDF5"]),
        .testTarget(
            name: "EstimatorsTests",
            dependencies: ["Estimators", "Networks", "TensorEngine", "SearchSpaces", "ImageData", "NASCore", "HDF5"]
        ),
        .testTarget(name: "ImageDataTests", dependencies: ["ImageData", "NASCore"]),
        .testTarget(name: "RankingMetricsTests", dependencies: ["RankingMetrics", "NASCore"]),
        .testTarget(
            name: "BenchmarkStoreTests",
            dependencies: ["BenchmarkStore", "BenchmarkTables", "NASCore", "SearchSpaces",
                           .product(name: "CSV", package: "CSV.swift")]
        ),
        .testTarget(
            name: "NASBenchCLITests",
            dependencies: ["nasbench", "NASCore", "BenchmarkStore", .product(name: "CSV", package: "CSV.swift")]
        ),
    ]
)
