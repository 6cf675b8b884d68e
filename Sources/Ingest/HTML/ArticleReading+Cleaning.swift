/// Cleaning the gathered article: what sits inside the article's containers but is not the
/// article (forms, widgets, share bars, link lists, headings marked as chrome).
extension ArticleReading {
    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    static let embeds: Set<String> = ["object", "embed", "iframe"]

    mutating func clean(_ container: NodeID) {
        let dataTables = Set(tree.descendants(of: container, named: ["table"]).filter(isDataTable))
        cleanConditionally(container, "form", dataTables)
        cleanConditionally(container, "fieldset", dataTables)
        for name in ["object", "embed", "footer", "link", "aside"] { removeAll(container, name) }
        for child in tree.elementChildren(of: container) {
            for node in tree.descendants(of: child) where !tree[node].isText {
                let attributes = tree[node].attributes
                if Self.namesShare(attributes.className + " " + attributes.id), TextStats(tree, node).length < 500 {
                    tree.remove(node)
                }
            }
        }
        for name in ["iframe", "input", "textarea", "select", "button"] { removeAll(container, name) }
        for heading in tree.descendants(of: container, named: ["h1", "h2"]) where classWeight(heading) < 0 {
            tree.remove(heading)
        }
        cleanConditionally(container, "table", dataTables)
        cleanConditionally(container, "ul", dataTables)
        cleanConditionally(container, "div", dataTables)
        for paragraph in tree.descendants(of: container, named: ["p"]) {
            let hasMedia = !tree.descendants(of: paragraph, named: ["img", "embed", "object", "iframe"]).isEmpty
            if !hasMedia, TextStats(tree, paragraph).visible == 0 { tree.remove(paragraph) }
        }
    }

    /// "share" or "sharedaddy" as a word of the class or id.
    static func namesShare(_ match: String) -> Bool {
        match.lowercased().split { !$0.isLetter && !$0.isNumber }.contains { $0 == "share" || $0 == "sharedaddy" }
    }

    private mutating func removeAll(_ container: NodeID, _ name: String) {
        for node in tree.descendants(of: container, named: [name]) { tree.remove(node) }
    }

    /// A table of data (headers, a caption, many cells), as opposed to one used for layout.
    private func isDataTable(_ table: NodeID) -> Bool {
        if tree[table].attributes.role == "presentation" { return false }
        let inside = tree.descendants(of: table)
        if inside.contains(where: { ["caption", "col", "colgroup", "tfoot", "thead", "th"].contains(tree[$0].name) }) {
            return true
        }
        if inside.contains(where: { tree.isElement($0, "table") }) { return false }
        let rows = inside.filter { tree.isElement($0, "tr") }
        let columns =
            rows.map { row in tree.elementChildren(of: row).filter { tree.isElement($0, "td") }.count }.max() ?? 0
        return rows.count >= 10 || columns > 4 || rows.count * columns > 10
    }

    /// Removes each `name` element below `container` that reads as chrome: a negative class, or
    /// (with fewer than ten commas) more images, list items or inputs than paragraphs, too little
    /// text, too many links, or embeds.
    private mutating func cleanConditionally(_ container: NodeID, _ name: String, _ dataTables: Set<NodeID>) {
        guard rules.contains(.cleanConditionally) else { return }
        let isListTag = name == "ul" || name == "ol"
        for node in tree.descendants(of: container, named: [name]).reversed() where tree[node].parent != nil {
            if name == "table", dataTables.contains(node) { continue }
            if hasAncestor(node, in: dataTables) || tree.hasAncestor(node, named: "code") { continue }
            let stats = TextStats(tree, node)
            var isList = isListTag
            if !isList, stats.length > 0 {
                let listLength = tree.descendants(of: node, named: ["ul", "ol"]).reduce(0) {
                    $0 + TextStats(tree, $1).length
                }
                isList = Double(listLength) / Double(stats.length) > 0.9
            }
            let weight = classWeight(node)
            if weight < 0 {
                tree.remove(node)
                continue
            }
            guard stats.commas < 10 else { continue }
            let inside = tree.descendants(of: node)
            var names: [String: Int] = [:]
            var headingLength = 0
            for element in inside where !tree[element].isText {
                names[tree[element].name, default: 0] += 1
                if Self.headings.contains(tree[element].name) { headingLength += TextStats(tree, element).length }
            }
            let paragraphs = names["p", default: 0]
            let images = names["img", default: 0]
            let listItems = names["li", default: 0] - 100
            let inputs = names["input", default: 0]
            let embeds = Self.embeds.reduce(0) { $0 + names[$1, default: 0] }
            let headingDensity = stats.length == 0 ? 0 : Double(headingLength) / Double(stats.length)
            let inFigure = tree.hasAncestor(node, named: "figure")
            var remove =
                (images > 1 && Double(paragraphs) / Double(images) < 0.5 && !inFigure)
                || (!isList && listItems > paragraphs)
                || (inputs > paragraphs / 3)
                || (!isList && headingDensity < 0.9 && stats.length < 25 && (images == 0 || images > 2) && !inFigure)
                || (!isList && weight < 25 && stats.linkDensity > 0.2)
                || (weight >= 25 && stats.linkDensity > 0.5)
                || (embeds == 1 && stats.length < 75) || embeds > 1
            // A plain list of images stays.
            if isList, remove, tree.elementChildren(of: node).allSatisfy({ tree.elementChildren(of: $0).count <= 1 }),
                images == names["li", default: 0]
            {
                remove = false
            }
            if remove { tree.remove(node) }
        }
    }

    private func hasAncestor(_ node: NodeID, in set: Set<NodeID>) -> Bool {
        guard !set.isEmpty else { return false }
        return tree.ancestors(of: node).contains { set.contains($0) }
    }
}
