import Reports
import Testing

@Suite("report tables")
struct ReportTableTests {
    static let table = ReportTable(header: ["name", "value"], rows: [["a,b", "1.5"], ["say \"hi\"", "undefined: x"], ["p|q", "2"]])

    @Test("CSV quotes fields with commas and quotes (RFC 4180)")
    func csv() {
        #expect(Self.table.csv() == "name,value\n\"a,b\",1.5\n\"say \"\"hi\"\"\",undefined: x\np|q,2\n")
    }

    @Test("Markdown escapes pipes and right-aligns numeric columns")
    func markdown() {
        #expect(Self.table.markdown() == "| name | value |\n|---|---:|\n| a,b | 1.5 |\n| say \"hi\" | undefined: x |\n| p\\|q | 2 |\n")
    }

    @Test("HTML escapes text and marks numeric and undefined cells")
    func html() {
        let html = Self.table.html()
        #expect(html.contains("<td>say &quot;hi&quot;</td>"))
        #expect(html.contains("<td class=\"num undef\">undefined: x</td>"))
        #expect(html.contains("<th class=\"num\">value</th>"))
    }
}
