import DossierProtocol
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import Varlink

/// Every request: the lock first (the `Host`, the token), then the page, with the headers that
/// keep the page's own scripts the only ones that run.
public struct WebResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    let pages: Pages
    let feed: ChangeFeed
    let lock: AccessLock
    let scripts: StaticFiles
    /// Pages following changes at once, at most.
    static let maximumListeners = 64
    /// A form's body, at most.
    static let maximumFormBytes = 64 * 1024

    static let securityHeaders: [(HTTPField.Name, String)] = [
        (
            .contentSecurityPolicy,
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        ),
        (.xContentTypeOptions, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("Cross-Origin-Opener-Policy")!, "same-origin"),
    ]

    public func respond(to request: Request, context: Context) async throws -> Response {
        guard let lock = lock.current else { return Self.plain(503, "starting") }
        var request = request
        let path = request.uri.path
        let form = FormData(request.uri.query ?? "")
        switch lock.check(
            host: request.head.authority, cookies: request.headers[values: .cookie].joined(separator: "; "),
            path: path, query: form)
        {
        case .misdirected:
            return Self.plain(421, "This server does not answer for that host name.")
        case .unauthorized:
            return finish(
                pages.message(
                    "Open the address dossier-web printed",
                    "This page is locked: open it with the address dossier-web printed when it started (it holds the token).",
                    status: 401))
        case .signIn(let location):
            var response = finish(.redirect(to: location))
            response.headers[.setCookie] = lock.cookie
            return response
        case .allow:
            break
        }
        switch (request.method, path) {
        case (.get, _), (.head, _):
            return try await get(path, form: form)
        case (.post, "/corrections"):
            // With no referrer sent, a browser says "null" for the page's own origin; another
            // site's origin is refused outright (the form token would refuse it too).
            if let origin = request.headers[.origin], origin != "null",
                !lock.hosts.contains(where: { "http://\($0)" == origin })
            {
                return finish(pages.message("Refused", "The form came from another site.", status: 403))
            }
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: Self.maximumFormBytes)
            } catch {
                return finish(pages.message("Too long", "The form is longer than a correction can be.", status: 413))
            }
            let fields = FormData(String(buffer: body))
            guard lock.acceptsChange(formToken: fields["csrf"]) else {
                return finish(
                    pages.message(
                        "Refused", "The form is out of date or came from elsewhere; open the page again and retry.",
                        status: 403))
            }
            return finish(await pages.correct(fields))
        default:
            var response = finish(pages.message("Not allowed", "This address takes no such request.", status: 405))
            response.headers[.allow] = "GET, HEAD"
            return response
        }
    }

    private func get(_ path: String, form: FormData) async throws -> Response {
        switch path {
        case "/": return finish(await pages.home())
        case "/search": return finish(await pages.search(form))
        case "/ask": return finish(await pages.ask(form))
        case "/entities": return finish(await pages.entities(form))
        case "/timeline": return finish(await pages.timeline(form))
        case "/network": return finish(await pages.network(form))
        case "/network.json": return finish(await pages.networkData(form))
        case "/network/edge": return finish(await pages.edge(form))
        case "/status": return finish(await pages.status())
        case "/corrections": return finish(await pages.corrections())
        case "/correct": return finish(await pages.confirm(form))
        case "/events": return events()
        default:
            if let name = Links.remainder(of: path, after: "/entity/") {
                return finish(await pages.entity(name: name))
            }
            if let documentPath = Links.remainder(of: path, after: "/doc/") {
                return finish(await pages.document(path: documentPath, form: form))
            }
            if path.hasPrefix("/static/"), let file = scripts.file(named: String(path.dropFirst("/static/".count))) {
                return Response(
                    status: .ok, headers: Self.headers(file.contentType, cache: "max-age=300"),
                    body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
            }
            return finish(pages.message("Not found", "There is no page at this address.", status: 404))
        }
    }

    /// The change feed as Server-Sent Events: an event `change` for each change, a comment when
    /// idle (which finds a page that went away).
    private func events() -> Response {
        guard feed.listenerCount < Self.maximumListeners else {
            return Self.plain(503, "too many pages follow changes")
        }
        let stream = feed.listen()
        return Response(
            status: .ok, headers: Self.headers("text/event-stream"),
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "retry: 3000\n\n"))
                for await event in stream {
                    switch event {
                    case .idle:
                        try await writer.write(ByteBuffer(string: ": idle\n\n"))
                    case .change(let change, let generation):
                        try await writer.write(ByteBuffer(string: Self.eventText(change, generation: generation)))
                    }
                }
                try await writer.finish(nil)
            })
    }

    /// One change as an event: JSON on one line (JSON escapes line ends), with the link made here.
    static func eventText(_ change: DossierAPI.Change, generation: Int) -> String {
        var data: [String: JSONValue] = [
            "kind": .string(change.kind), "generation": .int(Int64(generation)),
        ]
        if let correction = change.correction {
            data["label"] = .string(correction.summary)
            data["link"] = .string("/corrections")
        } else {
            data["label"] = .string(change.path)
            if change.kind != "removed" { data["link"] = .string(Links.document(change.path)) }
        }
        return "event: change\ndata: \(JSONWriter.string(.object(data)))\n\n"
    }

    private func finish(_ page: PageResponse) -> Response {
        var headers = Self.headers(page.contentType)
        if let location = page.location { headers[.location] = location }
        return Response(
            status: HTTPResponse.Status(code: page.status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: page.body)))
    }

    /// Every response's headers: its type, how long it may be kept, and the security headers.
    private static func headers(_ contentType: String, cache: String = "no-store") -> HTTPFields {
        var headers: HTTPFields = [.contentType: contentType, .cacheControl: cache]
        for (name, value) in securityHeaders { headers[name] = value }
        return headers
    }

    private static func plain(_ status: Int, _ text: String) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: headers("text/plain; charset=utf-8"),
            body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}

/// The lock, set once the server knows its port.
final class AccessLock: Sendable {
    private let value = Mutex<AccessGuard?>(nil)

    var current: AccessGuard? { value.withLock { $0 } }

    func set(_ lock: AccessGuard) { value.withLock { $0 = lock } }
}

/// The scripts and the style sheet: the page's own, compiled in, and D3 from Debian's
/// libjs-d3, read from /usr/share/javascript at start.
public struct StaticFiles: Sendable {
    public struct File: Sendable {
        public var bytes: [UInt8]
        public var contentType: String
    }

    private let files: [String: File]

    /// `javascript` is where Debian's libjs packages put their files.
    public init(javascript: String = "/usr/share/javascript") {
        var files: [String: File] = [
            "style.css": File(bytes: PackageResources.style_css, contentType: "text/css; charset=utf-8"),
            "app.js": File(bytes: PackageResources.app_js, contentType: "text/javascript; charset=utf-8"),
            "network.js": File(bytes: PackageResources.network_js, contentType: "text/javascript; charset=utf-8"),
        ]
        if let d3 = FileManager.default.contents(atPath: javascript + "/d3/d3.min.js") {
            files["d3.min.js"] = File(bytes: Array(d3), contentType: "text/javascript; charset=utf-8")
        }
        self.files = files
    }

    public func file(named name: String) -> File? { files[name] }

    /// Whether D3 was found.
    public var hasD3: Bool { files["d3.min.js"] != nil }
}
