import DossierTesting
import Foundation
import Ingest
import Testing

@testable import Store

@Suite struct CacheWriterTests {
    let work: TemporaryDirectory
    let store: DocumentStore

    init() throws {
        work = try TemporaryDirectory()
        store = try DocumentStore(path: work.subpath("cache.sqlite"))
    }

    func state(_ hash: String, size: Int64 = 10, inode: UInt64 = 1) -> FileState {
        FileState(size: size, modificationTime: 1_000, inode: inode, contentHash: hash)
    }

    /// Documents holding every one of `words`.
    func search(_ words: String...) async throws -> SearchPage {
        try await store.search.documents(
            DocumentSearch(match: words.map { "\"\($0)\"" }.joined(separator: " AND ")), limit: 10,
            highlight: ("**", "**"))
    }

    func ingest(_ text: String, name: String = "doc.txt") -> IngestResult {
        Ingestor().ingest(Array(text.utf8), fileName: name)
    }

    @Test func indexesSearchesAndReplacesADocumentInOneChange() async throws {
        let applied = try await store.writer.apply([
            .index(path: "a.txt", file: state("1"), result: ingest("Lighthouses\n\nThe keeper lit the lamp at dusk."))
        ])
        #expect(applied.map(\.kind) == [.added])
        var page = try await search("keeper", "lamp")
        #expect(page.total == 1)
        #expect(page.hits.first?.snippet.contains("**keeper**") == true)

        try await store.writer.apply([
            .index(
                path: "a.txt", file: state("2"), result: ingest("Lighthouses\n\nThe keeper slept through the storm."))
        ])
        page = try await search("lamp")
        #expect(page.total == 0)
        page = try await search("storms")  // stemmed
        #expect(page.hits.map(\.path) == ["a.txt"])
        #expect(try await store.documents.generation() == 2)
        #expect(try await store.documents.counts().indexed == 1)
    }

    @Test func movingAFolderRenamesEveryDocumentBelowIt() async throws {
        try await store.writer.apply([
            .index(path: "notes/a.txt", file: state("1"), result: ingest("Alpha text here.")),
            .index(path: "notes/sub/b.txt", file: state("2"), result: ingest("Beta text here.")),
            .index(path: "notes-other/c.txt", file: state("3"), result: ingest("Gamma text here.")),
        ])
        let applied = try await store.writer.apply([.move(from: "notes", to: "archive")])
        #expect(Set(applied.map(\.path)) == ["archive/a.txt", "archive/sub/b.txt"])
        let paths = try await store.documents.list(limit: 10).map(\.path)
        #expect(paths == ["archive/a.txt", "archive/sub/b.txt", "notes-other/c.txt"])
        #expect(try await search("beta").hits.map(\.path) == ["archive/sub/b.txt"])

        try await store.writer.apply([.remove(path: "archive")])
        #expect(try await store.documents.list(limit: 10).map(\.path) == ["notes-other/c.txt"])
    }

    @Test func failuresAreKeptWithTheirReason() async throws {
        try await store.writer.apply([
            .fail(path: "locked.txt", file: state(""), reason: "cannot read: Permission denied"),
            .index(
                path: "blob.bin", file: state("9"), result: .unsupported(reason: "a PNG image is not a text document")),
        ])
        let counts = try await store.documents.counts()
        #expect(counts.failed == 1 && counts.unsupported == 1 && counts.indexed == 0)
        let failed = try await store.documents.list(limit: 10, failedOnly: true)
        #expect(failed.map(\.reason) == ["a PNG image is not a text document", "cannot read: Permission denied"])
        // Their names are not searchable text.
        #expect(try await search("locked").total == 0)
    }

    @Test func filtersNarrowBySearchPathLanguageAndEntity() async throws {
        try await store.writer.apply([
            .index(
                path: "notes/kabul.txt", file: state("1"),
                result: ingest("Kabul\n\nGeneral Kenneth McKenzie spoke about the airport in Kabul.")),
            .index(
                path: "other/lamp.txt", file: state("2"),
                result: ingest("Lamps\n\nThe keeper lit the lamp at dusk near the airport.")),
        ])
        func paths(_ search: DocumentSearch) async throws -> [String] {
            try await store.search.documents(search, limit: 10, highlight: ("", "")).hits.map(\.path).sorted()
        }
        #expect(try await paths(DocumentSearch(match: "\"airport\"")) == ["notes/kabul.txt", "other/lamp.txt"])
        #expect(
            try await paths(DocumentSearch(match: "\"airport\"", filters: [DocumentFilter(.path, "notes/")]))
                == ["notes/kabul.txt"])
        #expect(try await paths(DocumentSearch(match: nil, filters: [DocumentFilter(.path, "*.txt")])).count == 2)
        #expect(
            try await paths(DocumentSearch(match: nil, filters: [DocumentFilter(.entity, "mckenzie")]))
                == ["notes/kabul.txt"])
        #expect(
            try await paths(
                DocumentSearch(match: "\"airport\"", filters: [DocumentFilter(.entity, "McKenzie", negated: true)]))
                == ["other/lamp.txt"])
        #expect(
            try await paths(DocumentSearch(match: "\"airport\"", exclude: "\"lamp\"")) == ["notes/kabul.txt"])
        #expect(try await paths(DocumentSearch(match: nil, filters: [DocumentFilter(.language, "EN")])).count == 2)
    }

    @Test func foldersWhoseNamesHoldCombiningMarksAreMovedAndRemovedWhole() async throws {
        let folder = "cafe\u{301}"
        try await store.writer.apply([
            .index(path: "\(folder)/a.txt", file: state("1"), result: ingest("Alpha text here.")),
            .index(path: "\(folder)x/b.txt", file: state("2"), result: ingest("Beta text here.")),
        ])
        try await store.writer.apply([.move(from: folder, to: "menu")])
        #expect(try await store.documents.list(limit: 10).map(\.path).sorted() == ["\(folder)x/b.txt", "menu/a.txt"])
        try await store.writer.apply([.move(from: "menu", to: folder)])
        try await store.writer.apply([.remove(path: folder)])
        #expect(try await store.documents.list(limit: 10).map(\.path) == ["\(folder)x/b.txt"])
    }

    @Test func anEntityGoesWithTheLastDocumentThatNamesIt() async throws {
        let cache = try await CacheFixture.filled()
        let names = { try await cache.store.entities.list(kind: nil, path: nil, limit: 10).map(\.name).sorted() }
        try await cache.store.writer.apply([.remove(path: "harbour.txt")])
        #expect(try await names() == ["Smith, Jones & Co", "Washington, D.C.", "Zoë Ōkubo", "Владимир Путин", "東京"])
        try await cache.store.writer.apply([
            .index(
                path: "capital.txt", file: CacheFixture.state("2"),
                result: .document(CacheFixture.document(title: "Emptied", sections: [(nil, [["Nothing named."]])])))
        ])
        #expect(try await names() == [])
        #expect(try await !cache.store.entities.exists(named: "Washington, D.C."))
        #expect(try await !cache.store.entities.exists(named: "Ōkubo"), "its aliases go with it")
    }

    @Test func anEntityStaysWhileAnotherDocumentNamesIt() async throws {
        let cache = try await CacheFixture.filled()
        try await cache.store.writer.apply([.move(from: "capital.txt", to: "old/capital.txt"), .remove(path: "old")])
        #expect(
            try await cache.store.entities.list(kind: nil, path: nil, limit: 10).map(\.name).sorted() == [
                "Washington, D.C.", "Zoë Ōkubo",
            ])
    }

    @Test func reopeningKeepsEverythingAndIntegrityHolds() async throws {
        try await store.writer.apply([.index(path: "a.txt", file: state("1"), result: ingest("Persisted text."))])
        let reopened = try DocumentStore(path: work.subpath("cache.sqlite"))
        #expect(try await reopened.documents.fileStates()["a.txt"]?.contentHash == "1")
        #expect(try reopened.integrityCheck() == "ok")
    }

    @Test func aForeignDatabaseIsRebuilt() async throws {
        let path = work.subpath("foreign.sqlite")
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["sqlite3", path, "CREATE TABLE unrelated(x); INSERT INTO unrelated VALUES (1);"]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(throws: StoreError.self) { try DocumentStore(path: path) }
        var reasons: [String] = []
        let rebuilt = try DocumentStore.openOrRebuild(path: path) { reasons.append("\($0)") }
        #expect(reasons.count == 1)
        #expect(try await rebuilt.documents.fileStates().isEmpty)
    }
}
