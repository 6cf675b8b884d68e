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
            let top = try TopRow.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.name, e.kind, count(*) AS mentions FROM entities e
                    JOIN mentions m ON m.entity_id = e.id \(filter)
                    GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ?
                    """, arguments: arguments)
            // Each name's sentences, in order, read off the index; two names' weight is how many
            // sentences they share, counted by walking both lists at once, and a name's
            // documents are its sentences' documents. (A self-join in SQL pairs every mention
            // with every other in its sentence before counting: far slower where names are dense.)
            let sentences = try top.map { row in
                var keys: [Int64] = []
                let cursor = try Int64.fetchCursor(
                    db,
                    sql: """
                        SELECT (document_id << 24) | sentence FROM mentions
                        WHERE entity_id = ? ORDER BY document_id, sentence
                        """, arguments: [row.id])
                // A name written twice in a sentence is one sentence.
                while let key = try cursor.next() {
                    if keys.last != key { keys.append(key) }
                }
                return keys
            }
            let rows = zip(top, sentences).map { row, keys in
                EntitySummaries.EntityRow(
                    id: row.id, name: row.name, kind: row.kind, mentions: row.mentions,
                    documents: Self.documents(keys))
            }
            let nodes = try EntitySummaries.fetch(rows: rows, inDocument: nil, db)
            var edges: [NameNetwork.Edge] = []
            for first in top.indices {
                for second in top.indices where second > first {
                    let weight = Self.shared(sentences[first], sentences[second])
                    if weight >= minimumWeight, weight > 0 {
                        edges.append(NameNetwork.Edge(source: first, target: second, weight: weight))
                    }
                }
            }
            edges.sort { ($1.weight, $0.source, $0.target) < ($0.weight, $1.source, $1.target) }
            return NameNetwork(nodes: nodes, edges: edges)
        }
    }

    /// The documents of ascending sentence keys (a document's id above 24 bits of sentence).
    static func documents(_ keys: [Int64]) -> Int {
        var count = 0
        var last: Int64 = -1
        for key in keys where key >> 24 != last {
            last = key >> 24
            count += 1
        }
        return count
    }

    /// How many values two ascending lists share.
    static func shared(_ left: [Int64], _ right: [Int64]) -> Int {
        var (i, j, count) = (0, 0, 0)
        while i < left.count, j < right.count {
            if left[i] < right[j] {
                i += 1
            } else if left[i] > right[j] {
                j += 1
            } else {
                count += 1
                i += 1
                j += 1
            }
        }
        return count
    }
}

private struct TopRow: Decodable, FetchableRecord {
    var id: Int64
    var name: String
    var kind: String
    var mentions: Int
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
