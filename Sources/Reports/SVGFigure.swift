/// A figure of a report: an SVG drawing with a file name and a caption.
public struct SVGFigure: Sendable {
    /// File stem when written on its own, e.g. `scatter-params` (letters, digits, `-` and `_` only).
    public let name: String
    /// One-sentence caption.
    public let caption: String
    /// Drawing width in SVG user units (pixels).
    public let width: Double
    /// Drawing height in SVG user units (pixels).
    public let height: Double
    /// The SVG elements inside the root `<svg>` element.
    public let content: String

    /// Creates a figure; `name` is reduced to letters, digits, `-` and `_`.
    public init(name: String, caption: String, width: Double, height: Double, content: String) {
        self.name = SVGFigure.fileStem(name)
        self.caption = caption
        self.width = width
        self.height = height
        self.content = content
    }

    /// The drawing as SVG markup: with `standalone`, a complete SVG document (XML declaration and namespace) for a
    /// file or a notebook attachment; otherwise an element to inline in HTML5, which needs no namespace.
    public func svg(standalone: Bool) -> String {
        let size = "viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\""
        let label = "role=\"img\" aria-label=\"\(Markup.escape(caption))\""
        let style = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\""
        if standalone {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" \(size) \(label) \(style)>\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\(content)</svg>\n"
        }
        return "<svg \(size) \(label) \(style) class=\"figure\">\n\(content)</svg>"
    }

    /// `text` reduced to a safe file stem.
    static func fileStem(_ text: String) -> String {
        let allowed = text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" }
        let stem = String(allowed)
        return stem.isEmpty ? "figure" : stem
    }
}

/// Builds the elements of an SVG drawing; every text is escaped, every number written with two decimals at most.
struct SVGCanvas {
    /// The elements so far.
    private(set) var content = ""

    /// A coordinate or length as text (at most two decimals, no trailing zeros).
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// Appends raw markup (already escaped).
    mutating func raw(_ markup: String) {
        content += markup
        if !markup.hasSuffix("\n") { content += "\n" }
    }

    /// A straight line.
    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                       width: Double = 1, dash: String? = nil) {
        let n = Self.number
        raw("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" "
            + "stroke-width=\"\(n(width))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
    }

    /// A rectangle (negative heights are normalised).
    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
                       title: String? = nil) {
        let n = Self.number
        let top = height < 0 ? y + height : y
        let element = "<rect x=\"\(n(x))\" y=\"\(n(top))\" width=\"\(n(max(width, 0)))\" height=\"\(n(abs(height)))\" "
            + "fill=\"\(fill)\"" + (stroke.map { " stroke=\"\($0)\"" } ?? "")
        if let title {
            raw(element + "><title>\(Markup.escape(title))</title></rect>")
        } else {
            raw(element + "/>")
        }
    }

    /// A circle.
    mutating func circle(x: Double, y: Double, radius: Double, fill: String, stroke: String? = nil) {
        let n = Self.number
        raw("<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill)\""
            + (stroke.map { " stroke=\"\($0)\"" } ?? "") + "/>")
    }

    /// A path with the given data.
    mutating func path(_ data: String, stroke: String, width: Double, fill: String = "none", dash: String? = nil,
                       roundCaps: Bool = false, opacity: Double? = nil) {
        raw("<path d=\"\(data)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\""
            + (roundCaps ? " stroke-linecap=\"round\" stroke-linejoin=\"round\"" : "")
            + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
            + (opacity.map { " stroke-opacity=\"\(Self.number($0))\"" } ?? "") + "/>")
    }

    /// A text label; `anchor` is start, middle or end; `rotate` turns it about its anchor point.
    mutating func text(_ text: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
                       weight: String? = nil, fill: String = "#222222", rotate: Double? = nil) {
        let n = Self.number
        var attributes = "x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(n(size))\" fill=\"\(fill)\""
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let rotate { attributes += " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\"" }
        raw("<text \(attributes)>\(Markup.escape(text))</text>")
    }
}
