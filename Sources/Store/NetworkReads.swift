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
            // The sentences that name each, read off the index by entity; two names' weight is
            // how many sentences they share. (A self-join in SQL does the same far slower: it
            // pairs every mention of a name with every other in its sentence before counting.)
            var sentences = Array(repeating: Set<Int64>(), count: ids.count)
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT entity_id, document_id, sentence FROM mentions
                    WHERE entity_id IN (\(SQL.placeholders(ids.count)))
                    """, arguments: StatementArguments(ids))
            while let row = try rows.next() {
                guard let index = place[row[0]] else { continue }
                let document: Int64 = row[1]
                let sentence: Int64 = row[2]
                sentences[index].insert(document << 24 | sentence)
            }
            var edges: [NameNetwork.Edge] = []
            for first in ids.indices {
                for second in ids.indices where second > first {
                    let (small, large) =
                        sentences[first].count <= sentences[second].count
                        ? (sentences[first], sentences[second]) : (sentences[second], sentences[first])
                    let weight = small.reduce(0) { $0 + (large.contains($1) ? 1 : 0) }
                    if weight >= minimumWeight, weight > 0 {
                        edges.append(NameNetwork.Edge(source: first, target: second, weight: weight))
                    }
                }
            }
            edges.sort { ($1.weight, $0.source, $0.target) < ($0.weight, $1.source, $1.target) }
            return NameNetwork(nodes: nodes.map(\.summary), edges: edges)
        }
    }
}

/// Names as nodes and two names in one sentence as edges, each edge by the nodes' places.
public struct NameNetwork: Sendable, Equatable {
    public struct Edge: Sendable, Equatable {
        /// Places in `nodes`, `source` before `target`.
        public var source: Int
        public var target: Int
        /// Sentences that name both.
        public var weight: Int
    }

    public var nodes: [EntitySummary]
    public var edges: [Edge]
}
