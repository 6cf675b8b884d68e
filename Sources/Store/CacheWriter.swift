import Corrections
import Foundation
import GRDB
import Ingest
import Synchronization

/// The one writer of the cache: every batch of changes in one transaction.
///
/// What can be worked out before the transaction is, by the readers of files
/// (``PreparedDocument``); the writer looks up ids, binds and inserts. Documents are stored with
/// the corrections to names applied (``NameCorrector``).
public struct CacheWriter: Sendable {
    /// How many change-log entries are kept for clients that resume from a generation.
    static let changeLogLength: Int64 = 100_000

    let pool: DatabasePool
    let committed: CommittedState
    /// The corrections the cache holds, as the writer applies them to what it stores.
    let corrections: AppliedCorrections
    /// Makes the dictionary texts are compressed with, once the cache holds text enough.
    let dictionaryTrainer: TextDictionaryTrainer

    /// Something told of the changes as soon as they are committed, in the order they were
    /// (a subscriber's feed): called on the writer's queue.
    public typealias Publisher = @Sendable ([AppliedChange]) -> Void

    /// Applies `changes` in one transaction and returns what they did, in order.
    @discardableResult
    public func apply(_ changes: [StoreChange], publish: Publisher? = nil) async throws -> [AppliedChange] {
        guard !changes.isEmpty else { return [] }
        let corrections = self.corrections
        let trainer = dictionaryTrainer
        let textBytes = changes.reduce(0) { $0 + $1.textBytes }
        let (applied, counts) = try await pool.write { db in
            let applied = try Self.apply(changes, rules: corrections.rules, in: db)
            if let publish { db.afterNextTransaction(onCommit: { _ in publish(applied) }) }
            if let dictionary = try trainer.noteWritten(textBytes, in: db) {
                db.afterNextTransaction(onCommit: { _ in trainer.dictionaries.add(dictionary) })
            }
            return (
                applied, CommittedCounts(counts: try StoreCounts.fetch(db), generation: try Generation.fetch(db))
            )
        }
        committed.remember(counts)
        return applied
    }

    /// Makes the cache hold the corrections `actions` (every one, in order) and, when `change`
    /// is given, records it in the change log. Returns the change as recorded.
    @discardableResult
    public func correct(
        to actions: [CorrectionAction], recording change: CorrectionChange? = nil, publish: Publisher? = nil
    )
        async throws -> AppliedChange?
    {
        let corrections = self.corrections
        let (applied, counts) = try await pool.write { db in
            let old = try AppliedCorrections.fetch(db)
            if old != actions {
                try NameCorrector.change(from: old, to: actions, in: db)
                try AppliedCorrections.store(actions, in: db)
            }
            var recorded: AppliedChange?
            if let change {
                var generation = try Generation.fetch(db)
                recorded = try Self.record(
                    change.kind, "", correction: change.correction, generation: &generation,
                    at: Date().timeIntervalSince1970, in: db)
                try Self.store(generation: generation, in: db)
            }
            let applied = recorded
            let rules = NameRules(actions)
            db.afterNextTransaction(onCommit: { _ in
                corrections.rules = rules
                if let applied, let publish { publish([applied]) }
            })
            return (
                applied, CommittedCounts(counts: try StoreCounts.fetch(db), generation: try Generation.fetch(db))
            )
        }
        committed.remember(counts)
        return applied
    }

    static func apply(_ changes: [StoreChange], rules: NameRules, in db: Database) throws -> [AppliedChange] {
        var generation = try Generation.fetch(db)
        var applied: [AppliedChange] = []
        let now = Date().timeIntervalSince1970
        func record(_ kind: AppliedChange.Kind, _ path: String, previous: String? = nil) throws {
            applied.append(try Self.record(kind, path, previous: previous, generation: &generation, at: now, in: db))
        }
        func insert(_ document: PreparedDocument, path: String, file: FileState?, parent: Int64? = nil) throws -> Int64
        {
            try Self.insert(document, path: path, file: file, parent: parent, at: now, rules: rules, in: db)
        }

        // The entities named by documents that went: those no other document names go too.
        var leftEntities: Set<Int64> = []
        // Whether any document has parts: most caches hold none, and then no write looks for them.
        var anyParts =
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM documents WHERE parent_id IS NOT NULL)") ?? false
        for change in changes {
            switch change {
            case .index(let path, let file, let result):
                // The documents inside the file (a mailbox's messages) go with it, and come back
                // as the new version has them.
                let oldParts = anyParts ? try partPaths(of: path, in: db) : []
                let existed = try deleteDocument(path: path, leaving: &leftEntities, in: db)
                var newParts: Set<String> = []
                switch result {
                case .document(let document):
                    let id = try insert(document, path: path, file: file)
                    try record(existed ? .updated : .added, path)
                    anyParts = anyParts || !document.parts.isEmpty
                    for part in document.parts {
                        let partPath = path + "#" + part.name
                        // A file of that very name in the folder keeps its place.
                        guard try !exists(path: partPath, in: db), newParts.insert(partPath).inserted else { continue }
                        _ = try insert(part.document, path: partPath, file: nil, parent: id)
                        try record(oldParts.contains(partPath) ? .updated : .added, partPath)
                    }
                case .unsupported(let reason):
                    try insertStatus("unsupported", reason: reason, path: path, file: file, at: now, in: db)
                    try record(.failed, path)
                case .failed(let reason):
                    try insertStatus("failed", reason: reason, path: path, file: file, at: now, in: db)
                    try record(.failed, path)
                }
                for gone in oldParts.subtracting(newParts).sorted() { try record(.removed, gone) }
            case .fail(let path, let file, let reason):
                _ = try deleteDocument(path: path, leaving: &leftEntities, in: db)
                try insertStatus("failed", reason: reason, path: path, file: file, at: now, in: db)
                try record(.failed, path)
            case .touch(let path, let file):
                try db.execute(
                    sql: "UPDATE documents SET size = ?, mtime_ns = ?, inode = ? WHERE path = ?",
                    arguments: [file.size, file.modificationTime, Int64(bitPattern: file.inode), path])
            case .remove(let path):
                // SQLite's substr() counts code points; a Character may be several ("é" as e and
                // a combining accent).
                let prefix = path + "/"
                let arguments: StatementArguments = [
                    path, prefix.unicodeScalars.count, prefix, path, prefix.unicodeScalars.count, prefix,
                ]
                let removed = try String.fetchAll(
                    db, sql: "SELECT path FROM documents WHERE \(Self.underOrInside)", arguments: arguments)
                leftEntities.formUnion(
                    try Int64.fetchAll(
                        db,
                        sql: """
                            SELECT DISTINCT entity_id FROM mentions
                            WHERE document_id IN (SELECT id FROM documents WHERE \(Self.underOrInside))
                            """, arguments: arguments))
                try db.execute(
                    sql: "DELETE FROM documents WHERE path = ? OR substr(path, 1, ?) = ?",
                    arguments: [path, prefix.unicodeScalars.count, prefix])
                for path in removed { try record(.removed, path) }
            case .move(let from, let to):
                let prefix = from + "/"
                // Parents before their parts: a part's new path is its parent's new path and its name.
                let moved = try String.fetchAll(
                    db, sql: "SELECT path FROM documents WHERE \(Self.underOrInside) ORDER BY parent_id IS NOT NULL",
                    arguments: [from, prefix.unicodeScalars.count, prefix, from, prefix.unicodeScalars.count, prefix])
                for old in moved {
                    let new = to + old.dropFirst(from.count)
                    _ = try deleteDocument(path: new, leaving: &leftEntities, in: db)
                    try db.execute(sql: "UPDATE documents SET path = ? WHERE path = ?", arguments: [new, old])
                    try record(.moved, new, previous: old)
                }
            }
        }
        // Entities no document names any more go.
        try NameCorrector.dropUnnamed(leftEntities, in: db)
        try store(generation: generation, in: db)
        return applied
    }

    /// Records a change in the log, with the next generation.
    private static func record(
        _ kind: AppliedChange.Kind, _ path: String, previous: String? = nil, correction: Correction? = nil,
        generation: inout Int64, at time: Double, in db: Database
    ) throws -> AppliedChange {
        generation += 1
        let change = AppliedChange(
            generation: generation, kind: kind, path: path, previousPath: previous, correction: correction)
        try db.cachedStatement(
            sql: "INSERT INTO changes (generation, kind, path, previous_path, at, correction) VALUES (?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [
            generation, kind.rawValue, path, previous, time, try correction.map(AppliedChange.encode),
        ])
        return change
    }

    /// The cache is at `generation`; the log keeps the last `changeLogLength` changes.
    private static func store(generation: Int64, in db: Database) throws {
        try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'generation'", arguments: [generation])
        try db.execute(
            sql: "DELETE FROM changes WHERE generation <= ?", arguments: [generation - changeLogLength])
    }

    /// The documents at `path` or below it (`?` path, prefix length, prefix), and the parts inside them.
    static let underOrInside = """
        path = ? OR substr(path, 1, ?) = ? OR parent_id IN (
            SELECT id FROM documents WHERE path = ? OR substr(path, 1, ?) = ?)
        """

    /// The paths of the parts inside the document at `path`.
    private static func partPaths(of path: String, in db: Database) throws -> Set<String> {
        Set(
            try String.fetchAll(
                db, sql: "SELECT path FROM documents WHERE parent_id = (SELECT id FROM documents WHERE path = ?)",
                arguments: [path]))
    }

    private static func exists(path: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM documents WHERE path = ?)", arguments: [path]) ?? false
    }

    /// Deletes the document at `path` (its sections, paragraphs, sentences and index entries go
    /// with it); returns whether there was one.
    ///
    /// The delete runs only when there is a document: its trigger writes to the full-text indexes,
    /// and such a statement makes FTS5 write its pending terms to disk even when it deletes nothing.
    /// The entities it and its parts name are added to `leftEntities`.
    private static func deleteDocument(path: String, leaving leftEntities: inout Set<Int64>, in db: Database) throws
        -> Bool
    {
        guard
            let id = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM documents WHERE path = ?"), arguments: [path])
        else { return false }
        leftEntities.formUnion(
            try Int64.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT DISTINCT entity_id FROM mentions
                        WHERE document_id = ? OR document_id IN (SELECT id FROM documents WHERE parent_id = ?)
                        """), arguments: [id, id]))
        try db.cachedStatement(sql: "DELETE FROM documents WHERE id = ?").execute(arguments: [id])
        return true
    }

    private static func insertStatus(
        _ status: String, reason: String, path: String, file: FileState?, at time: Double, in db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO documents (path, status, reason, title, size, mtime_ns, inode, content_hash, indexed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                path, status, reason, String(path.split(separator: "/").last ?? Substring(path)), file?.size,
                file?.modificationTime,
                file.map { Int64(bitPattern: $0.inode) }, file?.contentHash, time,
            ])
    }

    @discardableResult
    private static func insert(
        _ prepared: PreparedDocument, path: String, file: FileState?, parent: Int64? = nil, at time: Double,
        rules: NameRules, in db: Database
    ) throws -> Int64 {
        let document = prepared.document
        try RowInserter(
            db,
            sql: """
                INSERT INTO documents (path, status, format, title, category, published, word_count,
                    warnings, size, mtime_ns, inode, content_hash, indexed_at, site_name, byline, page_words,
                    recognized, parent_id, language, foreign_spans)
                VALUES (?, 'indexed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).insert {
            $0.add(path)
            $0.add(document.format.rawValue)
            $0.add(document.title)
            $0.add(document.category)
            $0.add(document.date?.description)
            $0.add(prepared.wordCount)
            $0.add(prepared.warnings)
            $0.add(file?.size)
            $0.add(file?.modificationTime)
            $0.add(file.map { Int64(bitPattern: $0.inode) })
            $0.add(file?.contentHash)
            $0.add(time)
            $0.add(document.page?.siteName)
            $0.add(document.author)
            $0.add(document.page?.wordCount)
            $0.add(document.recognized)
            $0.add(parent)
            $0.add(document.annotations.language)
            $0.add(prepared.foreignSpans)
        }
        let documentID = db.lastInsertedRowID
        let layout = prepared.layout
        let firstSentence =
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT coalesce(max(id), 0) + 1 FROM sentences")) ?? 1
        try RowInserter(db, sql: "INSERT INTO texts (id, body, first_sentence, sentence_count) VALUES (?, ?, ?, ?)")
            .insert {
                $0.add(documentID)
                if let compressed = prepared.compressedBody { $0.add(blob: compressed) } else { $0.add(layout.body) }
                $0.add(firstSentence)
                $0.add(layout.sentences.count)
            }
        try RowInserter(db, sql: "INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)").insert {
            $0.add(documentID)
            $0.add(document.title)
            $0.add(layout.body)
        }
        try insertPlaces(layout, documentID: documentID, firstSentence: firstSentence, in: db)
        try insertAnnotations(
            document.annotations, quoteRanges: prepared.quoteRanges, documentID: documentID, rules: rules, in: db)
        if let vector = prepared.vector {
            try RowInserter(db, sql: "INSERT INTO document_vectors (id, terms, words, counts) VALUES (?, ?, ?, ?)")
                .insert {
                    $0.add(documentID)
                    $0.add(vector.terms)
                    $0.add(vector.words)
                    $0.add(vector.counts)
                }
            try RowInserter(db, sql: "INSERT INTO terms_fts (rowid, terms) VALUES (?, ?)").insert {
                $0.add(documentID)
                $0.add(vector.terms)
            }
        }
        let insertLine = try RowInserter(
            db, sql: "INSERT OR IGNORE INTO document_lines (fingerprint, document_id) VALUES (?, ?)")
        for fingerprint in document.lineFingerprints {
            try insertLine.insert {
                $0.add(fingerprint)
                $0.add(documentID)
            }
        }
        return documentID
    }

    /// The document's sections, paragraphs and sentences as places in its text, and its
    /// sentences in the full-text index.
    private static func insertPlaces(
        _ layout: TextLayout, documentID: Int64, firstSentence: Int64, in db: Database
    ) throws {
        let insertSection = try RowInserter(
            db, sql: "INSERT INTO sections (id, heading, first_sentence) VALUES (?, ?, ?)")
        let indexSection = try RowInserter(db, sql: "INSERT INTO sections_fts (rowid, heading) VALUES (?, ?)")
        for (ordinal, section) in layout.sections.enumerated() {
            let id = Schema.placeID(document: documentID, ordinal: ordinal)
            try insertSection.insert {
                $0.add(id)
                $0.add(section.heading)
                $0.add(section.firstSentence)
            }
            if let heading = section.heading {
                try indexSection.insert {
                    $0.add(id)
                    $0.add(heading)
                }
            }
        }
        let insertParagraph = try RowInserter(
            db,
            sql: """
                INSERT INTO paragraphs (id, section, kind, start, length, first_sentence, sentence_count)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        for (ordinal, paragraph) in layout.paragraphs.enumerated() {
            try insertParagraph.insert {
                $0.add(Schema.placeID(document: documentID, ordinal: ordinal))
                $0.add(paragraph.section)
                $0.add(paragraph.kind.rawValue)
                $0.add(paragraph.range.start)
                $0.add(paragraph.range.length)
                $0.add(paragraph.firstSentence)
                $0.add(paragraph.sentenceCount)
            }
        }
        let insertSentence = try RowInserter(
            db,
            sql: """
                INSERT INTO sentences (id, document, section, paragraph, start, length, text)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        let indexSentence = try RowInserter(db, sql: "INSERT INTO sentences_fts (rowid, text) VALUES (?, ?)")
        for (ordinal, sentence) in layout.sentences.enumerated() {
            let id = firstSentence + Int64(ordinal)
            try insertSentence.insert {
                $0.add(id)
                $0.add(documentID)
                $0.add(sentence.section)
                $0.add(sentence.paragraph)
                $0.add(sentence.range.start)
                $0.add(sentence.range.length)
                $0.add(sentence.isRange ? nil : sentence.text)
            }
            try indexSentence.insert {
                $0.add(id)
                $0.add(sentence.text)
            }
        }
    }
}

extension CacheWriter {
    /// Moves what the recogniser gave the entity `untyped` to `typed`, and drops `untyped` when
    /// nothing else names it (a correction may have put names there).
    private static func absorb(_ untyped: Int64, into typed: Int64, in db: Database) throws {
        for table in NameCorrector.tables {
            try db.cachedStatement(sql: "UPDATE \(table.name) SET entity_id = ? WHERE entity_id = ? AND origin IS NULL")
                .execute(arguments: [typed, untyped])
        }
        try NameCorrector.dropUnnamed([untyped], in: db)
    }

    /// Stores the names, quotations, dates and numbers of document `documentID`; a quotation
    /// with a range in `quoteRanges` is stored as that range of the document's text.
    static func insertAnnotations(
        _ annotations: Annotations, quoteRanges: [TextLayout.Range?], documentID: Int64, rules: NameRules,
        in db: Database
    ) throws {
        let findEntity = try db.cachedStatement(sql: "SELECT id FROM entities WHERE kind = ? AND key = ?")
        let insertEntity = try db.cachedStatement(sql: "INSERT INTO entities (kind, name, key) VALUES (?, ?, ?)")
        let insertMention = try RowInserter(
            db, sql: "INSERT INTO mentions (entity_id, document_id, sentence, text) VALUES (?, ?, ?, ?)")
        let insertAlias = try db.cachedStatement(
            sql: "INSERT INTO aliases (entity_id, document_id, alias, key) VALUES (?, ?, ?, ?)")
        let insertTitle = try db.cachedStatement(
            sql: "INSERT INTO titles (entity_id, document_id, title) VALUES (?, ?, ?)")
        // A name this document cannot type takes the kind other documents give it; a name it types
        // gathers the mentions that documents without evidence left as "other".
        let findTyped = try db.cachedStatement(
            sql: "SELECT id FROM entities WHERE kind IN ('person', 'organisation', 'place') AND key = ? LIMIT 2")
        // Of several kinds, the one most mentioned: counting mentions reads them all, so only then.
        let findMostTyped = try db.cachedStatement(
            sql: """
                SELECT e.id FROM entities e WHERE e.kind IN ('person', 'organisation', 'place') AND e.key = ?
                ORDER BY (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) DESC, e.id LIMIT 1
                """)
        func typed(_ key: String) throws -> Int64? {
            let found = try Int64.fetchAll(findTyped, arguments: [key])
            return found.count > 1 ? try Int64.fetchOne(findMostTyped, arguments: [key]) : found.first
        }
        let corrector = NameCorrector(db: db, rules: rules)
        var entityIDs: [String: Int64] = [:]
        // The names a correction is about, by the name this document gives them.
        var corrected: [String: CorrectedRows] = [:]
        for entity in annotations.entities {
            let key = entity.name.lowercased()
            let typedID = entity.kind == .other ? try typed(key) : nil
            if !rules.isEmpty {
                // A name this document cannot type takes the kind a correction gave it, when no
                // document types it now (every one was hidden, say).
                let natural =
                    try typedID.flatMap { try corrector.entityName(id: $0) }
                    ?? (entity.kind == .other ? rules.typedSubject(named: entity.name) : nil)
                    ?? EntityName(name: entity.name, kind: entity.kind)
                if rules.isAbout(natural) {
                    let rows = CorrectedRows(
                        origin: try corrector.origin(natural), name: natural, documentID: documentID)
                    try rows.insert(entity, corrector)
                    corrected[entity.name] = rows
                    continue
                }
            }
            let id: Int64
            if let typedID {
                id = typedID
            } else if let existing = try Int64.fetchOne(findEntity, arguments: [entity.kind.rawValue, key]) {
                id = existing
            } else {
                try insertEntity.execute(arguments: [entity.kind.rawValue, entity.name, key])
                id = db.lastInsertedRowID
                if entity.kind != .other,
                    let untyped = try Int64.fetchOne(findEntity, arguments: [Entity.Kind.other.rawValue, key])
                {
                    try absorb(untyped, into: id, in: db)
                }
            }
            entityIDs[entity.name] = id
            for mention in entity.mentions {
                try insertMention.insert {
                    $0.add(id)
                    $0.add(documentID)
                    $0.add(mention.sentence)
                    $0.add(mention.text)
                }
            }
            for alias in entity.aliases {
                try insertAlias.execute(arguments: [id, documentID, alias, alias.lowercased()])
            }
            for title in entity.titles {
                try insertTitle.execute(arguments: [id, documentID, title])
            }
        }
        let insertReference = try db.cachedStatement(
            sql: "INSERT INTO coreferences (entity_id, document_id, sentence, text) VALUES (?, ?, ?, ?)")
        for reference in annotations.references {
            if let rows = corrected[reference.entity] {
                try rows.insertReference(reference, corrector)
                continue
            }
            guard let id = entityIDs[reference.entity] else { continue }
            try insertReference.execute(arguments: [id, documentID, reference.sentence, reference.text])
        }
        let insertQuote = try db.cachedStatement(
            sql: """
                INSERT INTO quotes (document_id, entity_id, speaker, text, sentence, origin, start, length)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (index, quote) in annotations.quotes.enumerated() {
            var speaker = quote.speaker.flatMap { entityIDs[$0] }
            var origin: Int64?
            if let name = quote.speaker, let rows = corrected[name] {
                (speaker, origin) = try rows.place(written: name, corrector)
            }
            let range = quoteRanges.indices.contains(index) ? quoteRanges[index] : nil
            try insertQuote.execute(arguments: [
                documentID, speaker, quote.speaker, range == nil ? quote.text : nil, quote.sentence, origin,
                range?.start, range?.length,
            ])
        }
        let insertDate = try db.cachedStatement(
            sql: """
                INSERT INTO dates (document_id, text, start_year, end_year, month, day, sentence, resolved)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for date in annotations.dates {
            try insertDate.execute(arguments: [
                documentID, date.text, date.startYear, date.endYear, date.month, date.day, date.sentence,
                date.resolved,
            ])
        }
        let insertNumber = try db.cachedStatement(
            sql: "INSERT INTO numbers (document_id, text, value, unit, approximate, sentence) VALUES (?, ?, ?, ?, ?, ?)"
        )
        for number in annotations.numbers {
            try insertNumber.execute(arguments: [
                documentID, number.text, number.value, number.unit, number.approximate, number.sentence,
            ])
        }
    }
}
