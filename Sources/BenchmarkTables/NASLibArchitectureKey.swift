import SearchSpaces

/// NASLib's NB201 architecture key: op indices per edge in NASLib's edge and op order.
///
/// NASLib orders edges (0→1), (0→2), (0→3), (1→2), (1→3), (2→3) and numbers ops 0 skip_connect, 1 none,
/// 2 nor_conv_3x3, 3 nor_conv_1x1, 4 avg_pool_3x3 (../shared/data/README.md, HW-NAS-Bench's
/// `naslib_op_indices`).
public enum NASLibArchitectureKey {
    private static let operations: [NB201Operation] = [.skipConnect, .none, .conv3x3, .conv1x1, .avgPool3x3]
    private static let edges = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]

    /// The NB201 cell a NASLib key such as `(0, 2, 3, 2, 3, 1)` denotes.
    public static func architecture(from key: String) throws(ArchitectureError) -> NB201Architecture {
        let fields = key.trimmingCharacters(in: .init(charactersIn: "()[] "))
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.count == 6 else {
            throw .malformedArchString(key, problem: "a NASLib NB201 key has 6 op indices, found \(fields.count)")
        }
        var ours = [NB201Operation](repeating: .none, count: 6)
        for (position, field) in fields.enumerated() {
            guard let index = Int(field), operations.indices.contains(index) else {
                throw .malformedArchString(key, problem: "'\(field)' is not a NASLib op index 0...4")
            }
            let (source, target) = edges[position]
            ours[NB201Architecture.edgeIndex(source: source, target: target)] = operations[index]
        }
        return NB201Architecture(operations: ours)
    }
}

import Foundation
