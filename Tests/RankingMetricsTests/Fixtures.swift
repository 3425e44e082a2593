import Foundation
import NASCore

/// Loads the JSON fixtures written by scripts/generate_ranking_fixtures.py (scipy 1.17.1 reference values).
enum Fixtures {
    /// datasets/fixtures/ranking in the project that holds this test file (symlinks resolved).
    static let directory: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("datasets/fixtures/ranking", isDirectory: true)

    /// Decodes `name` from the fixture directory; NaN and infinities are stored as the strings nan/inf/-inf.
    static func load<Value: Decodable>(_ name: String, as type: Value.Type = Value.self) throws -> Value {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan"
        )
        return try decoder.decode(Value.self, from: data)
    }
}

/// A seeded data recipe, expanded bit-identically to the generator script (see its module docstring).
struct FixtureRecipe: Codable, Sendable {
    let seed: UInt64
    let n: Int
    let truth_levels: UInt64
    let noise_levels: UInt64
    let score_bucket: UInt64
    let truth_divisor: Double
    let score_scale: Double

    /// The recipe's scores and truth.
    func expand() -> (scores: [Double], truth: [Double]) {
        var generator = SeededGenerator(seed: seed)
        var scores: [Double] = [], truth: [Double] = []
        scores.reserveCapacity(n)
        truth.reserveCapacity(n)
        for _ in 0..<n {
            let a = generator.next(), b = generator.next()
            let level = a % truth_levels
            let noise = b % noise_levels
            truth.append(Double(level) / truth_divisor)
            scores.append(Double((level + noise) / score_bucket) * score_scale)
        }
        return (scores, truth)
    }
}

/// Checks stored beside a recipe, so a data mismatch is reported as such rather than as a metric mismatch.
struct FixtureChecks: Codable, Sendable {
    let first_scores: [Double]
    let first_truth: [Double]
    let sum_scores: Double
    let sum_truth: Double
}

/// One sample stored either as arrays or as a recipe.
protocol FixtureSample {
    /// Explicit scores (may hold NaN / infinities), or nil for a recipe.
    var scores: [Double]? { get }
    /// Explicit truth, or nil for a recipe.
    var truth: [Double]? { get }
    /// The recipe, or nil for explicit arrays.
    var recipe: FixtureRecipe? { get }
    /// Checks of the recipe's expansion.
    var checks: FixtureChecks? { get }
}

extension FixtureSample {
    /// The sample's input arrays, expanding a recipe when needed.
    func arrays() -> (scores: [Double], truth: [Double]) {
        if let recipe { return recipe.expand() }
        return (scores ?? [], truth ?? [])
    }
}
