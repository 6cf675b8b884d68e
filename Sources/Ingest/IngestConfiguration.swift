/// How Ingest treats its input.
public struct IngestConfiguration: Sendable, Equatable {
    /// Bytes beyond this are not read; the document says it was cut. The parts of an archive
    /// (an office document, a book) may each expand to this many, and to twice as many together.
    public var maximumBytes: Int
    /// Bytes of an archive-based document (DOCX, ODT, EPUB): pictures make them larger than their text.
    public var maximumPackageBytes: Int
    /// Place names and common words from maintained data, for typing names.
    public var lexicon: NameLexicon

    public init(
        maximumBytes: Int = 16 * 1024 * 1024, maximumPackageBytes: Int = 128 * 1024 * 1024,
        lexicon: NameLexicon = .empty
    ) {
        self.maximumBytes = maximumBytes
        self.maximumPackageBytes = maximumPackageBytes
        self.lexicon = lexicon
    }
}
