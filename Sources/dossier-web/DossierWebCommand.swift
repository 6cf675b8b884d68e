import ArgumentParser
import DossierProtocol
import DossierWeb
import Foundation
import Logging
import Systemd

/// dossier-web: the page to look at the collection in a browser, over dossierd's socket.
@main
struct DossierWebCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier-web",
        abstract: "Serve dossier's pages (search, answers, documents, names, timeline, network) on a local port.",
        discussion: """
            The page is locked with a token: dossier-web prints the address to open, with the token in it, \
            once it listens. Anyone on the machine can reach a loopback port; only who has the token gets in.
            """)

    @Option(help: "Where to listen, HOST:PORT or [IPv6]:PORT; anything but loopback must be given here.")
    var listen: String = ListenAddress.standard.description

    @Option(
        help: "dossierd's socket (else DOSSIER_SOCKET, /run/dossier/io.dossier, $XDG_RUNTIME_DIR/dossier/io.dossier).")
    var socket: String?

    @Option(
        name: .customLong("token-file"),
        help: "A file holding the token (at least 16 characters), instead of a new random one at each start.")
    var tokenFile: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error.")
    var logLevel: String = "info"

    func validate() throws {
        guard ListenAddress(parsing: listen) != nil else {
            throw ValidationError("--listen takes HOST:PORT or [IPv6]:PORT, not '\(listen)'")
        }
        guard Logger.Level(rawValue: logLevel.lowercased()) != nil else {
            throw ValidationError("unknown log level '\(logLevel)'")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel.lowercased()) ?? .info
        let toJournal = JournalStream.stderrIsJournal()
        LoggingSystem.bootstrap { label in
            var handler = EscapingLogHandler.service(label: label, identifier: "dossier-web", toJournal: toJournal)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "dossier-web")
        let address = ListenAddress(parsing: listen) ?? .standard
        let token = try readToken()
        if !address.isLoopback {
            logger.warning(
                "listening beyond this machine, without TLS: the token crosses the network as it is",
                metadata: ["listen": "\(address)"])
        }
        let settings = WebServer.Settings(listen: address, socketPath: socketPath, token: token)
        do {
            try await WebServer(settings: settings, logger: logger).run { url in
                FileHandle.standardOutput.write(Data("dossier-web: open \(url)\n".utf8))
                logger.info("listening", metadata: ["address": "\(url.split(separator: "?").first ?? "")"])
            }
        } catch {
            logger.critical("cannot serve", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
    }

    /// The token from --token-file, or a new random one.
    func readToken() throws -> String {
        guard let tokenFile else { return AccessGuard.randomToken() }
        guard let data = FileManager.default.contents(atPath: tokenFile) else {
            throw ValidationError("cannot read the token file \(tokenFile)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.count >= 16, token.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != ";" && $0 != "," }) else {
            throw ValidationError("the token in \(tokenFile) must be at least 16 printable characters without spaces")
        }
        return token
    }

    /// --socket, DOSSIER_SOCKET, the system socket if present, the user's runtime directory.
    var socketPath: String { DaemonSocket.path(given: socket) }
}
