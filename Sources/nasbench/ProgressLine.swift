import Foundation

/// A progress line on standard error (done/total, rate, ETA), drawn only when standard error is a terminal.
final class ProgressLine {
    private let label: String
    private let total: Int
    private let start = Date()
    private let enabled = isatty(STDERR_FILENO) != 0
    private var lastDraw = Date.distantPast

    /// Starts a progress line for `total` items.
    init(label: String, total: Int) {
        self.label = label
        self.total = total
    }

    /// Redraws the line (at most ten times a second) after `done` items.
    func update(done: Int) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = Date()
        let seconds = Date().timeIntervalSince(start)
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let line = String(format: "\r%@ %d/%d  %.1f/s  ETA %@", label, done, total, rate, Self.duration(remaining))
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Redraws the line with free-form `text` (at most ten times a second).
    func update(text: String) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        FileHandle.standardError.write(Data("\r\(label) \(text)".utf8))
    }

    /// Ends the line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 3600 ? "\(whole / 3600)h\(whole % 3600 / 60)m" : "\(whole / 60)m\(String(format: "%02d", whole % 60))s"
    }
}
