import DossierTesting
import Foundation
import Testing

@testable import DossierService

/// The child-process handling of the PDF converter, with stand-in programs that misbehave.
@Suite final class PDFConverterTests {
    let work: TemporaryDirectory

    init() throws { work = try TemporaryDirectory() }
    deinit { work.remove() }

    /// A shell script standing in for pdftotext.
    ///
    /// Written through a close-on-exec descriptor: other tests start processes at the same time,
    /// and a child that kept the script open for writing would make running it fail with ETXTBSY.
    func program(_ body: String) throws -> String {
        let path = work.subpath("fake-pdftotext-\(UUID().uuidString)")
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let script = Array("#!/bin/sh\n\(body)\n".utf8)
        let written = script.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == script.count else { throw CocoaError(.fileWriteUnknown) }
        return path
    }

    @Test func theRealPdftotextReadsAPDF() async throws {
        let path = work.subpath("report.pdf")
        try Data(MinimalPDF.make(pages: [["Harbour report", "", "Ferries run from the north quay."]]))
            .write(to: URL(fileURLWithPath: path))
        let text = try await PDFConverter().text(ofFileAt: path, limit: 1 << 20).get()
        #expect(String(decoding: text, as: UTF8.self).contains("Ferries run from the north quay."))
    }

    /// The answer comes only once the converter's output has ended: with a converter that would
    /// sleep for an hour, it comes at all only because the converter was killed. (No bound on the
    /// wall clock: on a loaded machine the time limit's own timer may wait its turn.)
    @Test(.timeLimit(.minutes(2))) func aConverterThatHangsIsKilledAtTheTimeLimit() async throws {
        let converter = PDFConverter(timeLimit: .milliseconds(300), program: try program("exec sleep 3600"))
        #expect(await converter.text(ofFileAt: "/dev/null", limit: 100) == .failure(.timedOut(.milliseconds(300))))
    }

    @Test func endlessOutputStopsOneByteAfterTheCap() async throws {
        let converter = PDFConverter(program: try program("exec yes dossier"))
        let text = try await converter.text(ofFileAt: "/dev/null", limit: 100_000).get()
        #expect(text.count == 100_001)
    }

    @Test func exitStatusesBecomeReasons() async throws {
        let damaged = PDFConverter(program: try program("echo partial; exit 1"))
        #expect(
            await damaged.text(ofFileAt: "/dev/null", limit: 100) == .failure(.failed(PDFConverter.explain(status: 1))))
        let killed = PDFConverter(program: try program("kill -9 $$"))
        #expect(await killed.text(ofFileAt: "/dev/null", limit: 100) == .failure(.failed("killed by signal 9")))
        let missing = PDFConverter(program: work.subpath("nothing-here"))
        guard case .failure(.failed) = await missing.text(ofFileAt: "/dev/null", limit: 100) else {
            Issue.record("a missing program must fail")
            return
        }
    }
}
