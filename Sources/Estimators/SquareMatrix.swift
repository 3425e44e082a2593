import Foundation

/// A dense n×n matrix of Doubles (row-major) with the two decompositions the estimators need:
/// log|det| (relu_logdet) and the eigenvalues of a symmetric matrix (jacob_cov).
public struct SquareMatrix: Sendable, Equatable {
    /// The number of rows and columns.
    public let order: Int
    /// The entries, row by row.
    public private(set) var entries: [Double]

    /// Creates a matrix from `order`² row-major entries.
    public init(order: Int, entries: [Double]) {
        precondition(entries.count == order * order, "\(entries.count) entries for a \(order)x\(order) matrix")
        self.order = order
        self.entries = entries
    }

    /// The entry at row `i`, column `j`.
    public subscript(i: Int, j: Int) -> Double { entries[i * order + j] }

    /// log|det A| by LU decomposition with partial pivoting (numpy's `slogdet(A)[1]`); −∞ when A is singular.
    public func logAbsoluteDeterminant() -> Double {
        let n = order
        var a = entries
        var total = 0.0
        for column in 0..<n {
            var pivot = column
            var largest = abs(a[column * n + column])
            for row in (column + 1)..<max(n, column + 1) where abs(a[row * n + column]) > largest {
                largest = abs(a[row * n + column])
                pivot = row
            }
            if largest == 0 { return -.infinity }
            if pivot != column {
                for k in 0..<n { a.swapAt(column * n + k, pivot * n + k) }
            }
            let diagonal = a[column * n + column]
            total += Foundation.log(abs(diagonal))
            for row in (column + 1)..<max(n, column + 1) {
                let factor = a[row * n + column] / diagonal
                if factor == 0 { continue }
                for k in (column + 1)..<n { a[row * n + k] -= factor * a[column * n + k] }
            }
        }
        return total
    }

    /// The eigenvalues of this symmetric matrix, ascending: Householder reduction to tridiagonal form, then
    /// the implicit QL algorithm with Wilkinson shifts (Golub & Van Loan, "Matrix Computations", §8.3).
    /// Returns nil if the iteration does not converge (never observed on correlation matrices).
    public func symmetricEigenvalues() -> [Double]? {
        let n = order
        if n == 0 { return [] }
        var a = entries
        var diagonal = [Double](repeating: 0, count: n)
        var offDiagonal = [Double](repeating: 0, count: n)
        // Householder: for i = n−1 down to 1, reflect row i so that only its subdiagonal entry remains.
        var p = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, to: 0, by: -1) {
            let l = i - 1
            var scale = 0.0
            for k in 0...l { scale += abs(a[i * n + k]) }
            if l == 0 || scale == 0 {
                offDiagonal[i] = a[i * n + l]
                continue
            }
            var h = 0.0
            for k in 0...l {
                a[i * n + k] /= scale
                h += a[i * n + k] * a[i * n + k]
            }
            let f = a[i * n + l]
            let g = f >= 0 ? -h.squareRoot() : h.squareRoot()
            offDiagonal[i] = scale * g
            h -= f * g
            a[i * n + l] = f - g
            var sum = 0.0
            for j in 0...l {
                var dot = 0.0
                for k in 0...j { dot += a[j * n + k] * a[i * n + k] }
                if j < l { for k in (j + 1)...l { dot += a[k * n + j] * a[i * n + k] } }
                p[j] = dot / h
                sum += p[j] * a[i * n + j]
            }
            let hh = sum / (h + h)
            for j in 0...l {
                let u = a[i * n + j]
                p[j] -= hh * u
                for k in 0...j { a[j * n + k] -= u * p[k] + p[j] * a[i * n + k] }
            }
        }
        for i in 0..<n { diagonal[i] = a[i * n + i] }
        return Self.tridiagonalEigenvalues(diagonal: diagonal, offDiagonal: offDiagonal)
    }

    /// Eigenvalues of the symmetric tridiagonal matrix with `diagonal` and `offDiagonal[i]` = T[i, i−1].
    static func tridiagonalEigenvalues(diagonal: [Double], offDiagonal: [Double]) -> [Double]? {
        let n = diagonal.count
        var d = diagonal
        var e = [Double](repeating: 0, count: n)
        for i in 1..<max(n, 1) { e[i - 1] = offDiagonal[i] }
        for l in 0..<n {
            var iterations = 0
            while true {
                var m = l
                while m < n - 1 {
                    let dd = abs(d[m]) + abs(d[m + 1])
                    if abs(e[m]) <= Double.ulpOfOne * dd { break }
                    m += 1
                }
                if m == l { break }
                iterations += 1
                if iterations > 60 { return nil }
                var g = (d[l + 1] - d[l]) / (2 * e[l])
                var r = (g * g + 1).squareRoot()
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? abs(r) : -abs(r)))
                var s = 1.0, c = 1.0, p = 0.0
                var i = m - 1
                var deflated = false
                while i >= l {
                    let f = s * e[i]
                    let b = c * e[i]
                    r = (f * f + g * g).squareRoot()
                    e[i + 1] = r
                    if r == 0 {
                        d[i + 1] -= p
                        e[m] = 0
                        deflated = true
                        break
                    }
                    s = f / r
                    c = g / r
                    g = d[i + 1] - p
                    r = (d[i] - g) * s + 2 * c * b
                    p = s * r
                    d[i + 1] = g + p
                    g = c * r - b
                    i -= 1
                }
                if deflated { continue }
                d[l] -= p
                e[l] = g
                e[m] = 0
            }
        }
        return d.sorted()
    }
}
