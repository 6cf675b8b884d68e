/// What Ingest learned about one file: its cleaned text and structure.
///
/// A `Document` is a value: it holds no file handle and no path, so the
/// same bytes always give the same document.
public struct Document: Sendable, Equatable {
    public var format: DocumentFormat
    /// The title, cleaned of a glued category and never empty.
    public var title: String
    /// A category or rubric that the source glued to its title ("World").
    public var category: String?
    /// When the document says it was published (its metadata or a date line); its relative
    /// dates are resolved against it.
    public var date: CalendarDate?
    public var sections: [Section]
    /// Problems that did not stop ingest (invalid bytes replaced, text cut at the size cap).
    public var warnings: [String]
    /// Language, names, dates and quotations found in the text.
    public var annotations: Annotations
    /// The most frequent content terms, stemmed: what similar documents are compared by.
    public var keyTerms: [TermCount]
    /// Fingerprints of its short lines, counted across the corpus to find the ones that recur
    /// in many documents (see ``RepeatedLines``).
    public var lineFingerprints: [Int64]
    /// A web page's site name, byline, declared language and whole word count; nil for other formats.
    public var page: PageFacts?
    /// Who wrote it, as the document's own metadata says: a web page's byline, an office
    /// document's or a book's author, a message's sender.
    public var author: String?
    /// The text was recognised in images (OCR), not read from the file's text.
    public var recognized: Bool
    /// Documents inside this one, each a document of its own: a mailbox's messages, a
    /// message's attachments. Their names are unique within the file.
    public var parts: [DocumentPart] = []
    /// Attached files that only a helper program reads (a PDF, a picture of text), for the caller
    /// to read and add to ``parts`` under their names.
    public var attachedFiles: [AttachedFile] = []

    public init(
        format: DocumentFormat,
        title: String,
        category: String? = nil,
        date: CalendarDate? = nil,
        sections: [Section],
        warnings: [String] = [],
        annotations: Annotations = Annotations(),
        keyTerms: [TermCount] = [],
        lineFingerprints: [Int64] = [],
        page: PageFacts? = nil,
        author: String? = nil,
        recognized: Bool = false
    ) {
        self.format = format
        self.title = title
        self.category = category
        self.date = date
        self.sections = sections
        self.warnings = warnings
        self.annotations = annotations
        self.keyTerms = keyTerms
        self.lineFingerprints = lineFingerprints
        self.page = page
        self.author = author ?? page?.byline
        self.recognized = recognized
    }

    /// The body as plain text: paragraphs separated by blank lines, headings on lines of their own.
    public var body: String {
        var parts: [String] = []
        for section in sections {
            if let heading = section.heading { parts.append(heading) }
            parts.append(contentsOf: section.paragraphs.map(\.text))
        }
        return parts.joined(separator: "\n\n")
    }

    /// Words in the body, headings included.
    public var wordCount: Int {
        sections.reduce(0) { count, section in
            count + (section.heading.map { WordCounter.count($0) } ?? 0)
                + section.paragraphs.reduce(0) { $0 + WordCounter.count($1.text) }
        }
    }
}

/// A run of paragraphs under one heading; the first section may have none.
public struct Section: Sendable, Equatable {
    public var heading: String?
    public var paragraphs: [Paragraph]

    public init(heading: String?, paragraphs: [Paragraph]) {
        self.heading = heading
        self.paragraphs = paragraphs
    }
}

public struct Paragraph: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case prose
        /// Code or preformatted text: kept, but not split into sentences.
        case code
    }

    public var text: String
    public var kind: Kind
    public var sentences: [String]

    public init(text: String, kind: Kind = .prose, sentences: [String]) {
        self.text = text
        self.kind = kind
        self.sentences = sentences
    }
}

/// A document inside another file, named within it ("3" for a mailbox's third message,
/// "report.docx" for an attachment; "3#report.docx" for an attachment of that message).
public struct DocumentPart: Sendable, Equatable {
    public var name: String
    public var document: Document

    public init(name: String, document: Document) {
        self.name = name
        self.document = document
    }
}

/// A file inside a document that Ingest cannot read itself: its name (as a part would have it)
/// and its bytes.
public struct AttachedFile: Sendable, Equatable {
    public var name: String
    public var bytes: [UInt8]
    public var format: HelperFormat

    public init(name: String, bytes: [UInt8], format: HelperFormat) {
        self.name = name
        self.bytes = bytes
        self.format = format
    }
}

/// The formats read by helper programs outside Ingest, told by their first bytes.
public enum HelperFormat: String, Sendable, Equatable {
    case pdf = "PDF"
    case png = "PNG"
    case jpeg = "JPEG"
    case tiff = "TIFF"
    /// Word and Excel 97–2003 files, told by the streams of their compound file.
    case word97 = "Word 97-2003 document"
    case excel97 = "Excel 97-2003 workbook"

    public init?(_ bytes: some Collection<UInt8>) {
        if bytes.starts(with: CompoundFile.signature) {
            switch CompoundFile.office97Kind(Array(bytes)) {
            case .word?: self = .word97
            case .excel?: self = .excel97
            case .powerPoint?, nil: return nil
            }
        } else if bytes.starts(with: Array("%PDF".utf8)) {
            self = .pdf
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            self = .png
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            self = .tiff
        } else {
            return nil
        }
    }

    /// A picture, read by OCR.
    public var isImage: Bool { self == .png || self == .jpeg || self == .tiff }

    /// The format of the document it makes.
    public var documentFormat: DocumentFormat {
        switch self {
        case .pdf: .pdf
        case .png, .jpeg, .tiff: .image
        case .word97: .doc
        case .excel97: .xls
        }
    }
}

/// An OLE compound file, the container of Office 97–2003 files (and of Outlook's .msg).
enum CompoundFile {
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    enum Office97Kind: Equatable {
        case word, excel, powerPoint
    }

    /// Which Office 97–2003 file it is, by the name of its main stream in the directory (names
    /// are UTF-16LE there); nil for any other compound file.
    static func office97Kind(_ bytes: [UInt8]) -> Office97Kind? {
        let streams: [(String, Office97Kind)] = [
            ("WordDocument", .word), ("Workbook", .excel), ("Book", .excel), ("PowerPoint Document", .powerPoint),
        ]
        for (name, kind) in streams where contains(bytes, utf16: name) { return kind }
        return nil
    }

    private static func contains(_ bytes: [UInt8], utf16 name: String) -> Bool {
        // A directory entry: the name, then its terminating NUL character.
        let needle: [UInt8] = name.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0, 0]
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var index = 0
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}

public enum DocumentFormat: String, Sendable, CaseIterable {
    case plainText = "text"
    case markdown
    case html
    /// Read through `pdftotext`, outside Ingest: see `Ingestor.ingest(extractedText:format:fileName:repeatedLines:)`.
    case pdf
    /// Office Open XML word processing (Word).
    case docx
    /// OpenDocument text (LibreOffice Writer).
    case odt
    case epub
    /// An Internet message (`.eml`): headers and MIME parts.
    case email
    /// A picture of text (PNG, JPEG, TIFF), read by OCR outside Ingest.
    case image
    /// A mailbox (`.mbox`): its messages are its parts.
    case mailbox
    /// Rich Text Format (WordPad, Word, LibreOffice).
    case rtf
    /// Word and Excel 97–2003 files, read through catdoc's programs, outside Ingest.
    case doc
    case xls
    /// Office Open XML spreadsheet (Excel) and presentation (PowerPoint).
    case xlsx
    case pptx
    /// OpenDocument spreadsheet (LibreOffice Calc) and presentation (LibreOffice Impress).
    case ods
    case odp
}
