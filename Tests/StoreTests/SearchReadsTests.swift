import Testing

@testable import Ingest
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

    @Test func datesFilterByTheDocumentsOwnDateAndTheDatesItsTextStates() async throws {
        let cache = try CacheFixture()
        func dated(_ title: String, published: CalendarDate?, statesYear year: Int) -> Document {
            CacheFixture.document(
                title: title, sections: [(nil, [["The harbour opened in \(year)."]])],
                dates: [DateMention(text: "\(year)", startYear: year, endYear: year, sentence: 0)],
                published: published)
        }
        try await cache.add([
            ("july.txt", dated("July", published: CalendarDate(year: 2021, month: 7, day: 31), statesYear: 2015)),
            ("august.txt", dated("August", published: CalendarDate(year: 2021, month: 8, day: 1), statesYear: 2019)),
            ("undated.txt", dated("Undated", published: nil, statesYear: 2021)),
        ])
        func paths(_ filters: [DocumentFilter]) async throws -> [String] {
            try await self.paths(cache, DocumentSearch(match: "\"harbour\"", filters: filters)).sorted()
        }
        #expect(try await paths([.init(.published, "2021")]) == ["august.txt", "july.txt"])
        #expect(try await paths([.init(.published, "2021-08")]) == ["august.txt"])
        #expect(try await paths([.init(.published, "2021-08", negated: true)]) == ["july.txt", "undated.txt"])
        #expect(try await paths([.init(.publishedAfter, "2021-07")]) == ["august.txt"])
        #expect(try await paths([.init(.publishedAfter, "2021-07-30")]) == ["august.txt", "july.txt"])
        #expect(try await paths([.init(.publishedBefore, "2021-08")]) == ["july.txt"])
        #expect(try await paths([.init(.mentionsDate, "2019")]) == ["august.txt"])
        #expect(try await paths([.init(.mentionsDate, "2015-06-01")]) == ["july.txt"])
        #expect(try await paths([.init(.mentionsDate, "2020")]) == [])
        let listed = try await cache.store.search.documents(
            DocumentSearch(match: nil, filters: [.init(.mentionsDate, "2021")]), limit: 10, highlight: ("", ""))
        #expect(listed.hits.map(\.path) == ["undated.txt"])
    }

    @Test func excludedWordsLeaveTheirDocumentsOut() async throws {
        let cache = try await CacheFixture.filled()
        #expect(try await paths(cache, DocumentSearch(match: "\"harbour\"", exclude: "\"summit\"")) == ["harbour.txt"])
    }
}
