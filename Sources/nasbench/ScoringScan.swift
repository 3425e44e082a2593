import BenchmarkStore
import Dispatch
import Estimators
import Foundation
import SearchSpaces

/// Runs one estimator over a list of architectures on several threads, handing results over in chunks.
///
/// Each chunk is scored in parallel and then passed to `commit` (one database transaction), so an interrupted
/// scan loses at most the chunk in flight. With `unique`, one member per isomorphism class is scored and its
/// score recorded for every member in the list.
struct ScoringScan: Sendable {
    let estimator: any Estimator
    let context: ScoringContext
    let unique: Bool
    let jobs: Int

    /// How many architectures were scored and how many failed.
    struct Outcome {
        var scored = 0
        var failed = 0
    }

    func run(_ architectures: [NB201Architecture], commit: ([ScoreRecord]) throws -> Void) throws -> Outcome {
        var groups: [[NB201Architecture]] = []
        if unique {
            var position: [String: Int] = [:]
            for architecture in architectures {
                let key = architecture.canonicalKey
                if let index = position[key] { groups[index].append(architecture) } else {
                    position[key] = groups.count
                    groups.append([architecture])
                }
            }
        } else {
            groups = architectures.map { [$0] }
        }
        var outcome = Outcome()
        let progress = ProgressLine(label: estimator.id, total: groups.count)
        let chunkSize = max(jobs * 8, 16)
        for start in stride(from: 0, to: groups.count, by: chunkSize) {
            let chunk = Array(groups[start..<min(start + chunkSize, groups.count)])
            let work = ChunkWork(count: chunk.count)
            DispatchQueue.concurrentPerform(iterations: min(jobs, chunk.count)) { _ in
                while let index = work.take() {
                    work.store(score(chunk[index][0]), at: index)
                }
            }
            var records: [ScoreRecord] = []
            for (index, group) in chunk.enumerated() {
                let record = work.results[index]!
                if record.failure != nil { outcome.failed += 1 } else { outcome.scored += 1 }
                for (member, architecture) in group.enumerated() {
                    var copy = record
                    copy.architecture = architecture.archString
                    if member > 0 { copy.seconds = 0 }
                    records.append(copy)
                }
            }
            try commit(records)
            progress.update(done: start + chunk.count)
        }
        progress.finish()
        return outcome
    }

    private func score(_ architecture: NB201Architecture) -> ScoreRecord {
        let start = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
        do {
            let value = try estimator.score(architecture, context: context)
            return ScoreRecord(architecture: architecture.archString, value: value, seconds: elapsed())
        } catch {
            return ScoreRecord(architecture: architecture.archString, failure: "\(error)", seconds: elapsed())
        }
    }
}

/// One chunk's work shared by the worker threads: indices handed out once each, and a slot per result.
final class ChunkWork: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    /// The results, filled in by `store`; read only after the workers have finished.
    private(set) var results: [ScoreRecord?]

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
    func store(_ record: ScoreRecord, at index: Int) {
        lock.lock()
        results[index] = record
        lock.unlock()
    }
}
