import Foundation

/// Why an HDF5 operation failed. Every case names the file on disk and, where it applies, the path inside it
/// (attributes are written `object@name`, e.g. `/datasets/cifar10@num_classes`).
public enum HDF5Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing exists at the file path.
    case fileNotFound(file: String)
    /// The path exists but does not hold an HDF5 file (no HDF5 signature, or it is a directory).
    case notHDF5(file: String, reason: String)
    /// The file has an HDF5 signature but cannot be opened: truncated, corrupt, or otherwise unreadable.
    case corruptFile(file: String, detail: String)
    /// A group was asked for at `path`, but nothing is there.
    case missingGroup(file: String, path: String)
    /// A dataset was asked for at `path`, but nothing is there.
    case missingDataset(file: String, path: String)
    /// The object at `object` has no attribute called `name`.
    case missingAttribute(file: String, object: String, name: String)
    /// The object at `path` is of kind `actual`, but the operation needs `expected`.
    case wrongObjectKind(file: String, path: String, expected: HDF5ObjectKind, actual: HDF5ObjectKind)
    /// The data at `path` is stored as `actual`, which cannot be read or written as `expected`.
    case wrongElementType(file: String, path: String, expected: String, actual: HDF5ElementType)
    /// `valueCount` values were given for a dataset or attribute whose shape is `shape`.
    case shapeMismatch(file: String, path: String, shape: [Int], valueCount: Int)
    /// A group, dataset or link already exists at `path`.
    case alreadyExists(file: String, path: String)
    /// The file was opened read-only, so it cannot be changed.
    case readOnlyFile(file: String)
    /// The file has been closed; objects opened from it can no longer be used.
    case fileClosed(file: String)
    /// An argument the caller passed is unusable, for the stated reason.
    case invalidArgument(file: String, path: String, reason: String)
    /// libhdf5 reported a failure while performing `operation`; `detail` is HDF5's most specific message.
    case operationFailed(file: String, path: String, operation: String, detail: String)

    /// The file on disk the failure concerns.
    public var file: String {
        switch self {
        case let .fileNotFound(file), let .notHDF5(file, _), let .corruptFile(file, _), let .missingGroup(file, _),
            let .missingDataset(file, _), let .missingAttribute(file, _, _), let .wrongObjectKind(file, _, _, _),
            let .wrongElementType(file, _, _, _), let .shapeMismatch(file, _, _, _), let .alreadyExists(file, _),
            let .readOnlyFile(file), let .fileClosed(file), let .invalidArgument(file, _, _),
            let .operationFailed(file, _, _, _):
            file
        }
    }

    /// A one-line message naming the file, the path inside it where relevant, and what is wrong.
    public var description: String {
        let message: String
        switch self {
        case .fileNotFound:
            message = "no such file"
        case let .notHDF5(_, reason):
            message = "not an HDF5 file (\(reason))"
        case let .corruptFile(_, detail):
            message = "cannot open the HDF5 file, it is truncated or corrupt (HDF5: \(detail))"
        case let .missingGroup(_, path):
            message = "no group at '\(path)'"
        case let .missingDataset(_, path):
            message = "no dataset at '\(path)'"
        case let .missingAttribute(_, object, name):
            message = "'\(object)' has no attribute '\(name)'"
        case let .wrongObjectKind(_, path, expected, actual):
            message = "'\(path)' is a \(actual), not a \(expected)"
        case let .wrongElementType(_, path, expected, actual):
            message = "'\(path)' holds \(actual) elements, which cannot be used as \(expected)"
        case let .shapeMismatch(_, path, shape, valueCount):
            let elementCount = shape.reduce(1, *)
            message = "shape mismatch at '\(path)': shape \(shape) holds \(elementCount) elements"
                + " but \(valueCount) values were given"
        case let .alreadyExists(_, path):
            message = "'\(path)' already exists"
        case .readOnlyFile:
            message = "the file is open read-only"
        case .fileClosed:
            message = "the file has been closed"
        case let .invalidArgument(_, path, reason):
            message = "invalid argument for '\(path)': \(reason)"
        case let .operationFailed(_, path, operation, detail):
            message = "\(operation) failed at '\(path)' (HDF5: \(detail))"
        }
        return Self.singleLine("HDF5 file '\(file)': \(message)")
    }

    /// `text` with every line break and tab replaced by a space, so messages stay on one line.
    static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
            .trimmingCharacters(in: .whitespaces)
    }
}
