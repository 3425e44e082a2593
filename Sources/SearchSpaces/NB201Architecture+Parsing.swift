extension NB201Architecture {
    /// Parses an NB201 arch string strictly.
    ///
    /// The grammar is three `+`-separated groups; group k (k = 1…3) is `|op~0|…|op~(k-1)|`, listing node k's
    /// inputs in source order. Anything else (an unknown op, a source out of order, a missing or extra group or
    /// separator, surrounding spaces) is an `ArchitectureError` naming the offending token.
    public init(archString string: String) throws(ArchitectureError) {
        if let operations = Self.operations(inCanonicalArchString: string) {
            self.init(operations: operations)
            return
        }
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

extension NB201Architecture {
    private static let operationNames: [[UInt8]] = NB201Operation.allCases.map { Array($0.name.utf8) }

    /// The operations of `string` when it is an arch string exactly as NB201 prints it, else nil.
    ///
    /// A byte-level fast path for the common case: it accepts a subset of what the strict parser accepts
    /// (single-digit sources only), and every string it rejects goes through the strict parser, which alone
    /// decides and words errors.
    static func operations(inCanonicalArchString string: String) -> [NB201Operation]? {
        var copy = string
        return copy.withUTF8 { bytes -> [NB201Operation]? in
            var position = 0
            var operations: [NB201Operation] = []
            operations.reserveCapacity(edgeCount)
            func expect(_ byte: UInt8) -> Bool {
                guard position < bytes.count, bytes[position] == byte else { return false }
                position += 1
                return true
            }
            for target in 1..<nodeCount {
                if target > 1 && !expect(UInt8(ascii: "+")) { return nil }
                guard expect(UInt8(ascii: "|")) else { return nil }
                for source in 0..<target {
                    let start = position
                    while position < bytes.count && bytes[position] != UInt8(ascii: "~") { position += 1 }
                    let name = UnsafeBufferPointer(rebasing: bytes[start..<position])
                    guard let index = operationNames.firstIndex(where: { $0.elementsEqual(name) }) else { return nil }
                    guard expect(UInt8(ascii: "~")), expect(UInt8(ascii: "0") + UInt8(source)), expect(UInt8(ascii: "|")) else {
                        return nil
                    }
                    operations.append(NB201Operation(rawValue: index)!)
                }
            }
            return position == bytes.count ? operations : nil
        }
    }
}
