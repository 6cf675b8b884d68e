/// How Ingest treats its input.
public struct IngestConfiguration: Sendable, Equatable {
    /// Bytes beyond this are not read; the document says it was cut.
    public var maximumBytes: Int
    /// Place names and common words from maintained data, for typing names.
    public var lexicon: NameLexicon

    public init(maximumBytes: Int = 16 * 1024 * 1024, lexicon: NameLexicon = .empty) {
        self.maximumBytes = maximumBytes
        self.lexicon = lexicon
    }
}
