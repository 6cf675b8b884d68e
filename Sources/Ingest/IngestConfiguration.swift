/// How Ingest treats its input.
public struct IngestConfiguration: Sendable, Equatable {
    /// Bytes beyond this are not read; the document says it was cut. The parts of an archive
    /// (an office document, a book) may each expand to this many, and to twice as many together.
    public var maximumBytes: Int
    /// Bytes of an archive-based document (DOCX, ODT, EPUB): pictures make them larger than their text.
    public var maximumPackageBytes: Int
    /// Place names and common words from maintained data, for typing names.
    public var lexicon: NameLexicon
    /// The part-of-speech tagger names are read with: whether a capitalised word is a name or
    /// only starts a sentence. Without it, the lexicon's common words decide.
    public var tagger: PartOfSpeechTagger?

    public init(
        maximumBytes: Int = 16 * 1024 * 1024, maximumPackageBytes: Int = 128 * 1024 * 1024,
        lexicon: NameLexicon = .empty, tagger: PartOfSpeechTagger? = nil
    ) {
        self.maximumBytes = maximumBytes
        self.maximumPackageBytes = maximumPackageBytes
        self.lexicon = lexicon
        self.tagger = tagger
    }
}
