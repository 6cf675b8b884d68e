import GRDB

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

extension DocumentStore {
    /// Candidate answer sentences: those matching `match` (BM25 over sentences), the opening
    /// sentences of sections whose heading matches (FAQ-style articles answer right under the
    /// question), and sentences that name one of `entityIDs`.
    public func answerCandidates(match: String, entityIDs: [Int64], limit: Int) async throws -> [AnswerCandidate] {
        try await pool.read { db in
            var candidates: [Int64: AnswerCandidate] = [:]
            var order: [Int64] = []
            func add(_ row: Row, relevance: Double) {
                let id: Int64 = row["id"]
                guard candidates[id] == nil else { return }
                order.append(id)
                candidates[id] = AnswerCandidate(
                    sentenceID: id, documentID: row["document_id"], sectionID: row["section_id"],
                    paragraphID: row["paragraph_id"], ordinal: row["ordinal"], positionInSection: 0, text: row["text"],
                    heading: nil, paragraph: "", previous: nil, title: "", relevance: relevance, entities: [:],
                    hasDate: false)
            }
            let columns = Self.sentenceColumns
            let texts = Self.sentenceTextJoin
            for row in try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT \(columns), f.rank AS score FROM (
                            SELECT rowid, rank FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?
                        ) f JOIN sentences s ON s.id = f.rowid \(texts) ORDER BY f.rank
                        """), arguments: [match, limit])
            {
                add(row, relevance: Self.relevance(row["score"]))
            }
            let sections = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT sec.id, t.first_sentence + sec.first_sentence AS first FROM sections_fts
                        JOIN sections sec ON sec.id = sections_fts.rowid
                        JOIN texts t ON t.id = \(Schema.document(ofPlace: "sections_fts.rowid"))
                        WHERE sections_fts MATCH ? ORDER BY rank LIMIT 5
                        """),
                arguments: [match])
            for section in sections {
                let ordinal = Schema.place(section["id"]).ordinal
                let first: Int64 = section["first"]
                for row in try Row.fetchAll(
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
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT \(columns) FROM (
                            SELECT document_id, sentence FROM mentions
                            WHERE entity_id IN (\(Self.placeholders(entityIDs.count)))
                            UNION ALL SELECT document_id, sentence FROM coreferences
                            WHERE entity_id IN (\(Self.placeholders(entityIDs.count)))
                        ) m JOIN texts t ON t.id = m.document_id JOIN sentences s
                            ON s.id = t.first_sentence + m.sentence AND s.document = m.document_id
                        LIMIT ?
                        """, arguments: StatementArguments(entityIDs) + StatementArguments(entityIDs) + [limit])
                {
                    add(row, relevance: 0)
                }
            }
            // A sentence that asks the question is followed by its answer ("Who will write the guide? Alice offered…").
            for question in order.compactMap({ candidates[$0] }).filter({ $0.text.hasSuffix("?") }).prefix(20) {
                if let row = try Row.fetchOne(
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

    /// Fills in each candidate's heading, place in its section, entities, dates and numbers.
    private static func describe(_ candidates: inout [Int64: AnswerCandidate], in db: Database) throws {
        let sectionIDs = Array(Set(candidates.values.map(\.sectionID)))
        var headings: [Int64: String?] = [:]
        var firstOrdinals: [Int64: Int] = [:]
        for row in try Row.fetchAll(
            db,
            sql: "SELECT id, heading, first_sentence FROM sections WHERE id IN (\(placeholders(sectionIDs.count)))",
            arguments: StatementArguments(sectionIDs))
        {
            headings[row["id"]] = row["heading"] as String?
            firstOrdinals[row["id"]] = row["first_sentence"]
        }
        let paragraphIDs = Array(Set(candidates.values.map(\.paragraphID)))
        var paragraphs: [Int64: String] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT p.id, \(paragraphText) AS text FROM paragraphs p JOIN texts pt ON pt.id = \(Schema.document(ofPlace: "p.id"))
                WHERE p.id IN (\(placeholders(paragraphIDs.count)))
                """,
            arguments: StatementArguments(paragraphIDs))
        {
            paragraphs[row["id"]] = row["text"]
        }
        // The sentence before each candidate, when it is in one of the candidates' paragraphs.
        let previousIDs = candidates.values.filter { $0.ordinal > 0 }.map { $0.sentenceID - 1 }
        let candidateParagraphs = Set(paragraphIDs)
        var previousTexts: [SentencePlace: String] = [:]
        for row in previousIDs.isEmpty
            ? []
            : try Row.fetchAll(
                db,
                sql:
                    "SELECT \(sentenceColumns) FROM sentences s \(sentenceTextJoin) WHERE s.id IN (\(placeholders(previousIDs.count)))",
                arguments: StatementArguments(previousIDs))
        where candidateParagraphs.contains(row["paragraph_id"]) {
            previousTexts[SentencePlace(document: row["document_id"], ordinal: row["ordinal"])] = row["text"]
        }
        let documentIDs = Array(Set(candidates.values.map(\.documentID)))
        var titles: [Int64: String] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT id, title FROM documents WHERE id IN (\(placeholders(documentIDs.count)))",
            arguments: StatementArguments(documentIDs))
        {
            titles[row["id"]] = row["title"]
        }
        // The candidates' (document, sentence) pairs, looked up one by one through the indexes.
        var byPlace: [SentencePlace: Int64] = [:]
        for candidate in candidates.values {
            byPlace[SentencePlace(document: candidate.documentID, ordinal: candidate.ordinal)] = candidate.sentenceID
        }
        let places = Array(byPlace.keys)
        let wanted =
            "WITH wanted(document, sentence) AS (VALUES "
            + Array(repeating: "(?, ?)", count: places.count).joined(separator: ", ") + ")"
        let wantedArguments = StatementArguments(places.flatMap { [$0.document, Int64($0.ordinal)] })
        // Names, and the words that stand for them ("this terrorist group"): the sentence is about
        // the entity either way.
        for row in try Row.fetchAll(
            db,
            sql: """
                \(wanted) SELECT m.document_id, m.sentence, m.entity_id, e.kind, m.text, 0 AS reference FROM wanted
                JOIN mentions m ON m.document_id = wanted.document AND m.sentence = wanted.sentence
                JOIN entities e ON e.id = m.entity_id
                UNION ALL
                SELECT r.document_id, r.sentence, r.entity_id, e.kind, r.text, 1 FROM wanted
                JOIN coreferences r ON r.document_id = wanted.document AND r.sentence = wanted.sentence
                JOIN entities e ON e.id = r.entity_id
                """, arguments: wantedArguments)
        {
            guard let id = byPlace[SentencePlace(document: row["document_id"], ordinal: row["sentence"])] else {
                continue
            }
            let entity: Int64 = row["entity_id"]
            candidates[id]?.entities[entity] = row["kind"]
            let kind: AnswerSpan.Kind = row["reference"] ? .reference(id: entity) : .entity(row["kind"], id: entity)
            candidates[id]?.spans.append(AnswerSpan(kind: kind, text: row["text"]))
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                \(wanted) SELECT DISTINCT d.document_id, d.sentence, d.text FROM wanted
                JOIN dates d ON d.document_id = wanted.document AND d.sentence = wanted.sentence
                """, arguments: wantedArguments)
        {
            guard let id = byPlace[SentencePlace(document: row["document_id"], ordinal: row["sentence"])] else {
                continue
            }
            candidates[id]?.hasDate = true
            candidates[id]?.spans.append(AnswerSpan(kind: .date, text: row["text"]))
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                \(wanted) SELECT n.document_id, n.sentence, n.unit, n.text FROM wanted
                JOIN numbers n ON n.document_id = wanted.document AND n.sentence = wanted.sentence
                """, arguments: wantedArguments)
        {
            guard let id = byPlace[SentencePlace(document: row["document_id"], ordinal: row["sentence"])] else {
                continue
            }
            candidates[id]?.numberUnits.append(row["unit"] ?? "")
            candidates[id]?.spans.append(AnswerSpan(kind: .quantity(unit: row["unit"] ?? ""), text: row["text"]))
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

    private struct SentencePlace: Hashable {
        var document: Int64
        var ordinal: Int
    }

    /// Entities whose name or an alias is one of `names` (any case), each with the names it was
    /// found by, lower-cased.
    public func entities(namedAnyOf names: [String]) async throws -> [Int64: Set<String>] {
        guard !names.isEmpty else { return [:] }
        let keys = names.map { $0.lowercased() }
        return try await pool.read { db in
            var found: [Int64: Set<String>] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT id, key AS name FROM entities WHERE key IN (\(Self.placeholders(keys.count)))
                    UNION SELECT entity_id, lower(alias) FROM aliases
                    WHERE lower(alias) IN (\(Self.placeholders(keys.count)))
                    """, arguments: StatementArguments(keys) + StatementArguments(keys))
            {
                found[row["id"], default: []].insert(row["name"])
            }
            return found
        }
    }

    /// How many sentences hold each of `terms` (stemmed index terms), and about how many sentences there are.
    ///
    /// Counting a common term's sentences walks its whole list in the index, so counts are
    /// remembered, and forgotten once the collection has changed a thousand times: rarity
    /// weights need not be exact.
    public func sentenceFrequencies(of terms: [String]) async throws -> (sentences: Int, counts: [String: Int]) {
        try await pool.read { db in
            let generation = try Self.generation(db)
            let cached = sentenceFrequencyCache.withLock { cache in
                if abs(cache.generation - generation) >= SentenceFrequencyCache.lifetime {
                    cache = SentenceFrequencyCache(generation: generation)
                }
                return cache
            }
            var total = cached.sentences ?? 0
            if cached.sentences == nil {
                total = try Int.fetchOne(db, sql: "SELECT count(*) FROM sentences") ?? 0
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
                cache.sentences = total
                if cache.counts.count > 50_000 { cache.counts.removeAll() }
                cache.counts.merge(counts) { $1 }
            }
            return (total, counts)
        }
    }

    /// The paragraph, section and document around each of `sentenceIDs`, in one read; a sentence
    /// no longer in the cache has none.
    public func answerContexts(sentenceIDs: [Int64]) async throws -> [Int64: AnswerContext] {
        guard !sentenceIDs.isEmpty else { return [:] }
        return try await pool.read { db in
            var contexts: [Int64: AnswerContext] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, d.path, d.title, sec.heading, \(Self.paragraphText) AS text,
                        pt.first_sentence + p.first_sentence AS first, p.sentence_count
                    FROM sentences s JOIN documents d ON d.id = s.document
                    JOIN sections sec ON sec.id = \(Schema.placeID(document: "s.document", ordinal: "s.section"))
                    JOIN paragraphs p ON p.id = \(Schema.placeID(document: "s.document", ordinal: "s.paragraph"))
                    JOIN texts pt ON pt.id = d.id
                    WHERE s.id IN (\(Self.placeholders(sentenceIDs.count)))
                    """, arguments: StatementArguments(sentenceIDs))
            {
                let sentenceID: Int64 = row["id"]
                let first: Int64 = row["first"]
                let count: Int = row["sentence_count"]
                let sentences = try Row.fetchAll(
                    db.cachedStatement(
                        sql:
                            "SELECT s.id, \(Schema.sentenceText) AS text FROM sentences s \(Self.sentenceTextJoin) WHERE s.id BETWEEN ? AND ? ORDER BY s.id"
                    ),
                    arguments: [first, first + Int64(count) - 1])
                contexts[sentenceID] = AnswerContext(
                    path: row["path"], title: row["title"], heading: row["heading"], paragraph: row["text"],
                    sentences: sentences.map { $0["text"] },
                    index: sentences.firstIndex { ($0["id"] as Int64) == sentenceID } ?? 0)
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
    /// The text of `paragraphs p`, from the text its range is of, joined as `pt`.
    static let paragraphText = Schema.range("pt.body", start: "p.start", length: "p.length")

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: max(count, 1)).joined(separator: ", ")
    }
}

struct SentenceFrequencyCache {
    /// After this many changes to the collection, counts are taken again.
    static let lifetime: Int64 = 1000
    var generation: Int64 = -SentenceFrequencyCache.lifetime
    var sentences: Int?
    var counts: [String: Int] = [:]
}
