// libFuzzer target for Ingest: any bytes, as any of the formats. Built and run by Scripts/fuzz
// together with the Ingest sources.

/// The first byte picks the file name (and so the format hint); the rest is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIngest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let names = ["note.txt", "note.md", "page.html", "unknown"]
    let name = names[Int(data[0]) % names.count]
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    switch Ingestor().ingest(bytes, fileName: name) {
    case .document(let document):
        // What the cache stores must hold together: sentences come from the paragraphs.
        for section in document.sections {
            for paragraph in section.paragraphs where paragraph.kind == .prose {
                precondition(paragraph.sentences.allSatisfy { !$0.isEmpty }, "an empty sentence")
            }
        }
        _ = document.body
        _ = document.wordCount
    case .unsupported(let reason):
        precondition(!reason.isEmpty, "an unsupported document without a reason")
    }
    return 0
}
