import NASCore
import SearchSpaces
import Testing

@Suite("NB201 search space")
struct NB201SearchSpaceTests {
    static let space = NB201SearchSpace()

    @Test("15,625 cells fall into 6,466 isomorphism classes (REFERENCE §1)")
    func classCounts() {
        let merged = Self.space.classStatistics(mergingZeros: true)
        #expect(merged.cellCount == 15_625)
        #expect(merged.classCount == 6_466)
        #expect(merged.largestClassSize == 275)
        #expect(merged.singletonCount == 5_116)
        #expect(Self.space.classStatistics(mergingZeros: false).classCount == 12_751)
        #expect(Self.space.representatives.count == 6_466)
        #expect(Set(Self.space.architectures).count == 15_625)
    }

    @Test("each representative is the smallest-index member of its class")
    func representativeRule() {
        let classes = Self.space.isomorphismClasses()
        for representative in Self.space.representatives {
            let members = classes[representative.canonicalKey]!
            #expect(members.map(\.index).min() == representative.index)
        }
    }

    @Test("cells that differ only by dangling edges or skip-vs-input share a key")
    func isomorphicPairs() throws {
        // Node 3 reads node 0 directly; whatever feeds nodes 1 and 2 is dangling.
        let a = try NB201Architecture(archString: "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|")
        let b = try NB201Architecture(archString: "|avg_pool_3x3~0|+|none~0|nor_conv_1x1~1|+|skip_connect~0|none~1|none~2|")
        #expect(a.canonicalKey == b.canonicalKey)
        #expect(a.canonicalKey == "#+#+0")
        // Swapping two parallel convolutions into node 3 does not change the function.
        let c = try NB201Architecture(archString: "|skip_connect~0|+|none~0|none~1|+|nor_conv_1x1~0|nor_conv_3x3~1|none~2|")
        let d = try NB201Architecture(archString: "|skip_connect~0|+|none~0|none~1|+|nor_conv_3x3~0|nor_conv_1x1~1|none~2|")
        #expect(c.canonicalKey == d.canonicalKey)
        let e = try NB201Architecture(archString: "|nor_conv_3x3~0|+|none~0|none~1|+|nor_conv_3x3~0|nor_conv_1x1~1|none~2|")
        #expect(c.canonicalKey != e.canonicalKey)
    }

    @Test("live edges exclude edges that cannot reach the output or be reached from the input")
    func liveEdges() throws {
        let resNetLike = try NB201Architecture(archString: "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|")
        #expect(resNetLike.liveEdges == [false, false, false, true, false, false])
        let disconnected = try NB201Architecture(archString: "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|none~0|none~1|none~2|")
        #expect(disconnected.liveEdges == Array(repeating: false, count: 6))
        #expect(!disconnected.isConnected)
        let full = NB201Architecture(operations: Array(repeating: .conv3x3, count: 6))
        #expect(full.liveEdges == Array(repeating: true, count: 6))
    }

    @Test("the one-edit neighbourhood has 24 distinct cells, each one edge away", arguments: [0, 1, 777, 15_624])
    func neighbours(index: Int) {
        let cell = NB201Architecture(index: index)
        let neighbours = NB201SearchSpace.neighbours(of: cell)
        #expect(neighbours.count == 24)
        #expect(Set(neighbours).count == 24)
        for neighbour in neighbours {
            #expect(zip(neighbour.operations, cell.operations).filter { $0 != $1 }.count == 1)
        }
    }

    @Test("random sampling and random neighbours are determined by the seed", arguments: [0, 1, 42] as [UInt64])
    func seededSampling(seed: UInt64) {
        func draw(_ seed: UInt64) -> [NB201Architecture] {
            var generator = SeededGenerator(seed: seed)
            var cells: [NB201Architecture] = []
            for _ in 0..<50 {
                let cell = NB201SearchSpace.randomArchitecture(using: &generator)
                cells.append(cell)
                let neighbour = NB201SearchSpace.randomNeighbour(of: cell, using: &generator)
                #expect(zip(neighbour.operations, cell.operations).filter { $0 != $1 }.count == 1)
                cells.append(neighbour)
            }
            return cells
        }
        #expect(draw(seed) == draw(seed))
        #expect(draw(seed) != draw(seed + 1000))
    }

    @Test("uniform sampling covers every op on every edge about equally")
    func samplingIsUniform() {
        var generator = SeededGenerator(seed: 7)
        var counts = Array(repeating: Array(repeating: 0, count: 5), count: 6)
        let draws = 50_000
        for _ in 0..<draws {
            let cell = NB201SearchSpace.randomArchitecture(using: &generator)
            for (edge, op) in cell.operations.enumerated() { counts[edge][op.rawValue] += 1 }
        }
        // Binomial(50,000, 0.2): standard deviation ≈ 89; allow 5 sigma.
        for edge in counts { for count in edge { #expect(abs(count - draws / 5) < 450) } }
    }
}
