/// The search spaces whose architectures a benchmark table can hold, with their stable ids.
///
/// NB201 is fully wired (strict parsing, isomorphism). NB101 and DARTS/NB301 architectures are validated for
/// shape and stored in a normalised textual form; their canonical key is that normalised form (no isomorphism
/// merging yet).
public enum SearchSpaceID: String, CaseIterable, Sendable, Codable {
    /// NAS-Bench-201 topology space: arch strings.
    case nb201
    /// NAS-Bench-101: a flattened 7x7 upper-triangular adjacency matrix followed by 7 op indices, as a tuple.
    case nb101
    /// DARTS / NAS-Bench-301: a genotype as two lists (normal, reduce) of 8 (input, op) pairs.
    case nb301

    /// Validates `architecture` and returns its canonical isomorphism key.
    public func canonicalKey(for architecture: String) throws(ArchitectureError) -> String {
        switch self {
        case .nb201: return try NB201Architecture(archString: architecture).canonicalKey
        case .nb101, .nb301: return try normalizedForm(of: architecture)
        }
    }

    /// The architecture in this space's normalised textual form (NB201: the arch string as printed).
    public func normalizedForm(of architecture: String) throws(ArchitectureError) -> String {
        switch self {
        case .nb201:
            if NB201Architecture.operations(inCanonicalArchString: architecture) != nil { return architecture }
            return try NB201Architecture(archString: architecture).archString
        case .nb101:
            let values = try integers(in: architecture)
            guard values.count == 56 else {
                throw .malformedArchString(architecture, problem: "an NB101 key has 49 adjacency entries and 7 op indices, found \(values.count) numbers")
            }
            for row in 0..<7 {
                for column in 0..<7 where values[row * 7 + column] != 0 {
                    guard values[row * 7 + column] == 1, column > row else {
                        throw .malformedArchString(architecture, problem: "adjacency entry (\(row), \(column)) must be 0, or 1 above the diagonal")
                    }
                }
            }
            return "(" + values.map(String.init).joined(separator: ", ") + ")"
        case .nb301:
            let values = try integers(in: architecture)
            guard values.count == 32, architecture.filter({ $0 == "[" }).count == 3 else {
                throw .malformedArchString(architecture, problem: "a DARTS genotype has two cells of 8 (input, op) pairs")
            }
            let pairs = stride(from: 0, to: 32, by: 2).map { "(\(values[$0]), \(values[$0 + 1]))" }
            return "[[" + pairs[0..<8].joined(separator: ", ") + "], [" + pairs[8..<16].joined(separator: ", ") + "]]"
        }
    }

    /// The architecture as named integer arrays (name, shape, row-major values), as the HDF5 layout stores them:
    /// NB201 `ops` [6]; NB101 `adjacency` [7, 7] and `ops` [7]; DARTS `genotype` [2 cells, 8 edges, (input, op)].
    public func numericEncoding(of architecture: String) throws(ArchitectureError) -> [(name: String, shape: [Int], values: [Int])] {
        switch self {
        case .nb201:
            return [("ops", [NB201Architecture.edgeCount], try NB201Architecture(archString: architecture).encoding)]
        case .nb101:
            let values = try integers(in: normalizedForm(of: architecture))
            return [("adjacency", [7, 7], Array(values[0..<49])), ("ops", [7], Array(values[49...]))]
        case .nb301:
            return [("genotype", [2, 8, 2], try integers(in: normalizedForm(of: architecture)))]
        }
    }

    private func integers(in text: String) throws(ArchitectureError) -> [Int] {
        guard text.first == "(" || text.first == "[" else {
            throw .malformedArchString(text, problem: "expected a tuple or list")
        }
        var values: [Int] = []
        var current: Int?
        var badToken = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                current = (current ?? 0) * 10 + Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","),
                 UInt8(ascii: " "):
                if let value = current { values.append(value) }
                current = nil
            default:
                badToken = true
            }
        }
        if badToken {
            let separators: Set<Character> = ["(", ")", "[", "]", ",", " "]
            let token = text.split(whereSeparator: { separators.contains($0) })
                .first { !$0.allSatisfy(\.isASCII) || !$0.allSatisfy(\.isNumber) } ?? ""
            throw .malformedArchString(text, problem: "'\(token)' is not a non-negative integer")
        }
        if let value = current { values.append(value) }
        return values
    }
}
