import Testing

@testable import Store

@Suite struct SearchReadsTests {
    func paths(_ cache: CacheFixture, _ search: DocumentSearch) async throws -> [String] {
        try await cache.store.search.documents(search, limit: 10, highlight: ("", "")).hits.map(\.path)
    }

    @Test func hitsAreRankedWithTheTitleFirstAndTheirWordsMarked() async throws {
        let cache = try await CacheFixture.filled()
        let page = try await cache.store.search.documents(
            DocumentSearch(match: "\"harbour\""), limit: 10, highlight: ("[", "]"))
        #expect(page.total == 2)
        // "Harbour works" holds the word in its title, weighted five times the body.
        #expect(page.hits.map(\.path) == ["harbour.txt", "capital.txt"])
        #expect(page.hits[0].title == "Harbour works")
        #expect(page.hits[0].score > page.hits[1].score)
        #expect(page.hits[1].snippet.contains("[harbour]"))
    }

    @Test func aPageCountsEveryMatchAndSkipsTheOnesBefore() async throws {
        let cache = try await CacheFixture.filled()
        let page = try await cache.store.search.documents(
            DocumentSearch(match: "\"harbour\""), limit: 1, offset: 1, highlight: ("", ""))
        #expect(page.total == 2)
        #expect(page.hits.map(\.path) == ["capital.txt"])
    }

    @Test func filtersByNameMatchNamesWithCommasAndOtherScriptsInAnyCase() async throws {
        let cache = try await CacheFixture.filled()
        #expect(
            try await paths(cache, DocumentSearch(match: "\"harbour\"", filters: [.init(.entity, "washington, d.c.")]))
                .sorted() == ["capital.txt", "harbour.txt"])
        #expect(
            try await paths(cache, DocumentSearch(match: nil, filters: [.init(.entity, "ВЛАДИМИР ПУТИН")])) == [
                "capital.txt"
            ])
        #expect(
            try await paths(cache, DocumentSearch(match: nil, filters: [.init(.entity, "東京", negated: true)])) == [
                "harbour.txt"
            ])
        #expect(try await paths(cache, DocumentSearch(match: nil, filters: [.init(.path, "harb")])) == ["harbour.txt"])
    }

    @Test func withoutWordsTheFiltersListDocumentsByPathWithTheirOpeningWords() async throws {
        let cache = try await CacheFixture.filled()
        let page = try await cache.store.search.documents(
            DocumentSearch(match: nil, filters: [.init(.language, "EN")]), limit: 10, highlight: ("", ""))
        #expect(page.total == 2)
        #expect(page.hits.map(\.path) == ["capital.txt", "harbour.txt"])
        #expect(page.hits[0].snippet.hasPrefix("The summit"))
        #expect(page.hits.allSatisfy { $0.score == 0 })
    }

    @Test func excludedWordsLeaveTheirDocumentsOut() async throws {
        let cache = try await CacheFixture.filled()
        #expect(try await paths(cache, DocumentSearch(match: "\"harbour\"", exclude: "\"summit\"")) == ["harbour.txt"])
    }
}
