import TensorEngine

/// NB201's reduction block: a = ReLU-Conv3x3(stride 2)-BN, b = ReLU-Conv3x3-BN,
/// shortcut = AvgPool(2, 2) then Conv1x1 (no bias); out = shortcut(x) + b(a(x)) (REFERENCE §1).
final class ResidualBlock {
    private let a: ConvolutionUnit
    private let b: ConvolutionUnit
    private let shortcut: Conv2D

    init<G: RandomNumberGenerator>(name: String, inChannels: Int, outChannels: Int,
                                   configuration: NB201NetworkConfiguration, using generator: inout G) {
        a = ConvolutionUnit(name: name + ".a", inChannels: inChannels, outChannels: outChannels, kernelSize: 3, stride: 2,
                            affine: true, configuration: configuration, using: &generator)
        b = ConvolutionUnit(name: name + ".b", inChannels: outChannels, outChannels: outChannels, kernelSize: 3, stride: 1,
                            affine: true, configuration: configuration, using: &generator)
        shortcut = Conv2D(name: name + ".shortcut", inChannels: inChannels, outChannels: outChannels, kernelSize: 1,
                          dtype: configuration.dtype, using: &generator)
    }

    func callAsFunction(_ x: Variable, training: Bool) -> Variable {
        shortcut(x.averagePool(kernel: 2, stride: 2)) + b(a(x, training: training), training: training)
    }

    var parameters: [Parameter] { a.parameters + b.parameters + shortcut.parameters }
    var statistics: [Parameter] { a.statistics + b.statistics }
}
