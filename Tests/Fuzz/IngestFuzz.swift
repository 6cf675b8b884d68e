// libFuzzer target for Ingest: any bytes, as any of the formats. Built and run by Scripts/fuzz
// together with the Ingest sources.

/// The first byte picks the file name (and so the format hint); the rest is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIngest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let names = ["note.txt", "note.md", "page.html", "unknown", "report.pdf", "report.docx", "message.eml", "box.mbox"]
    let name = names[Int(data[0]) % names.count]
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    // A PDF's bytes stand for the text pdftotext would give.
    func ingest(leavingOut repeated: Set<Int64>) -> IngestResult {
        name.hasSuffix(".pdf")
            ? Ingestor().ingest(extractedText: bytes, format: .pdf, fileName: name, repeatedLines: repeated)
            : Ingestor().ingest(bytes, fileName: name, repeatedLines: repeated)
    }
    switch ingest(leavingOut: []) {
    case .document(let document):
        // Leaving out lines changes the text, never what the document is counted by.
        if case .document(let cleaned) = ingest(leavingOut: Set(document.lineFingerprints)) {
            precondition(cleaned.lineFingerprints == document.lineFingerprints, "fingerprints moved")
        }
        // What the cache stores must hold together: sentences come from the paragraphs.
        for section in document.sections {
            for paragraph in section.paragraphs where paragraph.kind == .prose {
                precondition(paragraph.sentences.allSatisfy { !$0.isEmpty }, "an empty sentence")
            }
        }
        _ = document.body
        _ = document.wordCount
    case .unsupported(let reason), .failed(let reason):
        precondition(!reason.isEmpty, "a document not read without a reason")
    }
    return 0
}
