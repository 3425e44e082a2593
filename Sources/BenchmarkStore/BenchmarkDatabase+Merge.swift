import Foundation

extension BenchmarkDatabase {
    /// Copies everything stored in the NASBench database at `source` into this one, in one transaction.
    ///
    /// Rows are matched on their natural keys (file digest, benchmark name, search space and architecture,
    /// dataset name, metric name, estimator-run identity), so merging the shards of a scan (`score --shard i/n`)
    /// gives the database a single run would have written, and merging the same source twice changes nothing.
    /// A score that both databases hold with different values is an error, and nothing is merged then.
    public func merge(from source: String) throws {
        _ = try BenchmarkDatabase(path: source)  // checks it exists and has a schema this build reads
        try connection.execute("ATTACH DATABASE '\(source.replacingOccurrences(of: "'", with: "''"))' AS source")
        defer { try? connection.execute("DETACH DATABASE source") }
        try connection.transaction {
            let conflicts = try connection.prepare("""
                SELECT count(*) FROM source.score s
                JOIN source.estimator_run sr ON sr.id = s.run_id JOIN source.dataset sd ON sd.id = sr.dataset_id
                JOIN source.architecture sa ON sa.id = s.architecture_id
                JOIN main.dataset d ON d.name = sd.name
                JOIN main.estimator_run r ON r.estimator = sr.estimator AND r.search_space = sr.search_space
                    AND r.dataset_id = d.id AND r.settings = sr.settings AND r.seed IS sr.seed
                JOIN main.architecture a ON a.search_space = sa.search_space AND a.arch = sa.arch
                JOIN main.score t ON t.run_id = r.id AND t.architecture_id = a.id
                WHERE t.value IS NOT s.value OR t.failure IS NOT s.failure
                """).rows()[0][0].integerValue ?? 0
            guard conflicts == 0 else {
                throw SQLiteError(path: source, message: "\(conflicts) scores differ from those already in \(path); nothing merged")
            }
            try connection.execute("""
                INSERT OR IGNORE INTO main.provenance (source_file, sha256, tool_version, ingested_at)
                    SELECT source_file, sha256, tool_version, ingested_at FROM source.provenance;
                INSERT OR IGNORE INTO main.benchmark (name, search_space, source, licence, description)
                    SELECT name, search_space, source, licence, description FROM source.benchmark;
                INSERT OR IGNORE INTO main.architecture (search_space, arch, canonical)
                    SELECT search_space, arch, canonical FROM source.architecture ORDER BY id;
                INSERT OR IGNORE INTO main.dataset (name) SELECT name FROM source.dataset;
                INSERT OR IGNORE INTO main.benchmark_architecture (benchmark_id, architecture_id, benchmark_index)
                    SELECT b.id, a.id, sba.benchmark_index FROM source.benchmark_architecture sba
                    JOIN source.benchmark sb ON sb.id = sba.benchmark_id JOIN main.benchmark b ON b.name = sb.name
                    JOIN source.architecture sa ON sa.id = sba.architecture_id
                    JOIN main.architecture a ON a.search_space = sa.search_space AND a.arch = sa.arch;
                INSERT OR IGNORE INTO main.metric (benchmark_id, dataset_id, name, unit, fidelity_epochs, role,
                        higher_is_better, sample_axis, samples_per_arch, description, provenance_id)
                    SELECT b.id, d.id, sm.name, sm.unit, sm.fidelity_epochs, sm.role, sm.higher_is_better,
                        sm.sample_axis, sm.samples_per_arch, sm.description, p.id
                    FROM source.metric sm
                    JOIN source.benchmark sb ON sb.id = sm.benchmark_id JOIN main.benchmark b ON b.name = sb.name
                    JOIN source.dataset sd ON sd.id = sm.dataset_id JOIN main.dataset d ON d.name = sd.name
                    JOIN source.provenance sp ON sp.id = sm.provenance_id JOIN main.provenance p ON p.sha256 = sp.sha256;
                INSERT OR IGNORE INTO main.measurement (metric_id, architecture_id, sample, value)
                    SELECT m.id, a.id, sv.sample, sv.value FROM source.measurement sv
                    JOIN source.metric sm ON sm.id = sv.metric_id
                    JOIN source.benchmark sb ON sb.id = sm.benchmark_id JOIN main.benchmark b ON b.name = sb.name
                    JOIN source.dataset sd ON sd.id = sm.dataset_id JOIN main.dataset d ON d.name = sd.name
                    JOIN main.metric m ON m.benchmark_id = b.id AND m.dataset_id = d.id AND m.name = sm.name
                    JOIN source.architecture sa ON sa.id = sv.architecture_id
                    JOIN main.architecture a ON a.search_space = sa.search_space AND a.arch = sa.arch;
                INSERT OR IGNORE INTO main.estimator_run (estimator, search_space, dataset_id, settings, seed,
                        benchmark_id, provenance_id, created_at)
                    SELECT sr.estimator, sr.search_space, d.id, sr.settings, sr.seed,
                        (SELECT b.id FROM source.benchmark sb JOIN main.benchmark b ON b.name = sb.name WHERE sb.id = sr.benchmark_id),
                        (SELECT p.id FROM source.provenance sp JOIN main.provenance p ON p.sha256 = sp.sha256 WHERE sp.id = sr.provenance_id),
                        sr.created_at
                    FROM source.estimator_run sr JOIN source.dataset sd ON sd.id = sr.dataset_id
                    JOIN main.dataset d ON d.name = sd.name ORDER BY sr.id;
                INSERT OR IGNORE INTO main.score (run_id, architecture_id, value, failure, seconds)
                    SELECT r.id, a.id, s.value, s.failure, s.seconds FROM source.score s
                    JOIN source.estimator_run sr ON sr.id = s.run_id JOIN source.dataset sd ON sd.id = sr.dataset_id
                    JOIN main.dataset d ON d.name = sd.name
                    JOIN main.estimator_run r ON r.estimator = sr.estimator AND r.search_space = sr.search_space
                        AND r.dataset_id = d.id AND r.settings = sr.settings AND r.seed IS sr.seed
                    JOIN source.architecture sa ON sa.id = s.architecture_id
                    JOIN main.architecture a ON a.search_space = sa.search_space AND a.arch = sa.arch;
                """)
        }
    }
}
