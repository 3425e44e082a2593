/// A define-by-run record of operations that computes gradients in one reverse pass and exact
/// Hessian-vector products.
///
/// Build a computation by calling operations on `Variable`s made by `input(_:)` and `variable(_:)`; then
/// `backward(_:)` runs the recorded operations in reverse once, summing the gradients that reach a node along
/// several paths (operations never accumulate themselves), and adds the result into each `Parameter.grad`.
/// A tape is meant for one step: make a new one per batch. With `recordsGradients: false` nothing is kept
/// and every variable is a constant (inference).
public final class Tape {
    enum Leaf {
        case parameter(Parameter)
        case input
    }

    struct Node {
        let inputs: [Int?]
        let operation: (any DifferentiableOperation)?
        let leaf: Leaf?
    }

    /// Whether operations are recorded for backward passes.
    public let recordsGradients: Bool

    /// Called with the INPUT of every ReLU during the forward pass (e.g. NASWOT's binary activation codes:
    /// code = input > 0). Runs whether or not gradients are recorded.
    public var reluObserver: ((Tensor) -> Void)?

    /// Called with the output of every `Conv2D` and `Linear` layer and that layer's weight; the variable it
    /// returns replaces the output. Lets a caller insert an operation after each layer without changing the
    /// model (e.g. the fisher estimator's per-sample, per-channel gate, whose gradient is Σ_spatial a·∂L/∂a).
    public var layerOutputInterposer: ((Variable, Parameter) -> Variable)?

    var nodes: [Node] = []
    private var parameterNodes: [ObjectIdentifier: Int] = [:]
    private var inputGradients: [Int: Tensor] = [:]

    /// Creates an empty tape.
    public init(recordsGradients: Bool = true) {
        self.recordsGradients = recordsGradients
    }

    /// A data input; with `requiresGradient` its gradient is available as `variable.gradient` after backward.
    public func input(_ value: Tensor, requiresGradient: Bool = false) -> Variable {
        guard recordsGradients && requiresGradient else { return Variable(value: value, tape: self, node: nil) }
        nodes.append(Node(inputs: [], operation: nil, leaf: .input))
        return Variable(value: value, tape: self, node: nodes.count - 1)
    }

    /// The variable of a parameter (one node per parameter per tape, so shared weights sum their gradients).
    public func variable(_ parameter: Parameter) -> Variable {
        guard recordsGradients else { return Variable(value: parameter.value, tape: self, node: nil) }
        let key = ObjectIdentifier(parameter)
        if let node = parameterNodes[key] { return Variable(value: parameter.value, tape: self, node: node) }
        nodes.append(Node(inputs: [], operation: nil, leaf: .parameter(parameter)))
        parameterNodes[key] = nodes.count - 1
        return Variable(value: parameter.value, tape: self, node: nodes.count - 1)
    }

    /// The parameters used on this tape, in order of first use.
    public var parameters: [Parameter] {
        nodes.compactMap { node in
            if case .parameter(let parameter)? = node.leaf { return parameter }
            return nil
        }
    }

    /// Records an operation's output; the operation is built only if some input carries a gradient.
    func record(_ value: Tensor, inputs: [Variable], _ operation: () -> any DifferentiableOperation) -> Variable {
        for input in inputs { precondition(input.tape === self, "variables from different tapes") }
        let inputNodes = inputs.map(\.node)
        guard recordsGradients, inputNodes.contains(where: { $0 != nil }) else {
            return Variable(value: value, tape: self, node: nil)
        }
        nodes.append(Node(inputs: inputNodes, operation: operation(), leaf: nil))
        return Variable(value: value, tape: self, node: nodes.count - 1)
    }

    func inputGradient(node: Int) -> Tensor? { inputGradients[node] }

    private static func accumulate(_ gradient: Tensor, into slot: inout Tensor?) {
        if slot == nil { slot = gradient } else { slot!.add(gradient) }
    }

    /// Backpropagates from `root` (a one-element loss, or any variable with an explicit `gradient` seed of its
    /// shape), adding ∂root/∂θ into every parameter's `grad` and storing input gradients.
    public func backward(_ root: Variable, gradient seed: Tensor? = nil) {
        precondition(root.tape === self, "variable from a different tape")
        guard let rootNode = root.node else { return }
        let start = seed ?? Tensor.ones(root.shape, dtype: root.dtype)
        precondition(start.shape == root.shape, "seed shape \(start.shape) differs from \(root.shape)")
        var gradients = [Tensor?](repeating: nil, count: rootNode + 1)
        gradients[rootNode] = start
        for index in stride(from: rootNode, through: 0, by: -1) {
            guard let gradient = gradients[index] else { continue }
            let node = nodes[index]
            if let operation = node.operation {
                gradients[index] = nil
                let inputGradients = operation.backward(gradient, needs: node.inputs.map { $0 != nil })
                for (input, inputGradient) in zip(node.inputs, inputGradients) {
                    if let input, let inputGradient { Tape.accumulate(inputGradient, into: &gradients[input]) }
                }
            } else {
                switch node.leaf {
                case .parameter(let parameter)?: parameter.accumulate(gradient)
                case .input?: inputGradients[index] = gradient
                case nil: break
                }
            }
        }
    }

    /// Exact Hessian-vector products H·v of a one-element `root` (the loss) w.r.t. `parameters`.
    ///
    /// Method: forward-over-reverse differentiation (Pearlmutter's R-operator, "Fast exact multiplication by
    /// the Hessian", 1994). The forward pass's tangents are propagated with every operation's `tangent`
    /// (seeded with v on the parameters, zero on data), then one reverse pass computes the gradient g and its
    /// directional derivative ġ = R{g} = H·v together through every operation's `backward` and
    /// `backwardTangent`. Cost ≈ 2–3 backward passes, no finite-difference error. Parameter `grad`s are not
    /// touched. Returns one tensor per parameter (zeros where the loss does not depend on it).
    public func hessianVectorProduct(of root: Variable, parameters: [Parameter], vectors: [Tensor]) -> [Tensor] {
        precondition(parameters.count == vectors.count, "one vector per parameter")
        precondition(root.value.count == 1, "the Hessian is of a one-element loss")
        var direction: [ObjectIdentifier: Tensor] = [:]
        for (parameter, vector) in zip(parameters, vectors) {
            precondition(vector.shape == parameter.shape, "vector shape \(vector.shape) differs from \(parameter.shape)")
            direction[ObjectIdentifier(parameter)] = vector.converted(to: parameter.value.dtype)
        }
        guard let rootNode = root.node else { return parameters.map { $0.value.zerosLike() } }

        var tangents = [Tensor?](repeating: nil, count: rootNode + 1)
        for index in 0...rootNode {
            let node = nodes[index]
            if let operation = node.operation {
                let inputTangents = node.inputs.map { $0.flatMap { tangents[$0] } }
                tangents[index] = inputTangents.contains { $0 != nil } ? operation.tangent(inputTangents) : nil
            } else if case .parameter(let parameter)? = node.leaf {
                tangents[index] = direction[ObjectIdentifier(parameter)]
            }
        }

        var gradients = [Tensor?](repeating: nil, count: rootNode + 1)
        var gradientTangents = [Tensor?](repeating: nil, count: rootNode + 1)
        gradients[rootNode] = Tensor.ones(root.shape, dtype: root.dtype)
        var result: [ObjectIdentifier: Tensor] = [:]
        for index in stride(from: rootNode, through: 0, by: -1) {
            guard gradients[index] != nil || gradientTangents[index] != nil else { continue }
            let node = nodes[index]
            let gradient = gradients[index] ?? gradientTangents[index]!.zerosLike()
            guard let operation = node.operation else {
                if case .parameter(let parameter)? = node.leaf, let hv = gradientTangents[index] {
                    result[ObjectIdentifier(parameter)] = hv
                }
                continue
            }
            let needs = node.inputs.map { $0 != nil }
            let inputTangents = node.inputs.map { $0.flatMap { tangents[$0] } }
            let inputGradients = operation.backward(gradient, needs: needs)
            let inputGradientTangents = operation.backwardTangent(
                gradient: gradient, gradientTangent: gradientTangents[index], inputTangents: inputTangents, needs: needs)
            gradients[index] = nil
            gradientTangents[index] = nil
            for (position, input) in node.inputs.enumerated() {
                guard let input else { continue }
                if let g = inputGradients[position] { Tape.accumulate(g, into: &gradients[input]) }
                if let r = inputGradientTangents[position] { Tape.accumulate(r, into: &gradientTangents[input]) }
            }
        }
        return parameters.map { result[ObjectIdentifier($0)] ?? $0.value.zerosLike() }
    }
}
