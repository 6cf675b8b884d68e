import Testing

@testable import Ingest

@Suite struct CalendarDateTests {
    @Test func daysRoundTripAcrossCenturiesAndLeapYears() {
        for dayNumber in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CalendarDate(dayNumber: dayNumber).dayNumber == dayNumber)
        }
        #expect(CalendarDate(year: 1970, month: 1, day: 1)?.dayNumber == 0)
        #expect(CalendarDate(year: 2000, month: 2, day: 29)?.adding(days: 1).description == "2000-03-01")
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2021, month: 1, day: 31)?.adding(months: 1).description == "2021-02-28")
        #expect(CalendarDate(year: 2021, month: 1, day: 15)?.adding(months: -1).description == "2020-12-15")
    }

    @Test func weekdays() {
        #expect(CalendarDate(year: 2021, month: 8, day: 26)?.weekday == 4)  // a Thursday
        #expect(CalendarDate(year: 1969, month: 12, day: 28)?.weekday == 0)  // a Sunday, before the epoch
    }

    @Test func isoDatesAndTimes() {
        #expect(CalendarDate(iso: "2021-08-27")?.description == "2021-08-27")
        #expect(CalendarDate(iso: "2021-08-27T09:30:00+02:00")?.description == "2021-08-27")
        for bad in ["2021-02-30", "2021-8-27", "21-08-27", "2021/08/27", "", "2021-08-2x"] {
            #expect(CalendarDate(iso: bad) == nil, "\(bad)")
        }
    }
}

@Suite struct DateResolutionTests {
    /// A Friday.
    let friday = CalendarDate(year: 2021, month: 8, day: 27)!

    func resolved(_ sentence: String, reference: CalendarDate?) -> [String] {
        DateRecognizer.recognise(sentence, index: 0, reference: reference).map { date in
            let parts = [date.startYear, date.month, date.day].compactMap { $0 }.map(String.init)
            return "\(date.text)=\(parts.joined(separator: "-"))\(date.resolved ? "*" : "")"
        }
    }

    @Test(arguments: [
        ("McKenzie spoke on August 26.", "August 26=2021-8-26*"),
        ("The vote is on 3 September.", "3 September=2021-9-3*"),
        ("It happened yesterday.", "yesterday=2021-8-26*"),
        ("Today the airport reopened.", "Today=2021-8-27*"),
        ("Results are due tomorrow.", "tomorrow=2021-8-28*"),
        ("Attacks rose last year.", "last year=2020*"),
        ("Talks resume next month.", "next month=2021-9*"),
        ("The blast came on Thursday evening.", "Thursday=2021-8-26*"),
        ("Officials met Friday.", "Friday=2021-8-27*"),
        ("Officials met last Friday.", "last Friday=2021-8-20*"),
        ("Flights resume next Monday.", "next Monday=2021-8-30*"),
        ("Written on 2021-08-01 in Kabul.", "2021-08-01=2021-8-1"),
        ("It opened on 3 May 1998.", "3 May 1998=1998-5-3"),
        ("The plant closed three years ago.", "three years ago=2018*"),
        ("It opened 10 days ago.", "10 days ago=2021-8-17*"),
        ("Talks stalled two weeks ago.", "two weeks ago=2021-8-13*"),
        ("She left a month ago.", "a month ago=2021-7*"),
        ("Sales fell A year ago.", "A year ago=2020*"),
    ])
    func againstTheDocumentsDate(sentence: String, expected: String) {
        #expect(resolved(sentence, reference: friday) == [expected], "\(sentence)")
    }

    @Test func theNearestYearAcrossNewYear() {
        let january = CalendarDate(year: 2022, month: 1, day: 3)!
        #expect(resolved("Fighting began on December 30.", reference: january) == ["December 30=2021-12-30*"])
        let december = CalendarDate(year: 2021, month: 12, day: 28)!
        #expect(resolved("The court sits on January 4.", reference: december) == ["January 4=2022-1-4*"])
    }

    @Test func withoutADateNothingIsGuessed() {
        #expect(resolved("McKenzie spoke on August 26.", reference: nil) == ["August 26=8-26"])
        #expect(resolved("It happened yesterday, last year and on Friday.", reference: nil).isEmpty)
        #expect(resolved("The plant closed three years ago.", reference: nil).isEmpty)
        // Not a count of units before "ago".
        #expect(resolved("Long ago, many moons ago, the harbour was three miles ago.", reference: friday).isEmpty)
    }

    /// Each date found as "text=first/last year".
    func periods(_ sentence: String) -> [String] {
        DateRecognizer.recognise(sentence, index: 0).map { "\($0.text)=\($0.startYear ?? 0)/\($0.endYear ?? 0)" }
    }

    @Test(arguments: [
        ("Sales rose in the 1870s.", ["1870s=1870/1879"]),
        ("Sales rose in the late 1870s and the early 1990s.", ["late 1870s=1876/1879", "early 1990s=1990/1992"]),
        ("The mid-1960s were loud.", ["mid-1960s=1963/1965"]),
        ("Physics changed in the 17th century.", ["17th century=1601/1700"]),
        ("It was a late 19th-century idea.", ["late 19th-century=1867/1900"]),
        (
            "Built in the early 21st century, in the 1st century and the 12th Century.",
            ["early 21st century=2001/2033", "1st century=1/100", "12th Century=1101/1200"]
        ),
        ("From the death of Augustus in AD 14 until after AD 70.", ["AD 14=14/14", "AD 70=70/70"]),
        ("The abbey dates from 1066 AD and was rebuilt in 1120 CE.", ["1066 AD=1066/1066", "1120 CE=1120/1120"]),
        ("Prices fell in the 1990s.", ["1990s=1990/1999"]),
    ])
    func decadesCenturiesAndEras(sentence: String, expected: [String]) {
        #expect(periods(sentence) == expected, "\(sentence)")
    }

    @Test(arguments: [
        "He came 17th in the race.", "The 22nd century is far.", "The 11st century.",
        "Sales of 1875s rose.", "The 70s were loud.", "AD 3000 is far off.", "Early 14 arrived.",
        // Years before the era are not kept, nor read as years of it.
        "The city fell in 1200 BC.", "Bronze came in the 6th century BCE.", "A 5th-century BC vase.",
    ])
    func numbersThatAreNotPeriods(sentence: String) {
        #expect(periods(sentence).isEmpty, "\(sentence) → \(periods(sentence))")
    }

    @Test func wordsThatOnlyLookRelativeAreLeftAlone() {
        #expect(resolved("The daylight faded over the yearbook.", reference: friday).isEmpty)
        #expect(resolved("This is the last word on it.", reference: friday).isEmpty)
    }
}

@Suite struct PublicationDateTests {
    func document(_ text: String, _ name: String) -> Document? {
        guard case .document(let document) = Ingestor().ingest(Array(text.utf8), fileName: name) else { return nil }
        return document
    }

    @Test(arguments: [
        #"<meta property="article:published_time" content="2021-08-27T10:00:00Z">"#,
        #"<META NAME='date' CONTENT='2021-08-27'>"#,
        #"<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-08-27"}</script>"#,
        #"<time class="stamp" datetime="2021-08-27"></time>"#,
    ])
    func fromAPagesMetadata(tag: String) {
        let page = """
            <html><head><title>Kabul</title>\(tag)</head>
            <body><p>The airport reopened yesterday after the attack on August 26.</p></body></html>
            """
        let found = document(page, "page.html")
        #expect(found?.date?.description == "2021-08-27", "\(tag)")
        #expect(found?.annotations.dates.map(\.text) == ["yesterday", "August 26"])
        #expect(found?.annotations.dates.allSatisfy { $0.startYear == 2021 && $0.day == 26 && $0.resolved } == true)
    }

    @Test func metadataForOtherThingsIsNotADate() {
        let page = """
            <html><head><meta name="description" content="2021-08-27"><meta property="og:updated_time"
            content="2022-01-01"></head><body><p>The airport reopened on August 26.</p></body></html>
            """
        #expect(document(page, "page.html")?.date == nil)
    }

    @Test func fromMarkdownFrontMatter() {
        let note = """
            ---
            title: Field notes
            date: 14 March 2023
            ---
            We landed on Tuesday and left the next morning.
            """
        let found = document(note, "notes.md")
        #expect(found?.date?.description == "2023-03-14")
        #expect(found?.annotations.dates.first?.text == "Tuesday")
        #expect(found?.annotations.dates.first?.day == 14)
    }

    @Test func fromADatelineAtTheTop() {
        let article = """
            Bridge reopens

            Published 27 August 2021 | By Ann Lee

            Engineers finished the repairs last week and traffic returned on Thursday.
            """
        let found = document(article, "bridge.txt")
        #expect(found?.date?.description == "2021-08-27")
        #expect(found?.sections.allSatisfy { $0.heading == nil } == true)
        #expect(found?.annotations.dates.last.map { "\($0.text) \($0.month ?? 0)-\($0.day ?? 0)" } == "Thursday 8-26")
    }

    @Test func aSentenceAboutTheStoryIsNotADateline() {
        let article = """
            Bridge history

            On 3 May 1998 the bridge opened.

            It closed again yesterday for repairs.
            """
        let found = document(article, "history.txt")
        #expect(found?.date == nil)
        #expect(found?.annotations.dates.map(\.text) == ["3 May 1998"])
        let posted = document("Bridge\n\nPosted on 4 June 2024.\n\nIt closed yesterday.", "bridge.txt")
        #expect(posted?.date?.description == "2024-06-04")
    }

    @Test func aDateDeepInTheTextIsNotTheDocumentsDate() {
        let article = """
            History

            The first paragraph is long enough to be prose, and it says nothing about a date at all here.

            More prose follows, which still names no day, and it goes on for a while to fill the page.

            Another paragraph of ordinary prose that talks about the river and the town beside it.

            A fourth paragraph that also says nothing about when anything happened in the story.

            The bridge opened on 3 May 1998.
            """
        #expect(document(article, "history.txt")?.date == nil)
    }
}

@Suite struct RepeatedLinesTests {
    let page = """
        Harbour news

        The harbour master said the new pier would open in spring, after two years of work.

        Share this article

        Sign up for our newsletter

        ## Contact

        Boats may moor at the north quay until then.
        """

    func document(_ repeated: Set<Int64>) -> Document? {
        let result = Ingestor().ingest(Array(page.utf8), fileName: "harbour.md", repeatedLines: repeated)
        guard case .document(let document) = result else { return nil }
        return document
    }

    @Test func linesRepeatedInTheCorpusAreLeftOut() throws {
        let plain = try #require(document([]))
        #expect(plain.body.contains("Share this article"))
        let share = try #require(RepeatedLines.fingerprint("Share this article"))
        let newsletter = try #require(RepeatedLines.fingerprint("Sign up for our newsletter"))
        #expect(Set(plain.lineFingerprints).isSuperset(of: [share, newsletter]))

        let cleaned = try #require(document([share, newsletter]))
        #expect(!cleaned.body.contains("Share this article") && !cleaned.body.contains("newsletter"))
        #expect(cleaned.body.contains("harbour master") && cleaned.body.contains("north quay"))
        // What the document is counted by does not depend on what was left out.
        #expect(cleaned.lineFingerprints == plain.lineFingerprints)
    }

    @Test func fingerprintsIgnoreCaseAndSpacingButNotWords() {
        #expect(RepeatedLines.fingerprint("Share  this Article") == RepeatedLines.fingerprint("share this article"))
        #expect(RepeatedLines.fingerprint("Share this article") != RepeatedLines.fingerprint("Share this page"))
        #expect(RepeatedLines.fingerprint(String(repeating: "word ", count: 30)) == nil)
    }

    @Test func headingsAndTheOnlyTextStay() throws {
        let contact = try #require(RepeatedLines.fingerprint("Contact"))
        #expect(document([contact])?.sections.contains { $0.heading == "Contact" } == true)
        let only = "Share this article"
        let result = Ingestor().ingest(
            Array("Title\n\n\(only)".utf8), fileName: "x.txt",
            repeatedLines: [RepeatedLines.fingerprint(only)!])
        guard case .document(let lone) = result else { Issue.record("not a document"); return }
        #expect(lone.body.contains(only))
    }
}
