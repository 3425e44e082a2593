extension NB201Architecture {
    /// Parses an NB201 arch string strictly.
    ///
    /// The grammar is three `+`-separated groups; group k (k = 1…3) is `|op~0|…|op~(k-1)|`, listing node k's
    /// inputs in source order. Anything else (an unknown op, a source out of order, a missing or extra group or
    /// separator, surrounding spaces) is an `ArchitectureError` naming the offending token.
    public init(archString string: String) throws(ArchitectureError) {
        func fail(_ problem: String) -> ArchitectureError { .malformedArchString(string, problem: problem) }
        guard !string.isEmpty else { throw fail("empty string") }
        let groups = string.split(separator: "+", omittingEmptySubsequences: false)
        guard groups.count == Self.nodeCount - 1 else {
            throw fail("expected 3 '+'-separated node groups, found \(groups.count)")
        }
        var operations: [NB201Operation] = []
        for (offset, group) in groups.enumerated() {
            let node = offset + 1
            guard group.count >= 2, group.first == "|", group.last == "|" else {
                throw fail("node \(node) group '\(group)' must start and end with '|'")
            }
            let tokens = group.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
            guard tokens.count == node else {
                throw fail("node \(node) group '\(group)' must list \(node) input(s), found \(tokens.count)")
            }
            for (source, token) in tokens.enumerated() {
                guard !token.isEmpty else { throw fail("empty token in node \(node) group '\(group)'") }
                let parts = token.split(separator: "~", omittingEmptySubsequences: false)
                guard parts.count == 2 else { throw fail("token '\(token)' is not of the form op~source") }
                guard let op = NB201Operation(name: String(parts[0])) else {
                    throw fail("unknown operation '\(parts[0])' in token '\(token)'")
                }
                guard let parsedSource = Int(parts[1]), parsedSource == source else {
                    throw fail("token '\(token)' must take its input from node \(source)")
                }
                operations.append(op)
            }
        }
        self.init(operations: operations)
    }
}
