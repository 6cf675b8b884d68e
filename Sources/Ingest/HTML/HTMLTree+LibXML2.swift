import CLibXML2

/// libxml2 sets up its global tables once per process; after that, parsing is safe from any thread.
let libxml2Ready: Void = xmlInitParser()

/// A libxml2 node's children, in document order.
func childNodes(of node: xmlNodePtr) -> [xmlNodePtr] {
    var children: [xmlNodePtr] = []
    var child = node.pointee.children
    while let current = child {
        children.append(current)
        child = current.pointee.next
    }
    return children
}

extension HTMLTree {
    /// Elements left out of the tree with everything in them.
    private static let dropped: Set<String> = [
        "script", "style", "noscript", "template", "svg", "link", "title", "meta",
    ]

    /// Parses `html` with libxml2's HTML parser: recovering from any error, never reaching the
    /// network, silent. A page libxml2 cannot make anything of is an empty tree.
    init(parsing html: String) {
        _ = libxml2Ready
        self.init()
        let options = Int32(
            bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_COMPACT.rawValue)
        var bytes = Array(html.utf8)
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return }
        let document = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                htmlReadMemory(characters.baseAddress, Int32(characters.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return }
        defer { xmlFreeDoc(document) }
        guard let top = xmlDocGetRootElement(document) else { return }
        build(from: top)
    }

    /// Copies libxml2's tree below `top`, depth first with a stack of its own (no recursion, so
    /// no nesting depth can exhaust the call stack).
    private mutating func build(from top: xmlNodePtr) {
        var stack: [(node: xmlNodePtr, parent: NodeID?)] = [(top, nil)]
        while let (node, parent) = stack.popLast() {
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let name = String(cString: node.pointee.name)
                if Self.dropped.contains(name) {
                    keepHeadInformation(of: node, named: name)
                    continue
                }
                let attributes = Self.attributes(of: node)
                if parent == nil, head.language == nil, let language = Self.attribute("lang", of: node) {
                    head.language = language
                }
                let id = appendElement(name, attributes: attributes, parent: parent)
                for child in childNodes(of: node).reversed() { stack.append((child, id)) }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard let parent, let content = node.pointee.content else { continue }
                appendText(String(cString: content), parent: parent)
            default:
                continue  // comments, processing instructions, entity references
            }
        }
    }

    private mutating func keepHeadInformation(of node: xmlNodePtr, named name: String) {
        switch name {
        case "title":
            if head.title == nil { head.title = Self.text(of: node) }
        case "meta":
            guard let content = Self.attribute("content", of: node) else { return }
            for key in ["property", "name", "itemprop", "http-equiv"] {
                if let value = Self.attribute(key, of: node) {
                    head.meta.append((value.lowercased(), TextNormalizer.collapseWhitespace(content)))
                }
            }
        case "script":
            if Self.attribute("type", of: node)?.lowercased() == "application/ld+json" {
                head.jsonLD.append(Self.text(of: node))
            }
        default:
            return
        }
    }

    private static func attributes(of node: xmlNodePtr) -> Attributes {
        var attributes = Attributes()
        var property = node.pointee.properties
        while let current = property {
            defer { property = current.pointee.next }
            guard let rawName = current.pointee.name else { continue }
            let name = String(cString: rawName)
            let value = current.pointee.children?.pointee.content.map { String(cString: $0) } ?? ""
            switch name {
            case "id": attributes.id = value
            case "class": attributes.className = value
            case "role": attributes.role = value.lowercased()
            case "itemprop": attributes.itemprop = value
            case "style": attributes.style = value
            case "rel": attributes.rel = value.lowercased()
            case "href": attributes.href = value
            case "hidden": attributes.hidden = true
            case "aria-hidden": attributes.ariaHidden = value.lowercased() == "true"
            case "aria-modal": attributes.ariaModal = value.lowercased() == "true"
            default: continue
            }
        }
        return attributes
    }

    private static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { dossier_xml_free(value) }
        return String(cString: value)
    }

    private static func text(of node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { dossier_xml_free(content) }
        return String(cString: content)
    }
}
