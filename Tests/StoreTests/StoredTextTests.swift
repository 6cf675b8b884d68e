import DossierTesting
import Foundation
import GRDB
import Ingest
import Testing

@testable import Store

/// Texts are stored compressed, and every read of a sentence, a paragraph or a whole text
/// inflates them.
@Suite struct StoredTextTests {
    static let texts = [
        String(repeating: "The keeper lit the lamp at dusk. ", count: 40),
        String(repeating: "Zoë Ōkubo met Владимир Путин in 東京 — \"we will rebuild\". ", count: 30),
        String(repeating: "Line with a tab\tand an emoji 🚢.\n", count: 5000),
    ]

    @Test func aTextInflatesToWhatWasCompressed() throws {
        for text in Self.texts {
            let stored = try #require(CompressedText.compress(text))
            #expect(stored.count < text.utf8.count / 2)
            let inflated = stored.withUnsafeBytes { CompressedText.decompress($0) }
            #expect(inflated == Array(text.utf8))
        }
    }

    @Test func aTextCompressionWouldNotShortenIsStoredAsItIs() {
        #expect(CompressedText.compress("") == nil)
        #expect(CompressedText.compress("Hi.") == nil)
        // Bytes with no repetition, written as letters: compression only adds to them.
        var state: UInt32 = 7
        let noise = String(
            (0..<64).map { _ in
                state = state &* 1_664_525 &+ 1_013_904_223
                return Character(UnicodeScalar(UInt8(33 + (state >> 24) % 94)))
            })
        #expect(CompressedText.compress(noise) == nil)
    }

    @Test func damagedBytesDoNotInflate() throws {
        let stored = try #require(CompressedText.compress(Self.texts[0]))
        func inflate(_ bytes: [UInt8]) -> [UInt8]? { bytes.withUnsafeBytes { CompressedText.decompress($0) } }
        #expect(inflate(Array(stored.dropLast(5))) == nil, "cut short")
        var longer = stored
        longer[0] &+= 1
        #expect(inflate(longer) == nil, "a length that is not the text's")
        #expect(inflate([0xFF, 0xFF, 0xFF, 0x7F] + stored.dropFirst(4)) == nil, "a length past the limit")
        var garbled = stored
        for index in stride(from: 6, to: garbled.count, by: 3) { garbled[index] ^= 0x5A }
        #expect(inflate(garbled) == nil, "garbled")
        #expect(inflate([1, 0]) == nil)
    }

    @Test func aConnectionKeepsTheTextsItReadLastWithinItsBudget() throws {
        let recent = InflatedTexts(dictionaries: TextDictionaries())
        let stored = try (0..<400).map { number in
            try #require(
                CompressedText.compress("Text number \(number). " + String(repeating: Self.texts[number % 2], count: 4))
            )
        }
        for (number, bytes) in stored.enumerated() {
            let text = bytes.withUnsafeBytes { recent.text(of: $0) }
            #expect(text.map { String(decoding: $0, as: UTF8.self) }?.hasPrefix("Text number \(number).") == true)
            #expect(recent.kept <= InflatedTexts.budget)
        }
        #expect(recent.kept > InflatedTexts.budget / 2, "the texts read last are kept")
        // Read again, the first (long gone) and the last (kept) are the same text as before.
        for number in [0, 399, 0] {
            let text = stored[number].withUnsafeBytes { recent.text(of: $0) }
            #expect(text.map { String(decoding: $0, as: UTF8.self) }?.hasPrefix("Text number \(number).") == true)
        }
        // A text longer than a quarter of the budget is inflated and not kept.
        let before = recent.kept
        let longText = String(repeating: Self.texts[2], count: 2)
        let long = try #require(CompressedText.compress(longText))
        #expect(long.withUnsafeBytes { recent.text(of: $0) }?.count == longText.utf8.count)
        #expect(recent.kept == before)
        #expect([UInt8]().withUnsafeBytes { recent.text(of: $0) } == nil)
    }

    /// Two documents, one long and one of a few words, through the real writer.
    static func store() async throws -> CacheFixture {
        let fixture = try CacheFixture()
        let lamp = (0..<30).map { "The keeper lit lamp number \($0) at dusk, as the harbour master asked." }
        try await fixture.add([
            (
                "lighthouse.md",
                CacheFixture.document(
                    title: "Lighthouse",
                    sections: [
                        ("The lamp", [Array(lamp[0..<15]), Array(lamp[15...])]),
                        ("Zoë Ōkubo", [["Zoë Ōkubo met Владимир Путин in 東京 at dawn."]]),
                    ])
            ),
            ("note.txt", CacheFixture.document(title: "Note", sections: [(nil, [["Ferries left."]])])),
        ])
        return fixture
    }

    @Test func everyReadOfTheTextInflatesIt() async throws {
        let fixture = try await Self.store()
        let store = fixture.store
        let kinds = try await store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT typeof(body) FROM texts ORDER BY id")
        }
        #expect(kinds == ["blob", "text"], "the long text compressed, the short one as it is")

        let document = try #require(try await store.documents.document(path: "lighthouse.md"))
        #expect(document.sections.map(\.heading) == ["The lamp", "Zoë Ōkubo"])
        #expect(document.sections[1].paragraphs == ["Zoë Ōkubo met Владимир Путин in 東京 at dawn."])
        #expect(document.sections[0].paragraphs[1].hasPrefix("The keeper lit lamp number 15 at dusk"))

        let candidates = try await store.answers.candidates(.any("東京", "ferries"), entityIDs: [], limit: 10)
        #expect(
            Set(candidates.map(\.text)) == ["Zoë Ōkubo met Владимир Путин in 東京 at dawn.", "Ferries left."])
        let contexts = try await store.answers.contexts(sentenceIDs: candidates.map(\.sentenceID))
        #expect(contexts.values.contains { $0.sentences == ["Zoë Ōkubo met Владимир Путин in 東京 at dawn."] })

        let hits = try await store.search.documents(DocumentSearch(match: "Путин"), limit: 5, highlight: ("[", "]"))
        #expect(hits.hits.map(\.path) == ["lighthouse.md"])
        #expect(hits.hits.first?.snippet.contains("[Путин]") == true)
        let listed = try await store.search.documents(DocumentSearch(match: nil), limit: 5, highlight: ("[", "]"))
        #expect(listed.hits.first { $0.path == "lighthouse.md" }?.snippet.hasPrefix("The lamp") == true)

        // The indexes read the same text as was indexed, and a document goes with all of it.
        try await Self.checkIndexes(store)
        try await store.writer.apply([.remove(path: "lighthouse.md"), .remove(path: "note.txt")])
        #expect(try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM texts") } == 0)
        try await Self.checkIndexes(store)
    }

    @Test func aDamagedTextIsAnErrorNotMadeUpText() async throws {
        let fixture = try await Self.store()
        let store = fixture.store
        try await store.pool.write { db in
            try db.execute(sql: "UPDATE texts SET body = substr(body, 1, 40) WHERE typeof(body) = 'blob'")
        }
        await #expect(throws: DatabaseError.self) {
            _ = try await store.answers.candidates(.any("東京"), entityIDs: [], limit: 10)
        }
        #expect(try await store.documents.document(path: "note.txt")?.sections.first?.paragraphs == ["Ferries left."])
    }

    @Test func textsStoredBeforeAreCompressedWhereTheyAre() async throws {
        let fixture = try await Self.store()
        let path = fixture.store.path
        let before = try await fixture.store.documents.document(path: "lighthouse.md")
        let generation = try await fixture.store.documents.generation()
        try fixture.store.close()

        // The cache as the schema before wrote it: texts as text, and views that read them so.
        try await CacheFixture.rewrite(
            cacheAt: path,
            """
            UPDATE texts SET body = body_text(body);
            DROP VIEW document_texts;
            DROP VIEW sentence_texts;
            CREATE VIEW document_texts AS
                SELECT d.id AS id, d.title AS title, t.body AS body FROM documents d JOIN texts t ON t.id = d.id;
            CREATE VIEW sentence_texts AS
                SELECT s.id AS id, coalesce(s.text, CAST(substr(CAST(t.body AS BLOB), s.start + 1, s.length) AS TEXT)) AS text
                FROM sentences s JOIN texts t ON t.id = s.document;
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v13%';
            """)
        let rewritten = try DatabaseQueue(path: path)
        let stored = try await rewritten.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT typeof(body) FROM texts")
        }
        #expect(stored == ["text"])
        try rewritten.close()

        let store = try DocumentStore(path: path)
        let kinds = try await store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT typeof(body) FROM texts ORDER BY id")
        }
        #expect(kinds == ["blob", "text"])
        #expect(try await store.documents.document(path: "lighthouse.md") == before)
        #expect(try await store.documents.generation() == generation, "nothing is read again")
        try await Self.checkIndexes(store)
        try await store.writer.apply([.remove(path: "lighthouse.md")])
        try await Self.checkIndexes(store)
    }

    /// FTS5's own check that each index holds exactly the terms of the text its view reads.
    static func checkIndexes(_ store: DocumentStore) async throws {
        try await store.pool.write { db in
            for index in ["documents_fts", "sentences_fts"] {
                try db.execute(sql: "INSERT INTO \(index)(\(index), rank) VALUES ('integrity-check', 1)")
            }
        }
        #expect(try store.integrityCheck() == "ok")
    }
}
