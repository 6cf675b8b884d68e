/// The outcome of ingesting one file's bytes.
public enum IngestResult: Sendable, Equatable {
    case document(Document)
    /// Not a document Ingest can read (binary, an unknown format); the reason says why.
    case unsupported(reason: String)
}
