import Foundation
import TensorEngine

/// A PyTorch reference case from datasets/fixtures/engine (made by scripts/generate_engine_fixtures.py).
struct Fixture {
    /// The package root (the folder holding Package.swift), as seen from this source file.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let name: String
    let values: [String: Any]

    /// Loads datasets/fixtures/engine/<name>.json.
    init(_ name: String) throws {
        self.name = name
        let url = Fixture.root.appendingPathComponent("datasets/fixtures/engine/\(name).json")
        let data = try Data(contentsOf: url)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FixtureError.malformed(name)
        }
        values = object
    }

    private init(name: String, values: [String: Any]) {
        self.name = name
        self.values = values
    }

    /// A nested object as a fixture.
    func child(_ key: String) throws -> Fixture {
        guard let object = values[key] as? [String: Any] else { throw FixtureError.missing("\(name).\(key)") }
        return Fixture(name: "\(name).\(key)", values: object)
    }

    /// A stored tensor in the requested element type.
    func tensor(_ key: String, dtype: DType = .float32) throws -> Tensor {
        guard let object = values[key] as? [String: Any] else { throw FixtureError.missing("\(name).\(key)") }
        return try Fixture.decodeTensor(object, dtype: dtype)
    }

    /// A list of stored tensors.
    func tensors(_ key: String, dtype: DType = .float32) throws -> [Tensor] {
        guard let list = values[key] as? [[String: Any]] else { throw FixtureError.missing("\(name).\(key)") }
        return try list.map { try Fixture.decodeTensor($0, dtype: dtype) }
    }

    static func decodeTensor(_ object: [String: Any], dtype: DType) throws -> Tensor {
        guard let shape = object["shape"] as? [Int], let data = object["data"] as? [Double] else {
            throw FixtureError.malformed("tensor")
        }
        return Tensor(shape: shape, doubleScalars: data).converted(to: dtype)
    }

    /// A stored number.
    func double(_ key: String) throws -> Double {
        guard let value = values[key] as? Double else { throw FixtureError.missing("\(name).\(key)") }
        return value
    }

    /// A stored integer.
    func int(_ key: String) throws -> Int {
        guard let value = values[key] as? Int else { throw FixtureError.missing("\(name).\(key)") }
        return value
    }

    /// A stored flag.
    func bool(_ key: String) throws -> Bool {
        guard let value = values[key] as? Bool else { throw FixtureError.missing("\(name).\(key)") }
        return value
    }

    /// A stored list of integers.
    func ints(_ key: String) throws -> [Int] {
        guard let value = values[key] as? [Int] else { throw FixtureError.missing("\(name).\(key)") }
        return value
    }

    /// A stored list of numbers.
    func doubles(_ key: String) throws -> [Double] {
        guard let value = values[key] as? [Double] else { throw FixtureError.missing("\(name).\(key)") }
        return value
    }
}

/// A fixture file that lacks an expected entry.
enum FixtureError: Error {
    case missing(String)
    case malformed(String)
}

/// max |a − b| / max(max |b|, floor): the error relative to the reference's scale.
func relativeError(_ actual: Tensor, _ expected: Tensor, floor: Double = 1e-12) -> Double {
    precondition(actual.count == expected.count, "sizes \(actual.shape) and \(expected.shape) differ")
    let a = actual.doubleScalars, b = expected.doubleScalars
    let scale = max(b.map(abs).max() ?? 0, floor)
    return zip(a, b).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
}
