extension Variable {
    /// Average pooling with a square window; `countIncludePadding: false` (NAS-Bench-201's avg_pool_3x3)
    /// divides by the number of in-image pixels of each window.
    public func averagePool(kernel: Int, stride: Int, padding: Int = 0, countIncludePadding: Bool = false) -> Variable {
        let pooling = AveragePoolOperation(inputShape: shape, kernel: kernel, stride: stride, padding: padding,
                                           countIncludePadding: countIncludePadding)
        return tape.record(pooling.apply(value), inputs: [self]) { pooling }
    }

    /// The mean over the spatial dimensions: [N, C, H, W] → [N, C].
    public func globalAveragePool() -> Variable {
        let pooling = GlobalAveragePoolOperation(inputShape: shape)
        return tape.record(value.globalAveragePooled(), inputs: [self]) { pooling }
    }
}

/// Average pooling: a fixed linear map P, so backward is Pᵀ and tangents are P applied to the tangent.
struct AveragePoolOperation: DifferentiableOperation {
    let inputShape: [Int]
    let kernel: Int
    let stride: Int
    let padding: Int
    let countIncludePadding: Bool

    func apply(_ x: Tensor) -> Tensor {
        x.averagePooled(kernel: kernel, stride: stride, padding: padding, countIncludePadding: countIncludePadding)
    }

    private func transpose(_ g: Tensor) -> Tensor {
        Tensor.averagePoolBackward(g, inputShape: inputShape, kernel: kernel, stride: stride, padding: padding,
                                   countIncludePadding: countIncludePadding)
    }

    func backward(_ gradient: Tensor, needs: [Bool]) -> [Tensor?] { [needs[0] ? transpose(gradient) : nil] }

    func tangent(_ t: [Tensor?]) -> Tensor? { t[0].map(apply) }

    func backwardTangent(gradient: Tensor, gradientTangent: Tensor?, inputTangents: [Tensor?], needs: [Bool]) -> [Tensor?] {
        [needs[0] ? gradientTangent.map(transpose) : nil]
    }
}

/// Global average pooling: linear, backward spreads g / (H·W) over each plane.
struct GlobalAveragePoolOperation: DifferentiableOperation {
    let inputShape: [Int]

    func backward(_ gradient: Tensor, needs: [Bool]) -> [Tensor?] {
        [needs[0] ? Tensor.globalAveragePoolBackward(gradient, inputShape: inputShape) : nil]
    }

    func tangent(_ t: [Tensor?]) -> Tensor? { t[0].map { $0.globalAveragePooled() } }

    func backwardTangent(gradient: Tensor, gradientTangent: Tensor?, inputTangents: [Tensor?], needs: [Bool]) -> [Tensor?] {
        [needs[0] ? gradientTangent.map { Tensor.globalAveragePoolBackward($0, inputShape: inputShape) } : nil]
    }
}
