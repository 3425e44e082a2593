import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks that a string is well-formed XML, collecting the parser's error.
final class XMLCheck: NSObject, XMLParserDelegate {
    /// The first parse error, if any.
    var failure: String?

    /// Whether `text` parses as XML without any reported error (Foundation's parser can return true after one).
    static func isWellFormed(_ text: String) -> (Bool, String?) {
        let parser = XMLParser(data: Data(text.utf8))
        let check = XMLCheck()
        parser.delegate = check
        let parsed = parser.parse()
        let failure = check.failure ?? parser.parserError.map { "\($0)" }
        return (parsed && failure == nil, failure)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        failure = "line \(parser.lineNumber): \(parseError)"
    }
}
