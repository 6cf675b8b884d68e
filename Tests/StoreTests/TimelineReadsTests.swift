import Testing

@testable import Ingest
@testable import Store

@Suite struct TimelineReadsTests {
    /// Sentences dated to a year, a span of years, a month, a day, and a day of no known year.
    static func filled() async throws -> CacheFixture {
        let cache = try CacheFixture()
        let history = CacheFixture.document(
            title: "A history",
            sections: [
                (
                    "Founding",
                    [
                        [
                            "The group was founded in 2015 by Hafiz Saeed Khan.",
                            "Between 2019 and 2021 it lost ground.",
                            "In August 2021 Kabul fell.",
                        ]
                    ]
                ),
                ("The airport", [["On August 26 the attack at the airport killed 183 people, McKenzie said."]]),
            ],
            entities: [
                Entity(
                    name: "Hafiz Saeed Khan", kind: .person, aliases: ["Hafiz Saeed Khan"],
                    mentions: [.init(sentence: 0, text: "Hafiz Saeed Khan")]),
                Entity(name: "Kabul", kind: .place, aliases: ["Kabul"], mentions: [.init(sentence: 2, text: "Kabul")]),
                Entity(
                    name: "Kenneth McKenzie", kind: .person, aliases: ["McKenzie"],
                    mentions: [.init(sentence: 3, text: "McKenzie")]),
            ],
            dates: [
                DateMention(text: "2015", startYear: 2015, endYear: 2015, sentence: 0),
                DateMention(text: "Between 2019 and 2021", startYear: 2019, endYear: 2021, sentence: 1),
                DateMention(text: "August 2021", startYear: 2021, endYear: 2021, month: 8, sentence: 2),
                DateMention(text: "August 26", month: 8, day: 26, sentence: 3),
            ])
        let note = CacheFixture.document(
            title: "Note", sections: [(nil, [["On August 26 McKenzie spoke in Kabul."]])],
            entities: [
                Entity(
                    name: "Kenneth McKenzie", kind: .person, aliases: ["McKenzie"],
                    mentions: [.init(sentence: 0, text: "McKenzie")]),
                Entity(name: "Kabul", kind: .place, aliases: ["Kabul"], mentions: [.init(sentence: 0, text: "Kabul")]),
            ],
            dates: [
                DateMention(
                    text: "August 26", startYear: 2021, endYear: 2021, month: 8, day: 26, sentence: 0, resolved: true)
            ],
            published: CalendarDate(year: 2021, month: 8, day: 27))
        try await cache.add([("history.md", history), ("note.txt", note)])
        return cache
    }

    @Test func statementsComeInDateOrderWithTheirPlaceAndNames() async throws {
        let cache = try await Self.filled()
        let statements = try await cache.store.timeline.statements(.init(), limit: 10)
        #expect(statements.map(\.date) == ["2015", "2019/2021", "2021-08", "2021-08-26", "--08-26"])
        #expect(statements.map(\.precision) == [.year, .year, .month, .day, .day])
        #expect(
            statements.map(\.written) == ["2015", "Between 2019 and 2021", "August 2021", "August 26", "August 26"])
        #expect(statements.map(\.resolved) == [false, false, false, true, false])
        let resolved = statements[3]
        #expect(resolved.sentence == "On August 26 McKenzie spoke in Kabul.")
        #expect(resolved.path == "note.txt")
        #expect(resolved.published == "2021-08-27")
        #expect(resolved.names == ["Kenneth McKenzie", "Kabul"])
        #expect(statements[0].heading == "Founding")
        #expect(statements[0].names == ["Hafiz Saeed Khan"])
        #expect(statements[4].heading == "The airport")
        #expect(try await cache.store.timeline.statements(.init(), limit: 2).count == 2)
    }

    @Test func aTimelineNarrowsByNamesSpanWordsAndDocuments() async throws {
        let cache = try await Self.filled()
        let timeline = cache.store.timeline
        func dates(_ filter: TimelineReads.Filter) async throws -> [String] {
            try await timeline.statements(filter, limit: 10).map(\.date)
        }
        #expect(try await dates(.init(entities: ["mckenzie"])) == ["2021-08-26", "--08-26"])
        #expect(try await dates(.init(entities: ["McKenzie", "KABUL"])) == ["2021-08-26"])
        #expect(try await dates(.init(entities: ["Nobody"])) == [])
        #expect(
            try await dates(.init(span: DateSpan(from: "2021-08", to: "2021-08"))) == [
                "2019/2021", "2021-08", "2021-08-26",
            ])
        #expect(try await dates(.init(span: DateSpan(from: nil, to: "2018"))) == ["2015"])
        #expect(
            try await dates(.init(search: DocumentSearch(match: "\"airport\"", sentenceMatch: "\"airport\""))) == [
                "--08-26"
            ])
        let august = DocumentSearch(
            match: "\"august\"", exclude: "\"kabul\"", sentenceMatch: "\"august\"", sentenceExclude: "\"kabul\"")
        #expect(try await dates(.init(search: august)) == ["--08-26"])
        #expect(
            try await dates(.init(search: DocumentSearch(match: nil, filters: [.init(.path, "note")]))) == [
                "2021-08-26"
            ])
    }

    @Test func aPhraseIsItsWordsInTheSentenceAndAPhraseInItsDocument() async throws {
        let cache = try await Self.filled()
        func dates(_ phrase: String, words: String, in match: String? = nil) async throws -> [String] {
            var search = DocumentSearch(match: match ?? phrase, exclude: match == nil ? nil : phrase)
            if let match {
                search.sentenceMatch = match
                search.sentenceExclude = words
            } else {
                search.sentenceMatch = words
            }
            return try await cache.store.timeline.statements(.init(search: search), limit: 10).map(\.date)
        }
        #expect(try await dates(#""kabul fell""#, words: #"("kabul" AND "fell")"#) == ["2021-08"])
        #expect(try await dates(#""fell kabul""#, words: #"("fell" AND "kabul")"#) == [])
        #expect(
            try await dates(#""august 26""#, words: #"("august" AND "26")"#, in: #""august""#) == ["2021-08"])
        // A title asks nothing of the sentence.
        let titled = DocumentSearch(match: #"title : "note""#)
        #expect(
            try await cache.store.timeline.statements(.init(search: titled), limit: 10).map(\.date) == ["2021-08-26"])
        let notTitled = DocumentSearch(match: #""august""#, exclude: #"title : "note""#, sentenceMatch: #""august""#)
        #expect(
            try await cache.store.timeline.statements(.init(search: notTitled), limit: 10).map(\.date) == [
                "2021-08", "--08-26",
            ])
    }

    @Test func countsByPeriodLeaveOutDatesLessPreciseThanThePeriod() async throws {
        let cache = try await Self.filled()
        let timeline = cache.store.timeline
        #expect(
            try await timeline.counts(.init(), by: .year) == [
                PeriodCount(period: "2015", statements: 1), PeriodCount(period: "2019", statements: 1),
                PeriodCount(period: "2021", statements: 2),
            ])
        #expect(
            try await timeline.counts(.init(), by: .month) == [PeriodCount(period: "2021-08", statements: 2)])
        #expect(try await timeline.counts(.init(), by: .day) == [PeriodCount(period: "2021-08-26", statements: 1)])
        #expect(
            try await timeline.counts(.init(entities: ["Hafiz Saeed Khan"]), by: .year) == [
                PeriodCount(period: "2015", statements: 1)
            ])
        #expect(
            try await timeline.counts(
                .init(search: DocumentSearch(match: "\"airport\"", sentenceMatch: "\"airport\"")), by: .year) == [])
    }

    @Test func partialDatesAreSpansOfDays() {
        #expect(DateSpan(of: "2021")?.first == .init(year: 2021, month: 1, day: 1))
        #expect(DateSpan(of: "2021")?.last == .init(year: 2021, month: 12, day: 31))
        #expect(DateSpan(of: "2021-02")?.last == .init(year: 2021, month: 2, day: 31))
        #expect(DateSpan(of: "2024-02-29")?.first == .init(year: 2024, month: 2, day: 29))
        for bad in ["0000", "99999", "2021-13", "2023-02-29", "21", "2021-8", "2021-08-", "二〇二一", "２０２１", ""] {
            #expect(DateSpan(of: bad) == nil, "\(bad)")
        }
        #expect(DateSpan(from: "2022", to: "2021") == nil)
        #expect(DateSpan(from: nil, to: nil) == nil)
        #expect(DateSpan(from: "2021-08-26", to: nil)?.last == .init(year: 9999, month: 12, day: 31))
    }
}
