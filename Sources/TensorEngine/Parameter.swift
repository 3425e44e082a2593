/// A trainable tensor: its value, and the gradient the tape accumulates into it.
public final class Parameter {
    /// A stable name, used by save/load and reports (e.g. "cells.3.edges.1.conv.weight").
    public let name: String
    /// The current value.
    public var value: Tensor
    /// The accumulated gradient of the last backward passes, nil after `zeroGradient()`.
    public var grad: Tensor?

    /// Creates a parameter with an initial value.
    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
    }

    /// The value's shape.
    public var shape: [Int] { value.shape }

    /// Forgets the accumulated gradient (the next backward starts from zero).
    public func zeroGradient() { grad = nil }

    /// Adds `gradient` to the accumulated gradient.
    public func accumulate(_ gradient: Tensor) {
        if grad == nil { grad = gradient } else { grad!.add(gradient) }
    }
}

extension Sequence where Element == Parameter {
    /// Forgets the accumulated gradients of every parameter.
    public func zeroGradients() { for parameter in self { parameter.zeroGradient() } }
}
