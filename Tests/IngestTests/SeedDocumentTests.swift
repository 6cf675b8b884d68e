import Foundation
import Testing

@testable import Ingest

/// The seed document: a scraped news explainer with a glued category, a repeated title,
/// question headings and a site's "Most Viewed" at its end.
@Suite struct SeedDocumentTests {
    static let seedURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds/000_8ce81ff0f6d118bf.txt")

    let document: Document

    init() throws {
        let bytes = try Data(contentsOf: Self.seedURL)
        guard case .document(let document) = Ingestor().ingest(bytes, fileName: "000_8ce81ff0f6d118bf.txt") else {
            Issue.record("the seed was not ingested as a document")
            throw CancellationError()
        }
        self.document = document
    }

    @Test func titleAndCategoryAreSeparated() {
        #expect(document.title == "Why does ISIS-K confront the Taliban?")
        #expect(document.category == "World")
        #expect(document.format == .plainText)
    }

    @Test func repeatedTitleIsNotBody() {
        #expect(!document.body.contains("WorldWhy"))
        #expect(!document.body.contains("Why does ISIS-K confront the Taliban?"))
        #expect(document.body.hasPrefix("Formed in 2015"))
    }

    /// Plain text says nothing about which of its lines are links: a short last line is kept,
    /// as a sign-off is. In a folder of such pages it recurs and is left out as a repeated line.
    @Test func aShortLastLineIsKeptWithoutEvidenceItIsChrome() throws {
        #expect(document.body.hasSuffix("we expect such attacks to continue.”\n\nMost Viewed"))
        let line = try #require(RepeatedLines.fingerprint("Most Viewed"))
        let bytes = try Data(contentsOf: Self.seedURL)
        guard case .document(let repeated) = Ingestor().ingest(bytes, fileName: "seed.txt", repeatedLines: [line])
        else { throw CancellationError() }
        #expect(repeated.body.hasSuffix("we expect such attacks to continue.”"))
    }

    @Test func questionHeadingsOpenSections() {
        #expect(
            document.sections.map(\.heading) == [
                nil, "Is ISIS-K related to the Taliban?", "Why is ISIS-K so hostile to the Taliban?",
            ])
        let related = document.sections[1]
        #expect(related.paragraphs.count == 2)
        #expect(related.paragraphs[0].sentences.first == "Indirectly related.")
        #expect(related.paragraphs[0].sentences.last?.hasSuffix("the Haqqani network.") == true)
    }

    @Test func abbreviationsDoNotEndSentences() {
        let sentences = document.sections.flatMap(\.paragraphs).flatMap(\.sentences)
        #expect(sentences.contains { $0.hasPrefix("According to Dr Sajjan Gohel") })
        #expect(
            sentences.contains {
                $0.hasPrefix("These clashes often occur in tandem with U.S. and Afghan military operations")
            })
        #expect(!sentences.contains("U.S."))
    }

    @Test func wordCountCoversTheBody() {
        #expect((400...430).contains(document.wordCount))
        #expect(document.warnings.isEmpty)
    }
}
