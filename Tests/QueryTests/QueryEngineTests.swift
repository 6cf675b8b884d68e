import Testing

@testable import Query

/// Search, Ask and Similar against a real SQLite cache.
@Suite struct QueryEngineTests {
    let cache: QueryCache

    init() throws {
        cache = try QueryCache()
    }

    static let rivers = """
        Rivers

        Rivers carry water to the sea and shape valleys over thousands of years.

        Why do rivers flood?

        Heavy rain upstream raises the water faster than the channel can carry it.

        Where do rivers start?

        Most rivers begin in mountain springs or melting glaciers.
        """

    static let lighthouses = """
        Lighthouses

        The keeper of the Ardmore lighthouse, Maria Keane, lit the lamp every evening at dusk.
        The lighthouse was built in 1867 and automated in 1994. Its light can be seen 20 miles out to sea.
        """

    static let canals = """
        Canals

        Canals carry boats and water between rivers. Engineers built locks to raise boats over hills,
        and the canals shaped the valleys they crossed.
        """

    @Test func searchRanksHighlightsAndCounts() async throws {
        try await cache.add(["rivers.txt": Self.rivers, "lighthouse.txt": Self.lighthouses, "canals.md": Self.canals])
        var result = try await cache.engine.search("rivers", limit: 10, offset: 0)
        #expect(result.total == 2)
        #expect(result.hits.first?.path == "rivers.txt")  // in the title
        let snippet = try #require(result.hits.first?.snippet)
        let first = try #require(snippet.ranges.first)
        let scalars = Array(snippet.text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[first])).lowercased().hasPrefix("river"))

        result = try await cache.engine.search("rivers", limit: 1, offset: 1)
        #expect(result.total == 2 && result.hits.map(\.path) == ["canals.md"])
        // A full first page, and a page past the end, still count every match.
        #expect(try await cache.engine.search("rivers", limit: 1, offset: 0).total == 2)
        #expect(try await cache.engine.search("rivers", limit: 10, offset: 5).total == 2)
        #expect(
            try await cache.engine.search("\"carry boats\"", limit: 10, offset: 0).hits.map(\.path) == ["canals.md"])
        #expect(try await cache.engine.search("\"boats carry\"", limit: 10, offset: 0).total == 0)
        #expect(try await cache.engine.search("light*", limit: 10, offset: 0).hits.map(\.path) == ["lighthouse.txt"])
        #expect(try await cache.engine.search("rivers -locks", limit: 10, offset: 0).hits.map(\.path) == ["rivers.txt"])
        #expect(try await cache.engine.search("glaciers OR locks", limit: 10, offset: 0).total == 2)
        #expect(try await cache.engine.search("title:canals", limit: 10, offset: 0).hits.map(\.path) == ["canals.md"])
        #expect(
            try await cache.engine.search("valleys path:*.md", limit: 10, offset: 0).hits.map(\.path) == ["canals.md"])
        #expect(
            try await cache.engine.search("entity:\"Maria Keane\"", limit: 10, offset: 0).hits.map(\.path) == [
                "lighthouse.txt"
            ])
        #expect(try await cache.engine.search("KEANE lamp", limit: 10, offset: 0).total == 1)
        #expect(try await cache.engine.search("ardmoré", limit: 10, offset: 0).total == 1)  // accents ignored
        await #expect(throws: SearchQuerySyntaxError.self) {
            try await cache.engine.search("(rivers", limit: 10, offset: 0)
        }
    }

    @Test func userTextNeverReachesFullTextSyntax() async throws {
        try await cache.add(["rivers.txt": Self.rivers])
        for text in [
            #"a"b"#, "NEAR(a b)", "col:val", "rivers*", "^rivers", "{title}: rivers", "rivers + - water",
            "rivers AND (water OR sea) NOT glaciers", "title:\"a b\"*", "path:[", "lang:", "'", "\u{0}rivers",
        ] {
            do {
                _ = try await cache.engine.search(text, limit: 5, offset: 0)
            } catch let error as SearchQuerySyntaxError {
                #expect(error.column >= 1, "\(text)")
            }
        }
    }

    @Test func askFindsTheAnswerUnderTheHeadingThatAsksTheQuestion() async throws {
        try await cache.add(["rivers.txt": Self.rivers, "lighthouse.txt": Self.lighthouses, "canals.md": Self.canals])
        let flood = try await cache.engine.ask("Why do rivers flood?", limit: 3)
        #expect(flood.question.answerType == .reason)
        let best = try #require(flood.answers.first)
        #expect(best.heading == "Why do rivers flood?")
        #expect(best.sentence.hasPrefix("Heavy rain"))
        #expect(best.confidence > 0.5 && best.confidence <= 1)
        let scalars = Array(best.context.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[best.span])) == best.text)

        let built = try await cache.engine.ask("When was the Ardmore lighthouse built?", limit: 1)
        #expect(built.answers.first?.sentence.contains("1867") == true)
        let keeper = try await cache.engine.ask("Who lit the lamp at the lighthouse?", limit: 1)
        #expect(keeper.answers.first?.sentence.contains("Maria Keane") == true)
    }

    @Test func askSaysSoWhenNothingAnswers() async throws {
        try await cache.add(["rivers.txt": Self.rivers, "lighthouse.txt": Self.lighthouses, "canals.md": Self.canals])
        #expect(try await cache.engine.ask("What is the capital of Mongolia?", limit: 3).answers.isEmpty)
        #expect(try await cache.engine.ask("Who invented the telephone?", limit: 3).answers.isEmpty)
        await #expect(throws: SearchQuerySyntaxError.self) { try await cache.engine.ask("?!", limit: 3) }
    }

    @Test func similarRanksByContentAndSaysWhatIsShared() async throws {
        try await cache.add(["rivers.txt": Self.rivers, "lighthouse.txt": Self.lighthouses, "canals.md": Self.canals])
        let similar = try #require(try await cache.engine.similar(to: "rivers.txt", limit: 5))
        #expect(similar.first?.path == "canals.md")
        #expect(similar.first?.sharedTerms.contains("water") == true)
        #expect((similar.first?.score ?? 0) > (similar.dropFirst().first?.score ?? 0))
        #expect(try await cache.engine.similar(to: "missing.txt", limit: 5) == nil)
    }
}
