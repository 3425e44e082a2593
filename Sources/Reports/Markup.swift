/// Escaping for the text formats reports are written in.
enum Markup {
    /// `text` safe inside HTML/SVG element content and double-quoted attributes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// `text` as one CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `text` safe inside a Markdown table cell (pipes escaped, line breaks removed).
    static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// `text` as HTML with `code` spans (between backticks) turned into `<code>` elements.
    static func inlineHTML(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return escape(text) }
        var html = ""
        for (index, part) in parts.enumerated() {
            let escaped = escape(String(part))
            if index % 2 == 1 && index < parts.count - 1 {
                html += "<code>\(escaped)</code>"
            } else {
                html += (index % 2 == 1 ? "`" : "") + escaped
            }
        }
        return html
    }
}
