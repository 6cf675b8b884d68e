import Ingest
import Testing

@testable import Store

@Suite struct LineReadsTests {
    func ingest(_ text: String) -> IngestResult {
        Ingestor().ingest(Array(text.utf8), fileName: "doc.txt")
    }

    @Test func countsLinesAcrossDocumentsAndForgetsThoseOfRemovedOnes() async throws {
        let cache = try CacheFixture()
        func page(_ lines: [Int64]) -> IngestResult {
            guard case .document(var document) = ingest("Page\n\nText of the page.") else { return ingest("") }
            document.lineFingerprints = lines
            return .document(document)
        }
        // Line 7 is on every page, line 8 on three, line 9 on one.
        try await cache.store.writer.apply(
            (1...6).map { number in
                .index(
                    path: "p\(number).txt", file: CacheFixture.state("\(number)"),
                    result: page(number <= 3 ? [7, 8] : [7]))
            } + [.index(path: "p7.txt", file: CacheFixture.state("7"), result: page([7, 9]))])
        #expect(try await cache.store.lines.repeated(minimumDocuments: 5) == [7])
        #expect(try await cache.store.lines.repeated(among: [7, 8, 9, 10], minimumDocuments: 5) == [7])
        #expect(try await cache.store.lines.repeated(among: [7, 8, 9, 10], minimumDocuments: 3) == [7, 8])
        #expect(try await cache.store.lines.repeated(among: [7, 8, 9], minimumDocuments: 1) == [7, 8, 9])
        #expect(try await cache.store.lines.fingerprints(paths: ["p1.txt", "p7.txt", "missing.txt"]) == [7, 8, 9])
        #expect(try await cache.store.lines.paths(withLines: [8, 9]) == ["p1.txt", "p2.txt", "p3.txt", "p7.txt"])

        try await cache.store.writer.apply([.remove(path: "p1.txt"), .remove(path: "p2.txt"), .remove(path: "p3.txt")])
        #expect(try await cache.store.lines.repeated(among: [7, 8], minimumDocuments: 5) == [])
        #expect(try await cache.store.lines.repeated(among: [7, 8], minimumDocuments: 4) == [7])
        #expect(try await cache.store.lines.fingerprints(paths: ["p1.txt"]) == [])
    }
}
