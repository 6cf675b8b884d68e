import DossierTesting
import GRDB
import Testing

@testable import Ingest
@testable import Store

@Suite struct QuoteReadsTests {
    @Test func quotesAreFoundByTheirSpeakersNameOrAlias() async throws {
        let cache = try await CacheFixture.filled()
        let expected = [
            StoredQuote(
                text: "we will rebuild the harbour", speaker: "Zoë Ōkubo", path: "capital.txt", title: "Capital news")
        ]
        #expect(try await cache.store.quotes.list(speaker: nil, limit: 10) == expected)
        #expect(try await cache.store.quotes.list(speaker: "ŌKUBO", limit: 10) == expected)
        #expect(try await cache.store.quotes.list(speaker: "Владимир Путин", limit: 10) == [])
    }

    @Test func aSpeakerWhoIsNoKnownNameIsMatchedByTheWordsWritten() async throws {
        let cache = try CacheFixture()
        var document = CacheFixture.document(
            title: "Interview", sections: [(nil, [["\"It was cold,\" the Ärztin said."]])])
        document.annotations.quotes = [.init(text: "It was cold,", speaker: "the Ärztin", sentence: 0)]
        try await cache.add([("interview.txt", document)])
        let quotes = try await cache.store.quotes.list(speaker: "THE ÄRZTIN", limit: 10)
        #expect(quotes.map(\.text) == ["It was cold,"])
        #expect(quotes.map(\.speaker) == ["the Ärztin"])
    }

    @Test func aQuotationIsARangeOfItsTextUnlessItIsNotThereWordForWord() async throws {
        let cache = try CacheFixture()
        let document = CacheFixture.document(
            title: "Harbour hearing",
            sections: [
                (
                    "Hearing",
                    [
                        ["Zoë Ōkubo said: «東京 will wait».", "Then she added \"We rebuild.", "We open in May.\""],
                        ["The keeper said he was \u{201C}tired\u{201D}."],
                    ]
                )
            ],
            quotes: [
                Quote(text: "東京 will wait", speaker: "Zoë Ōkubo", sentence: 0),
                // Two sentences of one paragraph.
                Quote(text: "We rebuild. We open in May.", speaker: "Zoë Ōkubo", sentence: 1),
                // Not in the text word for word.
                Quote(text: "tired of it", speaker: nil, sentence: 3),
                Quote(text: "no such sentence", speaker: nil, sentence: 40),
            ])
        try await cache.add([("hearing.txt", document)])
        let expected = ["東京 will wait", "We rebuild. We open in May.", "tired of it", "no such sentence"]
        #expect(try await cache.store.quotes.list(speaker: nil, limit: 10).map(\.text) == expected)
        let stored = try await cache.store.pool.read { db in
            try Bool.fetchAll(db, sql: "SELECT text IS NULL FROM quotes ORDER BY sentence")
        }
        #expect(stored == [true, true, false, false])
        let page = try await cache.store.exports.snapshot().page(.quotes, .init(), after: nil, limit: 10)
        #expect(page.rows.map { $0[1] } == expected.map { .text($0) })
        let read = try #require(try await cache.store.documents.annotations(path: "hearing.txt"))
        #expect(read.quotes.map(\.text) == expected)
    }

    @Test func quotationsStoredBeforeKeepTheirTextsAndIds() async throws {
        let work = try TemporaryDirectory()
        let path = work.subpath("cache.sqlite")
        let store = try DocumentStore(path: path)
        try await store.writer.apply([
            .index(path: "capital.txt", file: CacheFixture.state("1"), result: .document(CacheFixture.capital))
        ])
        try store.close()
        // The quotations as the schema before stored them: each with its own text.
        try await CacheFixture.rewrite(
            cacheAt: path,
            """
            CREATE TABLE quotes_before (
                id INTEGER PRIMARY KEY,
                document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
                speaker TEXT,
                text TEXT NOT NULL,
                sentence INTEGER NOT NULL
            , origin INTEGER);
            INSERT INTO quotes_before SELECT id + 6, document_id, entity_id, speaker, 'as stored before', sentence,
                origin FROM quotes;
            DROP TABLE quotes;
            ALTER TABLE quotes_before RENAME TO quotes;
            DROP TABLE text_dictionaries;
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v15%';
            """)

        let reopened = try DocumentStore(path: path)
        #expect(try await reopened.documents.fileStates().count == 1, "nothing is read again")
        #expect(try await reopened.quotes.list(speaker: "Ōkubo", limit: 5).map(\.text) == ["as stored before"])
        let ids = try await reopened.pool.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM quotes") }
        #expect(ids == [7])
        #expect(try reopened.integrityCheck() == "ok")
    }
}
