import BenchmarkStore
import Dispatch
import Estimators
import Foundation
import SearchSpaces

/// Runs estimators over architectures on several threads, handing results over in chunks.
///
/// Each architecture is scored by the estimators still pending for it, together (`JointScoring`, so estimators
/// that share a backward pass compute it once). Each chunk is scored in parallel and then passed to `commit`
/// (one database transaction per estimator run), so an interrupted scan loses at most the chunk in flight.
/// With `unique`, one member per isomorphism class is scored and its score recorded for every member.
struct ScoringScan: Sendable {
    let estimators: [any Estimator]
    let context: ScoringContext
    let unique: Bool
    let jobs: Int

    /// How many architectures were scored and how many failed, per estimator.
    struct Outcome {
        var scored = 0
        var failed = 0
    }

    /// One architecture to score (the first member of `members`) and, per member, the estimators it still needs.
    struct Group: Sendable {
        var members: [NB201Architecture]
        var pending: [Set<Int>]

        var wanted: Set<Int> { pending.reduce(into: Set<Int>()) { $0.formUnion($1) } }
    }

    /// Scores every architecture for the estimators whose positions `pending(architecture)` lists, calling
    /// `commit(estimator position, records)` after each chunk.
    func run(_ architectures: [NB201Architecture], pending: (NB201Architecture) -> Set<Int>,
             commit: (Int, [ScoreRecord]) throws -> Void) throws -> [Outcome] {
        let groups = Self.groups(architectures, pending: pending, unique: unique)
        var outcomes = [Outcome](repeating: Outcome(), count: estimators.count)
        let progress = ScanProgress(label: estimators.map(\.id).joined(separator: ","), total: groups.count)
        let chunkSize = max(jobs * 8, 16)
        let scoring = JointScoring(estimators)
        for start in stride(from: 0, to: groups.count, by: chunkSize) {
            let chunk = Array(groups[start..<min(start + chunkSize, groups.count)])
            let work = ChunkWork(count: chunk.count)
            DispatchQueue.concurrentPerform(iterations: min(jobs, chunk.count)) { _ in
                while let index = work.take() {
                    work.store(score(chunk[index], with: scoring), at: index)
                }
            }
            var records = [[ScoreRecord]](repeating: [], count: estimators.count)
            for (index, group) in chunk.enumerated() {
                for (estimator, record) in work.results[index]! {
                    if record.failure != nil { outcomes[estimator].failed += 1 } else { outcomes[estimator].scored += 1 }
                    for (member, architecture) in group.members.enumerated() where group.pending[member].contains(estimator) {
                        var copy = record
                        copy.architecture = architecture.archString
                        if member > 0 { copy.seconds = 0 }
                        records[estimator].append(copy)
                    }
                }
            }
            for (estimator, batch) in records.enumerated() where !batch.isEmpty { try commit(estimator, batch) }
            progress.update(done: start + chunk.count)
        }
        progress.finish()
        return outcomes
    }

    /// The architectures that need work, grouped by isomorphism class when `unique`, else one per group.
    static func groups(_ architectures: [NB201Architecture], pending: (NB201Architecture) -> Set<Int>,
                       unique: Bool) -> [Group] {
        var groups: [Group] = []
        var position: [String: Int] = [:]
        for architecture in architectures {
            let needed = pending(architecture)
            if needed.isEmpty { continue }
            if unique {
                let key = architecture.canonicalKey
                if let index = position[key] {
                    groups[index].members.append(architecture)
                    groups[index].pending.append(needed)
                    continue
                }
                position[key] = groups.count
            }
            groups.append(Group(members: [architecture], pending: [needed]))
        }
        return groups
    }

    /// Scores a group's first member with every estimator any member needs; the seconds are those of the joint
    /// call (shared by estimators that share a pass).
    private func score(_ group: Group, with scoring: JointScoring) -> [(Int, ScoreRecord)] {
        let architecture = group.members[0]
        let start = DispatchTime.now()
        let outcomes = scoring.scores(architecture, context: context, including: group.wanted)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return outcomes.enumerated().compactMap { index, outcome in
            switch outcome {
            case nil: return nil
            case .success(let value)?:
                return (index, ScoreRecord(architecture: architecture.archString, value: value, seconds: seconds))
            case .failure(let error)?:
                return (index, ScoreRecord(architecture: architecture.archString, failure: "\(error)", seconds: seconds))
            }
        }
    }
}

/// Progress of a scan: the terminal progress line, or, when standard error is not a terminal (a scan in the
/// background writing to a log), one plain line at most every 30 seconds.
final class ScanProgress {
    private let line: ProgressLine
    private let label: String
    private let total: Int
    private let start = Date()
    private var lastLog = Date()
    private let terminal = isatty(STDERR_FILENO) != 0

    init(label: String, total: Int) {
        line = ProgressLine(label: label, total: total)
        self.label = label
        self.total = total
    }

    func update(done: Int) {
        if terminal { return line.update(done: done) }
        guard Date().timeIntervalSince(lastLog) >= 30 || done == total else { return }
        lastLog = Date()
        let seconds = Date().timeIntervalSince(start)
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        FileHandle.standardError.write(Data(String(
            format: "%@: %d/%d architectures, %.2f/s, %.0f s elapsed, ETA %.0f s\n",
            label, done, total, rate, seconds, remaining).utf8))
    }

    func finish() { if terminal { line.finish() } }
}

/// One chunk's work shared by the worker threads: indices handed out once each, and a slot per result.
final class ChunkWork: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    /// The results, filled in by `store`; read only after the workers have finished.
    private(set) var results: [[(Int, ScoreRecord)]?]

    /// Creates the work for `count` items.
    init(count: Int) {
        self.count = count
        results = Array(repeating: nil, count: count)
    }

    /// The next index to work on, or nil when all are taken.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    /// Stores the result for `index`.
    func store(_ records: [(Int, ScoreRecord)], at index: Int) {
        lock.lock()
        results[index] = records
        lock.unlock()
    }
}
