import Dispatch
import Foundation

/// Gets a PDF's text through `pdftotext` (poppler-utils), when it is installed: Ingest reads text
/// formats only, and a PDF parser of our own would be a large attack surface in a daemon.
///
/// The converter runs as a child process with a time limit and an output cap, so a hostile or
/// broken PDF costs at most that, and never the daemon.
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

    static func isPDF(_ bytes: [UInt8]) -> Bool { bytes.starts(with: Array("%PDF".utf8)) }

    /// The UTF-8 text of the PDF at `path`: at most `limit` bytes of it, and one more when there
    /// was more, so that Ingest can say the text was cut.
    func text(ofFileAt path: String, limit: Int) -> Result<[UInt8], Failure> {
        guard let executable = Self.executable() else { return .failure(.notInstalled) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-q", "-enc", "UTF-8", "--", path, "-"]
        process.environment = ["LANG": "C.UTF-8"]
        let output = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failure(.failed("\(error)"))
        }
        // A watchdog ends a conversion that runs too long; reading then sees the end of the pipe.
        let timedOut = TimeoutFlag()
        let limitSeconds = Double(timeLimit.components.seconds) + Double(timeLimit.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + limitSeconds) {
            if process.isRunning {
                timedOut.set()
                process.terminate()
            }
        }
        var text: [UInt8] = []
        let reader = output.fileHandleForReading
        while let chunk = try? reader.read(upToCount: 1 << 16), !chunk.isEmpty {
            text.append(contentsOf: chunk.prefix(max(0, limit + 1 - text.count)))
            if text.count > limit {
                process.terminate()
                break
            }
        }
        process.waitUntilExit()
        if timedOut.isSet { return .failure(.timedOut(timeLimit)) }
        if text.count <= limit, process.terminationStatus != 0 {
            return .failure(.failed(Self.explain(status: process.terminationStatus)))
        }
        return .success(text)
    }

    /// pdftotext's exit statuses, as its manual lists them.
    static func explain(status: Int32) -> String {
        switch status {
        case 1: "not a readable PDF (damaged, or encrypted with a password)"
        case 3: "its permissions forbid copying its text"
        default: "exit status \(status)"
        }
    }

    /// `pdftotext` on the PATH, or in the usual places when there is none.
    static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/pdftotext"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// Set once from the watchdog, read after the process ended.
private final class TimeoutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
