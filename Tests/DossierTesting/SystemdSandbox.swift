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

    static func execute(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try runCommand(arguments)
    }
}

public struct SandboxError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
