import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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
    /// The converter to run; pdftotext on the PATH when nil.
    var program: String?

    static func isPDF(_ bytes: [UInt8]) -> Bool { bytes.starts(with: Array("%PDF".utf8)) }

    /// The UTF-8 text of the PDF at `path`: at most `limit` bytes of it, and one more when there
    /// was more, so that Ingest can say the text was cut.
    ///
    /// The child is started with posix_spawn and waited for with poll and waitpid: no run loop,
    /// no signal handler, nothing a hardened service's system-call filter would refuse.
    func text(ofFileAt path: String, limit: Int) -> Result<[UInt8], Failure> {
        guard let executable = program ?? Self.executable() else { return .failure(.notInstalled) }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return .failure(.failed(Self.describe(errno))) }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        // Other children the daemon may start must not inherit them.
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        defer { close(readEnd) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let words: [String] = [executable, "-q", "-enc", "UTF-8", "--", path, "-"]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let environment: [UnsafeMutablePointer<CChar>?] = [strdup("LANG=C.UTF-8"), nil]
        defer {
            for argument in arguments { free(argument) }
            for variable in environment { free(variable) }
        }
        var pid: pid_t = 0
        var spawned = posix_spawn(&pid, executable, &actions, nil, arguments, environment)
        // ETXTBSY: the program is open for writing (being installed or upgraded); it can run in a moment.
        for _ in 0..<4 where spawned == ETXTBSY {
            usleep(25_000)
            spawned = posix_spawn(&pid, executable, &actions, nil, arguments, environment)
        }
        close(writeEnd)
        guard spawned == 0 else { return .failure(.failed(Self.describe(spawned))) }

        // Read until the end of the output, the cap or the deadline, whichever comes first.
        let deadline = ContinuousClock.now + timeLimit
        var text: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var timedOut = false
        var broken = false
        while text.count <= limit {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else {
                timedOut = true
                break
            }
            var descriptor = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            let (seconds, attoseconds) = remaining.components
            let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                broken = true
                break
            }
            if ready == 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                broken = true
                break
            }
            if count == 0 { break }
            text.append(contentsOf: buffer[0..<min(count, limit + 1 - text.count)])
        }
        let finished = !timedOut && !broken && text.count <= limit
        if !finished { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if timedOut { return .failure(.timedOut(timeLimit)) }
        if broken { return .failure(.failed("reading its output failed")) }
        let exitedNormally = status & 0x7F == 0
        let exitStatus = (status >> 8) & 0xFF
        if finished, !exitedNormally || exitStatus != 0 {
            return .failure(
                .failed(exitedNormally ? Self.explain(status: exitStatus) : "killed by signal \(status & 0x7F)"))
        }
        return .success(text)
    }

    private static func describe(_ error: Int32) -> String { String(cString: strerror(error)) }

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
