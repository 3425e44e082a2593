/// The SQLite schema of a NASBench database, versioned through `PRAGMA user_version`.
///
/// Tables (documented for plain-SQL readers in docs/STORE.md): `benchmark`, `architecture` (with canonical
/// key), `benchmark_architecture`, `dataset`, `metric` (units, fidelity, role), `measurement`,
/// `estimator_run` (estimator, settings JSON, seed), `score` (value or failure reason), `provenance`; from
/// version 2, `search_run` and `search_step` (BenchmarkDatabase+Searches.swift).
public enum StoreSchema {
    /// The schema version this build writes and reads.
    public static let version: Int64 = 2

    /// The migrations in order: the statements that take a database from `version - 1` to `version`.
    static let migrations: [(version: Int64, statements: String)] = [(1, version1), (2, version2)]

    /// Statements creating schema version 1.
    static let version1 = """
        CREATE TABLE provenance (
            id INTEGER PRIMARY KEY,
            source_file TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            tool_version TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE benchmark (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            search_space TEXT NOT NULL,
            source TEXT NOT NULL,
            licence TEXT NOT NULL,
            description TEXT NOT NULL
        );
        CREATE TABLE architecture (
            id INTEGER PRIMARY KEY,
            search_space TEXT NOT NULL,
            arch TEXT NOT NULL,
            canonical TEXT NOT NULL,
            UNIQUE (search_space, arch)
        );
        CREATE INDEX architecture_by_canonical ON architecture (search_space, canonical);
        CREATE TABLE benchmark_architecture (
            benchmark_id INTEGER NOT NULL REFERENCES benchmark (id),
            architecture_id INTEGER NOT NULL REFERENCES architecture (id),
            benchmark_index INTEGER,
            PRIMARY KEY (benchmark_id, architecture_id)
        ) WITHOUT ROWID;
        CREATE TABLE dataset (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE metric (
            id INTEGER PRIMARY KEY,
            benchmark_id INTEGER NOT NULL REFERENCES benchmark (id),
            dataset_id INTEGER NOT NULL REFERENCES dataset (id),
            name TEXT NOT NULL,
            unit TEXT NOT NULL,
            fidelity_epochs INTEGER,
            role TEXT NOT NULL,
            higher_is_better INTEGER,
            sample_axis TEXT NOT NULL,
            samples_per_arch INTEGER NOT NULL,
            description TEXT NOT NULL,
            provenance_id INTEGER NOT NULL REFERENCES provenance (id),
            UNIQUE (benchmark_id, dataset_id, name)
        );
        CREATE TABLE measurement (
            metric_id INTEGER NOT NULL REFERENCES metric (id),
            architecture_id INTEGER NOT NULL REFERENCES architecture (id),
            sample INTEGER NOT NULL,
            value REAL NOT NULL,
            PRIMARY KEY (metric_id, architecture_id, sample)
        ) WITHOUT ROWID;
        CREATE TABLE estimator_run (
            id INTEGER PRIMARY KEY,
            estimator TEXT NOT NULL,
            search_space TEXT NOT NULL,
            dataset_id INTEGER NOT NULL REFERENCES dataset (id),
            settings TEXT NOT NULL,
            seed INTEGER,
            benchmark_id INTEGER REFERENCES benchmark (id),
            provenance_id INTEGER REFERENCES provenance (id),
            created_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX estimator_run_identity
            ON estimator_run (estimator, search_space, dataset_id, settings, ifnull(seed, 'none'));
        CREATE TABLE score (
            run_id INTEGER NOT NULL REFERENCES estimator_run (id),
            architecture_id INTEGER NOT NULL REFERENCES architecture (id),
            value REAL,
            failure TEXT,
            seconds REAL,
            PRIMARY KEY (run_id, architecture_id),
            CHECK ((value IS NULL) <> (failure IS NULL))
        ) WITHOUT ROWID;
        """

    /// Creates the schema in an empty database, or checks an existing one is a NASBench database this build
    /// can read; throws a one-line error naming the file otherwise.
    static func prepare(_ connection: SQLiteConnection, create: Bool) throws {
        let version: Int64
        do {
            version = try connection.prepare("PRAGMA user_version").rows().first?.first?.integerValue ?? 0
        } catch let error as SQLiteError {
            throw SQLiteError(path: connection.path, code: error.code, message: "not a SQLite database")
        }
        if version > Self.version {
            throw SQLiteError(path: connection.path, message:
                "database schema version \(version) is newer than this nasbench supports (\(Self.version)); upgrade nasbench")
        }
        if version == Self.version { return }
        if version == 0 {
            let tables = try connection.prepare("SELECT count(*) FROM sqlite_master").rows().first?.first?.integerValue ?? 0
            guard tables == 0 else {
                throw SQLiteError(path: connection.path, message: "not a NASBench database (it has other tables and no schema version)")
            }
            guard create else { throw SQLiteError(path: connection.path, message: "the database is empty") }
        }
        try connection.transaction {
            // Re-read under the write lock: another process may have migrated the file meanwhile.
            let current = try connection.prepare("PRAGMA user_version").rows().first?.first?.integerValue ?? 0
            for migration in migrations where migration.version > current {
                try connection.execute(migration.statements)
            }
            try connection.execute("PRAGMA user_version = \(Self.version)")
        }
    }
}
