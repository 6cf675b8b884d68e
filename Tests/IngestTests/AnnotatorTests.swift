import Testing

@testable import Ingest

@Suite struct AnnotatorTests {
    func annotate(_ text: String) -> Annotations {
        guard case .document(let document) = Ingestor().ingest(Array(text.utf8), fileName: "t.txt") else {
            return Annotations()
        }
        return document.annotations
    }

    @Test func titlesLastNamesAndAcronymsAreAliases() {
        let found = annotate(
            """
            Notes

            President Maria Lopez met the World Health Organization (WHO) in Geneva. Lopez said the WHO would help.
            """)
        let maria = found.entities.first { $0.name == "Maria Lopez" }
        #expect(maria?.kind == .person)
        #expect(maria?.titles == ["President"])
        #expect(maria?.aliases == ["Lopez"], "aliases are names as written, without titles")
        #expect(maria?.mentions.count == 2)
        let who = found.entities.first { $0.name == "World Health Organization" }
        #expect(who?.kind == .organisation)
        #expect(who?.aliases.contains("WHO") == true)
        #expect(found.entities.first { $0.name == "Geneva" }?.kind == .place)
        #expect(!found.entities.contains { $0.name == "Notes" || $0.name == "President" })
    }

    @Test func sentenceStartsAndMonthsAreNotNames() {
        let found = annotate("Meanwhile the rain fell. However nobody left. In March the river rose.")
        #expect(found.entities.isEmpty, "\(found.entities.map(\.name))")
    }

    @Test(arguments: [
        ("The war lasted from 1939–1945 in Europe.", 1939, 1945),
        ("Talks ran between 2019 and 2021.", 2019, 2021),
        ("It opened on 3 May 1998.", 1998, 1998),
    ])
    func datesAndRanges(text: String, start: Int, end: Int) {
        let date = annotate(text).dates.first
        #expect(date?.startYear == start && date?.endYear == end, "\(text)")
    }

    @Test func quotesAfterAndBeforeTheSpeaker() {
        let found = annotate(
            """
            Town news

            “We will rebuild the bridge before winter,” said Anna Berg. The mayor, Tom Hale, told reporters: “The budget is ready for the vote.”
            """)
        #expect(found.quotes.map(\.speaker) == ["Anna Berg", "Tom Hale"])
    }

    @Test func shortQuotedPhrasesAreNotQuotes() {
        #expect(annotate("Critics called the plan “too late” on Monday.").quotes.isEmpty)
    }

    @Test func languageDetection() {
        #expect(LanguageDetector.detect("Le chat est sur la table et les enfants sont dans le jardin.") == "fr")
        #expect(LanguageDetector.detect("Der Hund ist nicht mit den Kindern auf der Straße.") == "de")
        #expect(LanguageDetector.detect("The dog is in the garden with the children.") == "en")
    }
}

@Suite struct IngestRobustnessTests {
    /// Random and adversarial bytes: no crash, a document or a reason.
    @Test func randomBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("<>[]()“”\"'.,:;!?-–*_#`~&;/\\ \n\tAbcÉé".utf8) + [0xE2, 0x80, 0x9C, 0xFF, 0xC3]
        for round in 0..<300 {
            let length = Int.random(in: 0..<4096, using: &generator)
            let bytes = (0..<length).map { _ in
                round % 2 == 0
                    ? UInt8.random(in: 1...255, using: &generator) : alphabet.randomElement(using: &generator)!
            }
            for name in ["x.txt", "x.md", "x.html", "x"] {
                _ = Ingestor().ingest(bytes, fileName: name)
            }
        }
    }

    /// A unit repeated into a large input (the arguments stay small so the test's name does too).
    @Test(arguments: [
        ("<", 250_000), ("<a ", 90_000), ("[", 250_000), ("“", 62_000), ("A ", 125_000), ("Dr. ", 62_000),
        ("*_`", 75_000), ("<!--", 62_000), ("[x](", 62_000), ("<meta ", 42_000), ("<time a='", 28_000),
    ])
    func pathologicalInputsFinish(unit: String, count: Int) {
        let text = String(repeating: unit, count: count)
        for name in ["x.txt", "x.md", "x.html"] {
            _ = Ingestor().ingest(Array(text.utf8), fileName: name)
        }
    }

    @Test func deeplyNestedLinksKeepTheirText() {
        let nested = String(repeating: "[", count: 3000) + "deep" + String(repeating: "](u)", count: 3000)
        guard case .document(let document) = Ingestor().ingest(Array(("Title\n\n" + nested).utf8), fileName: "x.md")
        else {
            Issue.record("not a document")
            return
        }
        #expect(document.body.contains("deep"))
    }
}
