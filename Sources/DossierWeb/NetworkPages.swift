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
            var source: String
            var sourceKind: String
            var sourceLink: String
            var target: String
            var targetKind: String
            var targetLink: String
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
            let edges = network.edges.prefix(40).compactMap { edge -> Edge? in
                guard network.nodes.indices.contains(edge.source), network.nodes.indices.contains(edge.target) else {
                    return nil
                }
                let (source, target) = (network.nodes[edge.source], network.nodes[edge.target])
                return Edge(
                    source: source.name, sourceKind: source.kind, sourceLink: Links.entity(source.name),
                    target: target.name, targetKind: target.kind, targetLink: Links.entity(target.name),
                    weight: edge.weight, link: Self.edgeLink(source.name, target.name))
            }
            return View(
                frame: frame, kinds: Choice.kinds(selected: settings.kind), limit: settings.limit,
                minimum: settings.minimum, dataLink: Links.page("/network.json", settings.fields),
                nodeCount: network.nodes.count, edgeCount: network.edges.count,
                legend: Self.unique(network.nodes.map(\.kind)), edges: edges)
        }
    }

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
            let edges: [JSONValue] = network.edges.compactMap { edge in
                guard network.nodes.indices.contains(edge.source), network.nodes.indices.contains(edge.target) else {
                    return nil
                }
                let (source, target) = (network.nodes[edge.source].name, network.nodes[edge.target].name)
                return [
                    "source": .int(Int64(edge.source)), "target": .int(Int64(edge.target)),
                    "weight": .int(Int64(edge.weight)), "link": .string(Self.edgeLink(source, target)),
                    "label": .string("\(source) and \(target): \(edge.weight) sentences"),
                ]
            }
            return .json(JSONWriter.string(["nodes": .array(nodes), "edges": .array(edges)]))
        } catch let error as DaemonError {
            var response = PageResponse.json(JSONWriter.string(["error": .string(error.message)]))
            response.status = error.status
            return response
        } catch {
            var response = PageResponse.json(JSONWriter.string(["error": "the network could not be read"]))
            response.status = 500
            return response
        }
    }

    /// The sentences that name two names.
    func edge(_ form: FormData) async -> PageResponse {
        struct Evidence {
            var sentence: String
            var path: String
            var link: String
        }
        struct View {
            var frame: Frame
            var source: String
            var sourceKind: String
            var sourceLink: String
            var target: String
            var targetKind: String
            var targetLink: String
            var weight: Int
            var searchLink: String
            var evidence: [Evidence]
        }
        guard let first = form["a"], let second = form["b"] else {
            return message("Two names are needed", "The address names no two names.", status: 400)
        }
        return await render("edge") {
            let related = try await daemon.call(DossierAPI.Related.self, .init(entity: first, limit: 1000))
            let key = second.lowercased()
            let relation = related.related.first { $0.entity.name.lowercased() == key }
            return View(
                frame: Frame(
                    title: "\(related.entity.name) and \(relation?.entity.name ?? second)", section: "/network"),
                source: related.entity.name, sourceKind: related.entity.kind,
                sourceLink: Links.entity(related.entity.name),
                target: relation?.entity.name ?? second, targetKind: relation?.entity.kind ?? "other",
                targetLink: Links.entity(relation?.entity.name ?? second), weight: relation?.weight ?? 0,
                searchLink: Links.search(Links.entityTerm(related.entity.name) + " " + Links.entityTerm(second)),
                evidence: (relation?.evidence ?? []).map {
                    Evidence(sentence: $0.sentence, path: $0.path, link: Links.document($0.path, mark: $0.sentence))
                })
        }
    }
}
