import DossierProtocol

extension Pages {
    /// The first page: the search and ask boxes, the collection in numbers, the most named
    /// names, and changes as they happen.
    func home() async -> PageResponse {
        struct View {
            var frame: Frame
            var documents: Int
            var words: Int
            var pending: Int?
            var names: [NameLink]
            var hasNames: Bool
        }
        return await render("home") {
            async let status = daemon.call(DossierAPI.Status.self, .init())
            async let entities = daemon.call(DossierAPI.Entities.self, .init(limit: 12))
            let (state, top) = try await (status.status, entities.entities)
            var frame = Frame(title: "dossier", heading: "Your documents", section: nil)
            frame.live = "on"
            return View(
                frame: frame, documents: state.documents, words: state.words,
                pending: state.pending > 0 ? state.pending : nil,
                names: top.map(NameLink.init),
                hasNames: !top.isEmpty)
        }
    }

    static let hitsPerPage = 20

    /// Search: the query language, with fields for names and dates that add their terms.
    func search(_ form: FormData) async -> PageResponse {
        struct Hit {
            var title: String
            var path: String
            var category: String?
            var link: String
            var snippet: HTML
        }
        struct View {
            var frame: Frame
            var query: String
            var entity: String?
            var kind: String?
            var kinds: [Choice]
            var from: String?
            var to: String?
            var date: String?
            var searched: Bool
            var totalText: String
            var first: Int
            var hits: [Hit]
            var previous: String?
            var next: String?
            var kindNote: String?
        }
        let query = form["q"] ?? ""
        let filters = SearchFilters(form)
        let full = filters.query(adding: query)
        let page = form.integer("page", in: 1...5000) ?? 1
        var view = View(
            frame: Frame(title: query.isEmpty ? "Search" : query, heading: "Search", section: "/search", query: query),
            query: query, entity: filters.entity, kind: filters.kind, kinds: Choice.kinds(selected: filters.kind),
            from: filters.after, to: filters.before, date: filters.date, searched: false, totalText: "", first: 1,
            hits: [], previous: nil, next: nil, kindNote: nil)
        guard !full.isEmpty || filters.entity != nil else { return .page(templates.render(view, template: "search")) }
        do {
            var entityTerms: [String] = []
            if let entity = filters.entity {
                entityTerms = [Links.entityTerm(entity)]
                if let kind = filters.kind {
                    // A kind picks among the names so written (by name or alias).
                    let names = try await daemon.call(
                        DossierAPI.Entities.self, .init(kind: kind, limit: 100, name: entity)
                    ).entities.map(\.name)
                    if names.isEmpty {
                        view.kindNote =
                            "No \(kind) is named \(entity); these are the documents that name it as any kind."
                    } else {
                        entityTerms = names.map(Links.entityTerm)
                    }
                }
            } else if filters.kind != nil {
                view.kindNote = "A kind narrows the search once a name is given."
            }
            let terms = entityTerms.count > 1 ? "(" + entityTerms.joined(separator: " OR ") + ")" : entityTerms.first
            let text = [full, terms].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            let reply = try await daemon.call(
                DossierAPI.Search.self,
                .init(query: text, limit: Self.hitsPerPage, offset: (page - 1) * Self.hitsPerPage))
            view.searched = true
            view.first = (page - 1) * Self.hitsPerPage + 1
            view.totalText =
                reply.total == 0
                ? "No document matches."
                : reply.total == 1 ? "1 document matches." : "\(reply.total) documents match."
            view.hits = reply.hits.map { hit in
                Hit(
                    title: hit.title.isEmpty ? hit.path : hit.title, path: hit.path, category: hit.category,
                    link: Links.document(hit.path),
                    snippet: Highlighter.mark(hit.snippet, ranges: hit.highlights.map { $0.start..<$0.end }))
            }
            func link(_ page: Int) -> String {
                Links.page("/search", [("q", query)] + filters.fields + [("page", page == 1 ? nil : String(page))])
            }
            if page > 1 { view.previous = link(page - 1) }
            if page * Self.hitsPerPage < reply.total { view.next = link(page + 1) }
            return .page(templates.render(view, template: "search"))
        } catch let error as DaemonError {
            if case .refused = error, error.status == 400 {
                view.frame.message = error.message
                return .page(templates.render(view, template: "search"), status: 400)
            }
            return problem(error)
        } catch {
            return failure(error, making: "search")
        }
    }

    /// Ask: the answers, the short answer marked in its sentence, the sentence in its paragraph.
    func ask(_ form: FormData) async -> PageResponse {
        struct Answer {
            var shortAnswer: String?
            var context: HTML
            var title: String
            var heading: String?
            var path: String
            var link: String
            var score: String
        }
        struct View {
            var frame: Frame
            var question: String
            var asked: Bool
            var answers: [Answer]
        }
        let question = form["q"] ?? ""
        var view = View(
            frame: Frame(title: question.isEmpty ? "Ask" : question, heading: "Ask", section: "/ask"),
            question: question, asked: false, answers: [])
        guard !question.isEmpty else { return .page(templates.render(view, template: "ask")) }
        do {
            let reply = try await daemon.call(DossierAPI.Ask.self, .init(question: question, limit: 5))
            view.asked = true
            view.answers = reply.answers.map { answer in
                Answer(
                    shortAnswer: answer.shortAnswer, context: AnswerMarkup.context(of: answer),
                    title: answer.title.isEmpty ? answer.path : answer.title, heading: answer.heading,
                    path: answer.path, link: Links.document(answer.path, mark: answer.text),
                    score: String((answer.score * 100).rounded() / 100))
            }
            return .page(templates.render(view, template: "ask"))
        } catch let error as DaemonError {
            if case .refused = error, error.status == 400 {
                view.frame.message = error.message
                return .page(templates.render(view, template: "ask"), status: 400)
            }
            return problem(error)
        } catch {
            return failure(error, making: "ask")
        }
    }
}

/// The search page's fields beside the words, as terms of the search language.
struct SearchFilters {
    var entity: String?
    var kind: String?
    var after: String?
    var before: String?
    var date: String?

    init(_ form: FormData) {
        entity = form["entity"]
        kind = form["kind"].flatMap { EntityKind(rawValue: $0)?.rawValue }
        after = form["from"]
        before = form["to"]
        date = form["date"]
    }

    /// The words with the date terms added (the name's are added once it is looked up).
    func query(adding words: String) -> String {
        var parts = [words]
        if let after { parts.append("after:" + Self.term(after)) }
        if let before { parts.append("before:" + Self.term(before)) }
        if let date { parts.append("date:" + Self.term(date)) }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The fields, for the links to other pages of results.
    var fields: [(String, String?)] {
        [("entity", entity), ("kind", kind), ("from", after), ("to", before), ("date", date)]
    }

    /// A date as one term: what is not a date's character is left out, so that a field cannot
    /// add terms of its own.
    private static func term(_ text: String) -> String {
        String(text.filter { $0.isASCII && ($0.isNumber || $0 == "-") })
    }
}

/// An answer's paragraph with its sentence set apart and the short answer marked in it.
enum AnswerMarkup {
    static func context(of answer: DossierAPI.Answer) -> HTML {
        let scalars = Array(answer.context.unicodeScalars)
        let start = min(max(0, answer.span.start), scalars.count)
        let end = min(max(start, answer.span.end), scalars.count)
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        let sentence = text(start..<end)
        var marked = HTML(text: sentence)
        if let short = answer.shortAnswer, let range = Highlighter.range(of: short, in: sentence) {
            marked = Highlighter.mark(sentence, ranges: [range])
        }
        var html = HTML(text: text(0..<start))
        html.append(HTML.element("span", ["class": "sentence"], marked))
        html.append(text: text(end..<scalars.count))
        return html
    }
}
