import Foundation

/// Locates the public reference data (NB201 tables, CIFAR-10 images) that NASBench reads at run time.
///
/// The data is never part of the project: it lives in `../shared/data` beside the project root, or wherever
/// the `NASBENCH_REFERENCE_DATA` environment variable points.
public enum ReferenceData {
    /// Name of the environment variable that overrides the reference-data location.
    public static let environmentVariable = "NASBENCH_REFERENCE_DATA"

    /// The reference-data folder for a project rooted at `projectRoot`, honouring the environment override.
    public static func directory(projectRoot: URL) -> URL {
        if let override = ProcessInfo.processInfo.environment[environmentVariable], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        return projectRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/data", isDirectory: true)
    }

    /// The file at `relativePath` inside the reference data, or nil when it is absent on this machine.
    public static func file(_ relativePath: String, projectRoot: URL) -> URL? {
        let url = directory(projectRoot: projectRoot).appendingPathComponent(relativePath)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The file at `relativePath`, or nil after printing a `SKIPPED:` line for the test that needed it.
    public static func fileOrSkip(_ relativePath: String, projectRoot: URL) -> URL? {
        if let url = file(relativePath, projectRoot: projectRoot) { return url }
        print("SKIPPED: reference data \(relativePath) not found under \(directory(projectRoot: projectRoot).path) "
            + "(set \(environmentVariable))")
        return nil
    }
}
