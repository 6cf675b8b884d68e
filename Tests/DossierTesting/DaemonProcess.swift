import Foundation
import Varlink

/// The real `dossierd` binary, started on a temporary folder and socket, and always stopped.
public final class DaemonProcess: @unchecked Sendable {
    public let root: String
    public let stateDirectory: String
    public let cacheDirectory: String
    public let socketPath: String
    public let logPath: String
    private let process = Process()

    /// The folder holding the built executables (next to the test bundle).
    public static var buildDirectory: String {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // On Linux the test bundle is a plain executable beside the products.
        if directory.lastPathComponent.hasSuffix(".xctest") { directory = directory.deletingLastPathComponent() }
        return directory.path
    }

    public static func executable(_ name: String) -> String { buildDirectory + "/" + name }

    /// Starts dossierd. `environment` is added to (or overrides) the inherited one; `launcher`
    /// is a command that execs the daemon (given as its next argument) in some other setting.
    public init(
        root: String, workDirectory: String, arguments: [String] = [], environment: [String: String] = [:],
        bindSocket: Bool = true, launcher: [String] = []
    ) throws {
        self.root = root
        stateDirectory = workDirectory + "/state"
        cacheDirectory = workDirectory + "/cache"
        socketPath = workDirectory + "/run/io.dossier"
        logPath = workDirectory + "/dossierd.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        // The root comes from the environment, the weakest source, so a configuration file can change it.
        var arguments = ["--state-dir", stateDirectory, "--cache-dir", cacheDirectory] + arguments
        if bindSocket { arguments += ["--socket", socketPath] }
        if launcher.isEmpty {
            process.executableURL = URL(fileURLWithPath: Self.executable("dossierd"))
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = launcher + [Self.executable("dossierd")] + arguments
        }
        var inherited = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "WATCHDOG_USEC", "JOURNAL_STREAM"] {
            inherited[key] = nil
        }
        inherited["DOSSIER_LOG_LEVEL"] = "debug"
        inherited["DOSSIER_ROOT"] = root
        process.environment = inherited.merging(environment) { $1 }
        let log = FileHandle(forWritingAtPath: logPath)!
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    /// The cache's file.
    public var cachePath: String { cacheDirectory + "/cache.sqlite" }
    /// The corrections' file.
    public var correctionsPath: String { stateDirectory + "/corrections.json" }

    public var processIdentifier: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }
    public var terminationStatus: Int32 { process.terminationStatus }

    /// A new connection to the daemon's socket.
    public func client() throws -> VarlinkClient {
        try VarlinkClient(path: socketPath, timeout: .seconds(20))
    }

    /// Calls an `io.dossier` method on a new connection and returns the reply's parameters.
    public func call(_ method: String, _ parameters: [String: JSONValue] = [:]) throws -> VarlinkReply {
        try client().call(method.contains(".") ? method : "io.dossier." + method, parameters)
    }

    public func status() throws -> [String: JSONValue] {
        try call("Status").parameters["status"]?.objectValue ?? [:]
    }

    /// Waits until the socket answers and the initial scan is done.
    public func waitUntilReady(timeout: Duration = .seconds(30)) async throws {
        try await waitUntil("dossierd to be ready (log: \(log()))", timeout: timeout) {
            guard process.isRunning else { throw DaemonExited(log: log()) }
            guard let status = try? status() else { return false }
            return status["initialScanComplete"]?.boolValue == true
        }
    }

    /// Waits until nothing is pending.
    public func waitUntilIdle(timeout: Duration = .seconds(30)) async throws {
        try await waitUntil("dossierd to be idle", timeout: timeout) {
            let status = try status()
            return status["pending"]?.intValue == 0 && status["phase"]?.stringValue == "idle"
                && status["initialScanComplete"]?.boolValue == true
        }
    }

    /// SIGTERM, then a bounded wait; SIGKILL if it does not stop. Returns the exit status.
    @discardableResult
    public func stop(timeout: Duration = .seconds(10)) async throws -> Int32 {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGTERM) }
        do {
            try await waitUntil("dossierd to stop", timeout: timeout) { !process.isRunning }
        } catch {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw error
        }
        return process.terminationStatus
    }

    public func kill(signal: Int32) {
        if process.isRunning { Foundation.kill(process.processIdentifier, signal) }
    }

    public func waitUntilExit() { process.waitUntilExit() }

    public func log() -> String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    deinit {
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

public struct DaemonExited: Error, CustomStringConvertible {
    public var log: String
    public var description: String { "dossierd exited early:\n\(log)" }

    public init(log: String) {
        self.log = log
    }
}
