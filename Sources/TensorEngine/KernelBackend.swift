import Foundation
import TensorKernelsAVX512
import TensorKernelsPortable

/// Which compiled copy of the kernels runs: chosen once per process from the CPU's features.
///
/// `TensorKernelsAVX512` is compiled with `-target-cpu skylake-avx512` and runs only on CPUs with
/// AVX-512 F/CD/BW/DQ/VL, AVX2, FMA and BMI2 (Skylake-X and later Intel, Zen 4 and later AMD); executing it
/// elsewhere is an illegal-instruction crash. `TensorKernelsPortable` is the same source for the baseline
/// target. At start-up the engine reads the CPU flags (`/proc/cpuinfo` on Linux, `sysctl hw.optional` on
/// macOS) and takes the AVX-512 copy only when every required flag is present. The environment variable
/// `NASBENCH_KERNELS=portable` (or `avx512`) overrides the choice, e.g. to compare the two.
public enum KernelBackend: String, Sendable, CaseIterable {
    /// The AVX-512 build of the kernels.
    case avx512
    /// The baseline build of the kernels.
    case portable

    /// The backend chosen at start-up from the CPU (and `NASBENCH_KERNELS`).
    public static let detected: KernelBackend = choose()

    /// The backend in use now: `detected` unless changed through `EngineSettings.kernelBackend`.
    public static var active: KernelBackend { EngineSettings.kernelBackend }

    /// The CPU features the AVX-512 build needs.
    public static let requiredFeatures = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma", "bmi2"]

    /// Whether this CPU can run the AVX-512 build.
    public static var cpuSupportsAVX512: Bool {
        let flags = cpuFlags()
        return requiredFeatures.allSatisfy(flags.contains)
    }

    static var library: any KernelLibrary.Type {
        switch active {
        case .avx512: return TensorKernelsAVX512.Kernels.self
        case .portable: return TensorKernelsPortable.Kernels.self
        }
    }

    private static func choose() -> KernelBackend {
        #if arch(x86_64)
        let supported = cpuSupportsAVX512
        if let forced = ProcessInfo.processInfo.environment["NASBENCH_KERNELS"].flatMap(KernelBackend.init(rawValue:)) {
            return forced == .avx512 && !supported ? .portable : forced
        }
        return supported ? .avx512 : .portable
        #else
        return .portable
        #endif
    }

    /// The CPU feature flags of this machine, lower-cased.
    static func cpuFlags() -> Set<String> {
        #if os(Linux)
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return [] }
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map { $0.lowercased() })
        }
        return []
        #elseif os(macOS)
        var flags = Set<String>()
        let names = ["avx512f": "hw.optional.avx512f", "avx512cd": "hw.optional.avx512cd",
                     "avx512bw": "hw.optional.avx512bw", "avx512dq": "hw.optional.avx512dq",
                     "avx512vl": "hw.optional.avx512vl", "avx2": "hw.optional.avx2_0",
                     "fma": "hw.optional.fma", "bmi2": "hw.optional.bmi2"]
        for (flag, key) in names {
            var value: Int32 = 0
            var size = MemoryLayout<Int32>.size
            if sysctlbyname(key, &value, &size, nil, 0) == 0 && value != 0 { flags.insert(flag) }
        }
        return flags
        #else
        return []
        #endif
    }
}
