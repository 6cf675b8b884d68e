// The records the io.dossier methods take and answer with; InterfaceDescription.swift says what
// each field means.

extension DossierAPI {
    /// Counters since the daemon started.
    public struct Counters: Codable, Sendable, Equatable {
        public var scanned: Int
        public var read: Int
        public var processed: Int
        public var failed: Int

        public init(scanned: Int, read: Int, processed: Int, failed: Int) {
            self.scanned = scanned
            self.read = read
            self.processed = processed
            self.failed = failed
        }
    }

    /// What the daemon holds and does.
    public struct DaemonStatus: Codable, Sendable, Equatable {
        public var documents: Int
        public var unsupported: Int
        public var failed: Int
        public var words: Int
        public var pending: Int
        public var generation: Int
        public var root: String
        public var version: String
        public var phase: String
        public var initialScanComplete: Bool
        public var cacheError: String?
        public var rootMissing: Bool
        public var watchedFolders: Int
        public var unwatchedFolders: Int
        public var overflows: Int
        public var rescans: Int
        public var missedChanges: Int
        public var subscribers: Int
        public var queriesWaiting: Int
        public var missingData: [String]
        public var missingPrograms: [String]
        public var counters: Counters
        public var uptimeSeconds: Double
        /// Corrections to names in force.
        public var corrections: Int
        /// Why the corrections file could not be read at start; null when it could.
        public var correctionsProblem: String?

        public init(
            documents: Int, unsupported: Int, failed: Int, words: Int, pending: Int, generation: Int, root: String,
            version: String, phase: String, initialScanComplete: Bool, cacheError: String? = nil, rootMissing: Bool,
            watchedFolders: Int, unwatchedFolders: Int, overflows: Int, rescans: Int, missedChanges: Int = 0,
            subscribers: Int,
            queriesWaiting: Int, missingData: [String], missingPrograms: [String], counters: Counters,
            uptimeSeconds: Double, corrections: Int = 0, correctionsProblem: String? = nil
        ) {
            self.corrections = corrections
            self.correctionsProblem = correctionsProblem
            self.documents = documents
            self.unsupported = unsupported
            self.failed = failed
            self.words = words
            self.pending = pending
            self.generation = generation
            self.root = root
            self.version = version
            self.phase = phase
            self.initialScanComplete = initialScanComplete
            self.cacheError = cacheError
            self.rootMissing = rootMissing
            self.watchedFolders = watchedFolders
            self.unwatchedFolders = unwatchedFolders
            self.overflows = overflows
            self.rescans = rescans
            self.missedChanges = missedChanges
            self.subscribers = subscribers
            self.queriesWaiting = queriesWaiting
            self.missingData = missingData
            self.missingPrograms = missingPrograms
            self.counters = counters
            self.uptimeSeconds = uptimeSeconds
        }
    }

    /// A document as listed: where it is, whether it was indexed, and why not.
    public struct DocumentSummary: Codable, Sendable, Equatable {
        public var path: String
        public var status: String
        public var title: String
        public var category: String?
        public var published: String?
        public var format: String?
        public var words: Int
        public var size: Int?
        public var indexedAt: Double
        public var reason: String?

        public init(
            path: String, status: String, title: String, category: String? = nil, published: String? = nil,
            format: String? = nil, words: Int, size: Int? = nil, indexedAt: Double, reason: String? = nil
        ) {
            self.path = path
            self.status = status
            self.title = title
            self.category = category
            self.published = published
            self.format = format
            self.words = words
            self.size = size
            self.indexedAt = indexedAt
            self.reason = reason
        }
    }

    /// A heading and the paragraphs under it.
    public struct Section: Codable, Sendable, Equatable {
        public var heading: String?
        public var paragraphs: [String]

        public init(heading: String? = nil, paragraphs: [String]) {
            self.heading = heading
            self.paragraphs = paragraphs
        }
    }

    /// One document with its structure and, when indexed, what it names.
    public struct Document: Codable, Sendable, Equatable {
        public var path: String
        public var status: String
        public var title: String
        public var category: String?
        public var published: String?
        public var format: String?
        public var words: Int
        public var size: Int?
        public var indexedAt: Double
        public var reason: String?
        public var warnings: [String]
        public var sections: [Section]
        public var hash: String?
        public var siteName: String?
        public var byline: String?
        public var pageWords: Int?
        public var ocr: Bool
        public var language: String?
        public var foreignSpans: [ForeignSpan]?
        public var entities: [Entity]?
        public var dates: [WrittenDate]?
        public var numbers: [Number]?
        public var quotes: [Quote]?

        public init(
            path: String, status: String, title: String, category: String? = nil, published: String? = nil,
            format: String? = nil, words: Int, size: Int? = nil, indexedAt: Double, reason: String? = nil,
            warnings: [String], sections: [Section], hash: String? = nil, siteName: String? = nil,
            byline: String? = nil, pageWords: Int? = nil, ocr: Bool = false, language: String? = nil,
            foreignSpans: [ForeignSpan]? = nil,
            entities: [Entity]? = nil, dates: [WrittenDate]? = nil, numbers: [Number]? = nil, quotes: [Quote]? = nil
        ) {
            self.path = path
            self.status = status
            self.title = title
            self.category = category
            self.published = published
            self.format = format
            self.words = words
            self.size = size
            self.indexedAt = indexedAt
            self.reason = reason
            self.warnings = warnings
            self.sections = sections
            self.hash = hash
            self.siteName = siteName
            self.byline = byline
            self.pageWords = pageWords
            self.ocr = ocr
            self.language = language
            self.foreignSpans = foreignSpans
            self.entities = entities
            self.dates = dates
            self.numbers = numbers
            self.quotes = quotes
        }
    }

    /// A fragment in another language.
    public struct ForeignSpan: Codable, Sendable, Equatable {
        public var text: String
        public var language: String

        public init(text: String, language: String) {
            self.text = text
            self.language = language
        }
    }

    /// A name: a person, an organisation, a place or another.
    public struct Entity: Codable, Sendable, Equatable {
        public var name: String
        public var kind: String
        public var aliases: [String]
        public var titles: [String]
        public var mentions: Int
        public var documents: Int

        public init(name: String, kind: String, aliases: [String], titles: [String], mentions: Int, documents: Int) {
            self.name = name
            self.kind = kind
            self.aliases = aliases
            self.titles = titles
            self.mentions = mentions
            self.documents = documents
        }
    }

    /// A date as written, with as much of it as the text says.
    public struct WrittenDate: Codable, Sendable, Equatable {
        public var text: String
        public var startYear: Int?
        public var endYear: Int?
        public var month: Int?
        public var day: Int?
        public var resolved: Bool?

        public init(
            text: String, startYear: Int? = nil, endYear: Int? = nil, month: Int? = nil, day: Int? = nil,
            resolved: Bool? = nil
        ) {
            self.text = text
            self.startYear = startYear
            self.endYear = endYear
            self.month = month
            self.day = day
            self.resolved = resolved
        }
    }

    /// A quantity as written, its value, and what it counts or measures.
    public struct Number: Codable, Sendable, Equatable {
        public var text: String
        public var value: Double
        public var unit: String?
        public var approximate: Bool

        public init(text: String, value: Double, unit: String? = nil, approximate: Bool) {
            self.text = text
            self.value = value
            self.unit = unit
            self.approximate = approximate
        }
    }

    /// A sentence that states a date.
    public struct DatedStatement: Codable, Sendable, Equatable {
        /// ISO 8601: "2015", "2021-08", "2021-08-26", a span of years "2019/2021", or "--08-26"
        /// for a day of no known year.
        public var date: String
        /// day, month or year.
        public var precision: String
        /// The date as written ("August 26", "last year").
        public var written: String
        /// Part of the date came from the document's own date.
        public var resolved: Bool
        public var sentence: String
        public var path: String
        public var title: String
        public var heading: String?
        /// The names the sentence holds.
        public var names: [String]
        /// The day the document says it was published.
        public var published: String?

        public init(
            date: String, precision: String, written: String, resolved: Bool, sentence: String, path: String,
            title: String, heading: String? = nil, names: [String] = [], published: String? = nil
        ) {
            self.date = date
            self.precision = precision
            self.written = written
            self.resolved = resolved
            self.sentence = sentence
            self.path = path
            self.title = title
            self.heading = heading
            self.names = names
            self.published = published
        }
    }

    /// How many dated statements fall in one period.
    public struct PeriodCount: Codable, Sendable, Equatable {
        /// "2021", "2021-08" or "2021-08-26".
        public var period: String
        public var statements: Int

        public init(period: String, statements: Int) {
            self.period = period
            self.statements = statements
        }
    }

    /// A direct quotation and who said it.
    public struct Quote: Codable, Sendable, Equatable {
        public var text: String
        public var speaker: String?
        public var path: String
        public var title: String

        public init(text: String, speaker: String? = nil, path: String, title: String) {
            self.text = text
            self.speaker = speaker
            self.path = path
            self.title = title
        }
    }

    /// An entity named in the same sentences as another, with those sentences.
    /// Two names in one sentence: their places in a network's nodes, and how many sentences
    /// hold both.
    public struct NetworkEdge: Codable, Sendable, Equatable {
        public var source: Int
        public var target: Int
        public var weight: Int

        public init(source: Int, target: Int, weight: Int) {
            self.source = source
            self.target = target
            self.weight = weight
        }
    }

    public struct Relation: Codable, Sendable, Equatable {
        public var entity: Entity
        public var weight: Int
        public var evidence: [Evidence]

        public init(entity: Entity, weight: Int, evidence: [Evidence]) {
            self.entity = entity
            self.weight = weight
            self.evidence = evidence
        }
    }

    /// A sentence that names two entities.
    public struct Evidence: Codable, Sendable, Equatable {
        public var path: String
        public var sentence: String

        public init(path: String, sentence: String) {
            self.path = path
            self.sentence = sentence
        }
    }

    /// A stretch of text, in Unicode code points from 0; end is exclusive.
    public struct TextRange: Codable, Sendable, Equatable {
        public var start: Int
        public var end: Int

        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
    }

    /// A document that matches a search.
    public struct SearchHit: Codable, Sendable, Equatable {
        public var path: String
        public var title: String
        public var category: String?
        public var snippet: String
        public var highlights: [TextRange]
        public var score: Double

        public init(
            path: String, title: String, category: String? = nil, snippet: String, highlights: [TextRange],
            score: Double
        ) {
            self.path = path
            self.title = title
            self.category = category
            self.snippet = snippet
            self.highlights = highlights
            self.score = score
        }
    }

    /// A passage that answers a question.
    public struct Answer: Codable, Sendable, Equatable {
        public var path: String
        public var title: String
        public var heading: String?
        public var text: String
        public var sentence: String
        public var context: String
        public var span: TextRange
        public var score: Double
        public var shortAnswer: String?

        public init(
            path: String, title: String, heading: String? = nil, text: String, sentence: String, context: String,
            span: TextRange, score: Double, shortAnswer: String? = nil
        ) {
            self.path = path
            self.title = title
            self.heading = heading
            self.text = text
            self.sentence = sentence
            self.context = context
            self.span = span
            self.score = score
            self.shortAnswer = shortAnswer
        }
    }

    /// A document like another, with what they share.
    public struct SimilarDocument: Codable, Sendable, Equatable {
        public var path: String
        public var title: String
        public var score: Double
        public var terms: [String]
        public var entities: [String]

        public init(path: String, title: String, score: Double, terms: [String], entities: [String]) {
            self.path = path
            self.title = title
            self.score = score
            self.terms = terms
            self.entities = entities
        }
    }

    /// A change to the cached model.
    public struct Change: Codable, Sendable, Equatable {
        public var kind: String
        public var path: String
        public var previousPath: String?
        /// When following names: the sentences of the document that name them and were not
        /// there before.
        public var sentences: [String]?
        /// A correction made (kind corrected) or undone (kind reverted).
        public var correction: Correction?

        public init(
            kind: String, path: String, previousPath: String? = nil, sentences: [String]? = nil,
            correction: Correction? = nil
        ) {
            self.kind = kind
            self.path = path
            self.previousPath = previousPath
            self.sentences = sentences
            self.correction = correction
        }
    }
}

extension DossierAPI.Change {
    /// A change that is not a move has no `previousPath` key at all.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(path, forKey: .path)
        if let previousPath { try container.encode(previousPath, forKey: .previousPath) }
        if let sentences { try container.encode(sentences, forKey: .sentences) }
        if let correction { try container.encode(correction, forKey: .correction) }
    }
}

/// The kinds of entity.
public enum EntityKind: String, CaseIterable, Sendable {
    case person, organisation, place, other
}
