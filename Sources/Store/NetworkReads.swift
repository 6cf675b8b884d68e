import GRDB

/// The most named names and how they are joined: two names in one sentence, weighed by the
/// sentences that hold both. The graph a person can take in at a glance, not the whole network
/// (the export gives that).
public struct NetworkReads: Sendable {
    let reader: any DatabaseReader

    /// The `limit` most mentioned names (of `kind` when given) and the edges among them of at
    /// least `minimumWeight` sentences, heaviest first.
    public func top(limit: Int, kind: String?, minimumWeight: Int) async throws -> NameNetwork {
        try await reader.read { db in
            var arguments: StatementArguments = []
            var filter = ""
            if let kind {
                filter = "WHERE e.kind = ?"
                _ = arguments.append(contentsOf: [kind])
            }
            _ = arguments.append(contentsOf: [limit])
            let nodes = try EntitySummaries.fetchWithIDs(
                db, sql: "\(EntitySummaries.select) \(filter) GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ?",
                arguments: arguments)
            guard nodes.count > 1 else { return NameNetwork(nodes: nodes.map(\.summary), edges: []) }
            let ids = nodes.map(\.id)
            let place = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, $0.offset) })
            let list = SQL.placeholders(ids.count)
            let rows = try EdgeRow.fetchAll(
                db,
                sql: """
                    SELECT a.entity_id AS source, b.entity_id AS target,
                        count(DISTINCT a.document_id || ':' || a.sentence) AS weight
                    FROM mentions a JOIN mentions b
                      ON b.document_id = a.document_id AND b.sentence = a.sentence AND b.entity_id > a.entity_id
                    WHERE a.entity_id IN (\(list)) AND b.entity_id IN (\(list))
                    GROUP BY a.entity_id, b.entity_id HAVING weight >= ?
                    ORDER BY weight DESC, a.entity_id, b.entity_id
                    """, arguments: StatementArguments(ids) + StatementArguments(ids) + [minimumWeight])
            let edges = rows.compactMap { row -> NameNetwork.Edge? in
                guard let source = place[row.source], let target = place[row.target] else { return nil }
                return NameNetwork.Edge(source: source, target: target, weight: row.weight)
            }
            return NameNetwork(nodes: nodes.map(\.summary), edges: edges)
        }
    }

    private struct EdgeRow: Decodable, FetchableRecord {
        var source: Int64
        var target: Int64
        var weight: Int
    }
}

/// Names as nodes and two names in one sentence as edges, each edge by the nodes' places.
public struct NameNetwork: Sendable, Equatable {
    public struct Edge: Sendable, Equatable {
        /// Places in `nodes`; `source` < `target` by entity, not by place.
        public var source: Int
        public var target: Int
        /// Sentences that name both.
        public var weight: Int
    }

    public var nodes: [EntitySummary]
    public var edges: [Edge]
}
