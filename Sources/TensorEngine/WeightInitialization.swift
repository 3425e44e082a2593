import Foundation

/// Deterministic weight initialisers (same seed, same weights on every platform).
public enum WeightInitialization {
    /// Kaiming-normal with fan-out, as NAS-Bench-201's code initialises convolutions:
    /// N(0, 2 / fan_out), fan_out = out_channels · k · k (`kaiming_normal_(mode='fan_out', nonlinearity='relu')`).
    public static func kaimingNormalFanOut<G: RandomNumberGenerator>(
        shape: [Int], dtype: DType = .float32, using generator: inout G
    ) -> Tensor {
        let fanOut = shape[0] * shape.dropFirst(2).reduce(1, *)
        return Tensor.randomNormal(shape: shape, standardDeviation: (2.0 / Double(fanOut)).squareRoot(),
                                   dtype: dtype, using: &generator)
    }

    /// PyTorch's default `nn.Linear` / `nn.Conv2d` weight: U(−1/√fan_in, 1/√fan_in)
    /// (kaiming_uniform with a = √5), fan_in = shape[1] · k · k.
    public static func pytorchDefaultWeight<G: RandomNumberGenerator>(
        shape: [Int], dtype: DType = .float32, using generator: inout G
    ) -> Tensor {
        let fanIn = shape.dropFirst().reduce(1, *)
        let bound = 1 / Double(fanIn).squareRoot()
        return Tensor.randomUniform(shape: shape, in: -bound..<bound, dtype: dtype, using: &generator)
    }

    /// PyTorch's default bias: U(−1/√fan_in, 1/√fan_in) with the layer's fan_in.
    public static func pytorchDefaultBias<G: RandomNumberGenerator>(
        count: Int, fanIn: Int, dtype: DType = .float32, using generator: inout G
    ) -> Tensor {
        let bound = 1 / Double(max(fanIn, 1)).squareRoot()
        return Tensor.randomUniform(shape: [count], in: -bound..<bound, dtype: dtype, using: &generator)
    }
}
