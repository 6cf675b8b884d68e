import DossierProtocol
import Mustache

/// The page's templates, compiled into the program (nothing to install beside it), rendered
/// with Mustache: `{{…}}` escapes, and only `HTML` values are printed with `{{{…}}}`.
public struct Templates: Sendable {
    private let library: MustacheLibrary

    static let sources: [String: [UInt8]] = [
        "layout": PackageResources.layout_mustache, "home": PackageResources.home_mustache,
        "search": PackageResources.search_mustache, "ask": PackageResources.ask_mustache,
        "document": PackageResources.document_mustache, "entity": PackageResources.entity_mustache,
        "entities": PackageResources.entities_mustache, "timeline": PackageResources.timeline_mustache,
        "network": PackageResources.network_mustache, "edge": PackageResources.edge_mustache,
        "status": PackageResources.status_mustache, "corrections": PackageResources.corrections_mustache,
        "confirm": PackageResources.confirm_mustache, "message": PackageResources.message_mustache,
    ]

    public init() throws {
        var library = MustacheLibrary()
        for (name, bytes) in Self.sources {
            try library.register(String(decoding: bytes, as: UTF8.self), named: name)
        }
        self.library = library
    }

    /// The page `view` in the template `name`.
    func render(_ view: Any, template name: String) -> String {
        library.render(view, withTemplate: name) ?? ""
    }
}

/// What every page shows around its own part: the title, the links to the other pages, the
/// search box, a message, and whether it follows changes.
struct Frame {
    struct NavigationLink {
        var label: String
        var link: String
        var current: Bool
    }

    var title: String
    var heading: String
    var nav: [NavigationLink]
    var query: String?
    var message: String?
    /// Seconds after which the page loads itself again (the daemon was down).
    var refresh: Int?
    var scripts: [String] = []
    /// "on" when the page lists changes as they happen.
    var live = "off"
    var version = DossierVersion.current

    static let sections: [(label: String, link: String)] = [
        ("Search", "/search"), ("Ask", "/ask"), ("Names", "/entities"), ("Timeline", "/timeline"),
        ("Network", "/network"), ("Status", "/status"), ("Corrections", "/corrections"),
    ]

    init(title: String, heading: String? = nil, section: String?, query: String? = nil, message: String? = nil) {
        self.title = title
        self.heading = heading ?? title
        nav = Self.sections.map { .init(label: $0.label, link: $0.link, current: $0.link == section) }
        self.query = query
        self.message = message
    }
}
