/// Paths inside an HDF5 file: "/"-separated link names, absolute from the root group or relative to a group.
enum HDF5Path {
    /// The absolute, normalised form of `path` resolved against the group at `base` ("/" for the root group).
    ///
    /// Empty components and "." are dropped; ".." is rejected because HDF5 has no parent links.
    static func resolve(_ path: String, against base: String) throws(PathError) -> String {
        let start = path.hasPrefix("/") ? [] : components(of: base)
        let parts = start + components(of: path)
        if parts.contains("..") { throw PathError(reason: "'..' is not supported in HDF5 paths") }
        return "/" + parts.joined(separator: "/")
    }

    /// The link names along `path`, without empty or "." components.
    static func components(of path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init).filter { $0 != "." }
    }

    /// The absolute paths of every proper ancestor of the absolute path `path`, outermost first, excluding "/".
    static func ancestors(of path: String) -> [String] {
        let parts = components(of: path)
        guard parts.count > 1 else { return [] }
        return (1..<parts.count).map { "/" + parts[0..<$0].joined(separator: "/") }
    }

    /// Why a path could not be resolved.
    struct PathError: Error {
        /// What is wrong with the path.
        let reason: String
    }
}
