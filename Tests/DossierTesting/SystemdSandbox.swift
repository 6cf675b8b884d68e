import Foundation

/// The host's real systemd booted as PID 1 in private namespaces (Scripts/systemd-sandbox), for
/// tests of dossierd as a systemd unit. Needs root.
public final class SystemdSandbox: @unchecked Sendable {
    public let directory: String
    private let script: String

    /// Whether this machine can boot one: root, Debian's systemd, unshare and nsenter.
    public static var isAvailable: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/lib/systemd/systemd")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/nsenter")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/script")
    }

    public init(packageRoot: URL, directory: String) throws {
        self.directory = directory
        script = packageRoot.appendingPathComponent("Scripts/systemd-sandbox").path
        let result = try Self.execute([script, "start", directory])
        guard result.status == 0 else { throw SandboxError(message: "boot failed: \(result.output)") }
    }

    /// The host's path of `path` inside the sandbox.
    public func hostPath(_ path: String) throws -> String {
        let result = try Self.execute([script, "path", directory, path])
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a command inside; returns its exit status and combined output.
    @discardableResult
    public func run(_ arguments: String...) throws -> (status: Int32, output: String) {
        try Self.execute([script, "run", directory] + arguments)
    }

    /// `systemctl show -p NAME --value UNIT`.
    public func property(_ name: String, of unit: String) throws -> String {
        try run("systemctl", "show", "-p", name, "--value", unit).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func stop() {
        _ = try? Self.execute([script, "stop", directory])
    }

    /// Runs a command to its end. Output goes through a file, not a pipe: the sandbox's processes
    /// live on in the background and would hold a pipe open.
    static func execute(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: file, encoding: .utf8)) ?? "")
    }
}

public struct SandboxError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
