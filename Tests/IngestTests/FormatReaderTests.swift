import Testing

@testable import Ingest

@Suite struct FormatReaderTests {
    func document(_ text: String, named name: String) throws -> Document {
        let result = Ingestor().ingest(Array(text.utf8), fileName: name)
        guard case .document(let document) = result else {
            Issue.record("expected a document, got \(result)")
            throw CancellationError()
        }
        return document
    }

    @Test func markdownHeadingsListsAndInlineMarkup() throws {
        let text = """
            ---
            title: Field notes
            ---
            # Field notes

            Some **bold** and _emphasised_ text with a [link](https://example.org) and `code`.

            ## Items

            - first item with snake_case_name
            - second item

            ```swift
            let x = 1. Not a sentence.
            ```
            """
        let doc = try document(text, named: "notes.md")
        #expect(doc.format == .markdown)
        #expect(doc.title == "Field notes")
        #expect(doc.sections.count == 2)
        #expect(doc.sections[0].paragraphs[0].text == "Some bold and emphasised text with a link and code.")
        #expect(doc.sections[1].heading == "Items")
        #expect(doc.sections[1].paragraphs.map(\.text).contains("first item with snake_case_name"))
        let code = doc.sections[1].paragraphs.last
        #expect(code?.kind == .code)
        #expect(code?.sentences.isEmpty == true)
    }

    @Test func htmlDropsChromeAndDecodesEntities() throws {
        let html = """
            <!DOCTYPE html><html><head><title>Harbour news &ndash; The Daily</title>
            <style>p { color: red }</style><script>var a = "<p>not text</p>";</script></head>
            <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <header>Subscribe now</header>
            <article><h1>Harbour news</h1><p>The harbour &amp; the docks reopened on Monday.</p>
            <h2>What changed?</h2><p>Ships&nbsp;returned. Trade resumed.</p></article>
            <footer>Copyright 2024</footer></body></html>
            """
        let doc = try document(html, named: "page.html")
        #expect(doc.format == .html)
        #expect(doc.title == "Harbour news")
        #expect(doc.body.contains("The harbour & the docks reopened on Monday."))
        #expect(!doc.body.contains("Subscribe"))
        #expect(!doc.body.contains("not text"))
        #expect(!doc.body.contains("Home"))
        #expect(!doc.body.contains("Copyright"))
        #expect(doc.sections.map(\.heading) == [nil, "What changed?"])
        #expect(doc.sections[1].paragraphs[0].sentences == ["Ships returned.", "Trade resumed."])
    }

    @Test func htmlIsSniffedWithoutAnExtension() throws {
        let doc = try document("<html><body><p>Hello there, friend.</p></body></html>", named: "saved-page")
        #expect(doc.format == .html)
    }

    @Test func binaryContentIsUnsupportedWithAReason() {
        let result = Ingestor().ingest([0x89, 0x50, 0x4E, 0x47, 0, 0, 1, 2], fileName: "x.txt")
        #expect(result == .unsupported(reason: "a PNG image is not a text document"))
        let nul = Ingestor().ingest(Array("abc\0def".utf8), fileName: "x.txt")
        guard case .unsupported(let reason) = nul else {
            Issue.record("NUL bytes were accepted")
            return
        }
        #expect(reason.contains("NUL"))
    }

    @Test func invalidUTF8IsReplacedAndReported() throws {
        var bytes = Array("Café crème. Then a bad byte: ".utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Array(" end.".utf8))
        guard case .document(let doc) = Ingestor().ingest(bytes, fileName: "a.txt") else {
            Issue.record("not a document")
            return
        }
        #expect(doc.body.contains("\u{FFFD}"))
        #expect(doc.body.contains("Café"))
        #expect(doc.warnings.count == 1)
    }

    @Test func windows1252FallsBack() throws {
        let bytes: [UInt8] =
            Array("Caf".utf8) + [0xE9] + Array(" ".utf8) + [0x93] + Array("quoted".utf8) + [0x94]
            + Array(" text.".utf8)
        guard case .document(let doc) = Ingestor().ingest(bytes, fileName: "legacy.txt") else {
            Issue.record("not a document")
            return
        }
        #expect(doc.body == "Café “quoted” text.")
        #expect(doc.warnings == ["not UTF-8: decoded as Windows-1252"])
    }

    @Test func utf16WithBOM() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Grüße aus Köln.".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        guard case .document(let doc) = Ingestor().ingest(bytes, fileName: "u16.txt") else {
            Issue.record("not a document")
            return
        }
        #expect(doc.body == "Grüße aus Köln.")
    }

    @Test func oversizedInputIsCutAndSaysSo() throws {
        let text = String(repeating: "A sentence of text. ", count: 100)
        let ingestor = Ingestor(configuration: IngestConfiguration(maximumBytes: 200))
        guard case .document(let doc) = ingestor.ingest(Array(text.utf8), fileName: "big.txt") else {
            Issue.record("not a document")
            return
        }
        #expect(doc.body.utf8.count <= 200)
        #expect(doc.warnings.first?.hasPrefix("cut at 200 bytes") == true)
    }

    @Test func titleFallsBackToTheFileName() throws {
        let doc = try document(
            "A long opening paragraph that reads like prose and ends properly.", named: "dir/my-note.txt")
        #expect(doc.title == "my-note")
    }

    @Test func gluedCategoryRule() {
        #expect(BoilerplateCleaner.gluedCategory("SportsWho won?", title: "Who won?") == "Sports")
        #expect(BoilerplateCleaner.gluedCategory("Science & TechA new chip", title: "A new chip") == "Science & Tech")
        #expect(BoilerplateCleaner.gluedCategory("why this is not a category Who won?", title: "Who won?") == nil)
    }
}

@Suite struct NormalisationTests {
    @Test func decomposedTextIsComposed() {
        let decomposed = "Cafe\u{0301} cre\u{0300}me."
        guard case .document(let document) = Ingestor().ingest(Array(decomposed.utf8), fileName: "n.txt") else {
            Issue.record("not a document")
            return
        }
        #expect(document.body.unicodeScalars.elementsEqual("Caf\u{00E9} cr\u{00E8}me.".unicodeScalars))
    }

    @Test func compositionRunsOnlyWhereItCanChangeSomething() {
        #expect(!TextDecoder.mayNeedComposition("Plain ASCII, and précomposé “quotes” — ĐÀ NẴNG."))
        for (input, composed) in [("\u{1100}\u{1161}", "\u{AC00}"), ("\u{212B}ngström", "\u{00C5}ngström")] {
            #expect(TextDecoder.mayNeedComposition(input))
            #expect(TextDecoder.normalizeLineEndings(input).unicodeScalars.elementsEqual(composed.unicodeScalars))
        }
    }
}

@Suite struct ExtractedTextTests {
    @Test func pagesBecomeParagraphsAndBrokenWordsAreJoined() {
        let text =
            "Harbour report\n\nThe docu-\nment was long and well-\nwritten.\u{0C}Page two begins. Pre-\nSeason games.\n\u{0C}"
        guard
            case .document(let document) = Ingestor().ingest(
                extractedText: Array(text.utf8), format: .pdf, fileName: "r.pdf")
        else {
            Issue.record("not a document")
            return
        }
        #expect(document.format == .pdf)
        #expect(document.title == "Harbour report")
        let paragraphs = document.sections.flatMap(\.paragraphs).map(\.text)
        #expect(paragraphs == ["The document was long and wellwritten.", "Page two begins. Pre- Season games."])
    }
}
