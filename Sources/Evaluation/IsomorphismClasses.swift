import SearchSpaces

/// Which isomorphism class every row of a table belongs to, and which member represents its class.
///
/// The representative of a class is the member with the smallest `preference` (ties: the earlier row), among the
/// table's rows. For NB201 the key is `NB201Architecture.canonicalKey` and the preference the enumeration index, so the
/// representative is the member with the smallest enumeration index (docs/ARCHITECTURE.md); on a table holding only
/// some architectures (e.g. 725 sampled cells) a class is represented by its members that are present.
public struct IsomorphismClasses: Sendable {
    /// The class key of every row.
    public let keys: [String]
    /// Every row's preference as its class representative (smaller = preferred).
    public let preference: [Int]

    /// Classes from explicit keys and preferences.
    ///
    /// - Throws: `EvaluationError.lengthMismatch` when the arrays differ in length.
    public init(keys: [String], preference: [Int]) throws(EvaluationError) {
        guard keys.count == preference.count else {
            throw .lengthMismatch(what: "class keys and preferences", expected: keys.count, found: preference.count)
        }
        self.keys = keys
        self.preference = preference
    }

    /// NB201 classes of `architectures` (arch strings): canonical key (zeros merged, 6,466 classes over the whole
    /// space) and enumeration index as preference.
    ///
    /// - Throws: `EvaluationError.notNB201` for a string that is not an NB201 arch string.
    public static func nb201(_ architectures: [String]) throws(EvaluationError) -> IsomorphismClasses {
        var keys: [String] = []
        var preference: [Int] = []
        keys.reserveCapacity(architectures.count)
        preference.reserveCapacity(architectures.count)
        for text in architectures {
            guard let architecture = try? NB201Architecture(archString: text) else {
                throw .notNB201(architecture: text, feature: "isomorphism classes")
            }
            keys.append(architecture.canonicalKey)
            preference.append(architecture.index)
        }
        return IsomorphismClasses(validKeys: keys, preference: preference)
    }

    /// Every row its own class (spaces without isomorphism merging), preference = row position.
    public static func singletons(count: Int) -> IsomorphismClasses {
        IsomorphismClasses(validKeys: (0..<count).map(String.init), preference: Array(0..<count))
    }

    /// Memberwise (lengths already equal).
    private init(validKeys keys: [String], preference: [Int]) {
        self.keys = keys
        self.preference = preference
    }

    /// The classes as lists of row positions, each class ordered by row, classes ordered by their representative's
    /// row; the representative's position is returned with each class.
    func groups() -> [(representative: Int, members: [Int])] {
        var members: [String: [Int]] = [:]
        for (row, key) in keys.enumerated() { members[key, default: []].append(row) }
        return members.values.map { rows in
            let representative = rows.min { (preference[$0], $0) < (preference[$1], $1) }!
            return (representative, rows)
        }.sorted { $0.representative < $1.representative }
    }
}
