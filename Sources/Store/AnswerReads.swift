import GRDB
import Synchronization

/// A sentence that may answer a question, with what ranking needs to know about it.
public struct AnswerCandidate: Sendable, Equatable {
    public var sentenceID: Int64
    public var documentID: Int64
    public var sectionID: Int64
    public var paragraphID: Int64
    /// The sentence's place in its document.
    public var ordinal: Int
    /// The sentence's place in its section: 0 for the first.
    public var positionInSection: Int
    public var text: String
    public var heading: String?
    /// The paragraph the sentence stands in: what "it" and "the lighthouse" may refer back to.
    public var paragraph: String
    /// The sentence before it in its paragraph, if any.
    public var previous: String?
    /// The document's title.
    public var title: String
    /// BM25 relevance of the sentence to the question's terms; 0 when found another way.
    public var relevance: Double
    /// Entities named in the sentence, or stood for by a pronoun or description: id and kind.
    public var entities: [Int64: String]
    /// The sentence holds a date or a year.
    public var hasDate: Bool
    /// What the sentence's quantities count or measure, "" for a bare number.
    public var numberUnits: [String] = []
    /// The names, dates and quantities of the sentence as written: what a short answer is made of.
    public var spans: [AnswerSpan] = []
}

/// A name, a date or a quantity in a candidate sentence, as the text writes it.
public struct AnswerSpan: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A name of this kind (person, organisation, place, other), and which entity it names.
        case entity(String, id: Int64)
        /// Words that stand for this entity without naming it ("this terrorist group", "It").
        case reference(id: Int64)
        case date
        /// A quantity, and what it counts ("" for a bare number).
        case quantity(unit: String)
    }

    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// Where an answer stands: its document, section and paragraph, sentence by sentence.
public struct AnswerContext: Sendable, Equatable {
    public var path: String
    public var title: String
    public var heading: String?
    public var paragraph: String
    /// The paragraph's sentences, in order.
    public var sentences: [String]
    /// The answer's sentence among `sentences`.
    public var index: Int
}

/// The sentences that may answer a question, and what surrounds them.
public final class AnswerReads: Sendable {
    let reader: any DatabaseReader
    /// How many sentences hold each term, remembered between questions (see `sentenceFrequencies`).
    private let sentenceFrequencyCache = Mutex(SentenceFrequencyCache())

    init(reader: any DatabaseReader) {
        self.reader = reader
    }

    /// Candidate answer sentences: the `limit` best that hold parts of `retrieval` (by BM25), the
    /// opening sentences of sections whose heading holds any (FAQ-style articles answer right
    /// under the question), and sentences that name one of `entityIDs`.
    public func candidates(_ retrieval: SentenceRetrieval, entityIDs: [Int64], limit: Int) async throws
        -> [AnswerCandidate]
    {
        guard !retrieval.parts.isEmpty || !entityIDs.isEmpty else { return [] }
        return try await reader.read { db in
            var candidates: [Int64: AnswerCandidate] = [:]
            var order: [Int64] = []
            func add(_ row: SentenceRow, relevance: Double) {
                guard candidates[row.id] == nil else { return }
                order.append(row.id)
                candidates[row.id] = AnswerCandidate(
                    sentenceID: row.id, documentID: row.documentID, sectionID: row.sectionID,
                    paragraphID: row.paragraphID, ordinal: row.ordinal, positionInSection: 0, text: row.text,
                    heading: nil, paragraph: "", previous: nil, title: "", relevance: relevance, entities: [:],
                    hasDate: false)
            }
            let columns = Self.sentenceColumns
            let texts = Self.sentenceTextJoin
            let statistics = try sentenceStatistics(at: Generation.fetch(db), in: db)
            let matched = try Self.bestMatching(retrieval, limit: limit, statistics: statistics, in: db)
            let rows = try SentenceRow.fetchAll(
                db.cachedStatement(sql: "SELECT \(columns) FROM sentences s \(texts) WHERE s.id \(SQL.inList)"),
                arguments: [SQL.list(matched.map(\.id))])
            let matchedRows = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for (id, relevance) in matched {
                if let row = matchedRows[id] { add(row, relevance: relevance) }
            }
            let sections =
                retrieval.parts.isEmpty
                ? []
                : try HeadingMatchRow.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT sec.id, t.first_sentence + sec.first_sentence AS first FROM sections_fts
                            JOIN sections sec ON sec.id = sections_fts.rowid
                            JOIN texts t ON t.id = \(Schema.document(ofPlace: "sections_fts.rowid"))
                            WHERE sections_fts MATCH ? ORDER BY rank LIMIT 5
                            """),
                    arguments: [retrieval.anyPart])
            for section in sections {
                let ordinal = Schema.place(section.id).ordinal
                let first = section.first
                for row in try SentenceRow.fetchAll(
                    db.cachedStatement(
                        sql:
                            "SELECT \(columns) FROM sentences s \(texts) WHERE s.id BETWEEN ? AND ? AND s.section = ? ORDER BY s.id"
                    ),
                    arguments: [first, first + 2, ordinal])
                {
                    add(row, relevance: 0)
                }
            }
            if !entityIDs.isEmpty {
                let entities = SQL.list(entityIDs)
                for row in try SentenceRow.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT DISTINCT \(columns) FROM (
                                SELECT document_id, sentence FROM mentions WHERE entity_id \(SQL.inList)
                                UNION ALL SELECT document_id, sentence FROM coreferences WHERE entity_id \(SQL.inList)
                            ) m JOIN texts t ON t.id = m.document_id JOIN sentences s
                                ON s.id = t.first_sentence + m.sentence AND s.document = m.document_id
                            LIMIT ?
                            """), arguments: [entities, entities, limit])
                {
                    add(row, relevance: 0)
                }
            }
            // A sentence that asks the question is followed by its answer ("Who will write the guide? Alice offered…").
            for question in order.compactMap({ candidates[$0] }).filter({ $0.text.hasSuffix("?") }).prefix(20) {
                if let row = try SentenceRow.fetchOne(
                    db.cachedStatement(
                        sql: "SELECT \(columns) FROM sentences s \(texts) WHERE s.id = ? AND s.document = ?"),
                    arguments: [question.sentenceID + 1, question.documentID])
                {
                    add(row, relevance: 0)
                }
            }
            guard !order.isEmpty else { return [] }
            try Self.describe(&candidates, in: db)
            return order.compactMap { candidates[$0] }
        }
    }

    /// The `limit` sentences that rank best by BM25 for the parts of `retrieval` they hold, and
    /// their relevance. `statistics` are the collection's.
    private static func bestMatching(
        _ retrieval: SentenceRetrieval, limit: Int, statistics: SentenceStatistics, in db: Database
    ) throws -> [(id: Int64, relevance: Double)] {
        let find = try db.cachedStatement(sql: "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?")
        var ranking = SentenceRanking(weights: [:])
        for part in retrieval.parts {
            let ids = try Int64.fetchAll(find, arguments: [part.expression])
            // A word's rarity is of the sentences that hold it, as FTS5 counts them for bm25().
            var weight = 0.0
            for word in part.words {
                let count =
                    part.words.count == 1
                    ? ids.count
                    : try Int.fetchOne(
                        db.cachedStatement(sql: "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH ?"),
                        arguments: [word]) ?? 0
                weight += BM25.idf(count: count, total: statistics.count)
            }
            for id in ids { ranking.weights[id, default: 0] += weight }
        }
        return try ranking.best(limit, averageLength: statistics.averageLength) { ids in
            var lengths: [Int64: Int] = [:]
            for row in try SentenceLengthRow.fetchAll(
                db.cachedStatement(sql: "SELECT id, \(Self.sentenceLength) FROM sentences WHERE id \(SQL.inList)"),
                arguments: [SQL.list(ids)])
            {
                lengths[row.id] = row.length
            }
            return lengths
        }
    }

    /// A sentence's length in bytes, in a query of `sentences`: its own text's, or its range's.
    static let sentenceLength = "CASE WHEN text IS NULL THEN length ELSE length(CAST(text AS BLOB)) END"

    /// Fills in each candidate's heading, place in its section, entities, dates and numbers.
    private static func describe(_ candidates: inout [Int64: AnswerCandidate], in db: Database) throws {
        let sectionIDs = Array(Set(candidates.values.map(\.sectionID)))
        var headings: [Int64: String?] = [:]
        var firstOrdinals: [Int64: Int] = [:]
        for row in try SectionRow.fetchAll(
            db.cachedStatement(sql: "SELECT id, heading, first_sentence FROM sections WHERE id \(SQL.inList)"),
            arguments: [SQL.list(sectionIDs)])
        {
            headings[row.id] = row.heading
            firstOrdinals[row.id] = row.firstSentence
        }
        let paragraphIDs = Array(Set(candidates.values.map(\.paragraphID)))
        var paragraphs: [Int64: String] = [:]
        for row in try TextRow.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT p.id, \(Schema.paragraphText) AS text FROM paragraphs p JOIN texts pt ON pt.id = \(Schema.document(ofPlace: "p.id"))
                    WHERE p.id \(SQL.inList)
                    """),
            arguments: [SQL.list(paragraphIDs)])
        {
            paragraphs[row.id] = row.text
        }
        // The sentence before each candidate, when it is in one of the candidates' paragraphs.
        let previousIDs = candidates.values.filter { $0.ordinal > 0 }.map { $0.sentenceID - 1 }
        let candidateParagraphs = Set(paragraphIDs)
        var previousTexts: [SentencePlace: String] = [:]
        for row in previousIDs.isEmpty
            ? []
            : try SentenceRow.fetchAll(
                db.cachedStatement(
                    sql: "SELECT \(sentenceColumns) FROM sentences s \(sentenceTextJoin) WHERE s.id \(SQL.inList)"),
                arguments: [SQL.list(previousIDs)])
        where candidateParagraphs.contains(row.paragraphID) {
            previousTexts[SentencePlace(document: row.documentID, ordinal: row.ordinal)] = row.text
        }
        let documentIDs = Array(Set(candidates.values.map(\.documentID)))
        var titles: [Int64: String] = [:]
        for row in try TextRow.fetchAll(
            db.cachedStatement(sql: "SELECT id, title AS text FROM documents WHERE id \(SQL.inList)"),
            arguments: [SQL.list(documentIDs)])
        {
            titles[row.id] = row.text
        }
        // The candidates' (document, sentence) pairs, looked up one by one through the indexes.
        var byPlace: [SentencePlace: Int64] = [:]
        for candidate in candidates.values {
            byPlace[SentencePlace(document: candidate.documentID, ordinal: candidate.ordinal)] = candidate.sentenceID
        }
        let (wanted, wantedArguments) = SentencePlace.wanted(byPlace.keys)
        // Names, and the words that stand for them ("this terrorist group"): the sentence is about
        // the entity either way.
        for row in try NameSpanRow.fetchAll(
            db.cachedStatement(
                sql: """
                    \(wanted) SELECT m.document_id, m.sentence, m.entity_id, e.kind, m.text, 0 AS reference FROM wanted
                    JOIN mentions m ON m.document_id = wanted.document AND m.sentence = wanted.sentence
                    JOIN entities e ON e.id = m.entity_id
                    UNION ALL
                    SELECT r.document_id, r.sentence, r.entity_id, e.kind, r.text, 1 FROM wanted
                    JOIN coreferences r ON r.document_id = wanted.document AND r.sentence = wanted.sentence
                    JOIN entities e ON e.id = r.entity_id
                    """), arguments: wantedArguments)
        {
            guard let id = byPlace[SentencePlace(document: row.documentID, ordinal: row.sentence)] else { continue }
            candidates[id]?.entities[row.entityID] = row.kind
            let kind: AnswerSpan.Kind =
                row.reference ? .reference(id: row.entityID) : .entity(row.kind, id: row.entityID)
            candidates[id]?.spans.append(AnswerSpan(kind: kind, text: row.text))
        }
        for row in try SpanRow.fetchAll(
            db.cachedStatement(
                sql: """
                    \(wanted) SELECT DISTINCT d.document_id, d.sentence, d.text, NULL AS unit FROM wanted
                    JOIN dates d ON d.document_id = wanted.document AND d.sentence = wanted.sentence
                    """), arguments: wantedArguments)
        {
            guard let id = byPlace[SentencePlace(document: row.documentID, ordinal: row.sentence)] else { continue }
            candidates[id]?.hasDate = true
            candidates[id]?.spans.append(AnswerSpan(kind: .date, text: row.text))
        }
        for row in try SpanRow.fetchAll(
            db.cachedStatement(
                sql: """
                    \(wanted) SELECT n.document_id, n.sentence, n.text, n.unit FROM wanted
                    JOIN numbers n ON n.document_id = wanted.document AND n.sentence = wanted.sentence
                    """), arguments: wantedArguments)
        {
            guard let id = byPlace[SentencePlace(document: row.documentID, ordinal: row.sentence)] else { continue }
            candidates[id]?.numberUnits.append(row.unit ?? "")
            candidates[id]?.spans.append(AnswerSpan(kind: .quantity(unit: row.unit ?? ""), text: row.text))
        }
        for (id, var candidate) in candidates {
            candidate.heading = headings[candidate.sectionID] ?? nil
            candidate.paragraph = paragraphs[candidate.paragraphID] ?? candidate.text
            candidate.previous =
                previousTexts[SentencePlace(document: candidate.documentID, ordinal: candidate.ordinal - 1)]
            candidate.title = titles[candidate.documentID] ?? ""
            candidate.positionInSection = candidate.ordinal - (firstOrdinals[candidate.sectionID] ?? 0)
            candidates[id] = candidate
        }
    }

    /// How many sentences there are, and their average length in bytes, as `db` sees them at
    /// `generation`; taken again as the counts in ``sentenceFrequencies(of:)`` are.
    private func sentenceStatistics(at generation: Int64, in db: Database) throws -> SentenceStatistics {
        if let statistics = sentenceFrequencyCache.withLock({ cache in
            cache.renew(at: generation)
            return cache.statistics
        }) {
            return statistics
        }
        let statistics =
            try SentenceStatistics.fetchOne(
                db, sql: "SELECT count(*) AS count, coalesce(avg(\(Self.sentenceLength)), 0) AS average FROM sentences")
            ?? SentenceStatistics(count: 0, averageLength: 0)
        sentenceFrequencyCache.withLock { cache in
            if cache.generation == generation { cache.statistics = statistics }
        }
        return statistics
    }

    /// How many sentences hold each of `terms` (stemmed index terms), and about how many sentences there are.
    ///
    /// Counting a common term's sentences walks its whole list in the index, so counts are
    /// remembered, and forgotten once the collection has changed a thousand times: rarity
    /// weights need not be exact.
    public func sentenceFrequencies(of terms: [String]) async throws -> (sentences: Int, counts: [String: Int]) {
        try await reader.read { db in
            let generation = try Generation.fetch(db)
            let total = try sentenceStatistics(at: generation, in: db).count
            let cached = sentenceFrequencyCache.withLock { cache in
                cache.renew(at: generation)
                return cache
            }
            var counts: [String: Int] = [:]
            for term in Set(terms) {
                if let count = cached.counts[term] {
                    counts[term] = count
                } else {
                    counts[term] =
                        try Int.fetchOne(
                            db.cachedStatement(sql: "SELECT doc FROM sentences_vocab WHERE term = ?"), arguments: [term]
                        )
                        ?? 0
                }
            }
            sentenceFrequencyCache.withLock { cache in
                guard cache.generation == cached.generation else { return }
                if cache.counts.count > 50_000 { cache.counts.removeAll() }
                cache.counts.merge(counts) { $1 }
            }
            return (total, counts)
        }
    }

    /// The paragraph, section and document around each of `sentenceIDs`, in one read; a sentence
    /// no longer in the cache has none.
    public func contexts(sentenceIDs: [Int64]) async throws -> [Int64: AnswerContext] {
        guard !sentenceIDs.isEmpty else { return [:] }
        return try await reader.read { db in
            var contexts: [Int64: AnswerContext] = [:]
            for row in try ContextRow.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT s.id, d.path, d.title, sec.heading, \(Schema.paragraphText) AS text,
                            pt.first_sentence + p.first_sentence AS first, p.sentence_count
                        FROM sentences s JOIN documents d ON d.id = s.document
                        JOIN sections sec ON sec.id = \(Schema.placeID(document: "s.document", ordinal: "s.section"))
                        JOIN paragraphs p ON p.id = \(Schema.placeID(document: "s.document", ordinal: "s.paragraph"))
                        JOIN texts pt ON pt.id = d.id
                        WHERE s.id \(SQL.inList)
                        """), arguments: [SQL.list(sentenceIDs)])
            {
                let sentences = try TextRow.fetchAll(
                    db.cachedStatement(
                        sql:
                            "SELECT s.id, \(Schema.sentenceText) AS text FROM sentences s \(Self.sentenceTextJoin) WHERE s.id BETWEEN ? AND ? ORDER BY s.id"
                    ),
                    arguments: [row.first, row.first + Int64(row.sentenceCount) - 1])
                contexts[row.id] = AnswerContext(
                    path: row.path, title: row.title, heading: row.heading, paragraph: row.text,
                    sentences: sentences.map(\.text), index: sentences.firstIndex { $0.id == row.id } ?? 0)
            }
            return contexts
        }
    }

    /// The columns of an `AnswerCandidate`, from `sentences s` joined to `sentenceTextJoin`.
    static let sentenceColumns = """
        s.id, s.document AS document_id, \(Schema.placeID(document: "s.document", ordinal: "s.section")) AS section_id,
        \(Schema.placeID(document: "s.document", ordinal: "s.paragraph")) AS paragraph_id,
        s.id - t.first_sentence AS ordinal, \(Schema.sentenceText) AS text
        """
    /// Joins `sentences s` to the text its ranges are of, as `t`.
    static let sentenceTextJoin = "JOIN texts t ON t.id = s.document"
}

/// How many sentences there are, and how long they are on average.
struct SentenceStatistics: Sendable, Equatable, Decodable, FetchableRecord {
    var count: Int
    /// In bytes of UTF-8.
    var averageLength: Double

    enum CodingKeys: String, CodingKey {
        case count
        case averageLength = "average"
    }
}

struct SentenceFrequencyCache {
    /// After this many changes to the collection, counts are taken again.
    static let lifetime: Int64 = 1000
    var generation: Int64 = -SentenceFrequencyCache.lifetime
    var statistics: SentenceStatistics?
    var counts: [String: Int] = [:]

    /// Forgets everything once the collection at `generation` has changed too much since.
    mutating func renew(at generation: Int64) {
        if abs(self.generation - generation) >= Self.lifetime { self = SentenceFrequencyCache(generation: generation) }
    }
}

// The rows of one question's candidates number in the hundreds, on every Ask: they are read by
// position, GRDB's fastest way, each in the order its queries select the columns.

/// A sentence as a candidate is made of (`AnswerReads.sentenceColumns`).
private struct SentenceRow: FetchableRecord {
    var id: Int64
    var documentID: Int64
    var sectionID: Int64
    var paragraphID: Int64
    var ordinal: Int
    var text: String

    /// id, document_id, section_id, paragraph_id, ordinal, text.
    init(row: Row) {
        id = row[0]
        documentID = row[1]
        sectionID = row[2]
        paragraphID = row[3]
        ordinal = row[4]
        text = row[5]
    }
}

/// A sentence's id and length.
private struct SentenceLengthRow: FetchableRecord {
    var id: Int64
    var length: Int

    /// id, length.
    init(row: Row) {
        id = row[0]
        length = row[1]
    }
}

/// A section whose heading matched, and the id of its first sentence.
private struct HeadingMatchRow: FetchableRecord {
    var id: Int64
    var first: Int64

    /// id, first.
    init(row: Row) {
        id = row[0]
        first = row[1]
    }
}

private struct SectionRow: FetchableRecord {
    var id: Int64
    var heading: String?
    var firstSentence: Int

    /// id, heading, first_sentence.
    init(row: Row) {
        id = row[0]
        heading = row[1]
        firstSentence = row[2]
    }
}

/// Any text by its row's id: a paragraph, a sentence, a title.
private struct TextRow: FetchableRecord {
    var id: Int64
    var text: String

    /// id, text.
    init(row: Row) {
        id = row[0]
        text = row[1]
    }
}

/// A name, or words that stand for one, in a sentence.
private struct NameSpanRow: FetchableRecord {
    var documentID: Int64
    var sentence: Int
    var entityID: Int64
    var kind: String
    var text: String
    var reference: Bool

    /// document_id, sentence, entity_id, kind, text, reference.
    init(row: Row) {
        documentID = row[0]
        sentence = row[1]
        entityID = row[2]
        kind = row[3]
        text = row[4]
        reference = row[5]
    }
}

/// A date or a quantity in a sentence; a quantity's unit.
private struct SpanRow: FetchableRecord {
    var documentID: Int64
    var sentence: Int
    var text: String
    var unit: String?

    /// document_id, sentence, text, unit.
    init(row: Row) {
        documentID = row[0]
        sentence = row[1]
        text = row[2]
        unit = row[3]
    }
}

/// A sentence's paragraph, section and document, and where the paragraph's sentences start.
private struct ContextRow: FetchableRecord {
    var id: Int64
    var path: String
    var title: String
    var heading: String?
    var text: String
    var first: Int64
    var sentenceCount: Int

    /// id, path, title, heading, text, first, sentence_count.
    init(row: Row) {
        id = row[0]
        path = row[1]
        title = row[2]
        heading = row[3]
        text = row[4]
        first = row[5]
        sentenceCount = row[6]
    }
}
