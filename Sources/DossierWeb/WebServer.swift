import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix

/// dossier-web: the page's HTTP server, a client of dossierd's socket.
public struct WebServer: Sendable {
    public struct Settings: Sendable {
        public var listen: ListenAddress
        public var socketPath: String
        public var token: String
        public var javascript: String

        public init(
            listen: ListenAddress, socketPath: String, token: String, javascript: String = "/usr/share/javascript"
        ) {
            self.listen = listen
            self.socketPath = socketPath
            self.token = token
            self.javascript = javascript
        }
    }

    let settings: Settings
    let logger: Logger

    public init(settings: Settings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Serves until SIGTERM or SIGINT; `onListening` gets the address with the token once the
    /// port is bound.
    public func run(onListening: @escaping @Sendable (String) -> Void) async throws {
        let templates = try Templates()
        let scripts = StaticFiles(javascript: settings.javascript)
        if !scripts.hasD3 {
            logger.warning(
                "D3 is not installed: the network page shows a table without its graph (apt install libjs-d3)",
                metadata: ["looked-in": "\(settings.javascript)/d3"])
        }
        // Calls to the daemon block a thread each until it answers: they wait on threads of
        // their own, never on the server's.
        let pool = NIOThreadPool(numberOfThreads: 4)
        pool.start()
        let feed = ChangeFeed(socketPath: settings.socketPath, logger: logger)
        feed.start()
        let lock = AccessLock()
        let formToken = AccessGuard.randomToken()
        let pages = Pages(
            daemon: Daemon(socketPath: settings.socketPath, pool: pool), templates: templates, formToken: formToken,
            logger: logger)
        let responder = WebResponder(pages: pages, feed: feed, lock: lock, scripts: scripts)
        let (host, token) = (settings.listen.host, settings.token)
        let application = Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: .seconds(120))),
            configuration: .init(address: .hostname(host, port: settings.listen.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let guardian = AccessGuard(token: token, formToken: formToken, host: host, port: port)
                lock.set(guardian)
                let address = ListenAddress(host: host, port: port)
                onListening("http://\(address)/?token=\(token)")
            },
            logger: logger)
        do {
            try await application.runService()
        } catch {
            feed.stop()
            try? await pool.shutdownGracefully()
            throw error
        }
        feed.stop()
        try? await pool.shutdownGracefully()
    }
}
