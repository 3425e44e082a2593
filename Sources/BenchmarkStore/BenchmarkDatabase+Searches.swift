import Foundation
import NASCore

extension StoreSchema {
    /// Migration from schema version 1 to 2: searches. `search_run` holds one seeded run of one strategy with the
    /// settings that identify it (unique: storing the same run twice is refused), its stop reason, budget use
    /// and chosen architecture; `search_step` holds its whole trajectory, one row per evaluated proposal.
    static let version2 = """
        CREATE TABLE search_run (
            id INTEGER PRIMARY KEY,
            strategy TEXT NOT NULL,
            search_space TEXT NOT NULL,
            dataset_id INTEGER NOT NULL REFERENCES dataset (id),
            settings TEXT NOT NULL,
            seed INTEGER NOT NULL,
            repetition INTEGER NOT NULL,
            stop_reason TEXT NOT NULL,
            steps INTEGER NOT NULL,
            queries INTEGER NOT NULL,
            unique_queries INTEGER NOT NULL,
            simulated_seconds REAL NOT NULL,
            result_step INTEGER,
            result_architecture_id INTEGER REFERENCES architecture (id),
            result_signal REAL,
            result_report REAL,
            tool_version TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (strategy, search_space, dataset_id, settings, seed, repetition)
        );
        CREATE TABLE search_step (
            run_id INTEGER NOT NULL REFERENCES search_run (id),
            step INTEGER NOT NULL,
            architecture_id INTEGER NOT NULL REFERENCES architecture (id),
            signal REAL NOT NULL,
            report REAL NOT NULL,
            feasible INTEGER NOT NULL,
            cost_seconds REAL NOT NULL,
            clock_seconds REAL NOT NULL,
            is_repeat INTEGER NOT NULL,
            incumbent_step INTEGER NOT NULL,
            PRIMARY KEY (run_id, step)
        ) WITHOUT ROWID;
        """
}

/// What identifies a family of stored search runs: one strategy with one settings JSON and seed.
public struct SearchExperimentKey: Sendable, Hashable {
    /// Strategy id.
    public let strategy: String
    /// Search space id.
    public let searchSpace: String
    /// Dataset of the search.
    public let dataset: String
    /// Canonical settings JSON (problem, budget, constraints, strategy revision and parameters).
    public let settingsJSON: String
    /// The experiment's seed (repetition r uses stream r).
    public let seed: UInt64

    /// Creates a key.
    public init(strategy: String, searchSpace: String, dataset: String, settingsJSON: String, seed: UInt64) {
        self.strategy = strategy
        self.searchSpace = searchSpace
        self.dataset = dataset
        self.settingsJSON = settingsJSON
        self.seed = seed
    }
}

/// One stored proposal of a search run (a row of `search_step`).
public struct StoredSearchStep: Sendable, Equatable {
    /// The proposed architecture's normalised string.
    public let arch: String
    /// Search signal told to the strategy.
    public let signal: Double
    /// Report metric of the evaluated architecture.
    public let report: Double
    /// Whether it met every constraint.
    public let feasible: Bool
    /// Simulated seconds charged.
    public let costSeconds: Double
    /// Simulated seconds elapsed after it.
    public let clockSeconds: Double
    /// Whether its isomorphism class had been evaluated before in the run.
    public let isRepeat: Bool
    /// Step number of the incumbent after it.
    public let incumbentStep: Int

    /// Creates a step record.
    public init(arch: String, signal: Double, report: Double, feasible: Bool, costSeconds: Double, clockSeconds: Double,
                isRepeat: Bool, incumbentStep: Int) {
        self.arch = arch
        self.signal = signal
        self.report = report
        self.feasible = feasible
        self.costSeconds = costSeconds
        self.clockSeconds = clockSeconds
        self.isRepeat = isRepeat
        self.incumbentStep = incumbentStep
    }
}

/// One stored search run (a row of `search_run` with its `search_step` rows).
public struct StoredSearchRun: Sendable, Equatable {
    /// The experiment the run belongs to.
    public let key: SearchExperimentKey
    /// Repetition number.
    public let repetition: Int
    /// Why the run stopped.
    public let stopReason: String
    /// Step number of the chosen architecture, when there is one.
    public let resultStep: Int?
    /// The trajectory.
    public let steps: [StoredSearchStep]

    /// Creates a run record.
    public init(key: SearchExperimentKey, repetition: Int, stopReason: String, resultStep: Int?, steps: [StoredSearchStep]) {
        self.key = key
        self.repetition = repetition
        self.stopReason = stopReason
        self.resultStep = resultStep
        self.steps = steps
    }
}

extension BenchmarkDatabase {
    /// Repetition numbers of the runs stored for `key`.
    public func storedSearchRepetitions(_ key: SearchExperimentKey) throws -> Set<Int> {
        guard let datasetID = try existingDatasetID(key.dataset) else { return [] }
        let statement = try connection.prepare("""
            SELECT repetition FROM search_run
            WHERE strategy = ? AND search_space = ? AND dataset_id = ? AND settings = ? AND seed = ?
            """)
        try statement.bind([.text(key.strategy), .text(key.searchSpace), .integer(datasetID), .text(key.settingsJSON),
                            .integer(Int64(bitPattern: key.seed))])
        var repetitions = Set<Int>()
        while try statement.step() { repetitions.insert(Int(statement.integer(at: 0))) }
        return repetitions
    }

    /// Stores `runs` and their trajectories in one transaction; a run already stored (same key and repetition)
    /// is left as it was. Returns how many runs were added.
    @discardableResult
    public func saveSearchRuns(_ runs: [StoredSearchRun]) throws -> Int {
        try connection.transaction { () throws -> Int in
            let insertRun = try connection.prepare("""
                INSERT OR IGNORE INTO search_run (strategy, search_space, dataset_id, settings, seed, repetition, stop_reason,
                    steps, queries, unique_queries, simulated_seconds, result_step, result_architecture_id, result_signal,
                    result_report, tool_version, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertStep = try connection.prepare("""
                INSERT INTO search_step (run_id, step, architecture_id, signal, report, feasible, cost_seconds, clock_seconds,
                    is_repeat, incumbent_step) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let findArchitecture = try connection.prepare("SELECT id FROM architecture WHERE search_space = ? AND arch = ?")
            var architectureIDs: [String: Int64] = [:]
            func architectureID(_ arch: String, space: String) throws -> Int64 {
                if let id = architectureIDs[arch] { return id }
                guard let id = try findArchitecture.rows([.text(space), .text(arch)]).first?.first?.integerValue else {
                    throw SQLiteError(path: path, message: "search step architecture '\(arch)' is not stored in search space \(space)")
                }
                architectureIDs[arch] = id
                return id
            }
            var datasetIDs: [String: Int64] = [:]
            let now = Self.timestamp()
            var added = 0
            for run in runs {
                let key = run.key
                let datasetID = try datasetIDs[key.dataset] ?? datasetID(named: key.dataset)
                datasetIDs[key.dataset] = datasetID
                let result = run.resultStep.map { run.steps[$0] }
                try insertRun.run([
                    .text(key.strategy), .text(key.searchSpace), .integer(datasetID), .text(key.settingsJSON),
                    .integer(Int64(bitPattern: key.seed)), .integer(Int64(run.repetition)), .text(run.stopReason),
                    .integer(Int64(run.steps.count)), .integer(Int64(run.steps.filter { $0.costSeconds > 0 }.count)),
                    .integer(Int64(run.steps.filter { !$0.isRepeat }.count)), .real(run.steps.last?.clockSeconds ?? 0),
                    run.resultStep.map { .integer(Int64($0)) } ?? .null,
                    try result.map { .integer(try architectureID($0.arch, space: key.searchSpace)) } ?? .null,
                    result.map { .real($0.signal) } ?? .null, result.map { .real($0.report) } ?? .null,
                    .text(NASBenchVersion.current), .text(now),
                ])
                guard connection.changes == 1 else { continue }
                let runID = connection.lastInsertedRowID
                added += 1
                for (number, step) in run.steps.enumerated() {
                    try insertStep.bind(runID, at: 1)
                    try insertStep.bind(Int64(number), at: 2)
                    try insertStep.bind(try architectureID(step.arch, space: key.searchSpace), at: 3)
                    try insertStep.bind(step.signal, at: 4)
                    try insertStep.bind(step.report, at: 5)
                    try insertStep.bind(Int64(step.feasible ? 1 : 0), at: 6)
                    try insertStep.bind(step.costSeconds, at: 7)
                    try insertStep.bind(step.clockSeconds, at: 8)
                    try insertStep.bind(Int64(step.isRepeat ? 1 : 0), at: 9)
                    try insertStep.bind(Int64(step.incumbentStep), at: 10)
                    try insertStep.execute()
                }
            }
            return added
        }
    }

    /// The stored runs of `key` among `repetitions`, in repetition order, each with its whole trajectory.
    public func searchRuns(_ key: SearchExperimentKey, repetitions: Range<Int>) throws -> [StoredSearchRun] {
        guard let datasetID = try existingDatasetID(key.dataset) else { return [] }
        let runs = try connection.prepare("""
            SELECT id, repetition, stop_reason, result_step FROM search_run
            WHERE strategy = ? AND search_space = ? AND dataset_id = ? AND settings = ? AND seed = ?
                AND repetition >= ? AND repetition < ?
            ORDER BY repetition
            """).rows([.text(key.strategy), .text(key.searchSpace), .integer(datasetID), .text(key.settingsJSON),
                       .integer(Int64(bitPattern: key.seed)), .integer(Int64(repetitions.lowerBound)),
                       .integer(Int64(repetitions.upperBound))])
        let steps = try connection.prepare("""
            SELECT a.arch, s.signal, s.report, s.feasible, s.cost_seconds, s.clock_seconds, s.is_repeat, s.incumbent_step
            FROM search_step s JOIN architecture a ON a.id = s.architecture_id WHERE s.run_id = ? ORDER BY s.step
            """)
        return try runs.map { row in
            try steps.bind([row[0]])
            var trajectory: [StoredSearchStep] = []
            while try steps.step() {
                trajectory.append(StoredSearchStep(
                    arch: steps.text(at: 0), signal: steps.real(at: 1), report: steps.real(at: 2),
                    feasible: steps.integer(at: 3) != 0, costSeconds: steps.real(at: 4), clockSeconds: steps.real(at: 5),
                    isRepeat: steps.integer(at: 6) != 0, incumbentStep: Int(steps.integer(at: 7))))
            }
            return StoredSearchRun(key: key, repetition: Int(row[1].integerValue!), stopReason: row[2].stringValue!,
                                   resultStep: row[3].integerValue.map(Int.init), steps: trajectory)
        }
    }

    private func existingDatasetID(_ name: String) throws -> Int64? {
        try connection.prepare("SELECT id FROM dataset WHERE name = ?").rows([.text(name)]).first?.first?.integerValue
    }
}
