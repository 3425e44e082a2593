import ArgumentParser
import Dispatch
import Foundation
import NASCore
import TensorEngine

extension Bench {
    /// `nasbench bench kernels`: our convolution and GEMM kernels against PyTorch's on the NB201 shapes.
    struct Kernels: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time conv2d forward/backward and GEMM against PyTorch on NB201 shapes.",
            discussion: """
                Times our conv2d forward, input gradient and weight gradient (stride 1, same padding, no bias) on \
                the NAS-Bench-201 shapes (C=16@32x32, 32@16x16, 64@8x8; 3x3 and 1x1) and square SGEMMs, then runs \
                scripts/bench_kernels_torch.py for the same work in PyTorch, and prints a Markdown table with \
                milliseconds, GFLOP/s, the share of the multiply-add peak and the speed-up (PyTorch time / our \
                time). Timings are the best of --repeats runs after a warm-up, over --rounds alternating rounds of \
                ours and PyTorch's. On a shared machine, --threads 1 --clock cpu times each engine by its own \
                thread's CPU time, which other processes do not inflate.

                Examples:
                  nasbench bench kernels --batch 128 --threads 2
                  nasbench bench kernels --threads 1 --clock cpu

                """
        )

        @Option(help: "Batch size of the convolutions.")
        var batch = 128

        @Option(help: "Threads for both engines.")
        var threads = 2

        @Option(help: "Timed repetitions per operation (the best is kept).")
        var repeats = 10

        @Option(help: "Alternating rounds of ours and PyTorch's timings (the best of all rounds is kept).")
        var rounds = 2

        @Option(help: "Square GEMM sizes to time.")
        var gemm: [Int] = [256, 512, 1024]

        @Option(help: "The PyTorch timing script.")
        var torchScript = "scripts/bench_kernels_torch.py"

        @Option(help: "The Python interpreter with torch installed.")
        var python = "python3"

        @Flag(help: "Skip PyTorch (our timings only).")
        var noTorch = false

        @Option(help: "Our convolution algorithm: automatic, winograd or direct.")
        var algorithm: ConvolutionAlgorithm = .automatic

        @Option(help: "wall (elapsed time) or cpu (the calling thread's CPU time: needs --threads 1; not inflated by other processes on a shared machine).")
        var clock: Clock = .wall

        /// How operations are timed.
        enum Clock: String, ExpressibleByArgument {
            case wall, cpu
        }

        func validate() throws {
            if clock == .cpu && threads != 1 { throw ValidationError("--clock cpu needs --threads 1") }
        }

        /// One timed operation.
        struct Measurement {
            let operation: String
            let shape: String
            let method: String
            let flops: Double
            var ours = Double.infinity
            var torch = Double.infinity
        }

        static let shapes: [(channels: Int, size: Int, kernel: Int)] = [
            (16, 32, 3), (32, 16, 3), (64, 8, 3), (16, 32, 1), (32, 16, 1), (64, 8, 1),
        ]

        func run() async throws {
            EngineSettings.threadCount = threads
            EngineSettings.convolutionAlgorithm = algorithm
            var measurements: [Measurement] = []
            for shape in Self.shapes {
                let macs = Double(batch * shape.channels * shape.channels * shape.kernel * shape.kernel
                                  * shape.size * shape.size)
                let label = "\(shape.channels)@\(shape.size)x\(shape.size) \(shape.kernel)x\(shape.kernel)"
                for operation in ["conv forward", "conv input grad", "conv weight grad"] {
                    let winograd = Tensor.convolutionUsesWinograd(
                        inputShape: [batch, shape.channels, shape.size, shape.size],
                        weightShape: [shape.channels, shape.channels, shape.kernel, shape.kernel], stride: 1,
                        padding: shape.kernel / 2, dtype: .float32)
                    measurements.append(Measurement(operation: operation, shape: label,
                                                    method: winograd ? "winograd" : "direct", flops: 2 * macs))
                }
            }
            for size in gemm {
                measurements.append(Measurement(operation: "sgemm", shape: "\(size)x\(size)x\(size)", method: "gemm",
                                                flops: 2 * Double(size * size * size)))
            }
            let peak = ArithmeticPeak.measure(threads: threads)
            let corePeak = ArithmeticPeak.measureOneCore()
            var torchVersion: String?
            var torchNote: String?
            for _ in 0..<max(rounds, 1) {
                let ours = measureOurs()
                for index in measurements.indices { measurements[index].ours = min(measurements[index].ours, ours[index]) }
                if noTorch { torchNote = "PyTorch skipped (--no-torch)"; continue }
                do {
                    let (version, times) = try measureTorch()
                    torchVersion = version
                    for index in measurements.indices where index < times.count {
                        measurements[index].torch = min(measurements[index].torch, times[index])
                    }
                } catch {
                    torchNote = "PyTorch timings unavailable: \(error)"
                }
            }
            let reference = max(peak, corePeak * Double(threads))
            print(report(measurements, peak: reference, measuredPeak: peak, corePeak: corePeak, torchVersion: torchVersion,
                         torchNote: torchNote))
        }

        /// Seconds on the chosen clock.
        func now() -> Double {
            switch clock {
            case .wall:
                return Double(DispatchTime.now().uptimeNanoseconds) / 1e9
            case .cpu:
                var spec = timespec()
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
                return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
            }
        }

        /// Best-of-`repeats` seconds for `body` after one warm-up call.
        func time(_ body: () -> Void) -> Double {
            body()
            var best = Double.infinity
            for _ in 0..<repeats {
                let start = now()
                body()
                best = min(best, now() - start)
            }
            return best
        }

        func measureOurs() -> [Double] {
            var generator = SeededGenerator(seed: 2026)
            var times: [Double] = []
            for shape in Self.shapes {
                let x = Tensor.randomNormal(shape: [batch, shape.channels, shape.size, shape.size], using: &generator)
                let w = Tensor.randomNormal(shape: [shape.channels, shape.channels, shape.kernel, shape.kernel],
                                            using: &generator)
                let padding = shape.kernel / 2
                let gy = Tensor.randomNormal(shape: x.shape, using: &generator)
                times.append(time { _ = Tensor.conv2d(x, w, stride: 1, padding: padding) })
                times.append(time { _ = Tensor.conv2dBackwardInput(gy, w, inputShape: x.shape, padding: padding) })
                times.append(time { _ = Tensor.conv2dBackwardWeight(x, gy, kernel: shape.kernel, padding: padding) })
            }
            for size in gemm {
                let a = Tensor.randomNormal(shape: [size, size], using: &generator)
                let b = Tensor.randomNormal(shape: [size, size], using: &generator)
                times.append(time { _ = Tensor.matmul(a, b) })
            }
            return times
        }

        /// Runs the PyTorch script; returns its torch version and seconds per operation in our order.
        func measureTorch() throws -> (String, [Double]) {
            guard FileManager.default.fileExists(atPath: torchScript) else {
                throw ValidationError("\(torchScript) not found (run from the package root or pass --torch-script)")
            }
            var arguments = [python, torchScript, "--threads", "\(threads)", "--repeats", "\(repeats)",
                             "--clock", clock.rawValue]
            for shape in Self.shapes {
                arguments += ["--conv", "\(batch),\(shape.channels),\(shape.size),\(shape.kernel)"]
            }
            for size in gemm { arguments += ["--gemm", "\(size),\(size),\(size)"] }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
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
            let version = object["torch"] as? String ?? "?"
            return (version, results.map { (($0["ms"] as? Double) ?? .infinity) / 1000 })
        }

        func report(_ rows: [Measurement], peak: Double, measuredPeak: Double, corePeak: Double, torchVersion: String?,
                    torchNote: String?) -> String {
            func number(_ value: Double, _ digits: Int) -> String {
                value.isFinite ? String(format: "%.\(digits)f", value) : "n/a"
            }
            var lines = [
                "## Kernel benchmark: batch \(batch), \(threads) threads, float32, kernels: \(KernelBackend.active.rawValue), "
                    + "clock: \(clock.rawValue)",
                "",
                "Multiply-add peak: \(number(peak / 1e9, 1)) GFLOP/s for \(threads) thread(s) (one core, by its CPU time: "
                    + "\(number(corePeak / 1e9, 1)); \(threads) threads by wall time: \(number(measuredPeak / 1e9, 1)))"
                    + (torchVersion.map { "; PyTorch \($0) with torch.set_num_threads(\(threads))" } ?? ""),
                "",
                "GFLOP/s count the direct algorithm's 2·N·C²·k²·H·W operations, so Winograd rows can exceed the peak.",
                "",
                "| operation | shape | ours (method) | ours ms | ours GFLOP/s | % of peak | PyTorch ms | PyTorch GFLOP/s | speed-up |",
                "|---|---|---|---:|---:|---:|---:|---:|---:|",
            ]
            var logRatios: [Double] = []
            for row in rows {
                let ratio = row.torch / row.ours
                if ratio.isFinite && ratio > 0 { logRatios.append(Foundation.log(ratio)) }
                let torchRate = row.torch.isFinite ? row.flops / row.torch / 1e9 : .infinity
                let speedUp = ratio.isFinite ? number(ratio, 2) + "x" : "n/a"
                lines.append("| \(row.operation) | \(row.shape) | \(row.method) | \(number(row.ours * 1e3, 3)) | "
                    + "\(number(row.flops / row.ours / 1e9, 1)) | \(number(100 * row.flops / row.ours / peak, 0))% | "
                    + "\(number(row.torch * 1e3, 3)) | \(number(torchRate, 1)) | \(speedUp) |")
            }
            lines.append("")
            if !logRatios.isEmpty {
                let mean = Foundation.exp(logRatios.reduce(0, +) / Double(logRatios.count))
                lines.append("Geometric-mean speed-up (PyTorch time / our time): \(number(mean, 2))x over \(logRatios.count) operations")
            }
            if let torchNote { lines.append(torchNote) }
            return lines.joined(separator: "\n")
        }
    }
}

extension ConvolutionAlgorithm: ExpressibleByArgument {}
