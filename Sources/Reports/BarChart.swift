/// Grouped vertical bars: one group per category, one bar per series; bars grow from zero, so negative values point
/// down. Undefined values leave a gap.
struct BarChart {
    /// One bar per category.
    struct Series {
        /// Legend label.
        let name: String
        /// Bar colour.
        let color: String
        /// One value per category; nil = undefined.
        let values: [Double?]
    }

    /// Title above the plot.
    let title: String
    /// Line under the title.
    let subtitle: String?
    /// Title of the category axis.
    let categoryTitle: String
    /// Title of the value axis.
    let valueTitle: String
    /// Category labels, left to right.
    let categories: [String]
    /// The series.
    let series: [Series]

    /// The chart as a figure.
    func figure(name: String, caption: String) -> SVGFigure {
        var frame = ChartFrame()
        let longestCategory = categories.map(\.count).max() ?? 0
        let estimatedWidth = max(680, min(1100, 160 + Double(categories.count * max(series.count, 1)) * 14))
        let rotated = Double(longestCategory) * 6.6 > (estimatedWidth - 230) / Double(max(categories.count, 1))
        frame.bottom = rotated ? min(130, 44 + Double(longestCategory) * 5.2) : 56
        frame.height = 380 + frame.bottom - 56
        let longestName = series.map(\.name.count).max() ?? 0
        frame.right = series.count > 1 ? min(260, Double(longestName) * 6.6 + 50) : 24
        frame.width = estimatedWidth + max(0, frame.right - 140)
        var canvas = SVGCanvas()
        frame.drawTitle(title, subtitle: subtitle, on: &canvas)
        let values = series.flatMap { $0.values.compactMap { $0 } }
        let scale = ChartScale.linear(fitting: values, including: [0])
        frame.drawPlotArea(on: &canvas)
        for tick in scale.ticks() {
            let position = frame.y(tick, scale)
            canvas.line(frame.plotLeft, position, frame.plotRight, position, stroke: tick == 0 ? "#777777" : "#e3e3e3")
            canvas.text(scale.label(tick), x: frame.plotLeft - 6, y: position + 4, anchor: "end", size: 11, fill: "#444444")
        }
        let groupWidth = (frame.plotRight - frame.plotLeft) / Double(max(categories.count, 1))
        let barWidth = groupWidth * 0.8 / Double(max(series.count, 1))
        let zero = frame.y(0, scale)
        for (index, category) in categories.enumerated() {
            let groupLeft = frame.plotLeft + groupWidth * Double(index) + groupWidth * 0.1
            for (number, line) in series.enumerated() {
                guard index < line.values.count, let value = line.values[index] else { continue }
                let top = frame.y(value, scale)
                canvas.rect(x: groupLeft + barWidth * Double(number), y: zero, width: barWidth * 0.92,
                            height: top - zero, fill: line.color,
                            title: "\(category) · \(line.name): \(ValueText.significant(value))")
            }
            let center = frame.plotLeft + groupWidth * (Double(index) + 0.5)
            if rotated {
                canvas.text(category, x: center + 3, y: frame.plotBottom + 10, anchor: "end", size: 10,
                            fill: "#444444", rotate: -55)
            } else {
                canvas.text(category, x: center, y: frame.plotBottom + 16, anchor: "middle", size: 11, fill: "#444444")
            }
        }
        frame.drawBorder(on: &canvas)
        frame.drawAxisTitles(x: categoryTitle, y: valueTitle, on: &canvas)
        if series.count > 1 {
            frame.drawLegend(series.map { LegendEntry(label: $0.name, color: $0.color, style: .box) }, on: &canvas)
        }
        return SVGFigure(name: name, caption: caption, width: frame.width, height: frame.height, content: canvas.content)
    }
}
