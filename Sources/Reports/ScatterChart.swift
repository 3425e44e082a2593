/// A scatter plot of many points, coloured by local density so that ties and overplotting stay visible.
///
/// Points are placed at pixel resolution and de-duplicated; each is coloured by how many points fall in its 4×4
/// pixel cell (1, 2–4, 5–16, more), and each density level is one SVG path, so 15,625 points stay a small file.
/// Extreme values that would squeeze the rest into a line are drawn as red rings on the edge of the axes.
struct ScatterChart {
    /// Title above the plot.
    let title: String
    /// Line under the title (e.g. the rank correlations).
    let subtitle: String?
    /// Horizontal axis title.
    let xTitle: String
    /// Vertical axis title.
    let yTitle: String
    /// Horizontal values.
    let x: [Double]
    /// Vertical values (same length as `x`).
    let y: [Double]

    /// Density levels: the smallest count of each, its colour and its legend label.
    private static let levels: [(minimum: Int, color: String, label: String)] = [
        (1, "#6baed6", "1 point"), (2, "#3182bd", "2–4"), (5, "#08519c", "5–16"), (17, "#08306b", "> 16"),
    ]

    /// A linear axis over `values`; when a few extreme values would squeeze the rest (the full range exceeds 4 times
    /// the range between the 0.5% and 99.5% quantiles), the axis covers the quantile range and the rest are drawn on
    /// its edge.
    static func axis(_ values: [Double]) -> ChartScale {
        let sorted = values.sorted()
        guard sorted.count >= 20 else { return .linear(fitting: sorted) }
        func quantile(_ probability: Double) -> Double {
            let position = Double(sorted.count - 1) * probability
            let below = Int(position.rounded(.down))
            guard below + 1 < sorted.count else { return sorted[below] }
            return sorted[below] + (sorted[below + 1] - sorted[below]) * (position - Double(below))
        }
        let low = quantile(0.005), high = quantile(0.995)
        let robust = high - low
        guard robust > 0, sorted[sorted.count - 1] - sorted[0] > 4 * robust else { return .linear(fitting: sorted) }
        return .linear(fitting: [low - 0.05 * robust, high + 0.05 * robust], padding: 0)
    }

    /// The chart as a figure.
    func figure(name: String, caption: String) -> SVGFigure {
        var frame = ChartFrame()
        frame.right = 140
        var canvas = SVGCanvas()
        frame.drawTitle(title, subtitle: subtitle, on: &canvas)
        let pairs = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }
        let xScale = Self.axis(pairs.map(\.0))
        let yScale = Self.axis(pairs.map(\.1))
        frame.drawAxes(x: xScale, xTitle: xTitle, y: yScale, yTitle: yTitle, on: &canvas)
        if pairs.isEmpty {
            canvas.text("no usable pairs", x: (frame.plotLeft + frame.plotRight) / 2,
                        y: (frame.plotTop + frame.plotBottom) / 2, anchor: "middle", size: 14, fill: "#888888")
            return SVGFigure(name: name, caption: caption, width: frame.width, height: frame.height, content: canvas.content)
        }
        var cells: [Int: Int] = [:]
        var points = Set<Int>()
        let columns = Int(frame.width) + 1
        var outliers: [(Double, Double)] = []
        for (xValue, yValue) in pairs {
            guard xScale.contains(xValue) && yScale.contains(yValue) else {
                let clampedX = min(max(xValue, xScale.lower), xScale.upper)
                let clampedY = min(max(yValue, yScale.lower), yScale.upper)
                outliers.append((frame.x(clampedX, xScale), frame.y(clampedY, yScale)))
                continue
            }
            let px = Int((frame.x(xValue, xScale) * 2).rounded())
            let py = Int((frame.y(yValue, yScale) * 2).rounded())
            points.insert(py * columns * 2 + px)
            cells[(py / 8) * columns + px / 8, default: 0] += 1
        }
        var paths = Array(repeating: "", count: Self.levels.count)
        for point in points.sorted() {
            let px = point % (columns * 2), py = point / (columns * 2)
            let count = cells[(py / 8) * columns + px / 8]!
            let level = Self.levels.lastIndex { count >= $0.minimum }!
            paths[level] += "M\(SVGCanvas.number(Double(px) / 2)) \(SVGCanvas.number(Double(py) / 2))h0"
        }
        for (level, data) in paths.enumerated() where !data.isEmpty {
            canvas.path(data, stroke: Self.levels[level].color, width: pairs.count < 2_000 ? 5 : 3.5, roundCaps: true)
        }
        for (px, py) in outliers {
            canvas.circle(x: px, y: py, radius: 3.5, fill: "none", stroke: "#d62728")
        }
        frame.drawBorder(on: &canvas)
        if !outliers.isEmpty {
            let top = frame.plotTop + 24 + 18 * Double(Self.levels.count) + 10
            canvas.circle(x: frame.plotRight + 25, y: top, radius: 3.5, fill: "none", stroke: "#d62728")
            canvas.text("\(ValueText.count(outliers.count)) beyond the", x: frame.plotRight + 42, y: top + 4, size: 11)
            canvas.text("axes, drawn on", x: frame.plotRight + 42, y: top + 18, size: 11)
            canvas.text("their edge", x: frame.plotRight + 42, y: top + 32, size: 11)
        }
        canvas.text("points per 4 px cell", x: frame.plotRight + 14, y: frame.plotTop + 10, size: 11, fill: "#444444")
        frame.drawLegend(Self.levels.map { LegendEntry(label: $0.label, color: $0.color, style: .dot) },
                         top: frame.plotTop + 24, on: &canvas)
        return SVGFigure(name: name, caption: caption, width: frame.width, height: frame.height, content: canvas.content)
    }
}
