/// An HTML page as a tree of elements and text held in one array, built from libxml2's
/// error-tolerant parse (``init(parsing:)``): what the article extractor scores and prunes.
///
/// Scripts, styles, `<noscript>`, `<template>` and comments are left out as the tree is built; the
/// page's `<title>`, `<meta>` pairs, `lang` and JSON-LD blocks are kept aside as ``head``.
struct HTMLTree {
    typealias NodeID = Int

    /// The attributes the extractor and the metadata reader look at; the rest are dropped.
    struct Attributes {
        var id = ""
        var className = ""
        var role = ""
        var itemprop = ""
        var style = ""
        var rel = ""
        var href = ""
        var hidden = false
        var ariaHidden = false
        var ariaModal = false
    }

    struct Node {
        /// The lower-case element name; empty for a text node.
        var name: String
        /// A text node's text (entities decoded).
        var text: String
        var attributes: Attributes
        var parent: NodeID?
        var children: [NodeID]
        /// A text node's measure, taken once when it is added.
        var measure = TextMeasure()

        var isText: Bool { name.isEmpty }
    }

    /// What the page says about itself outside its body.
    struct Head {
        var title: String?
        var language: String?
        /// `<meta>` pairs: the lower-case `name`, `property` or `itemprop`, and `content`.
        var meta: [(key: String, content: String)] = []
        /// The text of each `<script type="application/ld+json">`.
        var jsonLD: [String] = []

        func meta(_ key: String) -> String? {
            meta.first { $0.key == key && !$0.content.isEmpty }?.content
        }
    }

    private(set) var nodes: [Node] = []
    /// The `<html>` element, or nil for a page with no elements at all.
    private(set) var root: NodeID?
    var head = Head()

    subscript(_ id: NodeID) -> Node { nodes[id] }

    // MARK: Building

    mutating func append(_ node: Node) -> NodeID {
        nodes.append(node)
        let id = nodes.count - 1
        if let parent = node.parent { nodes[parent].children.append(id) } else if root == nil { root = id }
        return id
    }

    mutating func appendElement(_ name: String, attributes: Attributes = Attributes(), parent: NodeID?) -> NodeID {
        append(Node(name: name, text: "", attributes: attributes, parent: parent, children: []))
    }

    mutating func appendText(_ text: String, parent: NodeID) {
        // Adjacent text (split by a dropped comment or script) is one run.
        let measure = TextMeasure(text)
        if let last = nodes[parent].children.last, nodes[last].isText {
            nodes[last].text += text
            nodes[last].measure.add(measure)
            return
        }
        _ = append(Node(name: "", text: text, attributes: Attributes(), parent: parent, children: [], measure: measure))
    }

    // MARK: Queries

    func isElement(_ id: NodeID, _ name: String) -> Bool { nodes[id].name == name }

    /// Whether `id` is text that is only white space.
    func isBlankText(_ id: NodeID) -> Bool { nodes[id].isText && nodes[id].measure.visible == 0 }

    func elementChildren(of id: NodeID) -> [NodeID] { nodes[id].children.filter { !nodes[$0].isText } }

    /// The node's ancestors, nearest first, at most `limit` of them (0: all).
    func ancestors(of id: NodeID, limit: Int = 0) -> [NodeID] {
        var result: [NodeID] = []
        var current = nodes[id].parent
        while let node = current {
            result.append(node)
            if limit > 0, result.count == limit { break }
            current = nodes[node].parent
        }
        return result
    }

    func hasAncestor(_ id: NodeID, named name: String) -> Bool {
        var current = nodes[id].parent
        while let node = current {
            if nodes[node].name == name { return true }
            current = nodes[node].parent
        }
        return false
    }

    /// Every node below `id` (not `id` itself), in document order.
    func descendants(of id: NodeID) -> [NodeID] {
        var result: [NodeID] = []
        var stack = Array(nodes[id].children.reversed())
        while let node = stack.popLast() {
            result.append(node)
            stack.append(contentsOf: nodes[node].children.reversed())
        }
        return result
    }

    func descendants(of id: NodeID, named names: Set<String>) -> [NodeID] {
        descendants(of: id).filter { names.contains(nodes[$0].name) }
    }

    /// The text below `id`, as the page has it (whitespace not collapsed).
    func textContent(_ id: NodeID) -> String {
        if nodes[id].isText { return nodes[id].text }
        var text = ""
        for node in descendants(of: id) where nodes[node].isText { text += nodes[node].text }
        return text
    }

    /// The text below `id` with runs of white space made one space and the ends trimmed.
    func innerText(_ id: NodeID) -> String { TextNormalizer.collapseWhitespace(textContent(id)) }

    /// The element after `id` in document order: its first child element (unless
    /// `skippingChildren`), else the next element sibling of it or of its nearest ancestor.
    func nextElement(after id: NodeID, skippingChildren: Bool = false) -> NodeID? {
        if !skippingChildren, let first = nodes[id].children.first(where: { !nodes[$0].isText }) { return first }
        var current = id
        while let parent = nodes[current].parent {
            let siblings = nodes[parent].children
            if let index = siblings.firstIndex(of: current),
                let next = siblings[(index + 1)...].first(where: { !nodes[$0].isText })
            {
                return next
            }
            current = parent
        }
        return nil
    }

    // MARK: Changing

    /// Takes `id` (and everything below it) out of the tree.
    mutating func remove(_ id: NodeID) {
        guard let parent = nodes[id].parent else { return }
        nodes[parent].children.removeAll { $0 == id }
        nodes[id].parent = nil
    }

    mutating func rename(_ id: NodeID, to name: String) { nodes[id].name = name }

    /// Makes `id` the last child of `parent`.
    mutating func move(_ id: NodeID, to parent: NodeID) {
        remove(id)
        nodes[parent].children.append(id)
        nodes[id].parent = parent
    }

    /// Puts `replacement` where `id` stands; `id` leaves the tree.
    mutating func replace(_ id: NodeID, with replacement: NodeID) {
        guard let parent = nodes[id].parent else { return }
        if let oldParent = nodes[replacement].parent { nodes[oldParent].children.removeAll { $0 == replacement } }
        guard let index = nodes[parent].children.firstIndex(of: id) else { return }
        nodes[parent].children[index] = replacement
        nodes[replacement].parent = parent
        nodes[id].parent = nil
    }

    /// Replaces the children of `id` at `range` with one new `name` element that holds them.
    @discardableResult
    mutating func wrap(childrenOf id: NodeID, in range: Range<Int>, into name: String) -> NodeID {
        let moved = Array(nodes[id].children[range])
        let wrapper = nodes.count
        nodes.append(Node(name: name, text: "", attributes: Attributes(), parent: id, children: moved))
        for child in moved { nodes[child].parent = wrapper }
        nodes[id].children.replaceSubrange(range, with: [wrapper])
        return wrapper
    }
}
