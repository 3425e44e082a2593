import TensorEngine

/// ReLU → Conv(k, stride, pad (k−1)/2, no bias) → BatchNorm: NB201's `ReLUConvBN`.
final class ConvolutionUnit {
    let convolution: Conv2D
    let batchNorm: BatchNorm2D?

    init<G: RandomNumberGenerator>(name: String, inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int,
                                   affine: Bool, configuration: NB201NetworkConfiguration, using generator: inout G) {
        convolution = Conv2D(name: name + ".conv", inChannels: inChannels, outChannels: outChannels,
                             kernelSize: kernelSize, stride: stride, dtype: configuration.dtype, using: &generator)
        batchNorm = configuration.batchNormRemoved ? nil
            : BatchNorm2D(name: name + ".bn", channels: outChannels, affine: affine, dtype: configuration.dtype)
    }

    func callAsFunction(_ x: Variable, training: Bool) -> Variable {
        let y = convolution.reluThenConvolve(x)
        return batchNorm.map { $0(y, training: training) } ?? y
    }

    var parameters: [Parameter] { convolution.parameters + (batchNorm?.parameters ?? []) }
    var statistics: [Parameter] { batchNorm?.statistics ?? [] }
}
