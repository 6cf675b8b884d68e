import DossierTesting
import Ingest
import Query
import Store

/// A real SQLite cache in a temporary folder, and the query engine over it.
struct QueryCache {
    let work: TemporaryDirectory
    let store: DocumentStore
    let engine: QueryEngine

    init() throws {
        work = try TemporaryDirectory()
        store = try DocumentStore(path: work.subpath("cache.sqlite"))
        engine = QueryEngine(store: store)
    }

    /// Ingests each text under its path, as the indexer would.
    func add(_ documents: [String: String]) async throws {
        try await store.writer.apply(
            documents.sorted { $0.key < $1.key }.enumerated().map { index, document in
                .index(
                    path: document.key,
                    file: FileState(size: 1, modificationTime: 1, inode: UInt64(index), contentHash: "\(index)"),
                    result: Ingestor().ingest(Array(document.value.utf8), fileName: document.key))
            })
    }
}
