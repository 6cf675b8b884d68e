/// Who may use the page. Anyone on the machine can reach a loopback port, so the page asks for
/// a secret token (given once in the address, then kept in an HttpOnly, SameSite=Strict
/// cookie), refuses a `Host` that does not name the listening address (a DNS-rebinding page),
/// and takes changes only with the form token it gave.
public struct AccessGuard: Sendable {
    public enum Verdict: Sendable, Equatable {
        case allow
        /// The token was right in the address: set the cookie and go to `location`, without it.
        case signIn(location: String)
        /// 401: no token, or the wrong one.
        case unauthorized
        /// 421: the `Host` header names another place.
        case misdirected
    }

    public let token: String
    /// The form token every change must carry.
    public let formToken: String
    /// The `Host` values that name this server.
    public let hosts: Set<String>
    public let cookieName: String

    /// `host` and `port` are where the server listens.
    public init(token: String, formToken: String, host: String, port: Int) {
        self.token = token
        self.formToken = formToken
        var hosts: Set<String> = [ListenAddress.hostPart(host) + ":\(port)"]
        if ListenAddress.isLoopback(host) {
            hosts.insert("localhost:\(port)")
            if host.hasPrefix("127.") { hosts.insert("127.0.0.1:\(port)") }
        }
        if port == 80 { hosts.formUnion(hosts.map { String($0.dropLast(3)) }) }
        self.hosts = hosts
        cookieName = "dossier_token_\(port)"
    }

    /// Whether a request may be served. Static files need no token (they are the project's
    /// own), but a right `Host` all the same.
    public func check(host: String?, cookies: String?, path: String, query: FormData) -> Verdict {
        guard let host, hosts.contains(host.lowercased()) else { return .misdirected }
        if path.hasPrefix("/static/") { return .allow }
        if let given = query["token"] {
            guard Self.same(given, token) else { return .unauthorized }
            let rest = query.fields.filter { $0.name != "token" }.map { ($0.name, Optional($0.value)) }
            return .signIn(location: Links.page(path, rest))
        }
        guard let value = Self.cookie(cookieName, in: cookies), Self.same(value, token) else { return .unauthorized }
        return .allow
    }

    /// Whether a change carries the form token.
    public func acceptsChange(formToken given: String?) -> Bool {
        guard let given else { return false }
        return Self.same(given, formToken)
    }

    /// The cookie that keeps the token: only for this site, never for a script.
    public var cookie: String {
        "\(cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict"
    }

    /// The value of cookie `name` in a `Cookie` header.
    static func cookie(_ name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmed == name { return parts[1].trimmed }
        }
        return nil
    }

    /// Compares in time that does not depend on where they differ.
    static func same(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    /// A new random token: 32 bytes from the system's generator, as hex.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined()
    }
}

/// Where the page listens: `HOST:PORT`, `[IPv6]:PORT`.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public static let standard = ListenAddress(host: "127.0.0.1", port: 8750)

    /// Reads `HOST:PORT` or `[IPv6]:PORT`; nil when it is neither.
    public init?(parsing text: String) {
        let host: Substring
        let port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[close...].hasPrefix("]:") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
            if host.contains(":") { return nil }
        }
        guard !host.isEmpty, let number = Int(port), (0...65535).contains(number) else { return nil }
        self.init(host: String(host), port: number)
    }

    public var isLoopback: Bool { Self.isLoopback(host) }

    public var description: String { Self.hostPart(host) + ":\(port)" }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The host as a URL writes it: an IPv6 address in brackets.
    static func hostPart(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host.lowercased() }
}
