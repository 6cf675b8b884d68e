import Testing

@testable import Ingest
@testable import Store

@Suite struct DocumentReadsTests {
    @Test func aDocumentComesBackWithItsSectionsAndParagraphs() async throws {
        let cache = try await CacheFixture.filled()
        let document = try #require(try await cache.store.documents.document(path: "harbour.txt"))
        #expect(document.summary.title == "Harbour works")
        #expect(document.summary.status == .indexed)
        #expect(document.summary.format == "text")
        #expect(document.sections.map(\.heading) == [nil, "Who pays?"])
        #expect(
            document.sections.map(\.paragraphs) == [
                ["Ōkubo opened the harbour works in Washington, D.C. with 2,000 workers. The works cost $1.5 billion."],
                ["The city pays for the harbour. It borrowed the money."],
            ])
        #expect(document.contentHash == "1")
        #expect(try await cache.store.documents.document(path: "missing.txt") == nil)
    }

    @Test func annotationsAreTheDocumentsOwnInTheOrderTheyAreNamed() async throws {
        let cache = try await CacheFixture.filled()
        let capital = try #require(try await cache.store.documents.annotations(path: "capital.txt"))
        #expect(capital.language == "en")
        #expect(
            capital.entities.map(\.name) == [
                "Washington, D.C.", "Smith, Jones & Co", "Zoë Ōkubo", "Владимир Путин", "東京",
            ])
        let person = try #require(capital.entities.first { $0.name == "Zoë Ōkubo" })
        #expect(person.aliases == ["Ōkubo"])
        #expect(person.mentions == 2)
        #expect(person.documents == 1)
        #expect(
            capital.dates == [
                StoredDate(text: "Monday", startYear: 2024, endYear: 2024, month: 5, day: 6, resolved: true)
            ])
        #expect(capital.quotes.map(\.speaker) == ["Zoë Ōkubo"])

        let harbour = try #require(try await cache.store.documents.annotations(path: "harbour.txt"))
        // Only the aliases this document uses.
        #expect(harbour.entities.first { $0.name == "Zoë Ōkubo" }?.aliases == ["Ōkubo"])
        #expect(
            harbour.numbers == [
                StoredNumber(text: "2,000 workers", value: 2000, unit: "workers", approximate: false),
                StoredNumber(text: "$1.5 billion", value: 1.5e9, unit: "dollars", approximate: false),
            ])
    }

    @Test func fileStatesListsAndCountsSayWhatTheCacheHolds() async throws {
        let cache = try await CacheFixture.filled()
        try await cache.store.writer.apply([
            .fail(path: "broken.pdf", file: CacheFixture.state("9", size: 99, inode: 7), reason: "damaged")
        ])
        let reads = cache.store.documents
        let states = try await reads.fileStates()
        #expect(states.keys.sorted() == ["broken.pdf", "capital.txt", "harbour.txt"])
        #expect(states["broken.pdf"] == CacheFixture.state("9", size: 99, inode: 7))
        #expect(try await reads.fileStates(paths: ["harbour.txt", "missing.txt"]).keys.sorted() == ["harbour.txt"])
        #expect(try await reads.fileState(path: "capital.txt")?.contentHash == "0")
        #expect(try await reads.list(limit: 10).map(\.path) == ["broken.pdf", "capital.txt", "harbour.txt"])
        #expect(try await reads.list(limit: 1, offset: 1).map(\.path) == ["capital.txt"])
        let failed = try await reads.list(limit: 10, failedOnly: true)
        #expect(failed.map(\.path) == ["broken.pdf"])
        #expect(failed.first?.reason == "damaged")
        #expect(failed.first?.status == .failed)
        let (counts, generation) = try await reads.countsAndGeneration()
        #expect(counts == StoreCounts(indexed: 2, unsupported: 0, failed: 1, words: counts.words))
        #expect(counts.words > 20)
        #expect(generation == 3)
        #expect(try await reads.generation() == 3)
    }
}
