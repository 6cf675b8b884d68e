import DossierProtocol

extension Pages {
    /// A name: its kind, aliases and titles, mentions over time, the names it is named with and
    /// the sentences that say so, its quotes, its documents, and the forms that correct it.
    func entity(name: String) async -> PageResponse {
        struct Related {
            var name: NameLink
            var weight: Int
            var evidence: [EvidenceLink]
        }
        struct Quote {
            var text: String
            var title: String
            var link: String
        }
        struct View {
            var frame: Frame
            var kind: String
            /// "12 times in 2 documents".
            var counts: String
            var documents: Int
            var aliases: [String]
            var hasAliases: Bool
            var titles: [String]
            var hasTitles: Bool
            var chart: HTML?
            var related: [Related]
            var quotes: [Quote]
            var hasQuotes: Bool
            var documentList: [DocumentLink]
            var searchLink: String
            var timelineLink: String
            var target: DossierAPI.EntityReference
            var kindChoices: [Choice]
            var corrections: [CorrectionView]
            var hasCorrections: Bool
        }
        return await render("entity") {
            // All asked at once: each finds the name by its name or an alias, as Related does.
            async let timeline = counts(entities: [name], by: nil)
            async let quotes = daemon.call(DossierAPI.Quotes.self, .init(speaker: name, limit: 20))
            async let documents = daemon.call(DossierAPI.Search.self, .init(query: Links.entityTerm(name), limit: 10))
            async let corrections = daemon.call(DossierAPI.ListCorrections.self, .init())
            let found = try await daemon.call(DossierAPI.Related.self, .init(entity: name, limit: 10))
            let entity = found.entity
            let term = Links.entityTerm(entity.name)
            let (by, periods) = try await timeline
            let chart = BarChart(
                bars: periods.map { period in
                    .init(
                        label: period.period, value: period.statements,
                        link: Links.page(
                            "/timeline", [("entity", entity.name), ("from", period.period), ("to", period.period)]))
                }, title: "Dated sentences that name \(entity.name), by \(by)")
            let about = try await corrections.corrections.filter { $0.isAbout(entity.name) }
            return View(
                frame: Frame(title: entity.name, section: "/entities"), kind: entity.kind,
                counts: Self.counted(entity.mentions, "time") + " in " + Self.counted(entity.documents, "document"),
                documents: entity.documents, aliases: entity.aliases, hasAliases: !entity.aliases.isEmpty,
                titles: entity.titles, hasTitles: !entity.titles.isEmpty, chart: chart.html,
                related: found.related.map { relation in
                    Related(
                        name: NameLink(relation.entity), weight: relation.weight,
                        evidence: relation.evidence.prefix(2).map(EvidenceLink.init))
                },
                quotes: try await quotes.quotes.map {
                    Quote(
                        text: $0.text, title: $0.title.isEmpty ? $0.path : $0.title,
                        link: Links.document($0.path, mark: $0.text))
                },
                hasQuotes: try await !quotes.quotes.isEmpty,
                documentList: try await documents.hits.map { DocumentLink(path: $0.path, title: $0.title) },
                searchLink: Links.search(term),
                timelineLink: Links.page("/timeline", [("entity", entity.name)]),
                target: .init(name: entity.name, kind: entity.kind),
                kindChoices: Choice.kinds(selected: entity.kind, allowsAny: false),
                corrections: about.map(CorrectionView.init), hasCorrections: !about.isEmpty)
        }
    }

    /// "1 document", "2 documents".
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// Every name, most mentioned first; `kind` narrows them.
    func entities(_ form: FormData) async -> PageResponse {
        struct Row {
            var name: String
            var kind: String
            var mentions: Int
            var documents: Int
            var aliases: String
            var link: String
        }
        struct View {
            var frame: Frame
            var kinds: [Choice]
            var entities: [Row]
        }
        let kind = form["kind"].flatMap { EntityKind(rawValue: $0)?.rawValue }
        return await render("entities") {
            let entities = try await daemon.call(DossierAPI.Entities.self, .init(kind: kind, limit: 300)).entities
            return View(
                frame: Frame(title: "Names", section: "/entities"), kinds: Choice.kinds(selected: kind),
                entities: entities.map {
                    Row(
                        name: $0.name, kind: $0.kind, mentions: $0.mentions, documents: $0.documents,
                        aliases: $0.aliases.joined(separator: "; "), link: Links.entity($0.name))
                })
        }
    }

    /// Every correction, newest last, each with a way to undo it.
    func corrections() async -> PageResponse {
        struct View {
            var frame: Frame
            var file: String
            var problem: String?
            var corrections: [CorrectionView]
        }
        return await render("corrections") {
            let reply = try await daemon.call(DossierAPI.ListCorrections.self, .init())
            return View(
                frame: Frame(title: "Corrections", section: "/corrections"), file: reply.file, problem: reply.problem,
                corrections: reply.corrections.map(CorrectionView.init))
        }
    }
}

/// A correction as the pages list it.
struct CorrectionView {
    var number: Int
    var summary: String
    var user: String
    var at: String
    var undoLink: String

    init(_ correction: DossierAPI.Correction) {
        number = correction.number
        summary = correction.summary
        user = correction.user
        at = correction.at
        undoLink = Links.page("/correct", [("action", "undo"), ("number", String(correction.number))])
    }
}

extension DossierAPI.Correction {
    /// Whether the correction is about the name `name`, or gives it.
    func isAbout(_ name: String) -> Bool {
        let key = name.lowercased()
        return [entity.name, into?.name, self.name, alias].contains { $0?.lowercased() == key }
    }
}
