import DossierProtocol

extension Pages {
    /// The markup a document's text may take on its page, beyond which the rest is left out.
    static let documentTextBudget = 150_000

    /// A document: its text as dossier keeps it, with names, dates, numbers and quotes marked,
    /// its metadata, and the documents most like it.
    func document(path: String, form: FormData) async -> PageResponse {
        struct Quote {
            var text: String
            var speaker: String?
            var link: String?
        }
        struct SectionView {
            var heading: String?
            var paragraphs: [HTML]
        }
        struct Similar {
            var title: String
            var link: String
            var shared: String
        }
        struct View {
            var frame: Frame
            var path: String
            var published: String?
            var byline: String?
            var siteName: String?
            var format: String?
            var category: String?
            var language: String?
            var words: Int
            var ocr: Bool
            var reason: String?
            var warnings: [String]
            var hasWarnings: Bool
            var sections: [SectionView]
            var truncated: Int?
            var names: [NameLink]
            var hasNames: Bool
            var dates: [String]
            var hasDates: Bool
            var numbers: [String]
            var hasNumbers: Bool
            var quotes: [Quote]
            var hasQuotes: Bool
            var similar: [Similar]
        }
        return await render("document") {
            // Asked at once; similar documents are a help, not the page: a failure leaves them out.
            async let alike = daemon.call(DossierAPI.Similar.self, .init(path: path, limit: 5))
            let document = try await daemon.call(DossierAPI.GetDocument.self, .init(path: path)).document
            let similar = (try? await alike)?.similar ?? []
            var marker = TextMarker()
            let entities = document.entities ?? []
            for entity in entities {
                let kind = TextMarker.Kind.name(link: Links.entity(entity.name), kind: entity.kind)
                marker.add(entity.name, as: kind)
                for alias in entity.aliases { marker.add(alias, as: kind) }
            }
            for date in document.dates ?? [] { marker.add(date.text, as: .date) }
            for number in document.numbers ?? [] { marker.add(number.text, as: .number) }
            for quote in document.quotes ?? [] { marker.addQuotation(quote.text) }
            if let passage = form["mark"] { marker.setPassage(passage) }
            var passageFound = false
            var budget = Self.documentTextBudget
            var sections: [SectionView] = []
            var left = 0
            for section in document.sections {
                var paragraphs: [HTML] = []
                for paragraph in section.paragraphs {
                    guard budget > 0 else {
                        left += 1
                        continue
                    }
                    let html = marker.mark(paragraph, passageFound: &passageFound)
                    budget -= html.markup.utf8.count
                    paragraphs.append(html)
                }
                if !paragraphs.isEmpty || (section.heading != nil && budget > 0) {
                    sections.append(SectionView(heading: section.heading, paragraphs: paragraphs))
                }
            }
            let dates = Self.unique((document.dates ?? []).map(\.text))
            let numbers = Self.unique((document.numbers ?? []).map(\.text))
            let quotes = (document.quotes ?? []).map { quote in
                Quote(text: quote.text, speaker: quote.speaker, link: quote.speaker.map { Links.entity($0) })
            }
            let title = document.title.isEmpty ? document.path : document.title
            return View(
                frame: Frame(title: title, section: nil), path: document.path, published: document.published,
                byline: document.byline, siteName: document.siteName, format: document.format,
                category: document.category, language: document.language, words: document.words, ocr: document.ocr,
                reason: document.reason, warnings: document.warnings, hasWarnings: !document.warnings.isEmpty,
                sections: sections, truncated: left > 0 ? left : nil,
                names: entities.map(NameLink.init),
                hasNames: !entities.isEmpty, dates: dates, hasDates: !dates.isEmpty, numbers: numbers,
                hasNumbers: !numbers.isEmpty, quotes: quotes, hasQuotes: !quotes.isEmpty,
                similar: similar.map { other in
                    Similar(
                        title: other.title.isEmpty ? other.path : other.title, link: Links.document(other.path),
                        shared: (other.entities + other.terms).prefix(5).joined(separator: ", "))
                })
        }
    }

    static func unique(_ texts: [String]) -> [String] {
        var seen: Set<String> = []
        return texts.filter { seen.insert($0).inserted }
    }
}
