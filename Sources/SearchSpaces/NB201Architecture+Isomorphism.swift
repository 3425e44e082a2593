extension NB201Architecture {
    /// The canonical isomorphism key: two cells compute the same function exactly when their keys are equal.
    ///
    /// NAS-Bench-201's rule (REFERENCE §1, the benchmark's `to_unique_str(consider_zero=True)`): node 0 is "0";
    /// each input (op, src) of node j becomes "#" when op is none or src's string is exactly "#", src's string
    /// when op is skip_connect, and "(src)@op" otherwise; node j's string is its input strings sorted and joined
    /// with "+". The output node's string is the key. 15,625 cells fall into 6,466 classes.
    public var canonicalKey: String { canonicalKey(mergingZeros: true) }

    /// The canonical key; with `mergingZeros` false, none is treated as an ordinary op (12,751 classes).
    public func canonicalKey(mergingZeros: Bool) -> String {
        var nodeStrings = ["0"]
        for target in 1..<Self.nodeCount {
            var inputs: [String] = []
            for (edge, endpoints) in Self.edges.enumerated() where endpoints.target == target {
                let op = operations[edge]
                let source = nodeStrings[endpoints.source]
                if mergingZeros && (op == .none || source == "#") {
                    inputs.append("#")
                } else if op == .skipConnect {
                    inputs.append(source)
                } else {
                    inputs.append("(\(source))@\(op.name)")
                }
            }
            nodeStrings.append(inputs.sorted().joined(separator: "+"))
        }
        return nodeStrings[Self.nodeCount - 1]
    }

    /// For every edge, whether it lies on a path from the input to the output through non-none edges.
    ///
    /// Edges that are not live (dangling) do not affect the cell's output; networks prune them from execution,
    /// while the benchmark's params and FLOPs still count them.
    public var liveEdges: [Bool] {
        var reachableFromInput = [true, false, false, false]
        for (edge, endpoints) in Self.edges.enumerated()
        where operations[edge] != .none && reachableFromInput[endpoints.source] {
            reachableFromInput[endpoints.target] = true
        }
        var reachesOutput = [false, false, false, true]
        for (edge, endpoints) in Self.edges.enumerated().reversed()
        where operations[edge] != .none && reachesOutput[endpoints.target] {
            reachesOutput[endpoints.source] = true
        }
        return Self.edges.enumerated().map { edge, endpoints in
            operations[edge] != .none && reachableFromInput[endpoints.source] && reachesOutput[endpoints.target]
        }
    }

    /// Whether the output depends on the input at all (some live path exists).
    public var isConnected: Bool { liveEdges.contains(true) }
}
