import DossierTesting
import Foundation
import Testing

@testable import Ingest

/// Messages composed by Python's `email` package, read back.
@Suite struct MailReaderTests {
    /// The bytes of the message a Python script builds as `message` (with `docx`, the bytes of a
    /// Word document, at hand).
    static func composed(_ script: String) throws -> [UInt8] {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let docx = folder.subpath("timetable.docx")
        try Data(try PackagedDocumentTests.made("docx")).write(to: URL(fileURLWithPath: docx))
        let program = """
            import sys
            from email.message import EmailMessage
            from email.headerregistry import Address
            docx = open(sys.argv[1], "rb").read()
            message = EmailMessage()
            \(script)
            sys.stdout.buffer.write(message.as_bytes())
            open(sys.argv[2], "wb").write(message.as_bytes())
            """
        _ = try folder.write("compose.py", program)
        let output = folder.subpath("message.eml")
        let (status, text) = try runCommand(["python3", folder.subpath("compose.py"), docx, output])
        try #require(status == 0, "\(text)")
        return Array(try Data(contentsOf: URL(fileURLWithPath: output)))
    }

    static func document(_ bytes: [UInt8], _ name: String = "message.eml") throws -> Document {
        guard case .document(let document) = Ingestor().ingest(bytes, fileName: name) else {
            Issue.record("not read as a document")
            throw CancellationError()
        }
        return document
    }

    /// Most of people's mail is short: a one-line body and a sign-off are the message.
    @Test(arguments: [
        "See you at five. Ana\n", "Minutes of meeting 2. nothing\n",
        "The ferry leaves at nine tomorrow, from the north quay.\n\nRegards,\nAna\n",
    ])
    func aShortMessageKeepsEveryWord(body: String) throws {
        let bytes = try Self.composed(
            """
            message["Subject"] = "Tomorrow"
            message["From"] = Address("Ana Ruiz", "ana", "example.org")
            message["To"] = "bob@example.org"
            message["Date"] = "Fri, 27 Aug 2021 10:00:00 +0000"
            message.set_content(\(body.debugDescription))
            """)
        let document = try Self.document(bytes)
        let words = body.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(document.body.split(whereSeparator: \.isWhitespace).joined(separator: " ").hasSuffix(words))
    }

    @Test func aMessageGivesItsSubjectSenderDateTextAndReadableAttachments() throws {
        let bytes = try Self.composed(
            """
            message["Subject"] = "Überfahrt nach Kiel"
            message["From"] = Address("Ann Lee", "ann", "example.org")
            message["To"] = "Bob Stone <bob@example.org>, carol@example.org"
            message["Date"] = "Fri, 27 Aug 2021 10:00:00 +0000"
            message.set_content("The ferry to Kiel leaves at nine.\\nTickets cost forty euros.\\n", cte="quoted-printable")
            message.add_alternative("<html><body><p>The ferry to Kiel leaves at nine.</p></body></html>", subtype="html")
            message.add_attachment(docx, maintype="application",
                subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename="timetable.docx")
            message.add_attachment(b"%PDF-1.4 not really", maintype="application", subtype="pdf", filename="scan.pdf")
            """)
        // The name says nothing: the header fields tell a message.
        let document = try Self.document(bytes, "saved-message")
        #expect(document.format == .email)
        #expect(document.title == "Überfahrt nach Kiel")
        #expect(document.author == "Ann Lee")
        #expect(document.date == CalendarDate(year: 2021, month: 8, day: 27))
        let text = document.sections.flatMap(\.paragraphs).map(\.text)
        #expect(text.first == "From Ann Lee to Bob Stone and carol@example.org.")
        // The plain part, once: the HTML alternative says the same.
        #expect(text.filter { $0.contains("The ferry to Kiel leaves at nine.") }.count == 1, "\(text)")
        // A readable attachment is a document of its own, which the message names.
        #expect(text.contains("Attachment timetable.docx."))
        #expect(!text.contains("The ferries run from the north quay every hour."))
        #expect(document.parts.map(\.name) == ["timetable.docx"])
        let attachment = try #require(document.parts.first?.document)
        #expect(attachment.format == .docx)
        #expect(attachment.title == "Harbour Report")
        #expect(
            attachment.sections.flatMap(\.paragraphs).map(\.text).contains(
                "The ferries run from the north quay every hour."))
        // A PDF is read by a helper program, outside Ingest: handed over with its name.
        #expect(text.contains("Attachment scan.pdf."))
        #expect(document.attachedFiles.map(\.name) == ["scan.pdf"])
        #expect(document.attachedFiles.first?.format == .pdf)
    }

    @Test func aDeclaredCharsetIsReadAndAWrongOneIsSaid() throws {
        let latin = try Self.composed(
            """
            message["Subject"] = "Menu"
            message["From"] = "chef@example.org"
            message["Date"] = "Mon, 6 Sep 2021 08:00:00 +0200"
            message.set_content("Café crème et crêpes.\\n", charset="iso-8859-1", cte="8bit")
            """)
        let read = try Self.document(latin)
        #expect(read.sections.flatMap(\.paragraphs).map(\.text).contains("Café crème et crêpes."))
        #expect(read.warnings.isEmpty)
        // The same bytes, claiming UTF-8.
        let lying = latin.replacing(Array("iso-8859-1".utf8), with: Array("utf-8".utf8))
        try #require(lying != latin)
        let wrong = try Self.document(lying)
        #expect(wrong.warnings.contains { $0.contains("UTF-8") }, "\(wrong.warnings)")
        let unknown = try Self.document(latin.replacing(Array("iso-8859-1".utf8), with: Array("x-made-up".utf8)))
        #expect(unknown.warnings.contains { $0.contains("x-made-up") }, "\(unknown.warnings)")
        #expect(unknown.sections.flatMap(\.paragraphs).map(\.text).contains("Café crème et crêpes."))
    }

    @Test func aMailboxGivesEachMessageAndItsAttachmentsAsParts() throws {
        let first = try Self.composed(
            """
            message["Subject"] = "Ferry times"
            message["From"] = "Ann Lee <ann@example.org>"
            message["Date"] = "Fri, 27 Aug 2021 10:00:00 +0000"
            message.set_content("From now on the ferry leaves at nine.\\n")
            """)
        let second = try Self.composed(
            """
            message["Subject"] = "The timetable"
            message["From"] = "Bob Stone <bob@example.org>"
            message["Date"] = "Sat, 28 Aug 2021 09:30:00 +0000"
            message.set_content("Here it is.\\n")
            message.add_attachment(docx, maintype="application",
                subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename="timetable.docx")
            """)
        // mboxrd: a body line that begins "From " is written ">From ".
        func entry(_ message: [UInt8], _ sender: String) -> [UInt8] {
            let body = String(decoding: message, as: UTF8.self).replacingOccurrences(
                of: "\nFrom now", with: "\n>From now")
            return Array("From \(sender) Fri Aug 27 10:00:00 2021\n".utf8) + Array(body.utf8) + Array("\n".utf8)
        }
        let mailbox = entry(first, "ann@example.org") + entry(second, "bob@example.org")
        guard case .document(let box) = Ingestor().ingest(mailbox, fileName: "ferries") else {
            Issue.record("the mailbox was not read")
            return
        }
        #expect(box.format == .mailbox)
        #expect(box.parts.map(\.name) == ["1", "2", "2#timetable.docx"])
        let paragraphs = box.sections.flatMap(\.paragraphs).map(\.text)
        #expect(
            paragraphs == ["1. Ferry times, from Ann Lee, 2021-08-27", "2. The timetable, from Bob Stone, 2021-08-28"])
        let firstMessage = box.parts[0].document
        #expect(firstMessage.format == .email && firstMessage.title == "Ferry times")
        #expect(
            firstMessage.sections.flatMap(\.paragraphs).map(\.text).contains("From now on the ferry leaves at nine."))
        #expect(box.parts[2].document.format == .docx)
        #expect(box.parts[1].document.parts.isEmpty, "the attachment is a part of the mailbox, once")
    }

    @Test func binaryBytesNamedLikeAMessageAreNotOne() {
        let bytes: [UInt8] = Array("From: a@example.org\nSubject: x\n\n".utf8) + [0, 1, 2, 0, 0xFF]
        guard case .unsupported = Ingestor().ingest(bytes, fileName: "saved.eml") else {
            Issue.record("binary content was read as a message")
            return
        }
    }

    @Test func encodedWordsAndSoftLineBreaksAreDecoded() {
        #expect(
            EncodedWords.decode("=?UTF-8?B?w5xiZXJmYWhydA==?= =?ISO-8859-1?Q?nach_K=EDel?=") == "Überfahrtnach Kíel")
        #expect(EncodedWords.decode("Re: =?utf-8?q?caf=C3=A9?= tomorrow") == "Re: café tomorrow")
        #expect(EncodedWords.decode("=?bogus") == "=?bogus")
        #expect(QuotedPrintable.decode(Array("long=\r\nline =3D ok=".utf8)[...]) == Array("longline = ok=".utf8))
    }

    @Test func aMessageCutShortStillGivesWhatItHas() throws {
        let bytes = try Self.composed(
            """
            message["Subject"] = "Cut"
            message["From"] = "a@example.org"
            message["Date"] = "Mon, 6 Sep 2021 08:00:00 +0200"
            message.set_content("The first part arrived whole.\\n")
            message.add_attachment(docx, maintype="application",
                subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename="cut.docx")
            """)
        let document = try Self.document(Array(bytes.prefix(bytes.count - 2_000)))
        #expect(document.sections.flatMap(\.paragraphs).map(\.text).contains("The first part arrived whole."))
    }
}
