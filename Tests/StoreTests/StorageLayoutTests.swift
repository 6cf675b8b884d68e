import DossierTesting
import Foundation
import GRDB
import Ingest
import Testing

@testable import Store

/// The text is stored once: sections, paragraphs and sentences are ranges of it.
@Suite struct StorageLayoutTests {
    @Test func everyPlaceIsARangeOfTheBody() {
        let sections = [
            Section(
                heading: nil,
                paragraphs: [
                    Paragraph(
                        text: "Café opens. It serves naïve crêpes.",
                        sentences: ["Café opens.", "It serves naïve crêpes."])
                ]),
            Section(
                heading: "Über uns",
                paragraphs: [
                    Paragraph(text: "let x = 1", kind: .code, sentences: []),
                    Paragraph(text: "Zürich — the city.  Again.", sentences: ["Zürich — the city.", "Again."]),
                ]),
        ]
        let layout = TextLayout(sections)
        let document = Document(format: .plainText, title: "t", sections: sections)
        #expect(layout.body == document.body)
        let body = Array(layout.body.utf8)
        func text(_ range: TextLayout.Range) -> String {
            String(decoding: body[range.start..<range.start + range.length], as: UTF8.self)
        }
        #expect(layout.paragraphs.map { text($0.range) } == sections.flatMap(\.paragraphs).map(\.text))
        #expect(layout.paragraphs.map(\.section) == [0, 1, 1])
        #expect(layout.paragraphs.map(\.firstSentence) == [0, 2, 2])
        #expect(layout.paragraphs.map(\.sentenceCount) == [2, 0, 2])
        #expect(layout.sections.map(\.firstSentence) == [0, 2])
        #expect(layout.sentences.map(\.isRange) == [true, true, true, true])
        #expect(layout.sentences.map { text($0.range) } == sections.flatMap(\.paragraphs).flatMap(\.sentences))
        #expect(layout.sentences.map(\.paragraph) == [0, 0, 2, 2])
    }

    @Test func aTextIsFoundFromItsSentenceToTheEndOfItsParagraph() {
        let layout = TextLayout([
            Section(
                heading: "Hearing",
                paragraphs: [
                    Paragraph(
                        text: "She said \"we rebuild. We open\" then.",
                        sentences: ["She said \"we rebuild.", "We open\" then."]),
                    Paragraph(text: "Next one.", sentences: ["Next one."]),
                ])
        ])
        func text(_ range: TextLayout.Range?) -> String? {
            range.map { String(decoding: Array(layout.body.utf8)[$0.start..<$0.start + $0.length], as: UTF8.self) }
        }
        let ranges = layout.ranges(of: [
            ("we rebuild. We open", 0), ("We open", 1), ("She said", 1), ("then. Next", 0), ("Next", 2), ("x", 9),
        ])
        #expect(ranges.map(text) == ["we rebuild. We open", "We open", nil, nil, "Next", nil])
    }

    @Test func aSentenceThatIsNotInItsParagraphKeepsItsOwnText() {
        let layout = TextLayout([
            Section(heading: nil, paragraphs: [Paragraph(text: "One. Two.", sentences: ["One.", "Three.", "Two."])])
        ])
        #expect(layout.sentences.map(\.isRange) == [true, false, true])
        #expect(layout.sentences.map(\.text) == ["One.", "Three.", "Two."])
        #expect(layout.sentences[2].range == TextLayout.Range(start: 5, length: 4))
    }

    @Test func placesBeyondTheLimitAreNotStored() {
        let paragraph = Paragraph(text: "A. B. C.", sentences: ["A.", "B.", "C."])
        let layout = TextLayout([Section(heading: nil, paragraphs: [paragraph, paragraph])], limit: 2)
        #expect(layout.paragraphs.count == 2)
        #expect(layout.sentences.count == 2)
        #expect(layout.body == "A. B. C.\n\nA. B. C.")
    }

    @Test func aRemovedDocumentLeavesNothingInTheIndexes() async throws {
        let work = try TemporaryDirectory()
        let store = try DocumentStore(path: work.subpath("cache.sqlite"))
        let file = FileState(size: 10, modificationTime: 1, inode: 1, contentHash: "h")
        let mailbox = Ingestor().ingest(
            Array(
                """
                From a@example.org Mon Jan  1 00:00:00 2024
                From: a@example.org
                Subject: Lighthouse keepers

                The keeper lit the lamp.

                From b@example.org Mon Jan  1 00:00:00 2024
                From: b@example.org
                Subject: Ferries

                The ferry left at dawn.

                """.utf8), fileName: "box.mbox")
        try await store.writer.apply([
            .index(
                path: "a.md", file: file,
                result: Ingestor().ingest(
                    Array("# Harbour\n\nThe café opened. Crêpes were sold.".utf8), fileName: "a.md")),
            .index(path: "box.mbox", file: file, result: mailbox),
        ])
        let candidates = try await store.answers.candidates(.any("keeper", "café"), entityIDs: [], limit: 10)
        #expect(Set(candidates.map(\.text)).isSuperset(of: ["The café opened.", "The keeper lit the lamp."]))
        let contexts = try await store.answers.contexts(sentenceIDs: candidates.map(\.sentenceID))
        #expect(contexts.values.map(\.sentences).contains(["The café opened.", "Crêpes were sold."]))

        try await store.writer.apply([.remove(path: "a.md"), .remove(path: "box.mbox")])
        let tables = [
            "sentences", "paragraphs", "sections", "texts", "documents", "document_vectors", "sentences_vocab",
            "terms_vocab",
        ]
        let rows = try await store.pool.read { db in
            try tables.map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1 }
        }
        #expect(rows == tables.map { _ in 0 }, "\(tables)")
        try await store.pool.write { db in
            for index in ["documents_fts", "sentences_fts", "sections_fts", "terms_fts"] {
                try db.execute(sql: "INSERT INTO \(index)(\(index), rank) VALUES ('integrity-check', 1)")
            }
        }
    }

    @Test func aClosedCacheGivesBackThePagesItNoLongerUses() async throws {
        let work = try TemporaryDirectory()
        let path = work.subpath("cache.sqlite")
        let store = try DocumentStore(path: path)
        let ingestor = Ingestor()
        let text = String(repeating: "The ferry left the harbour at dawn and the keeper slept. ", count: 200)
        try await store.writer.apply(
            (0..<40).map { number in
                .index(
                    path: "\(number).txt",
                    file: FileState(size: 10, modificationTime: 1, inode: 1, contentHash: "\(number)"),
                    result: ingestor.ingest(Array("Note \(number)\n\n\(text)".utf8), fileName: "\(number).txt"))
            })
        try await store.writer.apply((0..<40).map { .remove(path: "\($0).txt") })
        let (pages, free) = try await store.pool.read { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0,
                try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            )
        }
        #expect(free > 20)
        try store.close()

        let closed = try DatabaseQueue(path: path)
        let (freeAfter, pageSize) = try await closed.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA freelist_count"), try Int.fetchOne(db, sql: "PRAGMA page_size"))
        }
        #expect(freeAfter == 0)
        #expect(pageSize == DocumentStore.pageSize)
        try closed.close()
        let emptied = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(emptied <= (pages - free) * DocumentStore.pageSize, "\(emptied) bytes, of \(pages) pages \(free) free")
        #expect(try DocumentStore(path: path).integrityCheck() == "ok")
    }

    @Test func aSentenceIndexWithPositionsIsMadeAgainWithoutThem() async throws {
        let work = try TemporaryDirectory()
        let path = work.subpath("cache.sqlite")
        let store = try DocumentStore(path: path)
        let file = FileState(size: 10, modificationTime: 1, inode: 1, contentHash: "h")
        try await store.writer.apply([
            .index(
                path: "a.md", file: file,
                result: Ingestor().ingest(
                    Array("# Harbour\n\nThe ferry left at dawn. The keeper slept.".utf8), fileName: "a.md"))
        ])
        try store.close()
        // The index as it was before v14: positions and lengths.
        try await CacheFixture.rewrite(
            cacheAt: path,
            """
            DROP TABLE sentences_vocab;
            DROP TABLE sentences_fts;
            CREATE VIRTUAL TABLE sentences_fts USING fts5(
                text, content='sentence_texts', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
            );
            CREATE VIRTUAL TABLE sentences_vocab USING fts5vocab(sentences_fts, 'row');
            INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild');
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v14%';
            """)

        let reopened = try DocumentStore(path: path)
        let definition = try await reopened.pool.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'sentences_fts'")
        }
        #expect(definition?.contains("detail=none") == true)
        #expect(try await reopened.documents.fileStates().count == 1, "nothing is read again")
        let found = try await reopened.answers.candidates(.any("keeper"), entityIDs: [], limit: 5)
        #expect(found.map(\.text) == ["The keeper slept."])
        #expect(try await reopened.answers.sentenceFrequencies(of: ["ferri"]).counts == ["ferri": 1])
        try await reopened.pool.write { db in
            try db.execute(sql: "INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('integrity-check', 1)")
        }
    }

    @Test func aCacheOfTheOldSchemaIsRebuiltFromTheFolder() async throws {
        let work = try TemporaryDirectory()
        let path = work.subpath("cache.sqlite")
        let old = try DatabaseQueue(path: path)
        try await old.write { db in try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)") }
        try Schema.migrator.migrate(old, upTo: "v8: words that stand for names")
        try await old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO documents (path, status, title, body, indexed_at) VALUES ('old.txt', 'indexed', 'Old', 'Old text.', 0);
                    UPDATE meta SET value = 42 WHERE key = 'generation';
                    """)
        }
        try old.close()

        let store = try DocumentStore(path: path)
        #expect(try await store.documents.fileStates().isEmpty, "the folder scan reads every document again")
        #expect(try await store.documents.generation() == 42, "clients that follow changes go on from where they were")
        let file = FileState(size: 10, modificationTime: 1, inode: 1, contentHash: "h")
        let named = Ingestor().ingest(Array("Ada Lovelace met Charles Babbage in London.".utf8), fileName: "old.txt")
        try await store.writer.apply([.index(path: "old.txt", file: file, result: named)])
        #expect(try await store.documents.fileStates().count == 1)
        let generation = try await store.documents.generation()
        try store.close()

        // A cache of the schema before names were read with the tagger (its last migration
        // undone): its names are not those the same files give now, so it too is read again.
        let last = try DatabaseQueue(path: path)
        try await last.write { db in try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v12%'") }
        try last.close()
        let reopened = try DocumentStore(path: path)
        #expect(try await reopened.documents.fileStates().isEmpty, "the folder scan reads every document again")
        #expect(try await reopened.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entities") } == 0)
        #expect(try await reopened.documents.generation() == generation)
        try await reopened.writer.apply([
            .index(path: "old.txt", file: file, result: Ingestor().ingest(Array("Old text.".utf8), fileName: "old.txt"))
        ])
        #expect(
            try await reopened.search.documents(DocumentSearch(match: "\"old\""), limit: 5, highlight: ("[", "]")).total
                == 1)
        #expect(try reopened.integrityCheck() == "ok")
    }
}
