import ArgumentParser
import Dispatch
import Estimators
import Foundation
import ImageData
import NASCore
import RankingMetrics
import SearchSpaces
import TensorEngine

extension Bench {
    /// `nasbench bench estimators`: seconds per architecture of our estimators against the PyTorch reference recipes.
    struct Estimators: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time zero-cost estimators per architecture against the PyTorch reference recipes.",
            discussion: """
                Scores the same architectures (sample:N with --seed, NB201, CIFAR-10) with the same input batch \
                (the scoring batch of `nasbench score`: held-out split of train_20k.bin, first --batch images) \
                in NASBench and in scripts/bench_estimators_torch.py, which implements the published recipes: \
                relu_logdet as the NASWOT repository (forward + backward to find the ReLUs backward reaches, \
                then a forward accumulating K), jacob_cov and synflow as zero-cost-nas. Both sides build each \
                network from scratch, so the time is what a scan pays per architecture. Both use --threads \
                threads and score one architecture at a time. Reports the best of --repeats passes over the list \
                per side, the speed-up (PyTorch time / ours) and the Spearman correlation between the two \
                sides' scores (the weights differ: each draws its own, so the ranks, not the values, agree).

                Example:
                  nasbench bench estimators --archs 20 --batch 128 --threads 2 --estimators relu_logdet,jacob_cov,synflow
                """
        )

        @Option(help: "How many architectures to sample.")
        var archs = 20

        @Option(help: "Seed of the architecture sample and of the weights.")
        var seed: UInt64 = 0

        @Option(help: "Images per batch.")
        var batch = 128

        @Option(help: "Threads for both engines.")
        var threads = 2

        @Option(help: "Passes over the architecture list per side (the fastest is kept).")
        var repeats = 2

        @Option(help: "Comma-separated estimator ids.")
        var estimators = "relu_logdet,jacob_cov,synflow"

        @Option(help: "CIFAR-10 binary file of the input batch (default: ../shared/data/cifar10/train_20k.bin).")
        var dataFile: String?

        @Option(help: "The PyTorch script.")
        var torchScript = "scripts/bench_estimators_torch.py"

        @Option(help: "The Python interpreter with torch installed.")
        var python = "python3"

        @Flag(help: "Skip PyTorch (our timings only).")
        var noTorch = false

        /// One estimator's timings and scores on both sides.
        struct Measurement {
            let id: String
            var ours = Double.infinity
            var oursScores: [Double] = []
            var torch = Double.infinity
            var torchScores: [Double] = []
        }

        func validate() throws {
            guard archs >= 2, repeats >= 1, threads >= 1, batch >= 2 else {
                throw ValidationError("--archs and --batch must be at least 2, --repeats and --threads at least 1")
            }
        }

        func run() async throws {
            let ids = estimators.split(separator: ",").map(String.init)
            let entries = try ids.map { id -> EstimatorCatalog.Entry in
                guard let entry = EstimatorCatalog.entry(id) else { throw ValidationError("unknown estimator '\(id)'") }
                return entry
            }
            EngineSettings.threadCount = threads
            var generator = SeededGenerator(seed: seed)
            let architectures = Array(NB201SearchSpace().architectures.shuffled(using: &generator).prefix(archs))
            let file = dataFile.map { URL(fileURLWithPath: $0) } ?? ReferenceData.directory(
                projectRoot: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .appendingPathComponent("cifar10/train_20k.bin")
            let loaded = try ScoringInputs.cifar10Batches(file: file, batchSize: batch, batches: 1)
            var options = EstimatorOptions()
            options.batchSize = batch
            options.seed = seed
            options.dataDescription = loaded.description
            let context = ScoringContext(dataset: .cifar10, batches: loaded.batches)

            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("nasbench-bench-estimators-\(ProcessInfo.processInfo.processIdentifier)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let archFile = directory.appendingPathComponent("archs.txt")
            let batchFile = directory.appendingPathComponent("batch.bin")
            try architectures.map(\.archString).joined(separator: "\n").write(to: archFile, atomically: true, encoding: .utf8)
            try Self.write(loaded.batches[0], to: batchFile)

            var measurements = ids.map { Measurement(id: $0) }
            let loadBefore = Self.loadAverage()
            for (index, entry) in entries.enumerated() {
                let estimator = entry.make(options)
                _ = try? estimator.score(architectures[0], context: context)
                for _ in 0..<repeats {
                    var scores: [Double] = []
                    let start = DispatchTime.now().uptimeNanoseconds
                    for architecture in architectures {
                        scores.append((try? estimator.score(architecture, context: context)) ?? .nan)
                    }
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(architectures.count)
                    measurements[index].ours = min(measurements[index].ours, seconds)
                    measurements[index].oursScores = scores
                }
            }
            var torchNote: String?
            var torchVersion: String?
            if noTorch {
                torchNote = "PyTorch skipped (--no-torch)"
            } else {
                do {
                    let (version, results) = try runTorch(archFile: archFile, batchFile: batchFile, ids: ids)
                    torchVersion = version
                    for index in measurements.indices {
                        if let result = results[measurements[index].id] {
                            measurements[index].torch = result.seconds
                            measurements[index].torchScores = result.scores
                        }
                    }
                } catch {
                    torchNote = "PyTorch timings unavailable: \(error)"
                }
            }
            let loadAfter = Self.loadAverage()
            print(report(measurements, torchVersion: torchVersion, torchNote: torchNote,
                         load: (loadBefore, loadAfter), data: loaded.description))
        }

        /// The batch in the layout the PyTorch script reads: four int32 (N, C, H, W), the float32 images, int32 labels.
        static func write(_ batch: ImageBatch, to url: URL) throws {
            var data = Data()
            for value in batch.shape { withUnsafeBytes(of: Int32(value).littleEndian) { data.append(contentsOf: $0) } }
            batch.images.withUnsafeBufferPointer { data.append(Data(buffer: $0)) }
            for label in batch.labels { withUnsafeBytes(of: label.littleEndian) { data.append(contentsOf: $0) } }
            try data.write(to: url)
        }

        /// The 1-minute load average, or nil where /proc/loadavg is unavailable.
        static func loadAverage() -> Double? {
            guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
            return text.split(separator: " ").first.flatMap { Double($0) }
        }

        /// Runs the PyTorch script; returns its torch version and, per estimator, seconds per architecture and scores.
        func runTorch(archFile: URL, batchFile: URL, ids: [String]) throws -> (String, [String: (seconds: Double, scores: [Double])]) {
            guard FileManager.default.fileExists(atPath: torchScript) else {
                throw ValidationError("\(torchScript) not found (run from the package root or pass --torch-script)")
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [python, torchScript, "bench", "--archs", archFile.path, "--data", batchFile.path,
                                 "--estimators", ids.joined(separator: ","), "--threads", "\(threads)",
                                 "--repeats", "\(repeats)", "--seed", "\(seed)"]
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw ValidationError("\(python) \(torchScript) exited with \(process.terminationStatus): \(errorText)")
            }
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let results = object["results"] as? [[String: Any]] else {
                throw ValidationError("unexpected output from \(torchScript)")
            }
            var byID: [String: (Double, [Double])] = [:]
            for result in results {
                guard let id = result["estimator"] as? String, let seconds = result["seconds_per_arch"] as? Double else { continue }
                byID[id] = (seconds, (result["scores"] as? [Any] ?? []).map { ($0 as? Double) ?? .nan })
            }
            return (object["torch"] as? String ?? "?", byID)
        }

        func report(_ rows: [Measurement], torchVersion: String?, torchNote: String?,
                    load: (Double?, Double?), data: String) -> String {
            func number(_ value: Double, _ digits: Int) -> String {
                value.isFinite ? String(format: "%.\(digits)f", value) : "n/a"
            }
            let loads = [load.0, load.1].map { $0.map { String(format: "%.2f", $0) } ?? "?" }
            var lines = [
                "## Estimator benchmark: \(archs) NB201 architectures (sample seed \(seed)), batch \(batch), \(threads) threads, one architecture at a time",
                "",
                "Input: \(data). Kernels: \(KernelBackend.active.rawValue)"
                    + (torchVersion.map { "; PyTorch \($0) with torch.set_num_threads(\(threads))" } ?? "")
                    + ". Load average before/after: \(loads[0]) / \(loads[1]).",
                "",
                "| estimator | ours s/arch | PyTorch s/arch | speed-up | Spearman(ours, PyTorch) |",
                "|---|---:|---:|---:|---:|",
            ]
            for row in rows {
                var rho = "n/a"
                if row.torchScores.count == row.oursScores.count, !row.oursScores.isEmpty,
                   let sample = try? PairedSample(scores: row.oursScores, truth: row.torchScores) {
                    rho = number(sample.spearmanRho().value, 3)
                }
                lines.append("| \(row.id) | \(number(row.ours, 3)) | \(number(row.torch, 3)) | "
                    + "\(number(row.torch / row.ours, 2))x | \(rho) |")
            }
            if let torchNote { lines += ["", torchNote] }
            return lines.joined(separator: "\n")
        }
    }
}
