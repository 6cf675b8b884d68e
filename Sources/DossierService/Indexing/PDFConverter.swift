import Foundation
import Subprocess
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// Gets a PDF's text through `pdftotext` (poppler-utils), when it is installed: Ingest reads text
/// formats only, and a PDF parser of our own would be a large attack surface in a daemon.
///
/// The converter runs as a child process (through swift-subprocess) with a time limit and an
/// output cap, so a hostile or broken PDF costs at most that, and never the daemon.
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

    static func isPDF(_ bytes: [UInt8]) -> Bool { bytes.starts(with: Array("%PDF".utf8)) }

    /// How reading the converter's output ended.
    private enum Reading: Sendable {
        /// The output ended; the text, at most one byte past the cap.
        case ended([UInt8])
        case timedOut
    }

    /// The UTF-8 text of the PDF at `path`: at most `limit` bytes of it, and one more when there
    /// was more, so that Ingest can say the text was cut.
    func text(ofFileAt path: String, limit: Int) async -> Result<[UInt8], Failure> {
        guard let executable = program ?? Self.executable() else { return .failure(.notInstalled) }
        let timeLimit = timeLimit
        // ETXTBSY: the program is open for writing (being installed or upgraded); it can run in a moment.
        for attempt in 0..<5 {
            do {
                let result = try await run(
                    .path(FilePath(executable)), arguments: ["-q", "-enc", "UTF-8", "--", path, "-"],
                    environment: .custom(["LANG": "C.UTF-8"]), input: .none, output: .sequence, error: .discarded
                ) { execution in
                    try await withThrowingTaskGroup(of: Reading.self) { group in
                        group.addTask {
                            var text: [UInt8] = []
                            for try await buffer in execution.standardOutput {
                                buffer.withUnsafeBytes { text.append(contentsOf: $0.prefix(limit + 1 - text.count)) }
                                if text.count > limit { break }
                            }
                            return .ended(text)
                        }
                        group.addTask {
                            try await Task.sleep(for: timeLimit)
                            return .timedOut
                        }
                        let first = try await group.next() ?? .timedOut
                        group.cancelAll()
                        // Past the deadline or the cap, the rest is not wanted.
                        if case .ended(let text) = first, text.count <= limit {
                        } else {
                            try? execution.send(signal: .kill)
                        }
                        return first
                    }
                }
                switch (result.closureResult, result.terminationStatus) {
                case (.timedOut, _):
                    return .failure(.timedOut(timeLimit))
                case (.ended(let text), _) where text.count > limit:
                    return .success(text)
                case (.ended(let text), .exited(0)):
                    return .success(text)
                case (.ended, .exited(let status)):
                    return .failure(.failed(Self.explain(status: status)))
                case (.ended, .signaled(let signal)):
                    return .failure(.failed("killed by signal \(signal)"))
                }
            } catch let error as SubprocessError where error.underlyingError?.rawValue == ETXTBSY && attempt < 4 {
                try? await Task.sleep(for: .milliseconds(25))
            } catch let error as SubprocessError {
                return .failure(.failed(Self.describe(error)))
            } catch {
                return .failure(.failed("\(error)"))
            }
        }
        return .failure(.failed(String(cString: strerror(ETXTBSY))))
    }

    private static func describe(_ error: SubprocessError) -> String {
        if let errno = error.underlyingError?.rawValue { return String(cString: strerror(errno)) }
        return "\(error)"
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
