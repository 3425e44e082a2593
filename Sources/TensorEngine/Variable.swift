/// A tensor flowing through a `Tape`: its value and its node on the tape (if it takes part in gradients).
public struct Variable {
    /// The forward value.
    public let value: Tensor
    /// The tape the variable was made on.
    public let tape: Tape
    /// The node index on the tape, or nil for a constant that no gradient flows to.
    let node: Int?

    init(value: Tensor, tape: Tape, node: Int?) {
        self.value = value
        self.tape = tape
        self.node = node
    }

    /// The value's shape.
    public var shape: [Int] { value.shape }

    /// The value's element type.
    public var dtype: DType { value.dtype }

    /// Whether a gradient flows back through this variable.
    public var requiresGradient: Bool { node != nil }

    /// The gradient of the last `tape.backward` w.r.t. this variable, if it is an input created with
    /// `requiresGradient: true` (e.g. ∂L/∂x for jacob_cov).
    public var gradient: Tensor? { node.flatMap { tape.inputGradient(node: $0) } }
}
