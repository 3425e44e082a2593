/// A matrix of values in [-1, 1] drawn as coloured cells (blue negative, red positive) with the values written in.
struct HeatmapChart {
    /// Title above the matrix.
    let title: String
    /// Line under the title.
    let subtitle: String?
    /// Row and column labels (a square matrix).
    let labels: [String]
    /// `values[i][j]`; nil = undefined (drawn grey).
    let values: [[Double?]]

    /// The chart as a figure.
    func figure(name: String, caption: String) -> SVGFigure {
        let longest = Double(labels.map(\.count).max() ?? 0)
        let cell = max(44, min(76, 520 / Double(max(labels.count, 1))))
        let left = 24 + longest * 6.8
        let top = 60 + longest * 4.8
        let width = max(420, left + cell * Double(labels.count) + longest * 4.8 + 24)
        let height = top + cell * Double(labels.count) + 24
        var canvas = SVGCanvas()
        ChartFrame().drawTitle(title, subtitle: subtitle, on: &canvas)
        for (column, label) in labels.enumerated() {
            let x = left + cell * (Double(column) + 0.5)
            canvas.text(label, x: x, y: top - 8, anchor: "start", size: 11, rotate: -45)
        }
        for (row, label) in labels.enumerated() {
            let y = top + cell * Double(row)
            canvas.text(label, x: left - 8, y: y + cell / 2 + 4, anchor: "end", size: 11)
            for column in labels.indices {
                let x = left + cell * Double(column)
                let value = row < values.count && column < values[row].count ? values[row][column] : nil
                let fill = value.map(ChartPalette.diverging) ?? "#dddddd"
                canvas.rect(x: x, y: y, width: cell - 2, height: cell - 2, fill: fill,
                            title: "\(label) × \(labels[column]): "
                                + (value.map { ValueText.rounded($0, digits: 3) } ?? "undefined"))
                let text = value.map { ValueText.rounded($0, digits: 2) } ?? "n/a"
                let dark = (value.map(abs) ?? 0) > 0.6
                canvas.text(text, x: x + (cell - 2) / 2, y: y + cell / 2 + 3, anchor: "middle", size: 11,
                            fill: dark ? "#ffffff" : "#222222")
            }
        }
        return SVGFigure(name: name, caption: caption, width: width, height: height, content: canvas.content)
    }
}
