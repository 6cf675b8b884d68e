/// Reads an Internet message (`.eml`): the subject is the title, the date the published date,
/// the sender the author; the text is the message's readable body (plain text, or HTML read like
/// a web page when it has no plain part) and the messages it forwards. Attachments Ingest can read
/// (text, Markdown, HTML, DOCX, ODT, EPUB) are documents of their own; the message names every
/// attachment.
enum MailReader {
    struct Message {
        var blocks: BlockSequence
        var warnings: [String]
        var attachments: [Attachment]
        /// Attachments a helper program reads (PDFs, pictures).
        var files: [AttachedFile]
    }

    /// An attachment Ingest can read: its name (unique in the message) and its blocks.
    struct Attachment {
        var name: String
        var format: DocumentFormat
        var blocks: BlockSequence
    }

    /// Parts read at most, and how deep multiparts and forwarded messages may nest.
    static let maximumParts = 500
    static let maximumDepth = 16

    private static let headerNames: Set<String> = [
        "from", "to", "cc", "subject", "date", "message-id", "received", "return-path", "mime-version",
        "delivered-to", "reply-to", "sender", "x-mailer", "in-reply-to", "references", "content-type",
    ]

    /// A `.eml` file, or a file that opens with the header fields of a message.
    static func recognizes(_ bytes: [UInt8], fileName: String) -> Bool {
        if FormatDetector.fileExtension(of: fileName) == "eml" { return true }
        let entity = MIMEEntity(bytes.prefix(16_384))
        let known = entity.fields.filter { headerNames.contains($0.name) }.map(\.name)
        return Set(known).count >= 3 && known.contains("from") && (known.contains("date") || known.contains("subject"))
    }

    static func read(_ bytes: [UInt8], limits: ZIPPackage.Limits) -> Message {
        var reader = Reader(limits: limits)
        let message = MIMEEntity(bytes[...])
        var blocks: [Block] = []
        if let line = reader.addressLine(message) { blocks.append(.paragraph(line)) }
        blocks += reader.body(of: message, depth: 0)
        let sender = message.decodedField("from").map(Self.displayName)
        return Message(
            blocks: BlockSequence(
                declaredTitle: message.decodedField("subject"), blocks: blocks,
                declaredDate: message.field("date").flatMap(Self.date), author: sender),
            warnings: reader.warnings, attachments: reader.attachments, files: reader.files)
    }

    /// "Ann Lee <ann@example.org>" → "Ann Lee"; an address alone stays.
    static func displayName(_ address: String) -> String {
        guard let open = address.firstIndex(of: "<") else { return address.trimmingCharacters(in: .whitespaces) }
        let name = address[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["\""])
        return name.isEmpty ? String(address[open...].dropFirst().prefix { $0 != ">" }) : name
    }

    /// RFC 5322's date: "Tue, 1 Dec 2026 10:00:00 +0000".
    static func date(_ value: String) -> CalendarDate? {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let words = value.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.lowercased() }
        guard let monthIndex = words.firstIndex(where: { months.contains(String($0.prefix(3))) }),
            monthIndex > 0, monthIndex + 1 < words.count,
            let day = Int(words[monthIndex - 1]), let year = Int(words[monthIndex + 1]),
            let month = months.firstIndex(of: String(words[monthIndex].prefix(3)))
        else { return PublicationDate.inFrontMatter(value) }
        return CalendarDate(year: year < 100 ? year + (year < 50 ? 2000 : 1900) : year, month: month + 1, day: day)
    }

    private struct Reader {
        let limits: ZIPPackage.Limits
        var warnings: [String] = []
        var attachments: [Attachment] = []
        var files: [AttachedFile] = []
        var parts = 0

        init(limits: ZIPPackage.Limits) { self.limits = limits }

        /// "From Ann Lee to Bob Stone and Carol Diaz.": who wrote to whom, as a line of the text.
        func addressLine(_ message: MIMEEntity) -> String? {
            guard let from = message.decodedField("from").map(MailReader.displayName) else { return nil }
            let recipients = ["to", "cc"].compactMap { message.decodedField($0) }
                .flatMap { $0.split(separator: ",").map { MailReader.displayName(String($0)) } }
                .filter { !$0.isEmpty }
            guard !recipients.isEmpty else { return "From \(from)." }
            let listed =
                recipients.count == 1
                ? recipients[0] : recipients.dropLast().joined(separator: ", ") + " and " + recipients.last!
            return "From \(from) to \(listed)."
        }

        mutating func body(of entity: MIMEEntity, depth: Int) -> [Block] {
            parts += 1
            guard depth <= MailReader.maximumDepth, parts <= MailReader.maximumParts else {
                if parts == MailReader.maximumParts + 1 {
                    warnings.append("more parts than \(MailReader.maximumParts): the rest is not read")
                }
                return []
            }
            let (type, parameters) = entity.contentType
            if type == "multipart/alternative" {
                let alternatives = entity.parts()
                let chosen =
                    alternatives.first { $0.contentType.type == "text/plain" && !isBlank($0) }
                    ?? alternatives.first { $0.contentType.type == "text/html" } ?? alternatives.last
                return chosen.map { body(of: $0, depth: depth + 1) } ?? []
            }
            if type.hasPrefix("multipart/") {
                let children = entity.parts()
                if children.isEmpty { warnings.append("a multipart without its parts") }
                return children.flatMap { body(of: $0, depth: depth + 1) }
            }
            let isAttachment = entity.contentDisposition?.kind == "attachment" || entity.fileName != nil
            if type == "message/rfc822" {
                let forwarded = MIMEEntity(entity.body[...])
                let subject = forwarded.decodedField("subject") ?? "a message"
                var blocks: [Block] = [.heading(level: 2, text: "Forwarded: \(subject)")]
                if let line = addressLine(forwarded) { blocks.append(.paragraph(line)) }
                return blocks + body(of: forwarded, depth: depth + 1)
            }
            let read: (format: DocumentFormat, blocks: BlockSequence)?
            switch type {
            case "text/plain" where !isAttachment || entity.fileName.map(isText) ?? true:
                read = (.plainText, PlainTextReader.read(text(of: entity, parameters)))
            case "text/html":
                read = (.html, HTMLReader.read(text(of: entity, parameters)))
            case "text/markdown":
                read = (.markdown, MarkdownReader.read(text(of: entity, parameters)))
            default:
                read = packaged(entity)
            }
            guard isAttachment else { return read?.blocks.blocks ?? [] }
            let name = uniqueName(entity.fileName ?? "attachment")
            guard let read else {
                let body = entity.body
                if let format = HelperFormat(body) {
                    files.append(AttachedFile(name: name, bytes: body, format: format))
                    return [.paragraph("Attachment \(name).")]
                }
                return [.paragraph("Attachment \(name) (\(type)), not read.")]
            }
            attachments.append(Attachment(name: name, format: read.format, blocks: read.blocks))
            return [.paragraph("Attachment \(name).")]
        }

        /// The attachment's file name, made unique in the message and fit to follow a "#".
        mutating func uniqueName(_ fileName: String) -> String {
            let base = String(fileName.map { $0 == "#" || $0 == "/" ? "-" : $0 })
            var name = base
            var number = 2
            while attachments.contains(where: { $0.name == name }) || files.contains(where: { $0.name == name }) {
                name = "\(base) (\(number))"
                number += 1
            }
            return name
        }

        /// An attachment of a kind Ingest reads by its bytes: an office document or a book.
        mutating func packaged(_ entity: MIMEEntity) -> (format: DocumentFormat, blocks: BlockSequence)? {
            let bytes = entity.body
            guard bytes.starts(with: ZIPPackage.signature), var package = try? ZIPPackage(bytes, limits: limits) else {
                return nil
            }
            do {
                if DOCXReader.recognizes(package) { return (.docx, try DOCXReader.read(&package)) }
                if ODTReader.recognizes(&package) { return (.odt, try ODTReader.read(&package)) }
                if EPUBReader.recognizes(&package) { return (.epub, try EPUBReader.read(&package)) }
            } catch {
                warnings.append("attachment \(entity.fileName ?? "without a name"): \(error)")
            }
            return nil
        }

        mutating func text(of entity: MIMEEntity, _ parameters: [String: String]) -> String {
            let decoded = Charset.decode(entity.body, charset: parameters["charset"])
            if let warning = decoded.warning { warnings.append(warning) }
            return TextDecoder.normalizeLineEndings(decoded.text)
        }

        func isBlank(_ entity: MIMEEntity) -> Bool { entity.body.allSatisfy { $0 <= 0x20 } }

        func isText(_ name: String) -> Bool {
            ["txt", "text", "md", "markdown", "csv", ""].contains(FormatDetector.fileExtension(of: name))
        }
    }
}
