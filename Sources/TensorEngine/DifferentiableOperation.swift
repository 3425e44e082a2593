/// One primitive operation recorded on a `Tape`, holding whatever it saved from its forward pass.
///
/// Each operation answers three questions, all with one entry per input (nil = zero / not needed):
/// - `backward`: the vector–Jacobian product, ∂L/∂input given ∂L/∂output;
/// - `tangent`: the Jacobian–vector product, the output's directional derivative given the inputs';
/// - `backwardTangent`: the directional derivative of `backward` itself (R-operator, Pearlmutter 1994),
///   given the output gradient g, its directional derivative ġ and the inputs' tangents. Together they
///   give exact Hessian-vector products (see `Tape.hessianVectorProduct`).
/// Operations never accumulate: the tape alone sums gradients that reach a node along several paths.
protocol DifferentiableOperation {
    /// ∂L/∂input for each input where `needs[i]`, given ∂L/∂output.
    func backward(_ gradient: Tensor, needs: [Bool]) -> [Tensor?]
    /// The output tangent given the inputs' tangents (nil when every input tangent is zero).
    func tangent(_ inputTangents: [Tensor?]) -> Tensor?
    /// R{∂L/∂input} for each input where `needs[i]`.
    func backwardTangent(
        gradient: Tensor, gradientTangent: Tensor?, inputTangents: [Tensor?], needs: [Bool]
    ) -> [Tensor?]
}

/// Adds two optional tensors, treating nil as zero.
func sumOptional(_ a: Tensor?, _ b: Tensor?) -> Tensor? {
    guard let a else { return b }
    guard let b else { return a }
    return a + b
}
