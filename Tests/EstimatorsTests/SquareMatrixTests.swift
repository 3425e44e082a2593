import Estimators
import HDF5
import Testing

/// log|det| and symmetric eigenvalues against numpy (`slogdet`, `eigvalsh`) on the fixture's random matrices.
@Suite("Dense matrix decompositions match numpy")
struct SquareMatrixTests {
    static func matrix(_ group: HDF5Group, _ name: String) throws -> SquareMatrix {
        let array = try group.dataset(name).read(Double.self)
        return SquareMatrix(order: array.shape[0], entries: array.values)
    }

    @Test("log|det| of general matrices", arguments: ["order1", "order5", "order40", "order128"])
    func logDeterminant(name: String) throws {
        let group = try HDF5File.open(ReferenceFixture.file.path).group("matrices/\(name)")
        let value = try Self.matrix(group, "general").logAbsoluteDeterminant()
        #expect(relativeDifference(value, try group.doubleAttribute("general_logabsdet")) < 1e-10)
    }

    @Test("a singular matrix has log|det| far below a regular one's (numpy: the same round-off pivot)")
    func singular() throws {
        let group = try HDF5File.open(ReferenceFixture.file.path).group("matrices/singular")
        let value = try Self.matrix(group, "general").logAbsoluteDeterminant()
        #expect(value < -20)
        #expect(SquareMatrix(order: 2, entries: [1, 2, 2, 4]).logAbsoluteDeterminant() == -.infinity)
        #expect(SquareMatrix(order: 2, entries: [0, 0, 0, 0]).logAbsoluteDeterminant() == -.infinity)
    }

    @Test("eigenvalues of symmetric matrices", arguments: ["order1", "order5", "order40", "order128"])
    func eigenvalues(name: String) throws {
        let group = try HDF5File.open(ReferenceFixture.file.path).group("matrices/\(name)")
        let ours = try #require(try Self.matrix(group, "symmetric").symmetricEigenvalues())
        let expected = try group.dataset("symmetric_eigenvalues").read(Double.self).values
        let scale = expected.map(abs).max()!
        #expect(ours.count == expected.count)
        #expect(zip(ours, expected).allSatisfy { abs($0 - $1) <= 1e-11 * scale }, "\(zip(ours, expected).map { $0 - $1 }.max()!)")
    }

    @Test("eigenvalues of diagonal, rank-one and identity matrices")
    func structured() throws {
        #expect(SquareMatrix(order: 3, entries: [3, 0, 0, 0, -1, 0, 0, 0, 2]).symmetricEigenvalues() == [-1, 2, 3])
        let ones = try #require(SquareMatrix(order: 4, entries: [Double](repeating: 1, count: 16)).symmetricEigenvalues())
        #expect(abs(ones[3] - 4) < 1e-12 && ones[0..<3].allSatisfy { abs($0) < 1e-12 })
        #expect(SquareMatrix(order: 0, entries: []).symmetricEigenvalues() == [])
    }
}
