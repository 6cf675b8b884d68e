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
    /// Random and adversarial bytes (the same every run, from a seeded generator): no crash, and
    /// each input is a document whose text came from the input or is refused with a reason.
    @Test func randomBytesNeverCrash() {
        var generator = SplitMix64(seed: 20_261_206)
        let alphabet: [UInt8] = Array("<>[]()“”\"'.,:;!?-–*_#`~&;/\\ \n\tAbcÉé".utf8) + [0xE2, 0x80, 0x9C, 0xFF, 0xC3]
        var documents = 0
        for round in 0..<300 {
            let length = Int(generator.next() % 4096)
            let bytes = (0..<length).map { _ in
                round % 2 == 0
                    ? UInt8(1 + generator.next() % 255) : alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            for name in ["x.txt", "x.md", "x.html", "x"] {
                switch Ingestor().ingest(bytes, fileName: name) {
                case .document(let document):
                    documents += 1
                    #expect(document.body.utf8.count <= 2 * bytes.count + 64, "\(name), round \(round)")
                    #expect(document.body.unicodeScalars.allSatisfy { $0 != "\0" })
                case .unsupported(let reason), .failed(let reason):
                    #expect(!reason.isEmpty, "\(name), round \(round)")
                }
            }
        }
        // The alphabet's rounds are text: most of them are read as documents.
        #expect(documents >= 300)
    }

    /// A unit repeated into a large input (the arguments stay small so the test's name does too):
    /// read as a document, in bounded time (a pass that went quadratic would take minutes).
    @Test(arguments: [
        ("<", 250_000), ("<a ", 90_000), ("[", 250_000), ("“", 62_000), ("A ", 125_000), ("Dr. ", 62_000),
        ("*_`", 75_000), ("<!--", 62_000), ("[x](", 62_000), ("<meta ", 42_000), ("<time a='", 28_000),
    ])
    func pathologicalInputsFinish(unit: String, count: Int) {
        let text = String(repeating: unit, count: count)
        for name in ["x.txt", "x.md", "x.html"] {
            let started = ContinuousClock.now
            let result = Ingestor().ingest(Array(text.utf8), fileName: name)
            #expect(ContinuousClock.now - started < .seconds(60), "\(unit) × \(count) as \(name)")
            switch result {
            case .document(let document):
                #expect(document.body.utf8.count <= text.utf8.count + 64)
            case .unsupported(let reason), .failed(let reason):
                #expect(!reason.isEmpty)
            }
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
