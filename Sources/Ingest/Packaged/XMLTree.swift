import CLibXML2

/// An XML document (an office document's part, an EPUB's package file) as a tree of elements and
/// text in one array, parsed by libxml2: no network, no external entities, no DTD loading, and
/// recovering from errors, so a damaged part gives what can be read of it.
///
/// Elements are known by their local name, so a reader is not misled by the prefixes a producer
/// chose.
struct XMLTree {
    typealias NodeID = Int

    struct Node {
        /// The local name; empty for a text node.
        var name: String
        /// A text node's text.
        var text: String
        /// Attributes by local name (the namespace left aside: no reader here needs two
        /// attributes of one name).
        var attributes: [String: String]
        var children: [NodeID]

        var isText: Bool { name.isEmpty }
    }

    private(set) var nodes: [Node] = []
    /// The document element, or nil when libxml2 could make nothing of the bytes.
    private(set) var root: NodeID?

    subscript(_ id: NodeID) -> Node { nodes[id] }

    init(parsing bytes: [UInt8]) {
        _ = libxml2Ready
        let options = Int32(
            bitPattern: XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                xmlReadMemory(characters.baseAddress, Int32(characters.count), nil, nil, options)
            }
        }
        guard let document else { return }
        defer { xmlFreeDoc(document) }
        guard let top = xmlDocGetRootElement(document) else { return }
        build(from: top)
    }

    /// Copies libxml2's tree, depth first with a stack of its own (no nesting depth can exhaust
    /// the call stack).
    private mutating func build(from top: xmlNodePtr) {
        var stack: [(node: xmlNodePtr, parent: NodeID?)] = [(top, nil)]
        while let (node, parent) = stack.popLast() {
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let id = append(
                    Node(
                        name: String(cString: node.pointee.name), text: "", attributes: Self.attributes(of: node),
                        children: []),
                    parent: parent)
                for child in childNodes(of: node).reversed() { stack.append((child, id)) }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard let parent, let content = node.pointee.content else { continue }
                _ = append(
                    Node(name: "", text: String(cString: content), attributes: [:], children: []), parent: parent)
            default:
                continue  // comments, processing instructions, entity references
            }
        }
    }

    private mutating func append(_ node: Node, parent: NodeID?) -> NodeID {
        nodes.append(node)
        let id = nodes.count - 1
        if let parent { nodes[parent].children.append(id) } else if root == nil { root = id }
        return id
    }

    private static func attributes(of node: xmlNodePtr) -> [String: String] {
        var attributes: [String: String] = [:]
        var property = node.pointee.properties
        while let current = property {
            defer { property = current.pointee.next }
            guard let name = current.pointee.name else { continue }
            attributes[String(cString: name)] =
                current.pointee.children?.pointee.content.map { String(cString: $0) } ?? ""
        }
        return attributes
    }

    // MARK: Reading

    /// The element children of `id`.
    func elements(of id: NodeID) -> [NodeID] { nodes[id].children.filter { !nodes[$0].isText } }

    /// The first child element of `id` named `name`.
    func child(_ id: NodeID, _ name: String) -> NodeID? {
        nodes[id].children.first { nodes[$0].name == name }
    }

    /// Every element below `id` named `name`, in document order.
    func descendants(of id: NodeID, named name: String) -> [NodeID] {
        var found: [NodeID] = []
        var stack = nodes[id].children.reversed() as [NodeID]
        while let next = stack.popLast() {
            if nodes[next].name == name { found.append(next) }
            stack.append(contentsOf: nodes[next].children.reversed())
        }
        return found
    }

    /// All the text below `id`, as it stands.
    func textContent(_ id: NodeID) -> String {
        if nodes[id].isText { return nodes[id].text }
        var text = ""
        var stack = nodes[id].children.reversed() as [NodeID]
        while let next = stack.popLast() {
            if nodes[next].isText {
                text += nodes[next].text
            } else {
                stack.append(contentsOf: nodes[next].children.reversed())
            }
        }
        return text
    }

    /// The text of the first element below the root named `name` (any namespace), trimmed; nil when empty.
    func firstText(named name: String) -> String? {
        guard let root else { return nil }
        let candidates = nodes[root].name == name ? [root] : descendants(of: root, named: name)
        for candidate in candidates {
            let text = TextNormalizer.collapseWhitespace(textContent(candidate))
            if !text.isEmpty { return text }
        }
        return nil
    }
}
