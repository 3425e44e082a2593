/// One column of values sorted once, with its tie groups: the shared input of Kendall, Spearman and top-K (internal).
struct SortedColumn: Sendable {
    /// Stable ascending order: `order[j]` is the position of the j-th smallest value (ties by position ascending).
    let order: [UInt32]
    /// Start of each tie group in `order`, followed by the column length (so group g spans
    /// `groupStarts[g]..<groupStarts[g + 1]`).
    let groupStarts: [Int]
    /// Number of pairs tied in this column: the sum of t(t-1)/2 over tie groups of size t.
    let tiedPairs: Int64

    /// Sorts `values` (all finite) and records its tie groups.
    init(_ values: [Double]) {
        let count = values.count
        let (order, sortedKeys) = RadixSort.stableOrder(of: values)
        var groupStarts: [Int] = []
        var tiedPairs: Int64 = 0
        sortedKeys.withUnsafeBufferPointer { key in
            var groupStart = 0
            for position in 1..<(count + 1) where position == count || key[position] != key[position - 1] {
                let size = Int64(position - groupStart)
                tiedPairs &+= size * (size - 1) / 2
                groupStarts.append(groupStart)
                groupStart = position
            }
        }
        groupStarts.append(count)
        self.order = order
        self.groupStarts = groupStarts
        self.tiedPairs = tiedPairs
    }

    /// Number of distinct values.
    var groupCount: Int { groupStarts.count - 1 }

    /// Number of values.
    var count: Int { order.count }

    /// Positions ordered largest value first, ties by position ascending (the stable "best first" rule).
    func descendingStableOrder() -> [Int] {
        var result = [Int](repeating: 0, count: count)
        var next = 0
        for group in stride(from: groupCount - 1, through: 0, by: -1) {
            for position in groupStarts[group]..<groupStarts[group + 1] {
                result[next] = Int(order[position])
                next += 1
            }
        }
        return result
    }
}
