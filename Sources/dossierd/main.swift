import ArgumentParser
import DossierService
import Foundation
import Ingest
import Logging
import Systemd
import Varlink

/// dossierd: watches a folder, keeps a cached model of its documents, answers over Varlink.
@main
struct Dossierd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossierd",
        abstract: "Watch a folder of documents and answer questions about them over a Varlink socket.",
        discussion: """
            Every option can also be set in the environment (shown in brackets). Under systemd, the
            state and socket default to STATE_DIRECTORY and RUNTIME_DIRECTORY, and a socket passed by
            socket activation (LISTEN_FDS) is used instead of binding one.
            """,
        version: DossierVersion.current)

    @Option(help: "The folder to watch [DOSSIER_ROOT].")
    var root: String?

    @Option(name: .customLong("state-dir"), help: "Where the cache lives [DOSSIER_STATE_DIR, STATE_DIRECTORY].")
    var stateDirectory: String?

    @Option(help: "The socket to listen on [DOSSIER_SOCKET, RUNTIME_DIRECTORY/io.dossier].")
    var socket: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error [DOSSIER_LOG_LEVEL].")
    var logLevel: String?

    @Option(name: .customLong("ignore"), help: "A glob of names to ignore; repeatable [DOSSIER_IGNORE, ':'-separated].")
    var ignore: [String] = []

    @Option(name: .customLong("settle-ms"), help: "Quiet time before a written file is processed [DOSSIER_SETTLE_MS].")
    var settleMilliseconds: Int?

    @Option(name: .customLong("max-file-size"), help: "Bytes of a file that are indexed [DOSSIER_MAX_FILE_SIZE].")
    var maximumFileSize: Int?

    @Option(
        name: .customLong("rescan-interval"),
        help: "Seconds between rescans of folders that could not be watched [DOSSIER_RESCAN_INTERVAL].")
    var rescanInterval: Double?

    @Option(name: .customLong("max-connections"), help: "Open connections in all [DOSSIER_MAX_CONNECTIONS].")
    var maximumConnections: Int?

    @Option(
        name: .customLong("max-connections-per-user"),
        help: "Open connections of one user [DOSSIER_MAX_CONNECTIONS_PER_USER].")
    var maximumConnectionsPerUser: Int?

    @Option(
        name: .customLong("idle-timeout"),
        help: "Seconds before a connection with nothing to do is closed [DOSSIER_IDLE_TIMEOUT].")
    var idleTimeout: Double?

    @Flag(name: .customLong("follow-symlinks"), help: "Follow symbolic links [DOSSIER_FOLLOW_SYMLINKS=1].")
    var followSymlinks = false

    @Option(name: .customLong("test-pause-watch-file"), help: .hidden)
    var pauseWatchFile: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let level = try Self.level(logLevel ?? environment["DOSSIER_LOG_LEVEL"] ?? "info")
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                JournalStream.stderrIsJournal()
                ? JournalLogHandler(label: label, identifier: "dossierd", fieldPrefix: "DOSSIER_")
                : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "dossierd")
        do {
            let configuration = try DaemonSettings(options: self, environment: environment).configuration()
            try await DossierDaemon(configuration: configuration, logger: logger).run()
        } catch let error as DaemonError {
            logger.critical("cannot start", metadata: ["error": "\(error)"])
            throw ValidationError(error.message)
        }
    }

    static func level(_ text: String) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ValidationError("unknown log level '\(text)'")
        }
        return level
    }
}

/// Flags first, then the environment, then systemd's directories, then per-user defaults.
struct DaemonSettings {
    let options: Dossierd
    let environment: [String: String]

    func configuration() throws -> DaemonConfiguration {
        guard let rootSetting = options.root ?? environment["DOSSIER_ROOT"], !rootSetting.isEmpty else {
            throw DaemonError(message: "no folder to watch: pass --root or set DOSSIER_ROOT")
        }
        let root = Self.absolute(rootSetting)
        let state =
            options.stateDirectory ?? environment["DOSSIER_STATE_DIR"]
            ?? environment["STATE_DIRECTORY"].flatMap { $0.split(separator: ":").first.map(String.init) }
            ?? userDirectory("XDG_STATE_HOME", fallback: ".local/state")
        let endpoint: VarlinkServerConfiguration.Endpoint
        if let inherited = SocketActivation.takeListeningDescriptors().first(
            where: SocketActivation.isListeningUnixStream)
        {
            endpoint = .inheritedDescriptor(inherited)
        } else {
            let runtime = environment["RUNTIME_DIRECTORY"].flatMap { $0.split(separator: ":").first.map(String.init) }
            let path =
                options.socket ?? environment["DOSSIER_SOCKET"] ?? runtime.map { $0 + "/io.dossier" }
                ?? environment["XDG_RUNTIME_DIR"].map { $0 + "/dossier/io.dossier" } ?? "/run/dossier/io.dossier"
            endpoint = .path(Self.absolute(path))
        }
        let ignore =
            options.ignore
            + (environment["DOSSIER_IGNORE"]?.split(separator: ":").map(String.init) ?? [])
        let settle = options.settleMilliseconds ?? environment["DOSSIER_SETTLE_MS"].flatMap { Int($0) } ?? 20
        let maximumBytes =
            options.maximumFileSize ?? environment["DOSSIER_MAX_FILE_SIZE"].flatMap { Int($0) } ?? 16 * 1024 * 1024
        let rescan = options.rescanInterval ?? environment["DOSSIER_RESCAN_INTERVAL"].flatMap { Double($0) } ?? 30
        let connections =
            options.maximumConnections ?? environment["DOSSIER_MAX_CONNECTIONS"].flatMap { Int($0) } ?? 4096
        let perUser =
            options.maximumConnectionsPerUser ?? environment["DOSSIER_MAX_CONNECTIONS_PER_USER"].flatMap { Int($0) }
            ?? 1024
        let idle = options.idleTimeout ?? environment["DOSSIER_IDLE_TIMEOUT"].flatMap { Double($0) } ?? 300
        guard connections > 0, perUser > 0, idle > 0 else {
            throw DaemonError(message: "connection limits and --idle-timeout must be more than 0")
        }
        guard settle >= 0, maximumBytes > 0, rescan > 0 else {
            throw DaemonError(
                message: "--settle-ms must be 0 or more, --max-file-size and --rescan-interval more than 0")
        }
        return DaemonConfiguration(
            root: root,
            stateDirectory: Self.absolute(state),
            endpoint: endpoint,
            maximumConnections: connections,
            maximumConnectionsPerUser: perUser,
            idleTimeout: .milliseconds(Int(idle * 1000)),
            ignorePatterns: ignore,
            settle: .milliseconds(settle),
            ingest: IngestConfiguration(maximumBytes: maximumBytes),
            followSymlinks: options.followSymlinks || environment["DOSSIER_FOLLOW_SYMLINKS"] == "1",
            rescanInterval: .milliseconds(Int(rescan * 1000)),
            pauseWatchWhileExists: options.pauseWatchFile ?? environment["DOSSIER_TEST_PAUSE_WATCH"])
    }

    private func userDirectory(_ variable: String, fallback: String) -> String {
        if let value = environment[variable], !value.isEmpty { return value + "/dossier" }
        return (environment["HOME"] ?? "/var/lib") + "/" + fallback + "/dossier"
    }

    /// An absolute, normalised path without a trailing slash.
    static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var result = url.path
        while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return result
    }
}
