import Foundation
import Subprocess
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a helper program (pdftotext, pdftoppm, tesseract) through swift-subprocess with a time
/// limit and a cap on its output, so a hostile or broken file costs at most that. Its standard
/// error is discarded; its environment is only what is given.
struct ChildProcess: Sendable {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case timedOut(Duration)
        /// It could not be started, or its output could not be read.
        case failed(String)

        var description: String {
            switch self {
            case .timedOut(let limit): "took longer than \(limit.components.seconds) s"
            case .failed(let reason): reason
            }
        }
    }

    /// What it wrote (at most one byte past the cap) and how it ended.
    struct Output: Equatable {
        var bytes: [UInt8]
        /// The exit status; nil when it was killed by a signal.
        var exitStatus: Int32?
        var signal: Int32?
        /// It wrote more than the cap and was stopped.
        var capped: Bool
    }

    var executable: String
    var arguments: [String]
    var environment: [String: String] = ["LANG": "C.UTF-8"]
    var timeLimit: Duration
    var outputLimit: Int

    /// How reading the output ended.
    private enum Reading: Sendable {
        case ended([UInt8])
        case timedOut
    }

    /// Runs the program with `input` on its standard input (nothing when nil).
    func run(input: [UInt8]? = nil) async -> Result<Output, Failure> {
        // ETXTBSY: the program is open for writing (being installed or upgraded); it can run in a moment.
        for attempt in 0..<5 {
            do {
                return .success(try await runOnce(input: input))
            } catch let error as SubprocessError where error.underlyingError?.rawValue == ETXTBSY && attempt < 4 {
                try? await Task.sleep(for: .milliseconds(25))
            } catch let error as SubprocessError {
                let reason = error.underlyingError.map { String(cString: strerror($0.rawValue)) } ?? "\(error)"
                return .failure(.failed(reason))
            } catch let failure as Failure {
                return .failure(failure)
            } catch {
                return .failure(.failed("\(error)"))
            }
        }
        return .failure(.failed(String(cString: strerror(ETXTBSY))))
    }

    private func runOnce(input: [UInt8]?) async throws -> Output {
        let (limit, timeLimit) = (outputLimit, timeLimit)
        var variables: [Environment.Key: String] = [:]
        for (name, value) in environment {
            if let key = Environment.Key(rawValue: name) { variables[key] = value }
        }
        let configuration = Configuration(
            executable: .path(FilePath(executable)), arguments: Arguments(arguments),
            environment: .custom(variables))
        let result: ExecutionResult<Reading, SequenceOutput, DiscardedOutput>
        if let input {
            result = try await Subprocess.run(configuration, input: .array(input), output: .sequence, error: .discarded)
            {
                try await Self.supervise($0, limit: limit, timeLimit: timeLimit)
            }
        } else {
            result = try await Subprocess.run(configuration, input: .none, output: .sequence, error: .discarded) {
                try await Self.supervise($0, limit: limit, timeLimit: timeLimit)
            }
        }
        guard case .ended(let bytes) = result.closureResult else { throw Failure.timedOut(timeLimit) }
        switch result.terminationStatus {
        case .exited(let status):
            return Output(bytes: bytes, exitStatus: status, signal: nil, capped: bytes.count > limit)
        case .signaled(let signal):
            return Output(bytes: bytes, exitStatus: nil, signal: signal, capped: bytes.count > limit)
        }
    }

    /// Reads the output until it ends, passes the cap or runs out of time; then, unless it ended,
    /// kills the program.
    private static func supervise<Input: InputProtocol>(
        _ execution: Execution<Input, SequenceOutput, DiscardedOutput>, limit: Int, timeLimit: Duration
    ) async throws -> Reading {
        try await withThrowingTaskGroup(of: Reading.self) { group in
            group.addTask { .ended(try await collect(execution.standardOutput, limit: limit)) }
            group.addTask {
                try await Task.sleep(for: timeLimit)
                return .timedOut
            }
            let first = try await group.next() ?? .timedOut
            group.cancelAll()
            // Past the deadline or the cap, the rest is not wanted.
            if case .ended(let bytes) = first, bytes.count <= limit {
            } else {
                try? execution.send(signal: .kill)
            }
            return first
        }
    }

    /// The output, up to one byte past `limit`.
    private static func collect(_ output: SubprocessOutputSequence, limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await buffer in output {
            buffer.withUnsafeBytes { bytes.append(contentsOf: $0.prefix(limit + 1 - bytes.count)) }
            if bytes.count > limit { break }
        }
        return bytes
    }

    /// `name` on the PATH, or in the usual places when there is none.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
