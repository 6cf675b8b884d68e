import Ingest

/// Gets the text of Word and Excel 97–2003 files through Debian's helpers: `antiword` for Word
/// (it keeps tables as rows of cells), and catdoc's `catdoc` for the documents antiword refuses
/// (it will not read a short one); catdoc's `xls2csv` for Excel (comma-separated values, sheets
/// separated by form feeds). (catdoc's `catppt` finds no text in the PowerPoint files
/// LibreOffice saves, so those are listed as unsupported, saying so.) As with PDFs, a parser of these binary formats of our own would be a
/// large attack surface: they run as child processes with a time limit and an output cap.
struct OfficeConverter: Sendable {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case notInstalled(HelperFormat)
        case failed(String)

        var description: String {
            switch self {
            case .notInstalled(let format):
                "a \(format.rawValue): install \(format == .word97 ? "antiword or catdoc" : "catdoc (xls2csv)") to read it"
            case .failed(let reason): "catdoc could not read it: \(reason)"
            }
        }
    }

    var timeLimit: Duration = .seconds(60)

    /// The programs that read `format`, in the order they are tried, each with its arguments
    /// (UTF-8 out, long lines not wrapped).
    static func programs(for format: HelperFormat, path: String) -> [(name: String, arguments: [String])] {
        switch format {
        case .word97:
            [("antiword", ["-w", "0", "-m", "UTF-8.txt", path]), ("catdoc", ["-d", "utf-8", "-w", "--", path])]
        case .excel97: [("xls2csv", ["-d", "utf-8", "--", path])]
        case .pdf, .png, .jpeg, .tiff: []
        }
    }

    /// The UTF-8 text of the file at `path`, at most `limit` bytes and one more when there was
    /// more: from the first program that reads it.
    func text(ofFileAt path: String, format: HelperFormat, limit: Int) async -> Result<[UInt8], Failure> {
        var result = Result<[UInt8], Failure>.failure(.notInstalled(format))
        for program in Self.programs(for: format, path: path) {
            guard let executable = ChildProcess.find(program.name) else { continue }
            result = await run(executable, program.arguments, limit: limit)
            if case .success(let text) = result, text.contains(where: { $0 > 0x20 }) { return result }
        }
        return result
    }

    private func run(_ executable: String, _ arguments: [String], limit: Int) async -> Result<[UInt8], Failure> {
        let child = ChildProcess(
            executable: executable, arguments: arguments, timeLimit: timeLimit, outputLimit: limit)
        switch await child.run() {
        case .failure(let failure): return .failure(.failed(failure.description))
        case .success(let output) where output.capped || output.exitStatus == 0: return .success(output.bytes)
        case .success(let output):
            if let status = output.exitStatus { return .failure(.failed("exit status \(status)")) }
            return .failure(.failed("killed by signal \(output.signal ?? 0)"))
        }
    }
}
