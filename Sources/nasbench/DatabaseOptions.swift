import ArgumentParser
import BenchmarkStore

/// The `--db` option shared by every command that reads or writes a NASBench database.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "The NASBench SQLite database.")
    var db: String

    /// Opens the database; with `create`, creates it when absent.
    func open(create: Bool = false) throws -> BenchmarkDatabase {
        try BenchmarkDatabase(path: db, create: create)
    }
}
