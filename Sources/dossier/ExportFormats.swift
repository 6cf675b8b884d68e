import Varlink

/// Writes rows as RFC 4180 CSV: a header, CRLF line ends, a field quoted when it holds a comma,
/// a quotation mark or a line end; a list's items joined by "; ".
struct CSVRows {
    let columns: [String]

    var header: String { record(columns) }

    func row(_ object: JSONValue) -> String {
        record(
            columns.map { column -> String in
                switch object[column] ?? .null {
                case .null: ""
                case .string(let text): text
                case .int(let number): String(number)
                case .double(let number): String(number)
                case .bool(let flag): flag ? "true" : "false"
                case .array(let items): items.compactMap(\.stringValue).joined(separator: "; ")
                case .object: JSONWriter.string(object[column] ?? .null)
                }
            })
    }

    private func record(_ fields: [String]) -> String {
        fields.map { field in
            field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
                ? "\"" + field.replacing("\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\r\n"
    }
}

/// Writes rows as JSON Lines: one object a line, its keys in the columns' order.
struct JSONLinesRows {
    let columns: [String]

    func row(_ object: JSONValue) -> String {
        "{"
            + columns.map { JSONWriter.string(.string($0)) + ":" + JSONWriter.string(object[$0] ?? .null) }
            .joined(separator: ",") + "}\n"
    }
}

/// The network of names as GraphML or GEXF: entities as nodes, two names in one sentence as an
/// undirected edge weighted by the sentences that hold both.
struct NetworkDocument {
    enum Format: String {
        case graphml, gexf
    }

    let format: Format
    /// Edges of fewer sentences are left out.
    let minimumWeight: Int
    private(set) var edges = 0

    init(format: Format, minimumWeight: Int) {
        self.format = format
        self.minimumWeight = minimumWeight
    }

    func opening(generation: Int) -> String {
        switch format {
        case .graphml:
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
              <!-- dossier, generation \(generation) -->
              <key id="label" for="node" attr.name="label" attr.type="string"/>
              <key id="kind" for="node" attr.name="kind" attr.type="string"/>
              <key id="mentions" for="node" attr.name="mentions" attr.type="int"/>
              <key id="documents" for="node" attr.name="documents" attr.type="int"/>
              <key id="weight" for="edge" attr.name="weight" attr.type="int"/>
              <key id="edge_documents" for="edge" attr.name="documents" attr.type="int"/>
              <key id="evidence" for="edge" attr.name="evidence" attr.type="long"/>
              <key id="sentence" for="edge" attr.name="sentence" attr.type="string"/>
              <graph id="dossier" edgedefault="undirected">

            """
        case .gexf:
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
              <meta><creator>dossier</creator><description>generation \(generation)</description></meta>
              <graph mode="static" defaultedgetype="undirected">
                <attributes class="node">
                  <attribute id="kind" title="kind" type="string"/>
                  <attribute id="mentions" title="mentions" type="integer"/>
                  <attribute id="documents" title="documents" type="integer"/>
                </attributes>
                <attributes class="edge">
                  <attribute id="documents" title="documents" type="integer"/>
                  <attribute id="evidence" title="evidence" type="long"/>
                  <attribute id="sentence" title="sentence" type="string"/>
                </attributes>
                <nodes>

            """
        }
    }

    /// A node, from a row of the entities table.
    func node(_ row: JSONValue) -> String {
        let id = Self.number(row["id"])
        let name = Self.escaped(row["name"]?.stringValue ?? "")
        let kind = Self.escaped(row["kind"]?.stringValue ?? "")
        let mentions = Self.number(row["mentions"])
        let documents = Self.number(row["documents"])
        switch format {
        case .graphml:
            return "    <node id=\"n\(id)\"><data key=\"label\">\(name)</data><data key=\"kind\">\(kind)</data>"
                + "<data key=\"mentions\">\(mentions)</data><data key=\"documents\">\(documents)</data></node>\n"
        case .gexf:
            return "      <node id=\"\(id)\" label=\"\(name)\"><attvalues><attvalue for=\"kind\" value=\"\(kind)\"/>"
                + "<attvalue for=\"mentions\" value=\"\(mentions)\"/><attvalue for=\"documents\" value=\"\(documents)\"/>"
                + "</attvalues></node>\n"
        }
    }

    /// Between the nodes and the edges.
    var middle: String { format == .gexf ? "    </nodes>\n    <edges>\n" : "" }

    /// An edge, from a row of the relations table; nil when it weighs less than the minimum.
    mutating func edge(_ row: JSONValue) -> String? {
        let weight = row["sentences"]?.intValue ?? 0
        guard weight >= minimumWeight else { return nil }
        edges += 1
        let source = Self.number(row["source_id"])
        let target = Self.number(row["target_id"])
        let documents = Self.number(row["documents"])
        let evidence = Self.number(row["evidence"])
        let sentence = Self.escaped(row["evidence_sentence"]?.stringValue ?? "")
        switch format {
        case .graphml:
            return
                "    <edge id=\"e\(edges)\" source=\"n\(source)\" target=\"n\(target)\"><data key=\"weight\">\(weight)</data>"
                + "<data key=\"edge_documents\">\(documents)</data><data key=\"evidence\">\(evidence)</data>"
                + "<data key=\"sentence\">\(sentence)</data></edge>\n"
        case .gexf:
            return
                "      <edge id=\"\(edges)\" source=\"\(source)\" target=\"\(target)\" weight=\"\(weight)\"><attvalues>"
                + "<attvalue for=\"documents\" value=\"\(documents)\"/><attvalue for=\"evidence\" value=\"\(evidence)\"/>"
                + "<attvalue for=\"sentence\" value=\"\(sentence)\"/></attvalues></edge>\n"
        }
    }

    var closing: String {
        switch format {
        case .graphml: "  </graph>\n</graphml>\n"
        case .gexf: "    </edges>\n  </graph>\n</gexf>\n"
        }
    }

    private static func number(_ value: JSONValue?) -> String {
        value?.intValue.map { String($0) } ?? "0"
    }

    /// Text as XML character data or an attribute value: markup escaped, and characters XML 1.0
    /// cannot hold replaced.
    static func escaped(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed = (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || value >= 0x10000
                escaped.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return escaped
    }
}
