/// The outcome of ingesting one file's bytes.
public enum IngestResult: Sendable, Equatable {
    case document(Document)
    /// Not a document Ingest can read (binary, an unknown format); the reason says why.
    case unsupported(reason: String)
    /// A document of a format Ingest reads, but damaged or built to do harm (an archive cut
    /// short, a part that expands without end); the reason says what is wrong.
    case failed(reason: String)
}
