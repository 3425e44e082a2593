import NASCore

/// A problem with a benchmark file (CSV, JSON, HDF5) or table: the file and what is wrong, in one line.
public typealias BenchmarkFileError = FileError
