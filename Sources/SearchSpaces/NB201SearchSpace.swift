import NASCore

/// The NAS-Bench-201 topology search space: enumeration, isomorphism classes, sampling and neighbourhoods.
public struct NB201SearchSpace: Sendable {
    /// The space's identifier on the command line and in the database.
    public static let identifier = "nb201"

    /// Every cell, in enumeration order (index 0 ..< 15,625).
    public let architectures: [NB201Architecture]

    /// Canonical key of each cell, aligned with `architectures`.
    public let canonicalKeys: [String]

    /// One representative per isomorphism class (6,466): the member with the smallest enumeration index.
    public let representatives: [NB201Architecture]

    /// Creates the space, enumerating all cells and their isomorphism classes.
    public init() {
        architectures = (0..<NB201Architecture.cellCount).map(NB201Architecture.init(index:))
        canonicalKeys = architectures.map(\.canonicalKey)
        var seen = Set<String>()
        representatives = zip(architectures, canonicalKeys).compactMap { seen.insert($1).inserted ? $0 : nil }
    }

    /// Members of every isomorphism class, keyed by canonical key, each list in enumeration order.
    public func isomorphismClasses(mergingZeros: Bool = true) -> [String: [NB201Architecture]] {
        var classes: [String: [NB201Architecture]] = [:]
        for architecture in architectures {
            classes[architecture.canonicalKey(mergingZeros: mergingZeros), default: []].append(architecture)
        }
        return classes
    }

    /// Size statistics of the isomorphism classes.
    public func classStatistics(mergingZeros: Bool = true) -> IsomorphismClassStatistics {
        IsomorphismClassStatistics(classSizes: isomorphismClasses(mergingZeros: mergingZeros).values.map(\.count))
    }

    /// A uniformly random cell drawn from `generator`.
    public static func randomArchitecture(using generator: inout some RandomNumberGenerator) -> NB201Architecture {
        NB201Architecture(operations: (0..<NB201Architecture.edgeCount).map { _ in
            NB201Operation.allCases.randomElement(using: &generator)!
        })
    }

    /// The 24 cells that differ from `architecture` on exactly one edge, in edge then op order.
    public static func neighbours(of architecture: NB201Architecture) -> [NB201Architecture] {
        (0..<NB201Architecture.edgeCount).flatMap { edge in
            NB201Operation.allCases
                .filter { $0 != architecture.operations[edge] }
                .map { architecture.replacing(edge: edge, with: $0) }
        }
    }

    /// A uniformly random one-edit neighbour of `architecture`: one random edge changed to a different op.
    public static func randomNeighbour(
        of architecture: NB201Architecture, using generator: inout some RandomNumberGenerator
    ) -> NB201Architecture {
        let edge = Int.random(in: 0..<NB201Architecture.edgeCount, using: &generator)
        let others = NB201Operation.allCases.filter { $0 != architecture.operations[edge] }
        return architecture.replacing(edge: edge, with: others.randomElement(using: &generator)!)
    }
}

/// Summary of how cells are distributed over isomorphism classes.
public struct IsomorphismClassStatistics: Sendable, Equatable, Codable {
    /// Number of classes.
    public let classCount: Int
    /// Number of cells over all classes.
    public let cellCount: Int
    /// Size of the largest class.
    public let largestClassSize: Int
    /// Number of classes with exactly one member.
    public let singletonCount: Int
    /// Mean class size.
    public let meanClassSize: Double
    /// Median class size.
    public let medianClassSize: Double

    /// Computes the statistics of a list of class sizes.
    public init(classSizes: [Int]) {
        let sorted = classSizes.sorted()
        classCount = sorted.count
        cellCount = sorted.reduce(0, +)
        largestClassSize = sorted.last ?? 0
        singletonCount = sorted.filter { $0 == 1 }.count
        meanClassSize = sorted.isEmpty ? 0 : Double(cellCount) / Double(classCount)
        if sorted.isEmpty {
            medianClassSize = 0
        } else if sorted.count % 2 == 1 {
            medianClassSize = Double(sorted[sorted.count / 2])
        } else {
            medianClassSize = Double(sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
    }
}
