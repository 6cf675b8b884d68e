import DossierProtocol

extension Pages {
    static let timelineStatements = 100

    /// Statements counted `by` a period; without one, by month, or by year when no date is as
    /// precise as a month (rather than nothing to see).
    func counts(entities: [String]?, from: String? = nil, to: String? = nil, query: String? = nil, by: String?)
        async throws -> (by: String, periods: [DossierAPI.PeriodCount])
    {
        let first = by ?? "month"
        let periods =
            try await daemon.call(
                DossierAPI.Timeline.self, .init(entities: entities, from: from, to: to, query: query, by: first)
            ).periods ?? []
        guard by == nil, periods.isEmpty else { return (first, periods) }
        let years =
            try await daemon.call(
                DossierAPI.Timeline.self, .init(entities: entities, from: from, to: to, query: query, by: "year")
            ).periods ?? []
        return ("year", years)
    }

    /// The timeline: statements counted by period as a chart (a bar opens its period), and the
    /// dated statements below, grouped by month.
    func timeline(_ form: FormData) async -> PageResponse {
        struct Statement {
            var date: String
            var resolved: Bool
            var sentence: String
            var title: String
            var link: String
            var names: [NameLink]
        }
        struct Group {
            var label: String
            var statements: [Statement]
        }
        struct View {
            var frame: Frame
            var entity: String?
            var from: String?
            var to: String?
            var query: String?
            var by: String
            var periods: [Choice]
            var chart: HTML?
            var statementsHeading: String
            var groups: [Group]
            var more: Bool
            var shown: Int
        }
        let entities = form.all("entity")
        let (from, to, query) = (form["from"], form["to"], form["q"])
        let chosen = form["by"].flatMap { DossierAPI.Timeline.Parameters.periods.contains($0) ? $0 : nil }
        return await render("timeline") {
            let names = entities.isEmpty ? nil : Array(entities.prefix(4))
            async let listed = daemon.call(
                DossierAPI.Timeline.self,
                .init(entities: names, from: from, to: to, query: query, limit: Self.timelineStatements))
            let (by, periods) = try await counts(entities: names, from: from, to: to, query: query, by: chosen)
            let statements = try await listed.statements
            let chart = BarChart(
                bars: periods.map { period in
                    .init(
                        label: period.period, value: period.statements,
                        link: Links.page(
                            "/timeline",
                            entities.map { ("entity", $0) } + [
                                ("from", period.period), ("to", period.period), ("q", query), ("by", chosen),
                            ]))
                }, title: "Dated statements by \(by)")
            var groups: [Group] = []
            for statement in statements {
                let label = statement.date.hasPrefix("--") ? "No year" : String(statement.date.prefix(7))
                let item = Statement(
                    date: statement.date, resolved: statement.resolved, sentence: statement.sentence,
                    title: statement.title.isEmpty ? statement.path : statement.title,
                    link: Links.document(statement.path, mark: statement.sentence),
                    names: statement.names.map { NameLink(name: $0) })
                if groups.last?.label == label {
                    groups[groups.count - 1].statements.append(item)
                } else {
                    groups.append(Group(label: label, statements: [item]))
                }
            }
            let span = [from, to].compactMap { $0 }.joined(separator: " to ")
            return View(
                frame: Frame(title: "Timeline", section: "/timeline"), entity: entities.first, from: from, to: to,
                query: query, by: by,
                periods: DossierAPI.Timeline.Parameters.periods.map {
                    Choice(value: $0, label: $0, selected: $0 == by)
                },
                chart: chart.html,
                statementsHeading: span.isEmpty ? "Dated statements" : "Dated statements, \(span)", groups: groups,
                more: statements.count == Self.timelineStatements, shown: statements.count)
        }
    }
}
