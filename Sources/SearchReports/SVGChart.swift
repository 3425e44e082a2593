import Foundation

/// A small self-contained SVG chart: lines with optional shaded bands, step lines and scatter points, with
/// axes, ticks, labels and a legend. Standalone SVG 1.1, no scripts or external resources.
public struct SVGChart: Sendable {
    /// How a series is drawn.
    public enum Style: Sendable {
        /// Straight segments between points.
        case line
        /// A staircase: horizontal then vertical (for Pareto fronts ordered by x).
        case step
        /// Unconnected dots.
        case scatter
    }

    /// One drawn data set.
    public struct Series: Sendable {
        /// Legend label.
        public let name: String
        /// CSS colour.
        public let color: String
        /// How it is drawn.
        public let style: Style
        /// The (x, y) points.
        public let points: [(x: Double, y: Double)]
        /// An optional shaded band (x, lower y, upper y) drawn under the line.
        public let band: [(x: Double, lower: Double, upper: Double)]
        /// Whether the line is dashed.
        public let dashed: Bool
        /// Line width in pixels.
        public let lineWidth: Double

        /// Creates a series.
        public init(name: String, color: String, style: Style, points: [(x: Double, y: Double)],
                    band: [(x: Double, lower: Double, upper: Double)] = [], dashed: Bool = false, lineWidth: Double = 2) {
            self.name = name
            self.color = color
            self.style = style
            self.points = points.filter { $0.x.isFinite && $0.y.isFinite }
            self.band = band.filter { $0.x.isFinite && $0.lower.isFinite && $0.upper.isFinite }
            self.dashed = dashed
            self.lineWidth = lineWidth
        }
    }

    /// A vertical or horizontal reference line with a label.
    public struct Marker: Sendable {
        /// Position on the x axis (vertical line) when set.
        public let x: Double?
        /// Position on the y axis (horizontal line) when set.
        public let y: Double?
        /// Label drawn next to the line.
        public let label: String

        /// Creates a marker at `x` or `y`.
        public init(x: Double? = nil, y: Double? = nil, label: String) {
            self.x = x
            self.y = y
            self.label = label
        }
    }

    /// Colours for successive series (colour-blind-safe Okabe–Ito palette).
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

    /// Chart title.
    public let title: String
    /// x-axis label.
    public let xLabel: String
    /// y-axis label.
    public let yLabel: String
    /// The series, drawn in order.
    public let series: [Series]
    /// Reference lines.
    public let markers: [Marker]
    /// Explicit y range, or nil to fit the data.
    public let yRange: ClosedRange<Double>?
    /// Width in pixels.
    public let width = 760.0
    /// Height in pixels.
    public let height = 460.0

    /// Creates a chart.
    public init(title: String, xLabel: String, yLabel: String, series: [Series], markers: [Marker] = [],
                yRange: ClosedRange<Double>? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.markers = markers
        self.yRange = yRange
    }

    /// The chart as an SVG document.
    public var svg: String {
        let plot = (left: 72.0, right: width - 190, top: 40.0, bottom: height - 56)
        let xs = series.flatMap { $0.points.map(\.x) + $0.band.map(\.x) } + markers.compactMap(\.x)
        let ys = series.flatMap { $0.points.map(\.y) + $0.band.flatMap { [$0.lower, $0.upper] } } + markers.compactMap(\.y)
        let xTicks = Self.ticks(from: xs.min() ?? 0, to: xs.max() ?? 1)
        let yTicks = yRange.map { Self.ticks(from: $0.lowerBound, to: $0.upperBound) } ?? Self.ticks(from: ys.min() ?? 0, to: ys.max() ?? 1)
        let (x0, x1) = (xTicks.first!, xTicks.last!)
        let (y0, y1) = (yTicks.first!, yTicks.last!)
        func px(_ x: Double) -> Double { plot.left + (x - x0) / (x1 - x0) * (plot.right - plot.left) }
        func py(_ y: Double) -> Double {
            // Values far outside the range are pinned just outside the plot, where the clip path hides them.
            let clamped = min(max(y, y0 - (y1 - y0) * 0.05), y1 + (y1 - y0) * 0.05)
            return plot.bottom - (clamped - y0) / (y1 - y0) * (plot.bottom - plot.top)
        }
        func f(_ value: Double) -> String { String(format: "%.1f", value) }

        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
            <title>\(Self.escape(title))</title>
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(f(width / 2))" y="22" text-anchor="middle" font-size="15">\(Self.escape(title))</text>

            """
        for tick in xTicks {
            out += "<line x1=\"\(f(px(tick)))\" y1=\"\(f(plot.top))\" x2=\"\(f(px(tick)))\" y2=\"\(f(plot.bottom))\" stroke=\"#e5e5e5\"/>\n"
            out += "<text x=\"\(f(px(tick)))\" y=\"\(f(plot.bottom + 18))\" text-anchor=\"middle\">\(Self.label(tick, ticks: xTicks))</text>\n"
        }
        for tick in yTicks {
            out += "<line x1=\"\(f(plot.left))\" y1=\"\(f(py(tick)))\" x2=\"\(f(plot.right))\" y2=\"\(f(py(tick)))\" stroke=\"#e5e5e5\"/>\n"
            out += "<text x=\"\(f(plot.left - 8))\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\">\(Self.label(tick, ticks: yTicks))</text>\n"
        }
        out += "<rect x=\"\(f(plot.left))\" y=\"\(f(plot.top))\" width=\"\(f(plot.right - plot.left))\" "
            + "height=\"\(f(plot.bottom - plot.top))\" fill=\"none\" stroke=\"#333\"/>\n"
        out += "<text x=\"\(f((plot.left + plot.right) / 2))\" y=\"\(f(height - 16))\" text-anchor=\"middle\">\(Self.escape(xLabel))</text>\n"
        out += "<text transform=\"translate(18 \(f((plot.top + plot.bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(Self.escape(yLabel))</text>\n"

        out += "<clipPath id=\"plot\"><rect x=\"\(f(plot.left))\" y=\"\(f(plot.top))\" width=\"\(f(plot.right - plot.left))\" "
            + "height=\"\(f(plot.bottom - plot.top))\"/></clipPath>\n<g clip-path=\"url(#plot)\">\n"
        for item in series where !item.band.isEmpty {
            let upper = item.band.map { "\(f(px($0.x))),\(f(py($0.upper)))" }
            let lower = item.band.reversed().map { "\(f(px($0.x))),\(f(py($0.lower)))" }
            out += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(item.color)\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
        }
        for item in series {
            let dash = item.dashed ? " stroke-dasharray=\"6 4\"" : ""
            switch item.style {
            case .line, .step:
                var coordinates: [String] = []
                for (offset, point) in item.points.enumerated() {
                    if item.style == .step, offset > 0 {
                        coordinates.append("\(f(px(point.x))),\(f(py(item.points[offset - 1].y)))")
                    }
                    coordinates.append("\(f(px(point.x))),\(f(py(point.y)))")
                }
                out += "<polyline points=\"\(coordinates.joined(separator: " "))\" fill=\"none\" stroke=\"\(item.color)\" stroke-width=\"\(f(item.lineWidth))\"\(dash)/>\n"
            case .scatter:
                out += "<g fill=\"\(item.color)\" fill-opacity=\"0.35\">"
                for point in item.points { out += "<circle cx=\"\(f(px(point.x)))\" cy=\"\(f(py(point.y)))\" r=\"2\"/>" }
                out += "</g>\n"
            }
        }
        out += "</g>\n"
        for marker in markers {
            if let x = marker.x {
                out += "<line x1=\"\(f(px(x)))\" y1=\"\(f(plot.top))\" x2=\"\(f(px(x)))\" y2=\"\(f(plot.bottom))\" stroke=\"#B00\" stroke-dasharray=\"3 3\"/>\n"
                out += "<text x=\"\(f(px(x) + 4))\" y=\"\(f(plot.top + 14))\" fill=\"#B00\">\(Self.escape(marker.label))</text>\n"
            }
            if let y = marker.y {
                out += "<line x1=\"\(f(plot.left))\" y1=\"\(f(py(y)))\" x2=\"\(f(plot.right))\" y2=\"\(f(py(y)))\" stroke=\"#B00\" stroke-dasharray=\"3 3\"/>\n"
                out += "<text x=\"\(f(plot.left + 4))\" y=\"\(f(py(y) - 4))\" fill=\"#B00\">\(Self.escape(marker.label))</text>\n"
            }
        }
        for (offset, item) in series.enumerated() {
            let y = plot.top + 12 + Double(offset) * 20
            let x = plot.right + 14
            if item.style == .scatter {
                out += "<circle cx=\"\(f(x + 10))\" cy=\"\(f(y - 4))\" r=\"3\" fill=\"\(item.color)\"/>"
            } else {
                out += "<line x1=\"\(f(x))\" y1=\"\(f(y - 4))\" x2=\"\(f(x + 20))\" y2=\"\(f(y - 4))\" stroke=\"\(item.color)\" "
                    + "stroke-width=\"\(f(item.lineWidth))\"/>"
            }
            out += "<text x=\"\(f(x + 26))\" y=\"\(f(y))\">\(Self.escape(item.name))</text>\n"
        }
        return out + "</svg>\n"
    }

    /// Round tick values covering `low...high`: steps of 1, 2 or 5 times a power of ten, about six ticks.
    public static func ticks(from low: Double, to high: Double) -> [Double] {
        var (low, high) = (low, high)
        if high <= low { (low, high) = (low - 1, low + 1) }
        let rough = (high - low) / 5
        let exponent = Int((log10(rough)).rounded(.down))
        let magnitude = pow(10, Double(exponent))
        let mantissa = [1.0, 2, 5, 10].first { $0 * magnitude >= rough }!
        let step = mantissa * magnitude
        // Tick k is k·mantissa·10^exponent; dividing by 10^-exponent keeps decimal ticks exact (93.6, not 93.60000000000001).
        func tick(_ k: Double) -> Double { exponent < 0 ? k * mantissa / pow(10, Double(-exponent)) : k * step }
        let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
        return stride(from: first, through: last, by: 1).map(tick)
    }

    private static func label(_ value: Double, ticks: [Double]) -> String {
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        let decimals = max(0, Int((-log10(step)).rounded(.up)))
        return String(format: "%.\(decimals)f", value)
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
