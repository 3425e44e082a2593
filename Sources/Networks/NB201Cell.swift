import SearchSpaces
import TensorEngine

/// One NB201 cell: every node is the sum of its incoming edges; the cell's output is node 3 (REFERENCE §1).
///
/// Every edge with parameters gets them (so parameter counts match the benchmark's, which counts dangling
/// edges), but only live edges (on a path from input to output) run. A cell with no live path outputs zeros.
final class NB201Cell {
    let architecture: NB201Architecture
    private let convolutions: [Int: ConvolutionUnit]
    private let live: [Bool]
    private let evaluatesEveryEdge: Bool

    init<G: RandomNumberGenerator>(name: String, architecture: NB201Architecture, channels: Int,
                                   configuration: NB201NetworkConfiguration, using generator: inout G) {
        self.architecture = architecture
        live = architecture.liveEdges
        evaluatesEveryEdge = configuration.evaluatesEveryEdge
        var convolutions: [Int: ConvolutionUnit] = [:]
        for (edge, op) in architecture.operations.enumerated() {
            guard let kernel = op.convolutionKernelSize else { continue }
            let (source, target) = NB201Architecture.edges[edge]
            convolutions[edge] = ConvolutionUnit(
                name: "\(name).edge\(source)to\(target)", inChannels: channels, outChannels: channels, kernelSize: kernel,
                stride: 1, affine: configuration.cellBatchNormAffine, configuration: configuration, using: &generator)
        }
        self.convolutions = convolutions
    }

    func callAsFunction(_ input: Variable, training: Bool) -> Variable {
        if evaluatesEveryEdge { return everyEdge(input, training: training) }
        var nodes: [Variable?] = [input, nil, nil, nil]
        for target in 1..<NB201Architecture.nodeCount {
            var terms: [Variable] = []
            for (edge, endpoints) in NB201Architecture.edges.enumerated() where endpoints.target == target && live[edge] {
                let x = nodes[endpoints.source]!
                switch architecture.operations[edge] {
                case .none: continue
                case .skipConnect: terms.append(x)
                case .conv1x1, .conv3x3: terms.append(convolutions[edge]!(x, training: training))
                case .avgPool3x3: terms.append(x.averagePool(kernel: 3, stride: 1, padding: 1, countIncludePadding: false))
                }
            }
            if !terms.isEmpty { nodes[target] = terms.count == 1 ? terms[0] : Variable.sum(terms) }
        }
        return nodes[NB201Architecture.nodeCount - 1] ?? input.scaledByZero()
    }

    /// The reference implementations' forward: every edge runs, `none` multiplies by zero, nodes are sums.
    private func everyEdge(_ input: Variable, training: Bool) -> Variable {
        var nodes = [input]
        for target in 1..<NB201Architecture.nodeCount {
            var terms: [Variable] = []
            for (edge, endpoints) in NB201Architecture.edges.enumerated() where endpoints.target == target {
                let x = nodes[endpoints.source]
                switch architecture.operations[edge] {
                case .none: terms.append(x.scaledByZero())
                case .skipConnect: terms.append(x)
                case .conv1x1, .conv3x3: terms.append(convolutions[edge]!(x, training: training))
                case .avgPool3x3: terms.append(x.averagePool(kernel: 3, stride: 1, padding: 1, countIncludePadding: false))
                }
            }
            nodes.append(Variable.sum(terms))
        }
        return nodes[NB201Architecture.nodeCount - 1]
    }

    /// Parameters in edge order (dangling edges included).
    var parameters: [Parameter] { convolutions.keys.sorted().flatMap { convolutions[$0]!.parameters } }
    var statistics: [Parameter] { convolutions.keys.sorted().flatMap { convolutions[$0]!.statistics } }
}
