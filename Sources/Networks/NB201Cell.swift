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
    /// Per node: whether anything reads its value when every edge runs (the output, or the source of an edge
    /// that is not `none` into a read node, or of a convolution whose ReLU observes it).
    private let readNodes: [Bool]
    /// Per node: whether a path of edges other than `none` leads to it from the cell input.
    private let reachable: [Bool]
    /// Whether a convolution unit maps a zero input to zero (cell batch norms without β, or no batch norms).
    private let zerosMapToZeros: Bool

    init<G: RandomNumberGenerator>(name: String, architecture: NB201Architecture, channels: Int,
                                   configuration: NB201NetworkConfiguration, using generator: inout G) {
        self.architecture = architecture
        live = architecture.liveEdges
        evaluatesEveryEdge = configuration.evaluatesEveryEdge
        zerosMapToZeros = !configuration.cellBatchNormAffine || configuration.batchNormRemoved
        let edges = Array(zip(NB201Architecture.edges, architecture.operations))
        var read = [Bool](repeating: false, count: NB201Architecture.nodeCount)
        read[NB201Architecture.nodeCount - 1] = true
        for node in (0..<(NB201Architecture.nodeCount - 1)).reversed() {
            read[node] = edges.contains { endpoints, op in
                endpoints.source == node && (op.convolutionKernelSize != nil || (op != .none && read[endpoints.target]))
            }
        }
        readNodes = read
        var reach = [Bool](repeating: false, count: NB201Architecture.nodeCount)
        reach[0] = true
        for node in 1..<NB201Architecture.nodeCount {
            reach[node] = edges.contains { endpoints, op in endpoints.target == node && op != .none && reach[endpoints.source] }
        }
        reachable = reach
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
    ///
    /// Without gradients (the only use is observing ReLU inputs) two kinds of work whose result is known are
    /// skipped, with the same values and the same ReLU observations: edges into a node nothing reads (only
    /// their ReLU input is observed), and, when cell batch norms map zeros to zeros, edges out of a node that is
    /// always zero (no path from the cell input), whose result is zero.
    private func everyEdge(_ input: Variable, training: Bool) -> Variable {
        let skips = !input.tape.recordsGradients
        var nodes: [Variable?] = [input]
        for target in 1..<NB201Architecture.nodeCount {
            var terms: [Variable] = []
            for (edge, endpoints) in NB201Architecture.edges.enumerated() where endpoints.target == target {
                let operation = architecture.operations[edge]
                guard let x = nodes[endpoints.source] else {
                    // The source is always zero (its ReLU input is zeros, its result zero) or unread (only `none`).
                    if operation.convolutionKernelSize != nil { input.tape.reluObserver?(input.scaledByZero().value) }
                    continue
                }
                if skips && !readNodes[target] {
                    if operation.convolutionKernelSize != nil { input.tape.reluObserver?(x.value) }
                    continue
                }
                switch operation {
                case .none: terms.append(x.scaledByZero())
                case .skipConnect: terms.append(x)
                case .conv1x1, .conv3x3: terms.append(convolutions[edge]!(x, training: training))
                case .avgPool3x3: terms.append(x.averagePool(kernel: 3, stride: 1, padding: 1, countIncludePadding: false))
                }
            }
            // nil: not computed, because it is always zero or nothing reads it (then only `none` edges leave it).
            let alwaysZero = skips && zerosMapToZeros && !reachable[target]
            let skipped = alwaysZero || (skips && !readNodes[target])
            nodes.append(skipped ? nil : terms.isEmpty ? input.scaledByZero() : Variable.sum(terms))
        }
        return nodes[NB201Architecture.nodeCount - 1] ?? input.scaledByZero()
    }

    /// Parameters in edge order (dangling edges included).
    var parameters: [Parameter] { convolutions.keys.sorted().flatMap { convolutions[$0]!.parameters } }
    var statistics: [Parameter] { convolutions.keys.sorted().flatMap { convolutions[$0]!.statistics } }
}
