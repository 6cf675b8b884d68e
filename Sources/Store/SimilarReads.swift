import Foundation
import GRDB
import Synchronization

/// A document like another, and what they have in common.
public struct SimilarDocument: Sendable, Equatable {
    public var path: String
    public var title: String
    /// 0 to 1: mostly the cosine of the two documents' tf-idf term vectors, partly the entities they share.
    public var score: Double
    /// Words both use, the most telling first.
    public var sharedTerms: [String]
    /// Entities both name.
    public var sharedEntities: [String]
}

/// Documents like another: by their most frequent terms, and the names they share.
public struct SimilarReads: Sendable {
    let reader: any DatabaseReader
    /// How many documents hold each term, kept while the cache does not change.
    let vocabulary = TermFrequencies()

    /// Documents ranked by how much their content is like that of `path`; nil if `path` is not indexed.
    ///
    /// Each document keeps its most frequent stemmed terms (`document_vectors`, `terms_fts`). Weights are
    /// (1 + log tf) · log(N / df); candidates are the documents that share the target's most telling
    /// terms, scored by the cosine of the two vectors, and lifted by the entities they share.
    public func documents(like path: String, limit: Int) async throws -> [SimilarDocument]? {
        try await reader.read { db in
            guard
                let target = try Int64.fetchOne(
                    db, sql: "SELECT id FROM documents WHERE path = ? AND status = 'indexed'", arguments: [path])
            else { return nil }
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE status = 'indexed'") ?? 0
            let vectors = try Self.termVectors(of: [target], in: db)
            guard let targetTerms = vectors[target], !targetTerms.isEmpty else { return [] }
            let frequencies = try vocabulary.table(in: db)
            func weight(_ term: TermRow) -> Double {
                let frequency = Double(max(frequencies[term.term] ?? 1, 1))
                return (1 + log(Double(term.count))) * log(Double(total + 1) / frequency)
            }
            // Candidates: documents sharing the target's most telling terms that others use too.
            let probes = targetTerms.filter { (frequencies[$0.term] ?? 0) > 1 }
                .sorted { weight($0) > weight($1) }.prefix(12).map(\.term)
            guard !probes.isEmpty else { return [] }
            // How many of the probes each other document holds; the 200 that hold most.
            var shared: [Int64: Int] = [:]
            let holding = try db.cachedStatement(sql: "SELECT rowid FROM terms_fts WHERE terms_fts MATCH ?")
            for probe in probes {
                for id in try Int64.fetchAll(holding, arguments: ["\"\(probe)\""]) where id != target {
                    shared[id, default: 0] += 1
                }
            }
            let candidates = shared.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(200).map(\.key)
            guard !candidates.isEmpty else { return [] }
            let candidateVectors = try Self.termVectors(of: candidates, in: db)
            let targetWeights = Dictionary(uniqueKeysWithValues: targetTerms.map { ($0.term, weight($0)) })
            let targetNorm = sqrt(targetWeights.values.reduce(0) { $0 + $1 * $1 })
            let targetEntities = try Self.entityNames(of: [target], in: db)[target] ?? []
            var ranked: [(id: Int64, score: Double, shared: [String], entities: [String])] = []
            for (id, terms) in candidateVectors {
                var dot = 0.0
                var norm = 0.0
                var shared: [(word: String, contribution: Double)] = []
                for term in terms {
                    let w = weight(term)
                    norm += w * w
                    if let v = targetWeights[term.term] {
                        dot += w * v
                        shared.append((term.word, w * v))
                    }
                }
                guard dot > 0, norm > 0, targetNorm > 0 else { continue }
                let cosine = dot / (sqrt(norm) * targetNorm)
                ranked.append(
                    (id, cosine, shared.sorted { $0.contribution > $1.contribution }.prefix(8).map(\.word), []))
            }
            ranked.sort { ($0.score, $1.id) > ($1.score, $0.id) }
            let finalists = Array(ranked.prefix(limit * 3))
            // Names, paths and titles of the finalists, each in one query.
            let names = try Self.entityNames(of: finalists.map(\.id), in: db)
            var documents: [Int64: DocumentRow] = [:]
            for row in try DocumentRow.fetchAll(
                db, sql: "SELECT id, path, title FROM documents WHERE id IN (\(SQL.placeholders(finalists.count)))",
                arguments: StatementArguments(finalists.map(\.id)))
            {
                documents[row.id] = row
            }
            var results: [SimilarDocument] = []
            for candidate in finalists {
                guard let row = documents[candidate.id] else { continue }
                let entities = names[candidate.id] ?? []
                let shared = targetEntities.filter { entities.contains($0) }.sorted()
                let entityOverlap =
                    Double(shared.count) / Double(max(1, min(targetEntities.count, entities.count)))
                results.append(
                    SimilarDocument(
                        path: row.path, title: row.title,
                        score: ((0.85 * candidate.score + 0.15 * entityOverlap) * 1000).rounded() / 1000,
                        sharedTerms: candidate.shared, sharedEntities: shared))
            }
            results.sort { ($0.score, $1.path) > ($1.score, $0.path) }
            return Array(results.prefix(limit))
        }
    }

    private struct TermRow {
        var term: String
        var word: String
        var count: Int
    }

    private struct DocumentRow: Decodable, FetchableRecord {
        var id: Int64
        var path: String
        var title: String
    }

    /// A document's term vector as stored: three lists separated by spaces (``TermListCoding``).
    private struct VectorRow: Decodable, FetchableRecord {
        var id: Int64
        var terms: String
        var words: String
        var counts: String
    }

    fileprivate struct FrequencyRow: Decodable, FetchableRecord {
        var term: String
        var doc: Int
    }

    private struct DocumentNameRow: Decodable, FetchableRecord {
        var documentID: Int64
        var name: String

        enum CodingKeys: String, CodingKey {
            case name
            case documentID = "document_id"
        }
    }

    private static func termVectors(of documents: [Int64], in db: Database) throws -> [Int64: [TermRow]] {
        var vectors: [Int64: [TermRow]] = [:]
        for row in try VectorRow.fetchAll(
            db,
            sql:
                "SELECT id, terms, words, counts FROM document_vectors WHERE id IN (\(SQL.placeholders(documents.count)))",
            arguments: StatementArguments(documents))
        {
            let terms = row.terms.split(separator: " ")
            // A word left empty is its term.
            guard let words = TermListCoding.decodeWords(row.words[...]),
                let counts = TermListCoding.decodeCounts(row.counts[...]),
                terms.count == words.count, terms.count == counts.count
            else { continue }
            vectors[row.id] = terms.indices.map { index in
                TermRow(
                    term: String(terms[index]), word: String(words[index].isEmpty ? terms[index] : words[index]),
                    count: counts[index])
            }
        }
        return vectors
    }

    private static func entityNames(of documents: [Int64], in db: Database) throws -> [Int64: Set<String>] {
        var names: [Int64: Set<String>] = [:]
        for row in try DocumentNameRow.fetchAll(
            db,
            sql: """
                SELECT DISTINCT m.document_id, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id
                WHERE m.document_id IN (\(SQL.placeholders(documents.count)))
                """, arguments: StatementArguments(documents))
        {
            names[row.documentID, default: []].insert(row.name)
        }
        return names
    }
}

/// How many documents hold each term among their most frequent (`terms_vocab`), read whole and
/// kept until the cache changes. Looking terms up one by one costs a third of a query each, and
/// the hundreds of documents a similarity is scored against hold thousands of terms: reading the
/// whole vocabulary once is cheaper than that already, and free while the cache stays the same.
final class TermFrequencies: Sendable {
    private struct Table {
        var generation: Int64
        var frequencies: [String: Int]
    }

    private let cached = Mutex<Table?>(nil)

    /// The frequencies as `db` sees them.
    func table(in db: Database) throws -> [String: Int] {
        let generation = try Int64.fetchOne(db, sql: "SELECT coalesce(max(generation), 0) FROM changes") ?? 0
        if let table = cached.withLock({ $0 }), table.generation == generation { return table.frequencies }
        var frequencies: [String: Int] = [:]
        let rows = try SimilarReads.FrequencyRow.fetchCursor(db, sql: "SELECT term, doc FROM terms_vocab")
        while let row = try rows.next() { frequencies[row.term] = row.doc }
        cached.withLock { table in
            if (table?.generation ?? -1) < generation {
                table = Table(generation: generation, frequencies: frequencies)
            }
        }
        return frequencies
    }
}
