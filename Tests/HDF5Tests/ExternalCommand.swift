import Foundation

/// Runs command-line tools (python3 with h5py, h5dump) to check files from outside this library.
enum ExternalCommand {
    /// The output of a finished command.
    struct Output {
        /// Exit status.
        let status: Int32
        /// Everything written to standard output.
        let standardOutput: String
        /// Everything written to standard error.
        let standardError: String
    }

    /// The full path of `tool` on PATH, or nil when it is not installed.
    static func locate(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(tool)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether `python3` is installed and can import h5py.
    static let h5pyAvailable: Bool = {
        guard let python = locate("python3"), let output = try? run(python, ["-c", "import h5py"]) else {
            return false
        }
        return output.status == 0
    }()

    /// Whether `h5dump` is installed.
    static let h5dumpAvailable: Bool = locate("h5dump") != nil

    /// Runs `executable` with `arguments` and waits for it to finish.
    static func run(_ executable: String, _ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        try process.run()
        // Read both pipes before waiting, so a chatty tool cannot block on a full pipe.
        let errorData = BackgroundReader(errorPipe.fileHandleForReading)
        let outputData = outputPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData.finish(), as: UTF8.self))
    }

    /// Drains a file handle on a background thread.
    private final class BackgroundReader: @unchecked Sendable {
        private let group = DispatchGroup()
        private var data = Data()

        init(_ handle: FileHandle) {
            group.enter()
            DispatchQueue.global().async {
                self.data = handle.readDataToEndOfFile()
                self.group.leave()
            }
        }

        /// Waits for end of file and returns everything read.
        func finish() -> Data {
            group.wait()
            return data
        }
    }
}
