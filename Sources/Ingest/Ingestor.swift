/// Bytes in, `Document` out: detect the format, decode, read the structure, clean, segment.
///
/// Pure and deterministic: no file system, no clock, no global state.
public struct Ingestor: Sendable {
    public var configuration: IngestConfiguration

    public init(configuration: IngestConfiguration = .init()) {
        self.configuration = configuration
    }

    /// Ingests `bytes`, the contents of a file named `fileName` (used for the format and a fallback title).
    /// Short lines whose fingerprints are in `repeatedLines` recur across the corpus and are left out
    /// (see ``RepeatedLines``).
    public func ingest(_ bytes: some Collection<UInt8>, fileName: String, repeatedLines: Set<Int64> = [])
        -> IngestResult
    {
        if bytes.starts(with: ZIPPackage.signature) {
            return packaged(Array(bytes.prefix(configuration.maximumPackageBytes + 1)), fileName, repeatedLines)
        }
        if MailboxReader.recognizes(Array(bytes.prefix(20_000)), fileName: fileName) {
            return .document(mailbox(Array(bytes.prefix(mailboxBytes + 1)), fileName, repeatedLines))
        }
        let (input, warnings) = capped(bytes, what: "")
        // A message is text: binary bytes behind a .eml name are not one.
        if MailReader.recognizes(input, fileName: fileName), !input.prefix(8192).contains(0) {
            return .document(message(input, fileName: fileName, warnings: warnings, repeatedLines))
        }
        let format: DocumentFormat
        switch FormatDetector.detect(bytes: input, fileName: fileName) {
        case .supported(let detected): format = detected
        case .unsupported(let reason): return .unsupported(reason: reason)
        }
        return .document(document(from: input, format: format, fileName: fileName, warnings: warnings, repeatedLines))
    }

    /// Whether the file is read whole, up to ``IngestConfiguration/maximumPackageBytes`` rather than
    /// the size cap: an archive (an office document, a book), whose directory is at its end, or a
    /// mailbox, whose messages are documents of their own.
    public static func readsWhole(_ bytes: [UInt8], fileName: String) -> Bool {
        bytes.starts(with: ZIPPackage.signature) || MailboxReader.recognizes(bytes, fileName: fileName)
    }

    /// A message, with its readable attachments as its parts.
    private func message(_ bytes: [UInt8], fileName: String, warnings: [String], _ repeatedLines: Set<Int64>)
        -> Document
    {
        let message = MailReader.read(bytes, limits: packageLimits)
        var document = document(
            from: message.blocks, format: .email, fileName: fileName, warnings: warnings + message.warnings,
            repeatedLines)
        document.parts = message.attachments.map { attachment in
            DocumentPart(
                name: attachment.name,
                document: self.document(
                    from: attachment.blocks, format: attachment.format, fileName: attachment.name, warnings: [], []))
        }
        document.attachedFiles = message.files
        return document
    }

    /// Bytes of a mailbox read: every message of it is in memory at once, as a document.
    var mailboxBytes: Int { 2 * configuration.maximumBytes }

    /// A mailbox: a list of its messages, and each message (numbered from 1) a part, its
    /// attachments parts too ("3#report.docx").
    private func mailbox(_ bytes: [UInt8], _ fileName: String, _ repeatedLines: Set<Int64>) -> Document {
        var parts: [DocumentPart] = []
        var files: [AttachedFile] = []
        var listing: [Block] = []
        for (index, raw) in MailboxReader.messages(Array(bytes.prefix(mailboxBytes))).enumerated() {
            let (input, warnings) = capped(raw, what: "message ")
            var message = message(input, fileName: "message \(index + 1)", warnings: warnings, [])
            let number = String(index + 1)
            var line = "\(number). \(message.title)"
            if let author = message.author { line += ", from \(author)" }
            if let date = message.date { line += ", \(date)" }
            listing.append(.paragraph(line))
            let attachments = message.parts
            files += message.attachedFiles.map {
                AttachedFile(name: number + "#" + $0.name, bytes: $0.bytes, format: $0.format)
            }
            (message.parts, message.attachedFiles) = ([], [])
            parts.append(DocumentPart(name: number, document: message))
            parts += attachments.map { DocumentPart(name: number + "#" + $0.name, document: $0.document) }
        }
        let sequence = BlockSequence(declaredTitle: Self.fallbackTitle(for: fileName), blocks: listing)
        var document = document(from: sequence, format: .mailbox, fileName: fileName, warnings: [], repeatedLines)
        if bytes.count > mailboxBytes {
            document.warnings.append("cut at \(mailboxBytes) bytes: the later messages are not indexed")
        }
        document.parts = parts
        document.attachedFiles = files
        return document
    }

    /// How far the parts of an archive (an office document, a book, a message's attachments) may expand.
    var packageLimits: ZIPPackage.Limits {
        ZIPPackage.Limits(part: configuration.maximumBytes, total: 2 * configuration.maximumBytes)
    }

    /// A ZIP-based document: Word, Excel or PowerPoint (Office Open XML), OpenDocument text,
    /// spreadsheet or presentation, or EPUB.
    private func packaged(_ bytes: [UInt8], _ fileName: String, _ repeatedLines: Set<Int64>) -> IngestResult {
        guard bytes.count <= configuration.maximumPackageBytes else {
            return .unsupported(reason: "an archive larger than \(configuration.maximumPackageBytes) bytes")
        }
        do {
            var package = try ZIPPackage(bytes, limits: packageLimits)
            let format: DocumentFormat
            let blocks: BlockSequence
            if DOCXReader.recognizes(package) {
                (format, blocks) = (.docx, try DOCXReader.read(&package))
            } else if XLSXReader.recognizes(package) {
                (format, blocks) = (.xlsx, try XLSXReader.read(&package))
            } else if PPTXReader.recognizes(package) {
                (format, blocks) = (.pptx, try PPTXReader.read(&package))
            } else if ODTReader.recognizes(&package) {
                (format, blocks) = (.odt, try ODTReader.read(&package))
            } else if let sheets = OpenDocumentSheetsReader.format(of: &package) {
                (format, blocks) = (sheets, try OpenDocumentSheetsReader.read(&package, as: sheets))
            } else if EPUBReader.recognizes(&package) {
                (format, blocks) = (.epub, try EPUBReader.read(&package))
            } else {
                return .unsupported(
                    reason:
                        "a ZIP archive that is no document dossier reads (Word, Excel, PowerPoint, OpenDocument or EPUB)"
                )
            }
            return .document(document(from: blocks, format: format, fileName: fileName, warnings: [], repeatedLines))
        } catch {
            return .failed(reason: error.description)
        }
    }

    /// Ingests a PDF as `pdftotext -bbox-layout` laid it out (see ``PDFLayout``).
    public func ingest(pdfLayout layout: PDFLayout, fileName: String, repeatedLines: Set<Int64> = []) -> IngestResult {
        .document(document(from: layout.sequence, format: .pdf, fileName: fileName, warnings: [], repeatedLines))
    }

    /// Ingests the text another program extracted from a document in `format` that Ingest cannot
    /// read itself: a PDF's text from `pdftotext` (UTF-8, pages separated by form feeds), or the
    /// text OCR `recognized` in an image or a scanned PDF.
    public func ingest(
        extractedText bytes: some Collection<UInt8>, format: DocumentFormat, fileName: String,
        recognized: Bool = false, repeatedLines: Set<Int64> = []
    ) -> IngestResult {
        let (input, warnings) = capped(bytes, what: "text ")
        var document = document(from: input, format: format, fileName: fileName, warnings: warnings, repeatedLines)
        document.recognized = recognized || format == .image
        return .document(document)
    }

    /// The input up to the size cap, and the warning that says it was cut, if it was.
    private func capped(_ bytes: some Collection<UInt8>, what: String) -> (input: [UInt8], warnings: [String]) {
        var input = Array(bytes)
        guard input.count > configuration.maximumBytes else { return (input, []) }
        let warning = "\(what)cut at \(configuration.maximumBytes) bytes of \(input.count): the rest is not indexed"
        input.removeSubrange(configuration.maximumBytes...)
        return (input, [warning])
    }

    private func document(
        from input: [UInt8], format: DocumentFormat, fileName: String, warnings: [String],
        _ repeatedLines: Set<Int64>
    ) -> Document {
        if format == .rtf {
            return document(
                from: RTFReader.read(input), format: format, fileName: fileName, warnings: warnings, repeatedLines)
        }
        let decoded = format == .html ? HTMLCharset.decode(input) : TextDecoder.decode(input)
        let blocks: BlockSequence
        switch format {
        case .plainText: blocks = PlainTextReader.read(decoded.text)
        case .markdown: blocks = MarkdownReader.read(decoded.text)
        case .html: blocks = HTMLReader.read(decoded.text)
        case .pdf, .image: blocks = PlainTextReader.read(ExtractedText.joiningPages(decoded.text))
        case .doc: blocks = WordText.read(decoded.text)
        case .xls: blocks = CSVText.read(decoded.text)
        case .docx, .odt, .epub, .email, .mailbox, .rtf, .xlsx, .ods, .pptx, .odp:
            preconditionFailure("\(format) is read from its bytes, not as text")
        }
        return document(
            from: blocks, format: format, fileName: fileName, warnings: warnings + decoded.warnings, repeatedLines)
    }

    /// The document a format reader's blocks make: cleaned, dated, segmented and annotated.
    func document(
        from blocks: BlockSequence, format: DocumentFormat, fileName: String, warnings: [String],
        _ repeatedLines: Set<Int64>
    ) -> Document {
        var cleaned = BoilerplateCleaner.clean(blocks, fallbackTitle: Self.fallbackTitle(for: fileName))
        cleaned.blocks = RepeatedLines.removing(repeatedLines, from: cleaned.blocks)
        var date = blocks.declaredDate
        if date == nil, let dateline = PublicationDate.inDateline(cleaned.blocks) {
            date = dateline.date
            // "Published 27 August 2021 | By Ann Lee" is a line of the text, not a heading.
            if case .heading(_, let text) = cleaned.blocks[dateline.index] {
                cleaned.blocks[dateline.index] = .paragraph(text)
            }
        }
        let sections = Segmenter.sections(from: cleaned.blocks)
        var document = Document(
            format: format,
            title: cleaned.title,
            category: cleaned.category,
            date: date,
            sections: sections,
            warnings: warnings,
            annotations: Annotator.annotate(
                sections, title: cleaned.title, date: date, lexicon: configuration.lexicon,
                tagger: configuration.tagger),
            lineFingerprints: RepeatedLines.fingerprints(of: blocks.blocks),
            page: blocks.page,
            author: blocks.author
        )
        if document.annotations.language == nil { document.annotations.language = blocks.page?.language }
        document.keyTerms = TermExtractor.keyTerms(of: document)
        return document
    }

    /// The file name without folders and extension, as a title of last resort.
    static func fallbackTitle(for fileName: String) -> String {
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
        return String(base[..<dot])
    }
}
