/// A NAS-Bench-201 cell: one operation on each of the six edges of a 4-node DAG.
///
/// Edges are ordered (0→1), (0→2), (1→2), (0→3), (1→3), (2→3), the order of the arch string
/// `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|`. Node 0 is the cell input, node 3 its output, and every node is the sum
/// of its incoming edges (REFERENCE §1).
public struct NB201Architecture: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Number of edges in a cell.
    public static let edgeCount = 6
    /// Number of nodes in a cell, input and output included.
    public static let nodeCount = 4
    /// Number of distinct cells: 5^6.
    public static let cellCount = 15_625
    /// (source, target) node of every edge, in arch-string order.
    public static let edges: [(source: Int, target: Int)] = [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)]

    /// The operation on each edge, in arch-string order.
    public let operations: [NB201Operation]

    /// Creates a cell from six operations in arch-string edge order.
    public init(operations: [NB201Operation]) {
        precondition(operations.count == Self.edgeCount, "an NB201 cell has exactly 6 edges")
        self.operations = operations
    }

    /// Creates a cell from the 6-choice encoding: one op index (0 none … 4 avg_pool_3x3) per edge.
    public init(encoding: [Int]) throws(ArchitectureError) {
        guard encoding.count == Self.edgeCount else {
            throw .invalidEncoding(encoding, reason: "expected 6 op indices, found \(encoding.count)")
        }
        var operations: [NB201Operation] = []
        for value in encoding {
            guard let op = NB201Operation(rawValue: value) else {
                throw .invalidEncoding(encoding, reason: "op index \(value) is outside 0...4")
            }
            operations.append(op)
        }
        self.operations = operations
    }

    /// Creates the cell at position `index` (0 ..< 15,625) of the space's enumeration order.
    ///
    /// The index is the encoding read as a base-5 number with edge (0→1) as the most significant digit.
    /// It is NOT NB201's official benchmark index, which follows the order the benchmark was trained in.
    public init(index: Int) {
        precondition((0..<Self.cellCount).contains(index), "cell index out of range")
        var remainder = index
        var operations = [NB201Operation](repeating: .none, count: Self.edgeCount)
        for edge in stride(from: Self.edgeCount - 1, through: 0, by: -1) {
            operations[edge] = NB201Operation(rawValue: remainder % 5)!
            remainder /= 5
        }
        self.operations = operations
    }

    /// The 6-choice encoding: op index per edge in arch-string order.
    public var encoding: [Int] { operations.map(\.rawValue) }

    /// Position of this cell in the space's enumeration order (the encoding as a base-5 number).
    public var index: Int { operations.reduce(0) { $0 * 5 + $1.rawValue } }

    /// The NB201 arch string, e.g. `|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|`.
    public var archString: String {
        var groups: [String] = []
        var edge = 0
        for target in 1..<Self.nodeCount {
            var tokens: [String] = []
            for source in 0..<target {
                tokens.append("\(operations[edge].name)~\(source)")
                edge += 1
            }
            groups.append("|" + tokens.joined(separator: "|") + "|")
        }
        return groups.joined(separator: "+")
    }

    /// The arch string.
    public var description: String { archString }

    /// The edge index of (source → target).
    public static func edgeIndex(source: Int, target: Int) -> Int {
        edges.firstIndex { $0.source == source && $0.target == target }!
    }

    /// How many edges carry `operation`.
    public func count(of operation: NB201Operation) -> Int {
        operations.filter { $0 == operation }.count
    }

    /// A copy with the op on `edge` replaced.
    public func replacing(edge: Int, with operation: NB201Operation) -> NB201Architecture {
        var operations = self.operations
        operations[edge] = operation
        return NB201Architecture(operations: operations)
    }
}
