import DossierProtocol

/// A name as the pages show it: a link to its page, coloured by its kind when known.
struct NameLink {
    var name: String
    var kind: String
    var link: String
    var mentions: Int?

    init(name: String, kind: String? = nil, mentions: Int? = nil) {
        self.name = name
        self.kind = kind ?? "unknown"
        self.link = Links.entity(name)
        self.mentions = mentions
    }

    init(_ entity: DossierAPI.Entity) {
        self.init(name: entity.name, kind: entity.kind, mentions: entity.mentions)
    }
}

/// A sentence that shows something, with a link to its place in its document.
struct EvidenceLink {
    var sentence: String
    var path: String
    var link: String

    init(_ evidence: DossierAPI.Evidence) {
        sentence = evidence.sentence
        path = evidence.path
        link = Links.document(evidence.path, mark: evidence.sentence)
    }
}

/// A document in a list: its title (its path when it has none), its path and its page.
struct DocumentLink {
    var title: String
    var path: String
    var link: String

    init(path: String, title: String) {
        self.title = title.isEmpty ? path : title
        self.path = path
        link = Links.document(path)
    }
}
