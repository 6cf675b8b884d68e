import DossierTesting
import Foundation
import Testing
import Varlink

/// PDFs through the real `pdftotext`, and what happens when it cannot help.
@Suite(.serialized) struct PDFTests {
    let report = MinimalPDF.make(pages: [
        [
            "Harbour report", "",
            "The harbour board met on Tuesday to discuss the new pier. Members",
            "agreed that the work should start in spring, after the storms.", "",
            "Tom Hale, the harbour master, said the budget was ready for the vote.",
        ],
        ["The ferries will keep running from the north quay while the pier is built."],
    ])

    func status(_ daemon: DaemonProcess, _ path: String) throws -> (status: String?, reason: String?) {
        let document = try daemon.call("GetDocument", ["path": .string(path)]).parameters["document"]
        return (document?["status"]?.stringValue, document?["reason"]?.stringValue)
    }

    @Test func aPDFIsIndexedFromItsTextAndABrokenOneIsReported() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        try Data(report).write(to: URL(fileURLWithPath: fixture.root + "/report.pdf"))
        let daemon = try await fixture.start()

        let document = try #require(try daemon.call("GetDocument", ["path": "report.pdf"]).parameters["document"])
        #expect(document["format"] == "pdf")
        #expect(document["title"] == "Harbour report")
        let paragraphs = document["sections"]?.arrayValue?.flatMap { $0["paragraphs"]?.arrayValue ?? [] } ?? []
        #expect(paragraphs.count == 3, "\(paragraphs)")
        #expect(paragraphs.first?.stringValue?.contains("Members agreed") == true, "lines of a paragraph are joined")
        #expect(try fixture.searchPaths("ferries").count == 1, "the second page is read")
        #expect(try fixture.searchPaths("entity:\"Tom Hale\"") == ["report.pdf"])

        // A file that only starts like a PDF fails, with the reason, and the daemon carries on.
        try fixture.write("broken.pdf", "%PDF-1.4 and then nothing a reader can use")
        try await waitUntil("the broken PDF to be reported", timeout: .seconds(10)) {
            try status(daemon, "broken.pdf").status == "failed"
        }
        #expect(try status(daemon, "broken.pdf").reason?.contains("not a readable PDF") == true)
        #expect(try fixture.searchPaths("harbour") == ["report.pdf"])
        await fixture.tearDown()
    }

    @Test func withoutPdftotextAPDFIsUnsupportedAndSaysWhy() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        try Data(report).write(to: URL(fileURLWithPath: fixture.root + "/report.pdf"))
        let daemon = try await fixture.start(environment: ["PATH": fixture.work.path])
        let (state, reason) = try status(daemon, "report.pdf")
        #expect(state == "unsupported")
        #expect(reason?.contains("install poppler-utils") == true, "\(reason ?? "")")
        await fixture.tearDown()
    }
}
