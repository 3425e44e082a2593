import ArgumentParser
import Foundation
import NASCore
import RankingMetrics

extension Bench {
    /// `nasbench bench ranking`: times Kendall tau-b and Spearman rho against scipy.stats on the same seeded data.
    struct Ranking: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time Kendall tau-b and Spearman rho against scipy.stats on the same seeded data.",
            discussion: """
                Generates seeded (scores, truth) pairs (15,625 and 1,000,000 pairs; continuous, and NB201-like \
                heavy ties: 28 distinct scores, truth with two decimals), times PairedSample construction plus \
                kendallTauB() / spearmanRho() (best of --repetitions), runs scripts/bench_ranking_scipy.py on the \
                same data (through a temporary binary file) to time scipy.stats.kendalltau / spearmanr the same way, \
                checks that the values agree to 1e-12, and prints a Markdown table with the ratio ours/scipy. \
                Build in release mode for meaningful times.

                Example:
                  swift run -c release nasbench bench ranking --repetitions 5
                """
        )

        @Option(help: "Timed repetitions per measurement; the fastest is reported.")
        var repetitions = 5

        @Option(help: "Seed of the generated data.")
        var seed: UInt64 = 201

        @Option(parsing: .upToNextOption, help: "Sample sizes to generate.")
        var sizes: [Int] = [15_625, 1_000_000]

        @Option(help: "Python interpreter with numpy and scipy.")
        var python = "python3"

        @Option(help: "Path of the scipy timing script.")
        var script = "scripts/bench_ranking_scipy.py"

        /// Rejects repetition counts below 1 and sample sizes below 2.
        func validate() throws {
            guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
            guard !sizes.isEmpty, sizes.allSatisfy({ $0 >= 2 }) else {
                throw ValidationError("--sizes must list sizes of at least 2")
            }
        }

        /// Generates the data, times both implementations, and prints the comparison table.
        func run() async throws {
            guard FileManager.default.fileExists(atPath: script) else {
                throw ValidationError("scipy timing script not found at \(script); run from the project root")
            }
            let datasets = sizes.flatMap { size in
                [Self.dataset(.continuous, size: size, seed: seed), Self.dataset(.heavyTies, size: size, seed: seed)]
            }
            let file = FileManager.default.temporaryDirectory
                .appendingPathComponent("nasbench-bench-ranking-\(ProcessInfo.processInfo.processIdentifier).bin")
            try Self.write(datasets, to: file)
            defer { try? FileManager.default.removeItem(at: file) }

            var ours: [(kendall: Double, kendallSeconds: Double, spearman: Double, spearmanSeconds: Double)] = []
            for dataset in datasets {
                let kendall = try best(of: repetitions) {
                    try PairedSample(scores: dataset.scores, truth: dataset.truth).kendallTauB().value
                }
                let spearman = try best(of: repetitions) {
                    try PairedSample(scores: dataset.scores, truth: dataset.truth).spearmanRho().value
                }
                ours.append((kendall.value, kendall.seconds, spearman.value, spearman.seconds))
            }
            let scipy = try runScipy(on: file)
            guard scipy.count == datasets.count else {
                throw ValidationError("the scipy script returned \(scipy.count) results for \(datasets.count) datasets")
            }

            var allAgree = true
            var lines = [
                "| data | n | distinct scores | statistic | ours (ms) | scipy (ms) | ours/scipy | agree (1e-12) |",
                "|---|---:|---:|---|---:|---:|---:|---|",
            ]
            for (index, dataset) in datasets.enumerated() {
                let mine = ours[index], theirs = scipy[index]
                let rows = [
                    ("kendall tau-b", mine.kendall, mine.kendallSeconds, theirs.kendall, theirs.kendall_seconds),
                    ("spearman rho", mine.spearman, mine.spearmanSeconds, theirs.spearman, theirs.spearman_seconds),
                ]
                for (statistic, value, seconds, reference, referenceSeconds) in rows {
                    let agree = abs(value - reference) <= 1e-12
                    allAgree = allAgree && agree
                    lines.append(
                        "| \(dataset.kind.rawValue) | \(dataset.scores.count) | \(dataset.distinctScores) | "
                            + "\(statistic) | \(Self.milliseconds(seconds)) | \(Self.milliseconds(referenceSeconds)) | "
                            + "\(String(format: "%.3f", seconds / referenceSeconds)) | "
                            + (agree ? "yes" : "NO (\(value) vs \(reference))") + " |"
                    )
                }
            }
            print("Best of \(repetitions) repetitions, seed \(seed); ours = PairedSample(scores:truth:) + statistic.")
            print(lines.joined(separator: "\n"))
            if !allAgree { throw ExitCode.failure }
        }

        /// How the generated data is tied.
        enum DataKind: String {
            /// Truth uniform in [0, 1) from 53 random bits, scores = truth + uniform noise: no ties.
            case continuous
            /// NB201-like: truth = accuracy with two decimals (10,000 levels), scores in 28 distinct levels.
            case heavyTies = "heavy-ties"
        }

        /// One generated sample.
        struct Dataset {
            let kind: DataKind
            let scores: [Double]
            let truth: [Double]
            let distinctScores: Int
        }

        /// Generates `size` seeded pairs of `kind` (two 64-bit draws per pair from NASCore's SeededGenerator).
        static func dataset(_ kind: DataKind, size: Int, seed: UInt64) -> Dataset {
            var generator = SeededGenerator(seed: seed, stream: UInt64(size) &* 2 &+ (kind == .continuous ? 0 : 1))
            var scores = [Double](), truth = [Double]()
            scores.reserveCapacity(size)
            truth.reserveCapacity(size)
            for _ in 0..<size {
                let a = generator.next(), b = generator.next()
                switch kind {
                case .continuous:
                    let value = Double(a >> 11) * 0x1p-53
                    truth.append(value)
                    scores.append(value + Double(b >> 11) * 0x1p-53)
                case .heavyTies:
                    let level = a % 10_000
                    truth.append(Double(level) / 100)
                    scores.append(Double((level + b % 4_000) / 500) * 0.25)
                }
            }
            return Dataset(kind: kind, scores: scores, truth: truth, distinctScores: Set(scores).count)
        }

        /// Writes the datasets in the script's little-endian format: count, then per dataset n, scores, truth.
        static func write(_ datasets: [Dataset], to file: URL) throws {
            var data = Data()
            func append(_ value: UInt64) {
                withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
            }
            append(UInt64(datasets.count))
            for dataset in datasets {
                append(UInt64(dataset.scores.count))
                for value in dataset.scores { append(value.bitPattern) }
                for value in dataset.truth { append(value.bitPattern) }
            }
            try data.write(to: file)
        }

        /// One dataset's result from the scipy script.
        struct ScipyResult: Decodable {
            let n: Int
            let kendall: Double
            let spearman: Double
            let kendall_seconds: Double
            let spearman_seconds: Double
        }

        /// Runs the scipy script on `file` and decodes its JSON output.
        func runScipy(on file: URL) throws -> [ScipyResult] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [python, script, file.path, "--repetitions", "\(repetitions)"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw ValidationError("\(python) \(script) failed with status \(process.terminationStatus)")
            }
            return try JSONDecoder().decode([ScipyResult].self, from: data)
        }

        /// Runs `body` `repetitions` times and returns its last value and the fastest wall-clock time in seconds.
        func best(of repetitions: Int, _ body: () throws -> Double) rethrows -> (value: Double, seconds: Double) {
            var fastest = Double.infinity
            var value = Double.nan
            let clock = ContinuousClock()
            for _ in 0..<repetitions {
                let start = clock.now
                value = try body()
                let elapsed = clock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                fastest = min(fastest, seconds)
            }
            return (value, fastest)
        }

        /// Seconds as milliseconds with three decimals.
        static func milliseconds(_ seconds: Double) -> String {
            String(format: "%.3f", seconds * 1000)
        }
    }
}
