import Foundation
import NASCore
import SearchSpaces

/// REINFORCE policy gradient over independent categorical distributions, one per edge (6 x 5 logits).
///
/// Williams, "Simple statistical gradient-following algorithms for connectionist reinforcement learning",
/// Machine Learning 8, 1992, as NAS-Bench-201 (Dong & Yang, ICLR 2020) runs it on tabular benchmarks:
/// logits θ start at zero; a proposal draws each edge's op from softmax(θ_edge); after its reward r the
/// baseline b, a bias-corrected exponential moving average with momentum 0.9, is updated with r first, then
/// one Adam step (lr 0.01, β 0.9/0.999, ε 1e-8) descends the loss -(r - b) Σ_edges log p(op_edge), whose
/// gradient is -(r - b)(onehot - p) per edge. Returns the best architecture seen.
///
/// Reward: the search signal; under constraints an infeasible proposal is rewarded with the lowest score seen
/// so far (its own included), so the policy learns to avoid it without a unit-dependent penalty.
public struct Reinforce: SearchStrategy {
    /// The catalog entry.
    public static let descriptor = SearchStrategyDescriptor(
        identifier: "reinforce", name: "REINFORCE",
        citation: "Williams, Simple statistical gradient-following algorithms for connectionist reinforcement learning, Machine Learning 1992",
        revision: 1,
        parameters: [
            StrategyParameter(name: "learning_rate", defaultValue: 0.01, range: 1e-9...100, isInteger: false,
                              summary: "Adam learning rate of the logits"),
            StrategyParameter(name: "baseline_momentum", defaultValue: 0.9, range: 0...0.999_999, isInteger: false,
                              summary: "momentum of the exponential-moving-average reward baseline"),
        ]
    ) { parameters, generator in
        Reinforce(learningRate: parameters["learning_rate"]!, baselineMomentum: parameters["baseline_momentum"]!,
                  generator: generator)
    }

    /// Adam learning rate.
    public let learningRate: Double
    /// Momentum of the reward baseline.
    public let baselineMomentum: Double
    private static let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8
    private static let opCount = NB201Operation.allCases.count

    private var generator: SeededGenerator
    /// The policy's logits, one row of 5 per edge.
    public private(set) var logits = [[Double]](repeating: [Double](repeating: 0, count: opCount),
                                                count: NB201Architecture.edgeCount)
    private var firstMoment = [Double](repeating: 0, count: NB201Architecture.edgeCount * opCount)
    private var secondMoment = [Double](repeating: 0, count: NB201Architecture.edgeCount * opCount)
    private var adamSteps = 0
    private var baselineNumerator = 0.0, baselineDenominator = 0.0
    private var lowestScore = Double.infinity
    /// The best observation so far.
    public private(set) var recommendation: SearchObservation?

    /// Creates a policy with zero logits, drawing from `generator`.
    public init(learningRate: Double, baselineMomentum: Double, generator: SeededGenerator) {
        self.learningRate = learningRate
        self.baselineMomentum = baselineMomentum
        self.generator = generator
    }

    /// The policy's op probabilities, one row per edge (softmax of the logits).
    public var probabilities: [[Double]] { logits.map(Self.softmax) }

    /// The reward baseline, or nil before the first observation.
    public var baseline: Double? { baselineDenominator > 0 ? baselineNumerator / baselineDenominator : nil }

    /// A cell drawn from the policy, each edge independently.
    public mutating func ask() -> NB201Architecture {
        NB201Architecture(operations: probabilities.map { row in
            let u = Double.random(in: 0..<1, using: &generator)
            var cumulative = 0.0
            for (index, p) in row.enumerated() {
                cumulative += p
                if u < cumulative { return NB201Operation(rawValue: index)! }
            }
            return NB201Operation(rawValue: row.count - 1)!
        })
    }

    /// Updates the baseline with the reward, then takes one Adam step on the policy-gradient loss.
    public mutating func tell(_ observation: SearchObservation) {
        recommendation = SearchObservation.best(recommendation, observation)
        lowestScore = min(lowestScore, observation.score)
        let reward = observation.isFeasible ? observation.score : lowestScore
        baselineNumerator = baselineMomentum * baselineNumerator + (1 - baselineMomentum) * reward
        baselineDenominator = baselineMomentum * baselineDenominator + (1 - baselineMomentum)
        let advantage = reward - baselineNumerator / baselineDenominator

        let policy = probabilities
        adamSteps += 1
        let correction1 = 1 - pow(Self.beta1, Double(adamSteps))
        let correction2 = 1 - pow(Self.beta2, Double(adamSteps))
        for edge in 0..<NB201Architecture.edgeCount {
            let chosen = observation.architecture.operations[edge].rawValue
            for op in 0..<Self.opCount {
                let gradient = -advantage * ((op == chosen ? 1 : 0) - policy[edge][op])
                let slot = edge * Self.opCount + op
                firstMoment[slot] = Self.beta1 * firstMoment[slot] + (1 - Self.beta1) * gradient
                secondMoment[slot] = Self.beta2 * secondMoment[slot] + (1 - Self.beta2) * gradient * gradient
                let step = (firstMoment[slot] / correction1) / ((secondMoment[slot] / correction2).squareRoot() + Self.epsilon)
                logits[edge][op] -= learningRate * step
            }
        }
    }

    private static func softmax(_ row: [Double]) -> [Double] {
        let largest = row.max() ?? 0
        let exponentials = row.map { exp($0 - largest) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }
}
