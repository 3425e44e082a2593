import SearchSpaces
import Testing

@Suite("NB201 arch strings")
struct NB201ArchitectureParsingTests {
    static let resNetLike = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|"

    @Test("parsing then printing gives the same string, for every cell")
    func roundTripAllCells() throws {
        for index in 0..<NB201Architecture.cellCount {
            let cell = NB201Architecture(index: index)
            let reparsed = try NB201Architecture(archString: cell.archString)
            #expect(reparsed == cell)
            #expect(reparsed.index == index)
            #expect(try NB201Architecture(encoding: cell.encoding) == cell)
        }
    }

    @Test("the ResNet-like cell decodes to the expected encoding")
    func resNetLikeEncoding() throws {
        let cell = try NB201Architecture(archString: Self.resNetLike)
        #expect(cell.encoding == [3, 0, 3, 1, 0, 0])
        #expect(cell.archString == Self.resNetLike)
    }

    @Test(
        "malformed strings give a one-line error naming the offending token",
        arguments: [
            ("", "invalid NB201 arch string '': empty string"),
            (
                "|conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|",
                "invalid NB201 arch string '|conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|': "
                    + "unknown operation 'conv_3x3' in token 'conv_3x3~0'"
            ),
            (
                "|none~0|+|none~0|none~2|+|none~0|none~1|none~2|",
                "invalid NB201 arch string '|none~0|+|none~0|none~2|+|none~0|none~1|none~2|': "
                    + "token 'none~2' must take its input from node 1"
            ),
            (
                "|none~1|+|none~0|none~1|+|none~0|none~1|none~2|",
                "invalid NB201 arch string '|none~1|+|none~0|none~1|+|none~0|none~1|none~2|': "
                    + "token 'none~1' must take its input from node 0"
            ),
            (
                "|none~0|+|none~0|none~1|",
                "invalid NB201 arch string '|none~0|+|none~0|none~1|': expected 3 '+'-separated node groups, found 2"
            ),
            (
                "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|+",
                "invalid NB201 arch string '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|+': "
                    + "expected 3 '+'-separated node groups, found 4"
            ),
            (
                "|none~0||+|none~0|none~1|+|none~0|none~1|none~2|",
                "invalid NB201 arch string '|none~0||+|none~0|none~1|+|none~0|none~1|none~2|': "
                    + "node 1 group '|none~0||' must list 1 input(s), found 2"
            ),
            (
                "|none~0|+|none~0||none~1|+|none~0|none~1|none~2|",
                "invalid NB201 arch string '|none~0|+|none~0||none~1|+|none~0|none~1|none~2|': "
                    + "node 2 group '|none~0||none~1|' must list 2 input(s), found 3"
            ),
            (
                "|none~0|+|none~0|none~1|+|none~0|none~1|",
                "invalid NB201 arch string '|none~0|+|none~0|none~1|+|none~0|none~1|': "
                    + "node 3 group '|none~0|none~1|' must list 3 input(s), found 2"
            ),
            (
                "none~0|+|none~0|none~1|+|none~0|none~1|none~2|",
                "invalid NB201 arch string 'none~0|+|none~0|none~1|+|none~0|none~1|none~2|': "
                    + "node 1 group 'none~0|' must start and end with '|'"
            ),
            (
                "|none0|+|none~0|none~1|+|none~0|none~1|none~2|",
                "invalid NB201 arch string '|none0|+|none~0|none~1|+|none~0|none~1|none~2|': "
                    + "token 'none0' is not of the form op~source"
            ),
            (
                "|none~x|+|none~0|none~1|+|none~0|none~1|none~2|",
                "invalid NB201 arch string '|none~x|+|none~0|none~1|+|none~0|none~1|none~2|': "
                    + "token 'none~x' must take its input from node 0"
            ),
        ]
    )
    func malformed(string: String, message: String) {
        #expect {
            _ = try NB201Architecture(archString: string)
        } throws: { error in
            (error as? ArchitectureError)?.description == message
        }
    }

    @Test("invalid encodings are rejected with the reason")
    func invalidEncodings() {
        #expect(throws: ArchitectureError.invalidEncoding([0, 1], reason: "expected 6 op indices, found 2")) {
            try NB201Architecture(encoding: [0, 1])
        }
        #expect(throws: ArchitectureError.invalidEncoding([0, 1, 2, 3, 4, 5], reason: "op index 5 is outside 0...4")) {
            try NB201Architecture(encoding: [0, 1, 2, 3, 4, 5])
        }
    }
}

@Suite("Other search spaces' architecture keys")
struct SearchSpaceIDTests {
    @Test("NB101 keys and DARTS genotypes normalise; malformed ones are one-line errors")
    func normalisation() throws {
        let nb101 = "(0, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 4, 4, 4, 1)"
        #expect(try SearchSpaceID.nb101.normalizedForm(of: nb101.replacingOccurrences(of: ", ", with: ",")) == nb101)
        #expect(try SearchSpaceID.nb101.numericEncoding(of: nb101).map(\.name) == ["adjacency", "ops"])
        #expect(throws: ArchitectureError.malformedArchString("(0, 1)", problem:
            "an NB101 key has 49 adjacency entries and 7 op indices, found 2 numbers")) {
            try SearchSpaceID.nb101.normalizedForm(of: "(0, 1)")
        }
        #expect(throws: ArchitectureError.malformedArchString("(0, -1)", problem: "'-1' is not a non-negative integer")) {
            try SearchSpaceID.nb101.normalizedForm(of: "(0, -1)")
        }
        let darts = "[[(0, 0), (1, 5), (1, 1), (0, 1), (1, 3), (0, 3), (1, 3), (3, 2)], [(1, 0), (0, 2), (1, 3), (0, 3), (3, 0), (0, 1), (2, 0), (3, 6)]]"
        #expect(try SearchSpaceID.nb301.normalizedForm(of: darts) == darts)
        #expect(try SearchSpaceID.nb301.numericEncoding(of: darts)[0].shape == [2, 8, 2])
    }

    @Test("the byte-level fast path and the strict parser agree on every cell and on near-misses")
    func fastPathAgrees() throws {
        for index in stride(from: 0, to: NB201Architecture.cellCount, by: 7) {
            let cell = NB201Architecture(index: index)
            #expect(try SearchSpaceID.nb201.normalizedForm(of: cell.archString) == cell.archString)
        }
        // Accepted by the strict parser only (a zero-padded source): normalised to the printed form.
        let padded = "|none~00|+|none~0|none~1|+|none~0|none~1|none~2|"
        #expect(try SearchSpaceID.nb201.normalizedForm(of: padded) == "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")
    }
}
