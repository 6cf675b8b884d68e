/// How much text an element holds, how much of it is link text, and its commas: what the
/// article extractor weighs containers by. Lengths count characters with runs of white space
/// taken as one.
struct TextStats {
    var length = 0
    var linkLength = 0.0
    var commas = 0

    /// A link to a place on the same page ("#notes") counts for less than a link away.
    static let inPageLinkWeight = 0.3

    init(_ tree: HTMLTree, _ id: HTMLTree.NodeID) {
        var stack: [(node: HTMLTree.NodeID, linkWeight: Double)] = [(id, 0)]
        while let (node, linkWeight) = stack.popLast() {
            let element = tree[node]
            if element.isText {
                let (length, commas) = Self.measure(element.text)
                self.length += length
                self.commas += commas
                linkLength += Double(length) * linkWeight
                continue
            }
            var weight = linkWeight
            if element.name == "a", weight == 0 {
                weight = element.attributes.href.hasPrefix("#") ? Self.inPageLinkWeight : 1
            }
            for child in element.children { stack.append((child, weight)) }
        }
    }

    var linkDensity: Double { length == 0 ? 0 : linkLength / Double(length) }

    /// Characters (a run of white space counts one) and commas of any script in `text`.
    static func measure(_ text: String) -> (length: Int, commas: Int) {
        var length = 0
        var commas = 0
        var inSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !inSpace { length += 1 }
                inSpace = true
                continue
            }
            inSpace = false
            length += 1
            switch scalar {
            case ",", "\u{060C}", "\u{FE50}", "\u{FE10}", "\u{FE11}", "\u{2E41}", "\u{2E34}", "\u{2E32}", "\u{FF0C}":
                commas += 1
            default: break
            }
        }
        return (length, commas)
    }
}
