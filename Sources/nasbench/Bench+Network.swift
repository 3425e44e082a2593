import ArgumentParser
import Foundation
import NASCore
import Networks
import SearchSpaces
import TensorEngine

extension Bench {
    /// `nasbench bench network`: a whole NB201 network's inference and training throughput and peak memory,
    /// against the same network in PyTorch measured in the same run.
    struct Network: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "network",
            abstract: "Time an NB201 network's inference and training against PyTorch; report GFLOP/s and peak memory.",
            discussion: """
                Builds the NB201 network for --arch (default: all nor_conv_3x3, C=16, N=5, CIFAR-10 shape) in \
                NASBench and, through scripts/bench_network_torch.py, in PyTorch with the same thread count; \
                times inference (no gradients, running BN statistics) and a training step (forward, \
                cross-entropy, backward, SGD update) at each batch size, best of repeated runs; converts to \
                GFLOP/s (2 × multiply-accumulates; a training step counted as 3 forward passes) against the \
                measured multiply-add peak; and measures the peak resident memory of three training steps \
                at the first batch size in fresh processes of both. Build in release mode.

                Example:
                  swift build -c release && .build/release/nasbench bench network --batches 128 64
                """
        )

        @Option(help: "Architecture to build.")
        var arch = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"

        @Option(help: "Channels of the first stage (C).")
        var channels = 16

        @Option(help: "Cells per stage (N).")
        var cells = 5

        @Option(parsing: .upToNextOption, help: "Batch sizes.")
        var batches = [128, 64]

        @Option(help: "Threads for both engines.")
        var threads = 2

        @Option(help: "Minimum timed seconds per measurement.")
        var seconds = 3.0

        @Option(help: "Python interpreter with torch.")
        var python = "python3"

        @Option(help: "Internal: measure the peak memory of training in this process and print it (MiB).")
        var memoryProbe: Int?

        func run() throws {
            let architecture = try NB201Architecture(archString: arch)
            EngineSettings.threadCount = threads
            let shape = NB201NetworkShape(channels: channels, cellsPerStage: cells)
            if let batch = memoryProbe {
                let step = try makeTrainingStep(architecture, shape: shape, batch: batch)
                for _ in 0..<3 { step() }
                print(String(format: "%.1f", Self.peakResidentMiB()))
                return
            }
            let flopsPerImage = 2 * Double(NB201Complexity(architecture, dataset: .cifar10, shape: shape).multiplyAccumulates)
            let peak = ArithmeticPeak.measure(threads: threads)
            var rows: [String] = []
            for batch in batches {
                for mode in ["inference", "training"] {
                    let step = mode == "inference" ? makeInferenceStep(architecture, shape: shape, batch: batch)
                        : try makeTrainingStep(architecture, shape: shape, batch: batch)
                    let ours = Double(batch) / Self.bestSeconds(of: step, minimum: seconds)
                    let torch = try torchNumber(["--mode", mode, "--batch", "\(batch)"], key: "images_per_second")
                    let work = flopsPerImage * (mode == "inference" ? 1 : 3)
                    rows.append("| \(mode) | \(batch) | \(Self.format(ours, 1)) | \(Self.format(torch, 1)) | "
                        + "**\(Self.format(ours / torch, 2))×** | \(Self.format(ours * work / 1e9, 1)) | "
                        + "\(Self.format(100 * ours * work / peak, 0))% | \(Self.format(torch * work / 1e9, 1)) |")
                }
            }
            let batch = batches[0]
            let ourMemory = try probeOwnMemory(batch: batch)
            let torchMemory = try torchNumber(["--mode", "memory", "--batch", "\(batch)"], key: "peak_rss_mib")
            print("""
                ## NB201 network: \(arch), C=\(channels), N=\(cells), CIFAR-10 shape, \(threads) threads

                Measured multiply-add peak: \(Self.format(peak / 1e9, 1)) GFLOP/s. Work per image: \
                \(Self.format(flopsPerImage / 1e6, 1)) MFLOP forward (training step counted as 3×).

                | mode | batch | NASBench images/s | PyTorch images/s | speed-up | NASBench GFLOP/s | % of peak | PyTorch GFLOP/s |
                | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
                \(rows.joined(separator: "\n"))

                Peak resident memory of 3 training steps at batch \(batch) (fresh process each): NASBench \
                \(Self.format(ourMemory, 0)) MiB, PyTorch \(Self.format(torchMemory, 0)) MiB.
                """)
        }

        private func makeInferenceStep(_ architecture: NB201Architecture, shape: NB201NetworkShape, batch: Int) -> () -> Void {
            let network = NB201Network(architecture: architecture,
                                       configuration: NB201NetworkConfiguration(shape: shape, classCount: 10), seed: 0)
            var generator = SeededGenerator(seed: 1)
            let input = Tensor.randomNormal(shape: [batch, 3, 32, 32], standardDeviation: 1, using: &generator)
            return {
                let tape = Tape(recordsGradients: false)
                _ = network(tape.input(input), training: false)
            }
        }

        private func makeTrainingStep(_ architecture: NB201Architecture, shape: NB201NetworkShape, batch: Int) throws -> () -> Void {
            let network = NB201Network(architecture: architecture,
                                       configuration: NB201NetworkConfiguration(shape: shape, classCount: 10), seed: 0)
            var generator = SeededGenerator(seed: 1)
            let input = Tensor.randomNormal(shape: [batch, 3, 32, 32], standardDeviation: 1, using: &generator)
            let labels = (0..<batch).map { $0 % 10 }
            let optimizer = SGD(parameters: network.parameters, learningRate: 0.01, momentum: 0.9, weightDecay: 5e-4, nesterov: true)
            return {
                optimizer.zeroGradients()
                let tape = Tape()
                let loss = network(tape.input(input), training: true).softmaxCrossEntropy(labels: labels)
                tape.backward(loss)
                optimizer.step()
            }
        }

        /// The fastest of repeated runs of `step` (after two warm-up runs), lasting at least `minimum` seconds in all.
        static func bestSeconds(of step: () -> Void, minimum: Double) -> Double {
            step()
            step()
            var best = Double.infinity, total = 0.0, runs = 0
            while total < minimum || runs < 5 {
                let start = DispatchTime.now().uptimeNanoseconds
                step()
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                best = min(best, elapsed)
                total += elapsed
                runs += 1
            }
            return best
        }

        /// Peak resident memory of this process so far, in MiB.
        static func peakResidentMiB() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_maxrss) / 1024
        }

        private func probeOwnMemory(batch: Int) throws -> Double {
            let output = try Self.capture(CommandLine.arguments[0], ["bench", "network", "--arch", arch, "--channels", "\(channels)",
                                                                   "--cells", "\(cells)", "--threads", "\(threads)",
                                                                   "--memory-probe", "\(batch)"])
            guard let value = Double(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw ValidationError("the memory probe printed '\(output)'")
            }
            return value
        }

        private func torchNumber(_ arguments: [String], key: String) throws -> Double {
            let output = try Self.capture("/usr/bin/env", [python, "scripts/bench_network_torch.py", "--arch", arch,
                                                         "--channels", "\(channels)", "--cells", "\(cells)",
                                                         "--threads", "\(threads)", "--seconds", "\(seconds)"] + arguments)
            guard let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
                  let value = object[key] as? Double else {
                throw ValidationError("scripts/bench_network_torch.py printed '\(output)' (is torch installed? run from the project root)")
            }
            return value
        }

        private static func capture(_ executable: String, _ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw ValidationError("\(executable) \(arguments.joined(separator: " ")) failed")
            }
            return String(decoding: data, as: UTF8.self)
        }

        private static func format(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    }
}
