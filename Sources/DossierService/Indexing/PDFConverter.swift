/// Gets a PDF's text through `pdftotext` (poppler-utils), when it is installed: Ingest reads text
/// formats only, and a PDF parser of our own would be a large attack surface in a daemon.
///
/// The converter runs as a child process with a time limit and an output cap (``ChildProcess``),
/// so a hostile or broken PDF costs at most that, and never the daemon.
struct PDFConverter: Sendable {
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// pdftotext is not installed: the file is unsupported, not broken.
        case notInstalled
        case failed(String)
        case timedOut(Duration)

        var description: String {
            switch self {
            case .notInstalled: "a PDF file: install poppler-utils (pdftotext) to index PDFs"
            case .failed(let reason): "pdftotext could not read it: \(reason)"
            case .timedOut(let limit): "pdftotext took longer than \(limit.components.seconds) s"
            }
        }
    }

    var timeLimit: Duration = .seconds(60)
    /// The converter to run; pdftotext on the PATH when nil.
    var program: String?

    /// The UTF-8 text of the PDF at `path`: at most `limit` bytes of it, and one more when there
    /// was more, so that Ingest can say the text was cut. Pages end with a form feed.
    func text(ofFileAt path: String, limit: Int) async -> Result<[UInt8], Failure> {
        guard let executable = program ?? ChildProcess.find("pdftotext") else { return .failure(.notInstalled) }
        let child = ChildProcess(
            executable: executable, arguments: ["-q", "-enc", "UTF-8", "--", path, "-"], timeLimit: timeLimit,
            outputLimit: limit)
        switch await child.run() {
        case .failure(.timedOut(let limit)): return .failure(.timedOut(limit))
        case .failure(.failed(let reason)): return .failure(.failed(reason))
        case .success(let output) where output.capped || output.exitStatus == 0: return .success(output.bytes)
        case .success(let output):
            if let status = output.exitStatus { return .failure(.failed(Self.explain(status: status))) }
            return .failure(.failed("killed by signal \(output.signal ?? 0)"))
        }
    }

    /// The PDF at `path` laid out (`-bbox-layout`: its document information, then its pages'
    /// blocks, lines and words with their positions, as XHTML): at most `limit` bytes of it, and
    /// one more when there was more.
    func layout(ofFileAt path: String, limit: Int) async -> Result<ChildProcess.Output, Failure> {
        guard let executable = program ?? ChildProcess.find("pdftotext") else { return .failure(.notInstalled) }
        let child = ChildProcess(
            executable: executable, arguments: ["-q", "-bbox-layout", "-enc", "UTF-8", "--", path, "-"],
            timeLimit: timeLimit, outputLimit: limit)
        switch await child.run() {
        case .failure(.timedOut(let limit)): return .failure(.timedOut(limit))
        case .failure(.failed(let reason)): return .failure(.failed(reason))
        case .success(let output) where output.capped || output.exitStatus == 0: return .success(output)
        case .success(let output):
            if let status = output.exitStatus { return .failure(.failed(Self.explain(status: status))) }
            return .failure(.failed("killed by signal \(output.signal ?? 0)"))
        }
    }

    /// pdftotext's exit statuses, as its manual lists them.
    static func explain(status: Int32) -> String {
        switch status {
        case 1: "not a readable PDF (damaged, or encrypted with a password)"
        case 3: "its permissions forbid copying its text"
        default: "exit status \(status)"
        }
    }
}
