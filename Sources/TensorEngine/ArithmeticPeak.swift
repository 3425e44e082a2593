import Dispatch
import Foundation

/// Measures the machine's float32 multiply-add peak with the active kernel build (what GEMM and
/// convolution efficiencies are quoted against).
public enum ArithmeticPeak {
    /// Floating-point operations per second (a multiply-add counts 2) of `threads` cores running a
    /// register-bound multiply-add loop for about `seconds`, best of 3 runs.
    public static func measure(threads: Int = EngineSettings.threadCount, seconds: Double = 0.2) -> Double {
        let library = KernelBackend.library
        let calibration = 1_000_000
        let start = DispatchTime.now().uptimeNanoseconds
        _ = library.fusedMultiplyAddLoop(iterations: calibration, seed: 1)
        let elapsed = max(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, 1e-6)
        let iterations = max(calibration, Int(Double(calibration) * seconds / elapsed))
        var best = 0.0
        for _ in 0..<3 {
            let begin = DispatchTime.now().uptimeNanoseconds
            DispatchQueue.concurrentPerform(iterations: threads) { index in
                _ = library.fusedMultiplyAddLoop(iterations: iterations, seed: Float(index))
            }
            let time = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9
            best = max(best, Double(iterations) * 12 * 2 * 16 * Double(threads) / time)
        }
        return best
    }

    /// Floating-point operations per second of one core, timed by the calling thread's CPU time (so other
    /// processes on a shared machine do not lower it), best of 3 runs of about `seconds`.
    public static func measureOneCore(seconds: Double = 0.2) -> Double {
        let library = KernelBackend.library
        func cpuSeconds() -> Double {
            var spec = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
            return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
        }
        let calibration = 1_000_000
        let start = cpuSeconds()
        _ = library.fusedMultiplyAddLoop(iterations: calibration, seed: 1)
        let iterations = max(calibration, Int(Double(calibration) * seconds / max(cpuSeconds() - start, 1e-6)))
        var best = 0.0
        for _ in 0..<3 {
            let begin = cpuSeconds()
            _ = library.fusedMultiplyAddLoop(iterations: iterations, seed: 2)
            best = max(best, Double(iterations) * 12 * 2 * 16 / (cpuSeconds() - begin))
        }
        return best
    }
}
