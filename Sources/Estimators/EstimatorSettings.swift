import Foundation

/// An estimator's settings: named scalar values, written as canonical JSON (sorted keys, no spaces).
public struct EstimatorSettings: Sendable, Equatable, Hashable {
    /// One setting's value.
    public enum Value: Sendable, Equatable, Hashable {
        /// An integer.
        case integer(Int)
        /// A number.
        case number(Double)
        /// Text.
        case text(String)
        /// A flag.
        case flag(Bool)
    }

    /// The settings by name.
    public private(set) var values: [String: Value]

    /// Creates settings from named values.
    public init(_ values: [String: Value]) { self.values = values }

    /// The settings as canonical JSON: keys sorted, no whitespace, so equal settings give equal text.
    public var canonicalJSON: String {
        let members = values.keys.sorted().map { key -> String in
            let value: String
            switch values[key]! {
            case let .integer(integer): value = String(integer)
            case let .number(number): value = number.isFinite ? "\(number)" : "null"
            case let .text(text): value = Self.quoted(text)
            case let .flag(flag): value = flag ? "true" : "false"
            }
            return "\(Self.quoted(key)):\(value)"
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// Settings with `other`'s values added (and replacing equal names).
    public func merging(_ other: [String: Value]) -> EstimatorSettings {
        EstimatorSettings(values.merging(other) { $1 })
    }

    private static func quoted(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}
