/// How much text an element holds, how much of it is link text, and its commas: what the
/// article extractor weighs containers by. Lengths count characters with runs of white space
/// taken as one.
struct TextStats {
    var length = 0
    /// Characters that are not white space: none means the element shows no text.
    var visible = 0
    var linkLength = 0.0
    var commas = 0

    /// A link to a place on the same page ("#notes") counts for less than a link away.
    static let inPageLinkWeight = 0.3

    /// The stats of `id`, summed over the text below it.
    init(_ tree: HTMLTree, _ id: HTMLTree.NodeID) {
        var stack: [(node: HTMLTree.NodeID, linkWeight: Double)] = [(id, 0)]
        while let (node, linkWeight) = stack.popLast() {
            let element = tree[node]
            if element.isText {
                add(element.measure, linkWeight: linkWeight)
                continue
            }
            var weight = linkWeight
            if element.name == "a", weight == 0 { weight = Self.linkWeight(element) }
            for child in element.children { stack.append((child, weight)) }
        }
    }

    init() {}

    var linkDensity: Double { length == 0 ? 0 : linkLength / Double(length) }

    static func linkWeight(_ link: HTMLTree.Node) -> Double {
        link.attributes.href.hasPrefix("#") ? inPageLinkWeight : 1
    }

    mutating func add(_ measure: TextMeasure, linkWeight: Double) {
        length += measure.length
        visible += measure.visible
        commas += measure.commas
        linkLength += Double(measure.length) * linkWeight
    }

    /// The stats of every element of the tree at once, children summed into parents: for the
    /// scoring, which asks for the same elements' stats many times while the tree stands still.
    static func table(_ tree: HTMLTree) -> [TextStats] {
        var table = [TextStats](repeating: TextStats(), count: tree.nodes.count)
        guard let root = tree.root else { return table }
        for node in ([root] + tree.descendants(of: root)).reversed() {
            let element = tree[node]
            if element.isText {
                table[node].add(element.measure, linkWeight: 0)
            } else if element.name == "a" {
                table[node].linkLength = Double(table[node].length) * linkWeight(element)
            }
            if let parent = element.parent {
                table[parent].length += table[node].length
                table[parent].visible += table[node].visible
                table[parent].commas += table[node].commas
                table[parent].linkLength += table[node].linkLength
            }
        }
        return table
    }
}

/// A run of text's length (a run of white space counts one), its characters that are not white
/// space, and its commas of any script.
struct TextMeasure {
    var length = 0
    var visible = 0
    var commas = 0

    init() {}

    init(_ text: String) {
        var inSpace = false
        for scalar in text.unicodeScalars {
            if scalar.isSpace {
                if !inSpace { length += 1 }
                inSpace = true
                continue
            }
            inSpace = false
            length += 1
            visible += 1
            switch scalar {
            case ",", "\u{060C}", "\u{FE50}", "\u{FE10}", "\u{FE11}", "\u{2E41}", "\u{2E34}", "\u{2E32}", "\u{FF0C}":
                commas += 1
            default: break
            }
        }
    }

    mutating func add(_ other: TextMeasure) {
        length += other.length
        visible += other.visible
        commas += other.commas
    }
}
