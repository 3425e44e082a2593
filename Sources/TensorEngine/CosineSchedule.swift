import Foundation

/// Cosine annealing of the learning rate (PyTorch `CosineAnnealingLR` closed form):
/// lr(t) = min + (base − min)·(1 + cos(π·t/T))/2 for t in 0...T, and `minimum` after T.
public struct CosineSchedule: Sendable {
    /// The learning rate at step 0.
    public let base: Double
    /// The learning rate at step T.
    public let minimum: Double
    /// The number of steps T of one half-cosine.
    public let totalSteps: Int

    /// Creates the schedule.
    public init(base: Double, minimum: Double = 0, totalSteps: Int) {
        precondition(totalSteps > 0, "totalSteps must be positive")
        self.base = base
        self.minimum = minimum
        self.totalSteps = totalSteps
    }

    /// The learning rate at step t (t = 0 is the first step).
    public func learningRate(at step: Int) -> Double {
        let t = Double(min(max(step, 0), totalSteps)) / Double(totalSteps)
        return minimum + (base - minimum) * (1 + cos(Double.pi * t)) / 2
    }
}
