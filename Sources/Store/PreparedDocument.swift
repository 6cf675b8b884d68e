import Foundation
import Ingest

/// A document with everything the writer stores worked out beforehand: its text laid out and
/// compressed, its word count, its term vector and its JSON columns. The readers of files make it, on every
/// core, so that the one writer only binds and inserts.
public struct PreparedDocument: Sendable {
    public let document: Document
    let layout: TextLayout
    /// The text as `texts.body` stores it (``CompressedText``), nil when it is stored as it is.
    let compressedBody: [UInt8]?
    /// The UTF-8 bytes of the text and of its parts' texts.
    let textBytes: Int
    /// Where each quotation lies in the text, in the order of `document.annotations.quotes`:
    /// nil for one that is not there word for word, which is stored with its own text.
    let quoteRanges: [TextLayout.Range?]
    let wordCount: Int
    let warnings: String
    let foreignSpans: String
    let vector: TermVector?
    let parts: [(name: String, document: PreparedDocument)]

    /// The most frequent stemmed terms, the word shown for each and its count, as the lists
    /// `document_vectors` stores (``TermListCoding``). A word that is its term is left empty: most are.
    struct TermVector {
        var terms: String
        var words: String
        var counts: String
    }

    /// Prepares `document`, its text compressed with `dictionary` when there is one.
    public init(_ document: Document, dictionary: TextDictionary? = nil) {
        self.document = document
        layout = TextLayout(document.sections)
        compressedBody = CompressedText.compress(layout.body, dictionary: dictionary)
        quoteRanges = layout.ranges(of: document.annotations.quotes.map { ($0.text, $0.sentence) })
        wordCount = document.wordCount
        warnings = Self.json(document.warnings) ?? "[]"
        foreignSpans =
            Self.json(document.annotations.foreignSpans.map { ["text": $0.text, "language": $0.language] }) ?? "[]"
        vector =
            document.keyTerms.isEmpty
            ? nil
            : TermVector(
                terms: document.keyTerms.map(\.term).joined(separator: " "),
                words: TermListCoding.encode(words: document.keyTerms.map { $0.word == $0.term ? "" : $0.word }),
                counts: TermListCoding.encode(counts: document.keyTerms.map(\.count)))
        parts = document.parts.map { ($0.name, PreparedDocument($0.document, dictionary: dictionary)) }
        textBytes = layout.body.utf8.count + parts.reduce(0) { $0 + $1.document.textBytes }
    }

    private static func json<Value: Encodable>(_ value: [Value]) -> String? {
        guard !value.isEmpty, let data = try? JSONEncoder().encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

/// What reading a file gave, prepared for the writer.
public enum PreparedResult: Sendable {
    case document(PreparedDocument)
    case unsupported(reason: String)
    case failed(reason: String)

    public init(_ result: IngestResult, dictionary: TextDictionary? = nil) {
        switch result {
        case .document(let document): self = .document(PreparedDocument(document, dictionary: dictionary))
        case .unsupported(let reason): self = .unsupported(reason: reason)
        case .failed(let reason): self = .failed(reason: reason)
        }
    }
}
