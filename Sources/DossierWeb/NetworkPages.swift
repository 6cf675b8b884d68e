import DossierProtocol
import Varlink

extension Pages {
    /// The network's settings, from a page's address.
    struct NetworkSettings {
        var kind: String?
        var limit: Int
        var minimum: Int

        init(_ form: FormData) {
            kind = form["kind"].flatMap { EntityKind(rawValue: $0)?.rawValue }
            limit = form.integer("limit", in: 2...200) ?? 40
            minimum = form.integer("min", in: 1...1_000_000) ?? 1
        }

        var fields: [(String, String?)] {
            [("kind", kind), ("limit", String(limit)), ("min", minimum == 1 ? nil : String(minimum))]
        }

        var parameters: DossierAPI.Network.Parameters { .init(limit: limit, kind: kind, minWeight: minimum) }
    }

    /// The most named names as a graph (drawn by the page's script) and as a table.
    func network(_ form: FormData) async -> PageResponse {
        struct Edge {
            var source: NameLink
            var target: NameLink
            var weight: Int
            var link: String
        }
        struct View {
            var frame: Frame
            var kinds: [Choice]
            var limit: Int
            var minimum: Int
            var dataLink: String
            var nodeCount: Int
            var edgeCount: Int
            var legend: [String]
            var edges: [Edge]
        }
        let settings = NetworkSettings(form)
        return await render("network") {
            let network = try await daemon.call(DossierAPI.Network.self, settings.parameters)
            var frame = Frame(title: "Network", section: "/network")
            frame.scripts = ["/static/d3.min.js", "/static/network.js"]
            let edges = Self.edges(of: network).prefix(40).map { edge in
                Edge(
                    source: NameLink(edge.source), target: NameLink(edge.target), weight: edge.weight,
                    link: Self.edgeLink(edge.source.name, edge.target.name))
            }
            return View(
                frame: frame, kinds: Choice.kinds(selected: settings.kind), limit: settings.limit,
                minimum: settings.minimum, dataLink: Links.page("/network.json", settings.fields),
                nodeCount: network.nodes.count, edgeCount: network.edges.count,
                legend: Self.unique(network.nodes.map(\.kind)), edges: edges)
        }
    }

    /// The network's edges with their places and names, leaving out any whose places are not
    /// the nodes'.
    static func edges(of network: DossierAPI.Network.Reply)
        -> [(place: DossierAPI.NetworkEdge, source: DossierAPI.Entity, target: DossierAPI.Entity, weight: Int)]
    {
        network.edges.compactMap { edge in
            guard network.nodes.indices.contains(edge.source), network.nodes.indices.contains(edge.target) else {
                return nil
            }
            return (edge, network.nodes[edge.source], network.nodes[edge.target], edge.weight)
        }
    }

    /// The sentences an edge's page lists, at most.
    static let edgeSentences = 200

    static func edgeLink(_ source: String, _ target: String) -> String {
        Links.page("/network/edge", [("a", source), ("b", target)])
    }

    /// The network as JSON for the page's script: nodes with their links, edges by the nodes'
    /// places.
    func networkData(_ form: FormData) async -> PageResponse {
        let settings = NetworkSettings(form)
        do {
            let network = try await daemon.call(DossierAPI.Network.self, settings.parameters)
            let nodes: [JSONValue] = network.nodes.map { node in
                [
                    "name": .string(node.name), "kind": .string(node.kind), "mentions": .int(Int64(node.mentions)),
                    "link": .string(Links.entity(node.name)),
                ]
            }
            let edges: [JSONValue] = Self.edges(of: network).map { edge in
                [
                    "source": .int(Int64(edge.place.source)), "target": .int(Int64(edge.place.target)),
                    "weight": .int(Int64(edge.weight)),
                    "link": .string(Self.edgeLink(edge.source.name, edge.target.name)),
                    "label": .string("\(edge.source.name) and \(edge.target.name): \(edge.weight) sentences"),
                ]
            }
            return .json(JSONWriter.string(["nodes": .array(nodes), "edges": .array(edges)]))
        } catch let error as DaemonError {
            var response = PageResponse.json(JSONWriter.string(["error": .string(error.message)]))
            response.status = error.status
            return response
        } catch {
            logger.error("the network's data could not be made", metadata: ["error": "\(error)"])
            var response = PageResponse.json(JSONWriter.string(["error": "the network could not be read"]))
            response.status = 500
            return response
        }
    }

    /// The sentences that name two names.
    func edge(_ form: FormData) async -> PageResponse {
        struct View {
            var frame: Frame
            var source: NameLink
            var target: NameLink
            var weight: Int
            var searchLink: String
            var evidence: [EvidenceLink]
            var more: Bool
        }
        guard let first = form["a"], let second = form["b"] else {
            return message("Two names are needed", "The address names no two names.", status: 400)
        }
        return await render("edge") {
            let related = try await daemon.call(
                DossierAPI.Related.self, .init(entity: first, limit: Self.edgeSentences, with: second))
            let relation = related.related.first
            let target = relation.map { NameLink($0.entity) } ?? NameLink(name: second)
            return View(
                frame: Frame(title: "\(related.entity.name) and \(target.name)", section: "/network"),
                source: NameLink(related.entity), target: target, weight: relation?.weight ?? 0,
                searchLink: Links.search(Links.entityTerm(related.entity.name) + " " + Links.entityTerm(target.name)),
                evidence: (relation?.evidence ?? []).map(EvidenceLink.init),
                more: (relation?.weight ?? 0) > (relation?.evidence.count ?? 0))
        }
    }
}
