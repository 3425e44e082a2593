/// The layout of one chart: canvas size, margins around the plot area, and the drawing of axes, title and legend.
struct ChartFrame {
    /// Canvas width.
    var width = 680.0
    /// Canvas height.
    var height = 400.0
    /// Margin left of the plot area (y tick labels and axis title).
    var left = 70.0
    /// Margin right of the plot area (legend).
    var right = 24.0
    /// Margin above the plot area (title and subtitle).
    var top = 48.0
    /// Margin below the plot area (x tick labels and axis title).
    var bottom = 56.0

    /// Left edge of the plot area.
    var plotLeft: Double { left }
    /// Right edge of the plot area.
    var plotRight: Double { width - right }
    /// Top edge of the plot area.
    var plotTop: Double { top }
    /// Bottom edge of the plot area.
    var plotBottom: Double { height - bottom }

    /// Horizontal position of `value` on `scale`.
    func x(_ value: Double, _ scale: ChartScale) -> Double { scale.position(value, from: plotLeft, to: plotRight) }
    /// Vertical position of `value` on `scale` (larger values higher).
    func y(_ value: Double, _ scale: ChartScale) -> Double { scale.position(value, from: plotBottom, to: plotTop) }

    /// Draws the title (and a subtitle) above the plot area.
    func drawTitle(_ title: String, subtitle: String?, on canvas: inout SVGCanvas) {
        canvas.text(title, x: 12, y: 20, size: 14, weight: "bold")
        if let subtitle { canvas.text(subtitle, x: 12, y: 37, size: 12, fill: "#444444") }
    }

    /// Draws the plot background, grid lines, tick labels and axis titles of a numeric x and y axis; `xTicks`
    /// overrides the x ticks with (value, label) pairs.
    func drawAxes(x xScale: ChartScale, xTitle: String, y yScale: ChartScale, yTitle: String,
                  xTicks: [(value: Double, label: String)]? = nil, on canvas: inout SVGCanvas) {
        drawPlotArea(on: &canvas)
        for tick in yScale.ticks() {
            let position = y(tick, yScale)
            canvas.line(plotLeft, position, plotRight, position, stroke: "#e3e3e3")
            canvas.text(yScale.label(tick), x: plotLeft - 6, y: position + 4, anchor: "end", size: 11, fill: "#444444")
        }
        let ticks = xTicks ?? xScale.ticks().map { ($0, xScale.label($0)) }
        for tick in ticks where xScale.contains(tick.value) {
            let position = x(tick.value, xScale)
            canvas.line(position, plotTop, position, plotBottom, stroke: "#e3e3e3")
            canvas.text(tick.label, x: position, y: plotBottom + 16, anchor: "middle", size: 11, fill: "#444444")
        }
        drawBorder(on: &canvas)
        drawAxisTitles(x: xTitle, y: yTitle, on: &canvas)
    }

    /// Draws the plot background.
    func drawPlotArea(on canvas: inout SVGCanvas) {
        canvas.rect(x: plotLeft, y: plotTop, width: plotRight - plotLeft, height: plotBottom - plotTop, fill: "#fbfbfb")
    }

    /// Draws the plot border (over the grid).
    func drawBorder(on canvas: inout SVGCanvas) {
        canvas.raw("<rect x=\"\(SVGCanvas.number(plotLeft))\" y=\"\(SVGCanvas.number(plotTop))\" "
            + "width=\"\(SVGCanvas.number(plotRight - plotLeft))\" height=\"\(SVGCanvas.number(plotBottom - plotTop))\" "
            + "fill=\"none\" stroke=\"#999999\"/>")
    }

    /// Draws the axis titles: x centred below the plot, y rotated left of it.
    func drawAxisTitles(x xTitle: String, y yTitle: String, on canvas: inout SVGCanvas) {
        canvas.text(xTitle, x: (plotLeft + plotRight) / 2, y: height - 12, anchor: "middle", size: 12)
        let middle = (plotTop + plotBottom) / 2
        canvas.text(yTitle, x: 16, y: middle, anchor: "middle", size: 12, rotate: -90)
    }

    /// Draws a legend in the right margin, from `top` (default: the top of the plot) down: a swatch and a label per
    /// entry.
    func drawLegend(_ entries: [LegendEntry], top: Double? = nil, on canvas: inout SVGCanvas) {
        var y = (top ?? plotTop) + 8
        let x = plotRight + 14
        for entry in entries {
            switch entry.style {
            case .line(let dashed):
                canvas.line(x, y, x + 22, y, stroke: entry.color, width: 2.5, dash: dashed ? "6 4" : nil)
            case .box:
                canvas.rect(x: x + 4, y: y - 6, width: 14, height: 12, fill: entry.color)
            case .dot:
                canvas.circle(x: x + 11, y: y, radius: 4, fill: entry.color)
            }
            canvas.text(entry.label, x: x + 28, y: y + 4, size: 11)
            y += 18
        }
    }
}

/// One legend line: a label with a swatch.
struct LegendEntry {
    /// How the swatch is drawn.
    enum Style {
        /// A line, solid or dashed.
        case line(dashed: Bool)
        /// A filled box (bars).
        case box
        /// A dot (scatter densities).
        case dot
    }

    /// The label.
    let label: String
    /// The swatch colour.
    let color: String
    /// The swatch.
    let style: Style
}

/// Colours of the report's charts: Okabe & Ito's colour-blind-safe palette for series.
enum ChartPalette {
    /// Series colours in order (blue, orange, green, vermillion, purple, sky blue, black, yellow).
    static let series = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]

    /// The colour of series number `index` (cycling).
    static func color(_ index: Int) -> String { series[index % series.count] }

    /// A diverging colour for `value` in [-1, 1]: blue (-1), near-white (0), red (+1).
    static func diverging(_ value: Double) -> String {
        let t = max(-1, min(1, value))
        let white = (247.0, 247.0, 247.0)
        let end = t < 0 ? (33.0, 102.0, 172.0) : (178.0, 24.0, 43.0)
        let f = abs(t)
        let r = Int((white.0 + (end.0 - white.0) * f).rounded())
        let g = Int((white.1 + (end.1 - white.1) * f).rounded())
        let b = Int((white.2 + (end.2 - white.2) * f).rounded())
        return "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
