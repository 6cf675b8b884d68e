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
}
