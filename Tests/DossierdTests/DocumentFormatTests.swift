import DossierTesting
import Foundation
import Testing
import Varlink

/// Office documents, books, messages, pictures of text and scans, made by real tools, dropped
/// into the watched folder of the real daemon.
@Suite struct DocumentFormatTests {
    static let report = """
        ---
        title: Harbour Report
        author: Ann Lee
        date: 2021-08-27
        ---

        # Ferries

        The ferries run from the north quay every hour, said the harbour master.

        | Route | Minutes |
        |-------|---------|
        | North to Osterby | 40 |
        """

    static let letter = """
        The harbour master said the northern ferry will resume sailing on Monday after repairs to the \
        loading ramp. Passengers should arrive thirty minutes before departure and keep their tickets \
        ready for inspection. The cafe on the upper deck will open at seven and close when the ship \
        reaches the island. Cyclists may bring their bicycles on board without charge during the winter \
        timetable, and dogs are welcome on the open deck.
        """

    func document(_ daemon: DaemonProcess, _ path: String) throws -> JSONValue {
        try daemon.call("GetDocument", ["path": .string(path)]).parameters["document"] ?? .null
    }

    @Test func officeDocumentsBooksAndMessagesAreSearchableOnceDropped() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        let daemon = try await fixture.start()
        for format in ["docx", "odt", "epub"] {
            try MadeFiles.pandoc(Self.report, to: format).write(
                to: URL(fileURLWithPath: fixture.root + "/report.\(format)"))
        }
        let message = """
            From: Ann Lee <ann@example.org>
            To: Bob Stone <bob@example.org>
            Subject: =?utf-8?q?Fahrplan_f=C3=BCr_Osterby?=
            Date: Fri, 27 Aug 2021 10:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset="utf-8"
            Content-Transfer-Encoding: quoted-printable

            The ferry to Osterby leaves at nine from the north quay.=0A
            """
        try fixture.write("timetable.eml", message)
        try await waitUntil("all four to be found", timeout: .seconds(20)) {
            try Set(fixture.searchPaths("osterby")) == ["report.docx", "report.odt", "report.epub", "timetable.eml"]
        }
        for (path, format) in [("report.docx", "docx"), ("report.odt", "odt"), ("report.epub", "epub")] {
            let document = try document(daemon, path)
            #expect(document["format"] == .string(format))
            #expect(document["title"] == "Harbour Report")
            #expect(document["byline"] == "Ann Lee")
            #expect(document["published"] == "2021-08-27")
            #expect(document["ocr"] == false)
        }
        let mail = try document(daemon, "timetable.eml")
        #expect(mail["format"] == "email")
        #expect(mail["title"] == "Fahrplan für Osterby")
        let answer = try daemon.call("Ask", ["question": "Where do the ferries run from?"]).parameters["answers"]
        #expect(answer?.arrayValue?.first?["sentence"]?.stringValue?.contains("north quay") == true)
        await fixture.tearDown()
    }

    /// A mailbox of two messages, the second with a Word document attached.
    static func mailbox(work: TemporaryDirectory, messages: Int = 2) throws -> Data {
        let docx = work.subpath("timetable.docx")
        try MadeFiles.pandoc(report, to: "docx").write(to: URL(fileURLWithPath: docx))
        let script = """
            import mailbox, sys
            from email.message import EmailMessage
            box = mailbox.mbox(sys.argv[2])
            for number in range(1, int(sys.argv[3]) + 1):
                message = EmailMessage()
                message["Subject"] = f"Ferry notice {number}"
                message["From"] = "Ann Lee <ann@example.org>"
                message["Date"] = f"Fri, {number} Oct 2021 10:00:00 +0000"
                message.set_content(f"Notice {number}: the narwhal ferry leaves at nine.\\n")
                if number == 2:
                    message.add_attachment(open(sys.argv[1], "rb").read(), maintype="application",
                        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename="timetable.docx")
                box.add(message)
            box.flush()
            """
        let program = try work.write("make_mailbox.py", script)
        let output = work.subpath("made-\(messages).mbox")
        let (status, text) = try runCommand(["python3", program, docx, output, String(messages)])
        try #require(status == 0, "\(text)")
        return try Data(contentsOf: URL(fileURLWithPath: output))
    }

    @Test func aMailboxsMessagesAndAttachmentsAreDocumentsThatFollowTheirFile() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        let daemon = try await fixture.start()
        try Self.mailbox(work: fixture.work).write(to: URL(fileURLWithPath: fixture.root + "/ferries.mbox"))
        try await waitUntil("the messages to be found", timeout: .seconds(20)) {
            try Set(fixture.searchPaths("narwhal")) == ["ferries.mbox#1", "ferries.mbox#2"]
        }
        #expect(try fixture.searchPaths("osterby") == ["ferries.mbox#2#timetable.docx"])
        let message = try document(daemon, "ferries.mbox#2")
        #expect(message["title"] == "Ferry notice 2")
        #expect(message["format"] == "email")
        #expect(message["byline"] == "Ann Lee")
        #expect(message["published"] == "2021-10-02")
        #expect(try document(daemon, "ferries.mbox")["format"] == "mailbox")

        // A new version with one message: the second and its attachment go.
        try Self.mailbox(work: fixture.work, messages: 1).write(
            to: URL(fileURLWithPath: fixture.root + "/ferries.mbox"))
        try await waitUntil("the second message to go", timeout: .seconds(20)) {
            try fixture.paths() == ["ferries.mbox", "ferries.mbox#1"]
        }
        // Moved, the messages move with it; removed, they go with it.
        try FileManager.default.moveItem(atPath: fixture.root + "/ferries.mbox", toPath: fixture.root + "/old.mbox")
        try await waitUntil("the messages to move", timeout: .seconds(20)) {
            try fixture.paths() == ["old.mbox", "old.mbox#1"]
        }
        try FileManager.default.removeItem(atPath: fixture.root + "/old.mbox")
        try await waitUntil("the messages to go", timeout: .seconds(20)) { try fixture.paths().isEmpty }
        await fixture.tearDown()
    }

    @Test func aMessagesPDFAndPhotoAttachmentsAreReadAsDocuments() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        let daemon = try await fixture.start()
        let pdf = fixture.work.subpath("report.pdf")
        try Data(MinimalPDF.make(pages: [["Harbour report", "", "The walrus ferry keeps running from the quay."]]))
            .write(to: URL(fileURLWithPath: pdf))
        let photo = fixture.work.subpath("letter.png")
        try MadeFiles.scannedPage(Self.letter, at: photo)
        let script = """
            import sys
            from email.message import EmailMessage
            message = EmailMessage()
            message["Subject"] = "Two files"
            message["From"] = "Ann Lee <ann@example.org>"
            message["Date"] = "Fri, 27 Aug 2021 10:00:00 +0000"
            message.set_content("The report and a photo of the letter.\\n")
            message.add_attachment(open(sys.argv[1], "rb").read(), maintype="application", subtype="pdf", filename="report.pdf")
            message.add_attachment(open(sys.argv[2], "rb").read(), maintype="image", subtype="png", filename="letter.png")
            open(sys.argv[3], "wb").write(message.as_bytes())
            """
        let program = try fixture.work.write("compose.py", script)
        let staged = fixture.work.subpath("files.eml")
        let (status, output) = try runCommand(["python3", program, pdf, photo, staged])
        try #require(status == 0, "\(output)")
        try FileManager.default.moveItem(atPath: staged, toPath: fixture.root + "/files.eml")
        try await waitUntil("both attachments to be read", timeout: .seconds(60)) {
            try fixture.paths() == ["files.eml", "files.eml#letter.png", "files.eml#report.pdf"]
        }
        #expect(try fixture.searchPaths("walrus") == ["files.eml#report.pdf"])
        #expect(try fixture.searchPaths("bicycles") == ["files.eml#letter.png"])
        #expect(try document(daemon, "files.eml#letter.png")["ocr"] == true)
        #expect(try document(daemon, "files.eml#report.pdf")["format"] == "pdf")
        let left = try FileManager.default.contentsOfDirectory(atPath: daemon.stateDirectory)
        #expect(!left.contains { $0.hasPrefix("attachment-") }, "\(left)")
        await fixture.tearDown()
    }

    @Test func aPictureOfTextAndAScannedPDFAreReadByOCR() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        let daemon = try await fixture.start()
        let image = fixture.work.subpath("letter.png")
        try MadeFiles.scannedPage(Self.letter, at: image)
        try MadeFiles.scannedPDF(of: image, at: fixture.work.subpath("letter.pdf"))
        try FileManager.default.copyItem(atPath: image, toPath: fixture.root + "/letter.png")
        try FileManager.default.copyItem(atPath: fixture.work.subpath("letter.pdf"), toPath: fixture.root + "/scan.pdf")
        try await waitUntil("both to be read", timeout: .seconds(60)) {
            try Set(fixture.searchPaths("bicycles")) == ["letter.png", "scan.pdf"]
        }
        for (path, format) in [("letter.png", "image"), ("scan.pdf", "pdf")] {
            let document = try document(daemon, path)
            #expect(document["format"] == .string(format))
            #expect(document["ocr"] == true)
            let text = (document["sections"]?.arrayValue ?? []).flatMap { $0["paragraphs"]?.arrayValue ?? [] }
                .compactMap(\.stringValue).joined(separator: " ")
            let accuracy = Self.wordsRight(in: text, of: Self.letter)
            #expect(accuracy >= 0.95, "\(path): \(accuracy) of the words right in \(text)")
        }
        await fixture.tearDown()
    }

    /// The share of `expected`'s words (lower case, without punctuation) found in `read`, each as
    /// often as it stands there.
    static func wordsRight(in read: String, of expected: String) -> Double {
        func words(_ text: String) -> [String] {
            text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        }
        var available: [String: Int] = [:]
        for word in words(read) { available[word, default: 0] += 1 }
        let wanted = words(expected)
        var right = 0
        for word in wanted where available[word, default: 0] > 0 {
            available[word]! -= 1
            right += 1
        }
        return Double(right) / Double(max(1, wanted.count))
    }

    /// Word and Excel 97-2003 files, as LibreOffice saves them, read through antiword and
    /// catdoc's xls2csv; without them, each says what it is and what to install. A PowerPoint 97-2003 file says
    /// what it is and what to save it as.
    @Test func office97FilesAreReadOrSayWhatWouldReadThem() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        let made = try TemporaryDirectory()
        defer { made.remove() }
        try MadeFiles.pandoc(Self.report, to: "docx").write(to: URL(fileURLWithPath: made.subpath("report.docx")))
        // A short one, which antiword refuses and catdoc reads.
        try MadeFiles.pandoc("The café on the quay of Osterby sells tickets for €40.", to: "docx").write(
            to: URL(fileURLWithPath: made.subpath("note.docx")))
        try MadeFiles.python(
            """
            import sys, openpyxl
            from pptx import Presentation
            book = openpyxl.Workbook(); sheet = book.active; sheet.title = "Fares"
            sheet.append(["Route", "Euros"]); sheet.append(["North to Osterby", 40])
            book.save(sys.argv[1] + "/fares.xlsx")
            deck = Presentation(); slide = deck.slides.add_slide(deck.slide_layouts[1])
            slide.shapes.title.text = "Ferries to Osterby"; slide.placeholders[1].text = "Boats leave from the north quay."
            deck.save(sys.argv[1] + "/briefing.pptx")
            """, in: made.path)
        let converted = try [
            ("report.docx", "doc"), ("note.docx", "doc"), ("fares.xlsx", "xls"), ("briefing.pptx", "ppt"),
        ].map {
            try MadeFiles.libreOffice(made.subpath($0.0), to: $0.1)
        }
        for path in converted {
            try FileManager.default.copyItem(
                atPath: path, toPath: fixture.root + "/" + URL(fileURLWithPath: path).lastPathComponent)
        }
        let daemon = try await fixture.start()
        try await waitUntil("all three to be found (\(try fixture.paths()))", timeout: .seconds(90)) {
            try Set(fixture.searchPaths("osterby")) == ["report.doc", "note.doc", "fares.xls"]
        }
        let report = try document(daemon, "report.doc")
        #expect(report["format"] == "doc")
        let lines = (report["sections"]?.arrayValue ?? []).flatMap { $0["paragraphs"]?.arrayValue ?? [] }
        #expect(lines.contains { $0.stringValue == "North to Osterby | 40" }, "\(lines)")
        let note = try document(daemon, "note.doc")
        #expect(
            (note["sections"]?.arrayValue ?? []).flatMap { $0["paragraphs"]?.arrayValue ?? [] }
                .contains { $0.stringValue == "The café on the quay of Osterby sells tickets for €40." })
        let fares = try document(daemon, "fares.xls")
        #expect(fares["format"] == "xls")
        let rows = (fares["sections"]?.arrayValue ?? []).flatMap { $0["paragraphs"]?.arrayValue ?? [] }
        #expect(rows.contains { $0.stringValue == "North to Osterby | 40" }, "\(rows)")
        let briefing = try document(daemon, "briefing.ppt")
        #expect(briefing["status"] == "unsupported")
        #expect(briefing["reason"]?.stringValue?.hasPrefix("a PowerPoint 97-2003 presentation") == true)
        await fixture.tearDown()

        // Without catdoc's programs.
        let bare = try DaemonFixture(withSeed: false)
        let bin = bare.work.subpath("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: converted[0], toPath: bare.root + "/report.doc")
        let unread = try await bare.start(environment: ["PATH": bin])
        let missing = try unread.status()["missingPrograms"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(missing.contains { $0.hasPrefix("antiword or catdoc") }, "\(missing)")
        let unreadReport = try document(unread, "report.doc")
        #expect(unreadReport["status"] == "unsupported")
        #expect(unreadReport["reason"] == "a Word 97-2003 document: install antiword or catdoc to read it")
        await bare.tearDown()
    }

    @Test func withoutTesseractAPictureIsUnsupportedAndStatusSaysWhatToInstall() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        // A PATH with poppler's programs and no tesseract.
        let bin = fixture.work.subpath("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for program in ["pdftotext", "pdftoppm"] {
            try FileManager.default.createSymbolicLink(
                atPath: "\(bin)/\(program)", withDestinationPath: "/usr/bin/\(program)")
        }
        try MadeFiles.scannedPage("A short note.", at: fixture.root + "/note.png")
        let daemon = try await fixture.start(environment: ["PATH": bin])
        let missing = try daemon.status()["missingPrograms"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(missing.contains { $0.hasPrefix("tesseract-ocr (tesseract)") }, "\(missing)")
        let note = try document(daemon, "note.png")
        #expect(note["status"] == "unsupported")
        #expect(note["reason"] == "a PNG image: install tesseract-ocr to read the text in images")
        await fixture.tearDown()
    }

    @Test func damagedAndHostileArchivesAreReportedAndTheDaemonKeepsServing() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        let docx = try MadeFiles.pandoc(Self.report, to: "docx")
        try docx.prefix(docx.count / 2).write(to: URL(fileURLWithPath: fixture.root + "/cut.docx"))
        // A Word document whose text part expands to 1 GiB.
        let script = """
            import zipfile, sys
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
                bomb.writestr("[Content_Types].xml", "<Types/>")
                with bomb.open("word/document.xml", "w") as part:
                    chunk = b" " * (1 << 20)
                    for _ in range(1024):
                        part.write(chunk)
            """
        let bomb = try fixture.work.write("bomb.py", script)
        let (status, output) = try runCommand(["python3", bomb, fixture.work.subpath("bomb.docx")])
        try #require(status == 0, "\(output)")
        let before = Self.peakResidentBytes(daemon.processIdentifier)
        try FileManager.default.moveItem(atPath: fixture.work.subpath("bomb.docx"), toPath: fixture.root + "/bomb.docx")
        try await waitUntil("both to be reported", timeout: .seconds(60)) {
            let failed = try daemon.call("ListDocuments", ["failed": true]).parameters["documents"]?.arrayValue ?? []
            return Set(failed.compactMap { $0["path"]?.stringValue }) == ["cut.docx", "bomb.docx"]
        }
        #expect(try document(daemon, "cut.docx")["reason"] == "not a readable ZIP archive (damaged or cut short)")
        let reason = try document(daemon, "bomb.docx")["reason"]?.stringValue ?? ""
        #expect(reason.contains("word/document.xml expands past"), "\(reason)")
        let after = Self.peakResidentBytes(daemon.processIdentifier)
        #expect(after - before < 96 << 20, "peak memory grew by \((after - before) >> 20) MiB")
        #expect(try daemon.status()["documents"] == 1)
        #expect(try fixture.searchPaths("taliban").count == 1)
        await fixture.tearDown()
    }

    /// VmHWM: the most memory the process has held.
    static func peakResidentBytes(_ pid: Int32) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }
}
