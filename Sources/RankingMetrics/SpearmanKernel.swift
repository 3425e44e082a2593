/// Spearman's rho from two sorted columns: Pearson's r of the average ranks, with exact integer sums (internal).
///
/// A tie group occupying sorted places start..<end (0-based) gets the average 1-based rank (start + 1 + end) / 2.
/// Twice that rank minus (N + 1), i.e. start + end - N, is an integer, and the mean of the doubled ranks is
/// exactly N + 1, so the centred sums Σa², Σb², Σab are computed exactly in 64-bit integers (up to
/// N = 2,000,000; beyond, in compensated double precision). rho = Σab / (sqrt(Σa²) sqrt(Σb²)): the only roundings
/// are the final three, so rho is within a few ulp of the exact value (scipy's float sums can be further off).
enum SpearmanKernel {
    /// Largest N for which the integer sums cannot overflow (N³/3 < 2^63).
    static let exactLimit = 2_000_000

    /// rho of two columns of equal length N >= 2, neither constant.
    static func rho(_ scores: SortedColumn, _ truth: SortedColumn) -> Double {
        let a = centredDoubledRanks(scores), b = centredDoubledRanks(truth)
        guard scores.count <= exactLimit else {
            return PearsonKernel.correlation(a.map(Double.init), b.map(Double.init))
        }
        var sumAA: Int64 = 0, sumBB: Int64 = 0, sumAB: Int64 = 0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                for index in 0..<a.count {
                    let left = Int64(a[index]), right = Int64(b[index])
                    sumAA &+= left &* left
                    sumBB &+= right &* right
                    sumAB &+= left &* right
                }
            }
        }
        let rho = Double(sumAB) / (Double(sumAA).squareRoot() * Double(sumBB).squareRoot())
        return Swift.min(1, Swift.max(-1, rho))
    }

    /// For each position, 2 × (average 1-based rank) - (N + 1) = start + end - N of its tie group.
    static func centredDoubledRanks(_ column: SortedColumn) -> [Int] {
        let count = column.count
        var result = [Int](repeating: 0, count: count)
        result.withUnsafeMutableBufferPointer { result in
            column.order.withUnsafeBufferPointer { order in
                column.groupStarts.withUnsafeBufferPointer { starts in
                    for group in 0..<(starts.count - 1) {
                        let start = starts[group], end = starts[group + 1]
                        let centred = start + end - count
                        for place in start..<end { result[Int(order[place])] = centred }
                    }
                }
            }
        }
        return result
    }
}
