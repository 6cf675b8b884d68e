/// A bar chart drawn on the server as SVG: it needs no script, each bar is a link (to the
/// period's statements) with its count as its title, and the first and last periods are
/// labelled below.
struct BarChart {
    struct Bar {
        var label: String
        var value: Int
        var link: String
    }

    var bars: [Bar]
    var title: String

    /// The chart, or nil with no bar to draw.
    var html: HTML? {
        guard !bars.isEmpty, let highest = bars.map(\.value).max(), highest > 0 else { return nil }
        let width = 720
        let height = 160
        let bottom = 20
        let top = 14
        // Bars no wider than 64 units, from the left: one period is a bar, not a block.
        let slot = min(Double(width) / Double(bars.count), 64)
        let barWidth = max(1.0, slot * 0.7)
        // With few bars, each has its count above and its period below; with many, the first
        // and last periods are named.
        let labelled = bars.count <= 16
        let baseline = String(height - 6)
        var content = HTML()
        content.append(HTML.element("title", text: title))
        for (index, bar) in bars.enumerated() {
            let barHeight = max(1.0, Double(height - bottom - top) * Double(bar.value) / Double(highest))
            let x = Double(index) * slot + (slot - barWidth) / 2
            let y = Double(height - bottom) - barHeight
            var parts = HTML.element(
                "rect",
                [
                    "x": Self.number(x), "y": Self.number(y), "width": Self.number(barWidth),
                    "height": Self.number(barHeight),
                ],
                HTML.element("title", text: "\(bar.label): \(bar.value)"))
            if labelled {
                let middle = Self.number(x + barWidth / 2)
                parts.append(
                    HTML.element(
                        "text", ["x": middle, "y": Self.number(y - 3), "text-anchor": "middle"],
                        text: String(bar.value)))
                parts.append(
                    HTML.element("text", ["x": middle, "y": baseline, "text-anchor": "middle"], text: bar.label))
            }
            content.append(HTML.element("a", ["href": bar.link, "aria-label": "\(bar.label): \(bar.value)"], parts))
        }
        if !labelled, let first = bars.first, let last = bars.last {
            content.append(HTML.element("text", ["x": "0", "y": baseline], text: first.label))
            content.append(
                HTML.element("text", ["x": String(width), "y": baseline, "text-anchor": "end"], text: last.label))
        }
        return HTML.element(
            "svg",
            ["class": "chart", "viewBox": "0 0 \(width) \(height)", "role": "group", "aria-label": title],
            content)
    }

    private static func number(_ value: Double) -> String {
        String((value * 10).rounded() / 10)
    }
}
