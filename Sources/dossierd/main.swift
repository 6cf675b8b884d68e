import ArgumentParser
import DossierProtocol
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
            state, cache and socket default to STATE_DIRECTORY, CACHE_DIRECTORY and RUNTIME_DIRECTORY,
            and a socket passed by socket activation (LISTEN_FDS) is used instead of binding one.
            """,
        version: DossierVersion.current)

    @Option(
        help: """
            A configuration file of 'key = value' lines (root, ignore, log-level, settle-ms, max-file-size, \
            follow-symlinks, rescan-interval, verify-interval, ocr-language, allow-correct-user, \
            allow-correct-group), read again on SIGHUP; flags win over it, it wins over the environment \
            [DOSSIER_CONFIG].
            """)
    var config: String?

    @Option(help: "The folder to watch [DOSSIER_ROOT].")
    var root: String?

    @Option(
        name: .customLong("state-dir"),
        help: "Where the corrections to names are kept [DOSSIER_STATE_DIR, STATE_DIRECTORY].")
    var stateDirectory: String?

    @Option(
        name: .customLong("cache-dir"),
        help: "Where the cache lives, rebuilt when lost [DOSSIER_CACHE_DIR, CACHE_DIRECTORY].")
    var cacheDirectory: String?

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

    @Option(
        name: .customLong("verify-interval"),
        help: """
            Seconds between checks that compare the whole folder with the cache (a stat of every file) to find \
            what the events missed; 0 turns them off [DOSSIER_VERIFY_INTERVAL].
            """)
    var verifyInterval: Double?

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

    @Option(
        name: .customLong("query-slots"),
        help: "Queries that run at once; more wait their turn [DOSSIER_QUERY_SLOTS] (default: cores, at least 2).")
    var querySlots: Int?

    @Option(
        name: .customLong("query-timeout"),
        help: "Seconds a query may run before it is answered with io.dossier.QueryTimedOut [DOSSIER_QUERY_TIMEOUT].")
    var queryTimeout: Double?

    @Option(
        name: .customLong("allow-user"),
        help: "A user (name or uid) who may query; repeatable [DOSSIER_ALLOW_USERS, ':'-separated].")
    var allowedUsers: [String] = []

    @Option(
        name: .customLong("allow-group"),
        help: """
            A group (name or gid) whose members may query; repeatable [DOSSIER_ALLOW_GROUPS]. Root, the \
            daemon's own user and the group 'dossier' always may.
            """)
    var allowedGroups: [String] = []

    @Option(
        name: .customLong("allow-correct-user"),
        help: """
            A user (name or uid) who may correct names; repeatable [DOSSIER_ALLOW_CORRECT_USERS]. When no \
            user or group is named, everyone who may query may.
            """)
    var correctingUsers: [String] = []

    @Option(
        name: .customLong("allow-correct-group"),
        help: "A group (name or gid) whose members may correct names; repeatable [DOSSIER_ALLOW_CORRECT_GROUPS].")
    var correctingGroups: [String] = []

    @Option(
        name: .customLong("ocr-language"),
        help: "Tesseract's language(s) for the text in images, eng or eng+deu [DOSSIER_OCR_LANGUAGE] (default: eng).")
    var ocrLanguage: String?

    @Flag(name: .customLong("follow-symlinks"), help: "Follow symbolic links [DOSSIER_FOLLOW_SYMLINKS=1].")
    var followSymlinks = false

    func run() async throws {
        // SIGHUP means "reload": never let it kill the daemon before the handler is in place.
        signal(SIGHUP, SIG_IGN)
        let environment = ProcessInfo.processInfo.environment
        MallocArenas.limit(environment: environment)
        let settings = DaemonSettings(options: self, environment: environment)
        let configuration: DaemonConfiguration
        do {
            configuration = try settings.configuration()
        } catch {
            throw ValidationError("\(error)")
        }
        let level = ReloadableLogLevel(configuration.logLevel)
        let toJournal = JournalStream.stderrIsJournal()
        LoggingSystem.bootstrap { label in
            ReloadableLevelLogHandler(
                wrapping: EscapingLogHandler.service(label: label, identifier: "dossierd", toJournal: toJournal),
                level: level)
        }
        let logger = Logger(label: "dossierd")
        do {
            try await DossierDaemon(
                configuration: configuration, logger: logger, logLevel: level,
                reload: { try settings.configuration() }
            ).run()
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

private typealias Defaults = DaemonConfiguration.Defaults

/// Flags first, then the configuration file, then the environment, then systemd's directories,
/// then per-user defaults.
struct DaemonSettings: Sendable {
    let options: Dossierd
    let environment: [String: String]

    /// Reads the configuration file (again) and resolves every setting.
    func configuration() throws -> DaemonConfiguration {
        let file = try configurationFile()
        func setting(_ flag: String?, _ key: String, _ variable: String) -> String? {
            flag ?? file[key] ?? environment[variable]
        }
        guard let rootSetting = setting(options.root, "root", "DOSSIER_ROOT"), !rootSetting.isEmpty else {
            throw DaemonError(message: "no folder to watch: pass --root or set DOSSIER_ROOT")
        }
        let root = Self.absolute(rootSetting)
        let state =
            options.stateDirectory ?? environment["DOSSIER_STATE_DIR"]
            ?? environment["STATE_DIRECTORY"].flatMap { $0.split(separator: ":").first.map(String.init) }
            ?? userDirectory("XDG_STATE_HOME", fallback: ".local/state")
        let cache =
            options.cacheDirectory ?? environment["DOSSIER_CACHE_DIR"]
            ?? environment["CACHE_DIRECTORY"].flatMap { $0.split(separator: ":").first.map(String.init) }
            ?? userDirectory("XDG_CACHE_HOME", fallback: ".cache")
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
            + (file.values["ignore"] ?? []).flatMap { $0.split(separator: ":").map(String.init) }
            + (environment["DOSSIER_IGNORE"]?.split(separator: ":").map(String.init) ?? [])
        let settle =
            try number(options.settleMilliseconds.map(String.init), file["settle-ms"], "DOSSIER_SETTLE_MS")
            ?? Defaults.settleMilliseconds
        let maximumBytes =
            try number(options.maximumFileSize.map(String.init), file["max-file-size"], "DOSSIER_MAX_FILE_SIZE")
            ?? Defaults.maximumFileSize
        let rescan =
            try decimal(options.rescanInterval.map { "\($0)" }, file["rescan-interval"], "DOSSIER_RESCAN_INTERVAL")
            ?? Defaults.rescanIntervalSeconds
        let verify =
            try decimal(options.verifyInterval.map { "\($0)" }, file["verify-interval"], "DOSSIER_VERIFY_INTERVAL")
            ?? Defaults.verifyIntervalSeconds
        let level =
            try setting(options.logLevel, "log-level", "DOSSIER_LOG_LEVEL").map(Dossierd.level)
            ?? Defaults.logLevel
        let follow =
            options.followSymlinks || file["follow-symlinks"].map { ["1", "yes", "true"].contains($0) } ?? false
            || environment["DOSSIER_FOLLOW_SYMLINKS"] == "1"
        let connections =
            options.maximumConnections ?? environment["DOSSIER_MAX_CONNECTIONS"].flatMap { Int($0) }
            ?? Defaults.maximumConnections
        let perUser =
            options.maximumConnectionsPerUser ?? environment["DOSSIER_MAX_CONNECTIONS_PER_USER"].flatMap { Int($0) }
            ?? Defaults.maximumConnectionsPerUser
        let idle =
            options.idleTimeout ?? environment["DOSSIER_IDLE_TIMEOUT"].flatMap { Double($0) }
            ?? Defaults.idleTimeoutSeconds
        let queryTimeout =
            options.queryTimeout ?? environment["DOSSIER_QUERY_TIMEOUT"].flatMap { Double($0) }
            ?? Defaults.queryTimeoutSeconds
        let querySlots =
            options.querySlots ?? environment["DOSSIER_QUERY_SLOTS"].flatMap { Int($0) }
            ?? Defaults.querySlots
        let ocrLanguage =
            setting(options.ocrLanguage, "ocr-language", "DOSSIER_OCR_LANGUAGE") ?? Defaults.ocrLanguage
        guard !ocrLanguage.isEmpty, ocrLanguage.allSatisfy({ $0.isLetter || $0.isNumber || "_+-".contains($0) })
        else {
            throw DaemonError(message: "--ocr-language takes Tesseract language names, such as eng or eng+deu")
        }
        guard queryTimeout > 0, querySlots > 0 else {
            throw DaemonError(message: "--query-timeout and --query-slots must be more than 0")
        }
        guard connections > 0, perUser > 0, idle > 0 else {
            throw DaemonError(message: "connection limits and --idle-timeout must be more than 0")
        }
        guard settle >= 0, maximumBytes > 0, rescan > 0, verify >= 0 else {
            throw DaemonError(
                message:
                    "--settle-ms and --verify-interval must be 0 or more, --max-file-size and --rescan-interval more than 0"
            )
        }
        return DaemonConfiguration(
            root: root,
            stateDirectory: Self.absolute(state),
            cacheDirectory: Self.absolute(cache),
            endpoint: endpoint,
            maximumConnections: connections,
            maximumConnectionsPerUser: perUser,
            idleTimeout: .milliseconds(Int(idle * 1000)),
            access: try accessPolicy(),
            correctors: try correctingPolicy(file),
            ignorePatterns: ignore,
            settle: .milliseconds(settle),
            ingest: IngestConfiguration(maximumBytes: maximumBytes),
            followSymlinks: follow,
            rescanInterval: .milliseconds(Int(rescan * 1000)),
            verifyInterval: verify > 0 ? .milliseconds(Int(verify * 1000)) : nil,
            logLevel: level,
            querySlots: querySlots, queryTimeout: .milliseconds(Int(queryTimeout * 1000)), ocrLanguage: ocrLanguage)
    }

    /// Root, the daemon's own user, the group "dossier" if there is one, and whoever is listed.
    private func accessPolicy() throws -> AccessPolicy {
        var groups: Set<UInt32> = []
        if let group = getgrnam("dossier") { groups.insert(group.pointee.gr_gid) }
        return try policy(
            users: options.allowedUsers + list("DOSSIER_ALLOW_USERS"),
            groups: options.allowedGroups + list("DOSSIER_ALLOW_GROUPS"), alsoGroups: groups)
    }

    /// Who may correct names: root, the daemon's own user and whoever is listed; nil (everyone
    /// who may query) when nobody is.
    private func correctingPolicy(_ file: ConfigurationFile) throws -> AccessPolicy? {
        let users =
            options.correctingUsers + (file.values["allow-correct-user"] ?? []) + list("DOSSIER_ALLOW_CORRECT_USERS")
        let groups =
            options.correctingGroups + (file.values["allow-correct-group"] ?? [])
            + list("DOSSIER_ALLOW_CORRECT_GROUPS")
        guard !users.isEmpty || !groups.isEmpty else { return nil }
        return try policy(users: users, groups: groups)
    }

    /// The ':'-separated values of an environment variable.
    private func list(_ variable: String) -> [String] {
        environment[variable]?.split(separator: ":").map(String.init) ?? []
    }

    /// Root, the daemon's own user, `userNames` and the members of `groupNames` and `alsoGroups`.
    private func policy(users userNames: [String], groups groupNames: [String], alsoGroups: Set<UInt32> = [])
        throws -> AccessPolicy
    {
        var users: Set<UInt32> = [0, geteuid()]
        var groups = alsoGroups
        for name in userNames {
            if let uid = UInt32(name) {
                users.insert(uid)
            } else if let user = getpwnam(name) {
                users.insert(user.pointee.pw_uid)
            } else {
                throw DaemonError(message: "no such user '\(name)'")
            }
        }
        for name in groupNames {
            if let gid = UInt32(name) {
                groups.insert(gid)
            } else if let group = getgrnam(name) {
                groups.insert(group.pointee.gr_gid)
            } else {
                throw DaemonError(message: "no such group '\(name)'")
            }
        }
        return AccessPolicy(users: users, groups: groups)
    }

    /// The configuration file, or an empty one when none is named or the named one is missing.
    private func configurationFile() throws -> ConfigurationFile {
        guard let path = options.config ?? environment["DOSSIER_CONFIG"], !path.isEmpty else {
            return ConfigurationFile()
        }
        guard FileManager.default.fileExists(atPath: path) else { return ConfigurationFile() }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DaemonError(message: "cannot read configuration file \(path)")
        }
        do {
            return try ConfigurationFile(parsing: text)
        } catch {
            throw DaemonError(message: "configuration file \(path), \(error)")
        }
    }

    private func number(_ flag: String?, _ file: String?, _ variable: String) throws -> Int? {
        guard let text = flag ?? file ?? environment[variable] else { return nil }
        guard let value = Int(text) else { throw DaemonError(message: "'\(text)' is not a whole number") }
        return value
    }

    private func decimal(_ flag: String?, _ file: String?, _ variable: String) throws -> Double? {
        guard let text = flag ?? file ?? environment[variable] else { return nil }
        guard let value = Double(text) else { throw DaemonError(message: "'\(text)' is not a number") }
        return value
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
