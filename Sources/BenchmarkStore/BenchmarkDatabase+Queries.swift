import BenchmarkTables
import NASCore
import SearchSpaces

/// One stored value of one metric for one architecture.
public struct StoredMeasurement: Sendable, Equatable {
    /// What the value measures.
    public let metric: MetricDescriptor
    /// Seed or epoch position for multi-sample metrics; 0 otherwise.
    public let sample: Int
    /// The value.
    public let value: Double
}

/// One stored estimator score (or failure) for one architecture.
public struct StoredScore: Sendable, Equatable {
    /// Estimator id.
    public let estimator: String
    /// Dataset id.
    public let dataset: String
    /// Estimator settings as canonical JSON.
    public let settingsJSON: String
    /// Seed, when known.
    public let seed: Int64?
    /// The score, or nil when the estimator failed.
    public let value: Double?
    /// Why the estimator failed, when it did.
    public let failure: String?
}

/// An architecture as stored: its search space, normalised string and canonical key.
public struct StoredArchitecture: Sendable, Equatable, Hashable {
    /// Search space id.
    public let searchSpace: String
    /// Normalised architecture string.
    public let arch: String
    /// Canonical isomorphism key.
    public let canonical: String
}

/// An architecture with its value of the metric it was ranked by.
public struct RankedArchitecture: Sendable, Equatable {
    /// The architecture.
    public let architecture: StoredArchitecture
    /// Its value (mean over samples).
    public let value: Double
}

extension BenchmarkDatabase: TabularBenchmark {
    /// Metrics stored for `dataset` (every dataset when nil), ordered by benchmark, dataset and name.
    public func metrics(dataset: String?) throws -> [MetricDescriptor] {
        let sql = """
            SELECT b.name, d.name, m.name, m.unit, m.fidelity_epochs, m.role, m.higher_is_better, m.samples_per_arch, m.id
            FROM metric m JOIN benchmark b ON b.id = m.benchmark_id JOIN dataset d ON d.id = m.dataset_id
            WHERE ?1 IS NULL OR d.name = ?1 ORDER BY b.name, d.name, m.name
            """
        return try connection.prepare(sql).rows([dataset.map { .text($0) } ?? .null]).map(Self.descriptor)
    }

    /// Every architecture's mean value of `metric` on `dataset`, keyed by architecture string.
    public func values(metric: String, dataset: String) throws -> [String: Double] {
        let metricID = try resolveMetric(metric, dataset: dataset, benchmark: nil).id
        let statement = try connection.prepare("""
            SELECT a.arch, avg(v.value) FROM measurement v JOIN architecture a ON a.id = v.architecture_id
            WHERE v.metric_id = ? GROUP BY v.architecture_id
            """)
        try statement.bind([.integer(metricID)])
        var result: [String: Double] = [:]
        while try statement.step() { result[statement.text(at: 0)] = statement.real(at: 1) }
        return result
    }

    private static func descriptor(_ row: [SQLiteValue]) -> MetricDescriptor {
        MetricDescriptor(
            benchmark: row[0].stringValue!, dataset: row[1].stringValue!, name: row[2].stringValue!,
            unit: row[3].stringValue!, fidelityEpochs: row[4].integerValue.map(Int.init), role: row[5].stringValue!,
            higherIsBetter: row[6].integerValue.map { $0 != 0 }, samplesPerArchitecture: Int(row[7].integerValue!))
    }

    /// Finds the one metric called `name` on `dataset` (in `benchmark`, when given), or throws a one-line error.
    public func resolveMetric(_ name: String, dataset: String, benchmark: String?) throws -> (id: Int64, descriptor: MetricDescriptor) {
        let rows = try connection.prepare("""
            SELECT b.name, d.name, m.name, m.unit, m.fidelity_epochs, m.role, m.higher_is_better, m.samples_per_arch, m.id
            FROM metric m JOIN benchmark b ON b.id = m.benchmark_id JOIN dataset d ON d.id = m.dataset_id
            WHERE m.name = ? AND d.name = ? AND (?3 IS NULL OR b.name = ?3)
            """).rows([.text(name), .text(dataset), benchmark.map { .text($0) } ?? .null])
        if rows.count == 1 { return (rows[0][8].integerValue!, Self.descriptor(rows[0])) }
        if rows.isEmpty {
            let available = try metrics(dataset: dataset).map(\.name)
            let datasets = try connection.prepare("SELECT name FROM dataset ORDER BY name").rows().compactMap { $0[0].stringValue }
            let hint = available.isEmpty
                ? "the database has no metrics on dataset '\(dataset)' (datasets: \(datasets.joined(separator: ", ")))"
                : "metrics on '\(dataset)': \(available.joined(separator: ", "))"
            throw SQLiteError(path: path, message: "no metric '\(name)' on dataset '\(dataset)'; \(hint)")
        }
        let benchmarks = rows.compactMap { $0[0].stringValue }.joined(separator: ", ")
        throw SQLiteError(path: path, message: "metric '\(name)' on '\(dataset)' exists in several benchmarks "
            + "(\(benchmarks)); choose one with --benchmark")
    }

    /// The stored architecture matching `text` in any search space the database holds, or a one-line error.
    public func architecture(matching text: String) throws -> StoredArchitecture {
        let spaces = try connection.prepare("SELECT DISTINCT search_space FROM benchmark").rows().compactMap { $0[0].stringValue }
        var problems: [String] = []
        for spaceName in spaces {
            guard let space = SearchSpaceID(rawValue: spaceName) else { continue }
            do {
                let normalized = try space.normalizedForm(of: text)
                if let row = try connection.prepare("SELECT canonical FROM architecture WHERE search_space = ? AND arch = ?")
                    .rows([.text(spaceName), .text(normalized)]).first {
                    return StoredArchitecture(searchSpace: spaceName, arch: normalized, canonical: row[0].stringValue!)
                }
                problems.append("not stored in search space \(spaceName)")
            } catch {
                problems.append("\(error)")
            }
        }
        throw SQLiteError(path: path, message: "architecture '\(text)': "
            + (problems.isEmpty ? "the database holds no architectures" : problems.joined(separator: "; ")))
    }

    /// Every stored measurement of `architecture`, on `dataset` only when given.
    ///
    /// The loop runs over metrics (few) and probes the measurement primary key (metric, architecture), so a
    /// lookup costs one index probe per metric instead of a scan.
    public func measurements(of architecture: StoredArchitecture, dataset: String?) throws -> [StoredMeasurement] {
        try connection.prepare("""
            SELECT b.name, d.name, m.name, m.unit, m.fidelity_epochs, m.role, m.higher_is_better, m.samples_per_arch,
                   m.id, v.sample, v.value
            FROM metric m CROSS JOIN measurement v
                ON v.metric_id = m.id
                AND v.architecture_id = (SELECT id FROM architecture WHERE search_space = ?1 AND arch = ?2)
            JOIN benchmark b ON b.id = m.benchmark_id JOIN dataset d ON d.id = m.dataset_id
            WHERE ?3 IS NULL OR d.name = ?3
            ORDER BY b.name, d.name, m.name, v.sample
            """).rows([.text(architecture.searchSpace), .text(architecture.arch), dataset.map { .text($0) } ?? .null])
            .map { StoredMeasurement(metric: Self.descriptor($0), sample: Int($0[9].integerValue!), value: $0[10].doubleValue!) }
    }

    /// Every stored estimator score of `architecture`, on `dataset` only when given.
    public func scores(of architecture: StoredArchitecture, dataset: String?) throws -> [StoredScore] {
        try connection.prepare("""
            SELECT r.estimator, d.name, r.settings, r.seed, s.value, s.failure
            FROM estimator_run r CROSS JOIN score s
                ON s.run_id = r.id
                AND s.architecture_id = (SELECT id FROM architecture WHERE search_space = ?1 AND arch = ?2)
            JOIN dataset d ON d.id = r.dataset_id
            WHERE ?3 IS NULL OR d.name = ?3
            ORDER BY r.estimator, d.name, r.id
            """).rows([.text(architecture.searchSpace), .text(architecture.arch), dataset.map { .text($0) } ?? .null])
            .map { StoredScore(estimator: $0[0].stringValue!, dataset: $0[1].stringValue!, settingsJSON: $0[2].stringValue!,
                               seed: $0[3].integerValue, value: $0[4].doubleValue, failure: $0[5].stringValue) }
    }

    /// The `count` best architectures by `metric` on `dataset` (largest first unless the metric is
    /// lower-is-better); with `unique`, only the best member of each isomorphism class. Ties keep the order in
    /// which architectures were first stored.
    public func top(metric: String, dataset: String, count: Int, unique: Bool, benchmark: String?) throws -> [RankedArchitecture] {
        let (metricID, descriptor) = try resolveMetric(metric, dataset: dataset, benchmark: benchmark)
        let statement = try connection.prepare("""
            SELECT a.search_space, a.arch, a.canonical, avg(v.value) FROM measurement v
            JOIN architecture a ON a.id = v.architecture_id WHERE v.metric_id = ?
            GROUP BY a.id ORDER BY a.id
            """)
        try statement.bind([.integer(metricID)])
        var ranked: [RankedArchitecture] = []
        while try statement.step() {
            ranked.append(RankedArchitecture(
                architecture: StoredArchitecture(searchSpace: statement.text(at: 0), arch: statement.text(at: 1),
                                                 canonical: statement.text(at: 2)),
                value: statement.real(at: 3)))
        }
        let descending = descriptor.higherIsBetter ?? true
        let order = ranked.indices.sorted { lhs, rhs in
            let (a, b) = (ranked[lhs].value, ranked[rhs].value)
            return a == b ? lhs < rhs : (descending ? a > b : a < b)
        }
        var seenClasses = Set<String>()
        var result: [RankedArchitecture] = []
        for index in order where result.count < count {
            if unique && !seenClasses.insert(ranked[index].architecture.canonical).inserted { continue }
            result.append(ranked[index])
        }
        return result
    }
}
