import Corrections
import DossierProtocol
import Foundation
import Query
import Store
import Varlink

// The protocol's records made from what the store and the query engine answer.

extension DossierAPI.DocumentSummary {
    init(_ summary: Store.DocumentSummary) {
        self.init(
            path: summary.path, status: summary.status.rawValue, title: summary.title, category: summary.category,
            published: summary.published, format: summary.format, words: summary.wordCount,
            size: summary.size.map(Int.init), indexedAt: summary.indexedAt, reason: summary.reason)
    }
}

extension DossierAPI.Document {
    init(_ document: StoredDocument) {
        let summary = document.summary
        self.init(
            path: summary.path, status: summary.status.rawValue, title: summary.title, category: summary.category,
            published: summary.published, format: summary.format, words: summary.wordCount,
            size: summary.size.map(Int.init), indexedAt: summary.indexedAt, reason: summary.reason,
            warnings: document.warnings,
            sections: document.sections.map { .init(heading: $0.heading, paragraphs: $0.paragraphs) },
            hash: document.contentHash, siteName: document.siteName, byline: document.byline,
            pageWords: document.pageWordCount)
    }
}

extension DossierAPI.Entity {
    init(_ entity: EntitySummary) {
        self.init(
            name: entity.name, kind: entity.kind, aliases: entity.aliases, titles: entity.titles,
            mentions: entity.mentions, documents: entity.documents)
    }
}

extension DossierAPI.WrittenDate {
    init(_ date: StoredDate) {
        self.init(
            text: date.text, startYear: date.startYear, endYear: date.endYear, month: date.month, day: date.day,
            resolved: date.resolved)
    }
}

extension DossierAPI.Number {
    init(_ number: StoredNumber) {
        self.init(text: number.text, value: number.value, unit: number.unit, approximate: number.approximate)
    }
}

extension DossierAPI.Quote {
    init(_ quote: StoredQuote) {
        self.init(text: quote.text, speaker: quote.speaker, path: quote.path, title: quote.title)
    }
}

extension DossierAPI.Relation {
    init(_ relation: Relation) {
        self.init(
            entity: .init(relation.entity), weight: relation.weight,
            evidence: relation.evidence.map { .init(path: $0.path, sentence: $0.sentence) })
    }
}

extension DossierAPI.TextRange {
    init(_ range: Range<Int>) {
        self.init(start: range.lowerBound, end: range.upperBound)
    }
}

extension DossierAPI.SearchHit {
    init(_ hit: QueryEngine.SearchResult.Hit) {
        self.init(
            path: hit.path, title: hit.title, category: hit.category, snippet: hit.snippet.text,
            highlights: hit.snippet.ranges.map(DossierAPI.TextRange.init), score: (hit.score * 1000).rounded() / 1000)
    }
}

extension DossierAPI.Answer {
    init(_ answer: QueryEngine.Answer) {
        self.init(
            path: answer.path, title: answer.title, heading: answer.heading, text: answer.text,
            sentence: answer.sentence, context: answer.context, span: .init(answer.span), score: answer.confidence,
            shortAnswer: answer.shortAnswer)
    }
}

extension DossierAPI.SimilarDocument {
    init(_ document: SimilarDocument) {
        self.init(
            path: document.path, title: document.title, score: document.score, terms: document.sharedTerms,
            entities: document.sharedEntities)
    }
}

extension DossierAPI.Subscribe.Reply {
    init(_ change: AppliedChange) {
        self.init(
            generation: Int(change.generation),
            change: .init(
                kind: change.kind.rawValue, path: change.path, previousPath: change.previousPath,
                correction: change.correction.map(DossierAPI.Correction.init)))
    }
}

extension DossierAPI.Correction {
    init(_ correction: Corrections.Correction) {
        let action = correction.action
        var into: DossierAPI.EntityReference?
        var name: String?
        var kind: String?
        var alias: String?
        switch action {
        case .merge(_, let target): into = .init(target)
        case .rename(_, let newName): name = newName
        case .retype(_, let newKind): kind = newKind.rawValue
        case .hide: break
        case .split(_, let written, let newKind):
            alias = written
            kind = newKind.rawValue
        }
        self.init(
            number: correction.number, action: action.name, entity: .init(action.entity), into: into, name: name,
            kind: kind, alias: alias, summary: action.summary, user: correction.user,
            at: correction.at.formatted(.iso8601))
    }
}

extension DossierAPI.EntityReference {
    init(_ entity: EntityName) {
        self.init(name: entity.name, kind: entity.kind.rawValue)
    }
}

extension DossierAPI.DatedStatement {
    init(_ statement: Store.DatedStatement) {
        self.init(
            date: statement.date, precision: statement.precision.rawValue, written: statement.written,
            resolved: statement.resolved, sentence: statement.sentence, path: statement.path, title: statement.title,
            heading: statement.heading, names: statement.names, published: statement.published)
    }
}

extension DossierAPI.PeriodCount {
    init(_ count: Store.PeriodCount) {
        self.init(period: count.period, statements: count.statements)
    }
}

extension JSONValue {
    /// An exported row as the object of its columns.
    init(row: [ExportValue], columns: [String]) {
        var object: [String: JSONValue] = [:]
        for (column, value) in zip(columns, row) {
            object[column] =
                switch value {
                case .null: .null
                case .text(let text): .string(text)
                case .integer(let number): .int(number)
                case .boolean(let flag): .bool(flag)
                case .list(let items): .array(items.map(JSONValue.string))
                }
        }
        self = .object(object)
    }
}
