/// Lines through (x, y) points, one per series; undefined points break a line.
struct LineChart {
    /// One line.
    struct Series {
        /// Legend label.
        let name: String
        /// Line colour.
        let color: String
        /// Whether the line is dashed.
        let dashed: Bool
        /// The points in x order; nil y = undefined (no point, the line breaks).
        let points: [(x: Double, y: Double?)]
        /// Line width (wider lines drawn first stay visible under identical later ones).
        var width = 2.2
    }

    /// Title above the plot.
    let title: String
    /// Line under the title.
    let subtitle: String?
    /// Horizontal axis title.
    let xTitle: String
    /// Vertical axis title.
    let yTitle: String
    /// Horizontal scale.
    let xScale: ChartScale
    /// Vertical scale.
    let yScale: ChartScale
    /// Custom x ticks (value, label), or nil for the scale's own.
    let xTicks: [(value: Double, label: String)]?
    /// The lines.
    let series: [Series]
    /// A horizontal reference line (e.g. 0), if any.
    var reference: Double? = nil

    /// The chart as a figure.
    func figure(name: String, caption: String) -> SVGFigure {
        var frame = ChartFrame()
        let longest = series.map(\.name.count).max() ?? 0
        frame.right = min(260, max(24, Double(longest) * 6.6 + 50))
        frame.width = 590 + frame.right
        var canvas = SVGCanvas()
        frame.drawTitle(title, subtitle: subtitle, on: &canvas)
        frame.drawAxes(x: xScale, xTitle: xTitle, y: yScale, yTitle: yTitle, xTicks: xTicks, on: &canvas)
        if let reference, yScale.contains(reference) {
            let position = frame.y(reference, yScale)
            canvas.line(frame.plotLeft, position, frame.plotRight, position, stroke: "#777777", width: 1)
        }
        for line in series {
            var data = ""
            var drawing = false
            for point in line.points {
                guard let value = point.y, xScale.contains(point.x), yScale.contains(value) else {
                    drawing = false
                    continue
                }
                let px = SVGCanvas.number(frame.x(point.x, xScale)), py = SVGCanvas.number(frame.y(value, yScale))
                data += (drawing ? "L" : "M") + "\(px) \(py)"
                drawing = true
            }
            if !data.isEmpty {
                canvas.path(data, stroke: line.color, width: line.width, dash: line.dashed ? "7 5" : nil, roundCaps: true)
            }
            for point in line.points {
                guard let value = point.y, xScale.contains(point.x), yScale.contains(value) else { continue }
                canvas.circle(x: frame.x(point.x, xScale), y: frame.y(value, yScale), radius: 3, fill: line.color,
                              stroke: "#ffffff")
            }
        }
        if series.count > 1 || series.contains(where: \.dashed) {
            frame.drawLegend(series.map { LegendEntry(label: $0.name, color: $0.color, style: .line(dashed: $0.dashed)) },
                             on: &canvas)
        }
        return SVGFigure(name: name, caption: caption, width: frame.width, height: frame.height, content: canvas.content)
    }
}
