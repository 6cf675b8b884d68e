import Varlink

extension DossierAPI {
    /// Reports what the daemon holds and does.
    public enum Status: DossierMethod {
        public typealias Parameters = VarlinkEmpty

        public struct Reply: Codable, Sendable {
            public var status: DaemonStatus
            public init(status: DaemonStatus) { self.status = status }
        }
    }

    /// Lists documents in path order; `failed` lists only those that could not be indexed.
    public enum ListDocuments: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var limit: Int?
            public var offset: Int?
            public var failed: Bool?

            public init(limit: Int? = nil, offset: Int? = nil, failed: Bool? = nil) {
                self.limit = limit
                self.offset = offset
                self.failed = failed
            }

            public var effectiveLimit: Int { limit ?? 100 }
            public var effectiveOffset: Int { offset ?? 0 }

            public func validate() throws(VarlinkError) {
                try Self.check(limit, in: 1...100_000, CodingKeys.limit)
                try Self.check(offset, in: 0...Int.max, CodingKeys.offset)
            }
        }

        public struct Reply: Codable, Sendable {
            public var documents: [DocumentSummary]
            public var total: Int
            public init(documents: [DocumentSummary], total: Int) {
                self.documents = documents
                self.total = total
            }
        }
    }

    /// Returns one document with its structure.
    public enum GetDocument: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var path: String
            public init(path: String) { self.path = path }

            public func validate() throws(VarlinkError) {
                try RequestLimits.checkPath(path, CodingKeys.path)
            }
        }

        public struct Reply: Codable, Sendable {
            public var document: Document
            public init(document: Document) { self.document = document }
        }
    }

    /// Finds documents, best first.
    public enum Search: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var query: String
            public var limit: Int?
            public var offset: Int?

            public init(query: String, limit: Int? = nil, offset: Int? = nil) {
                self.query = query
                self.limit = limit
                self.offset = offset
            }

            public var effectiveLimit: Int { limit ?? 10 }
            public var effectiveOffset: Int { offset ?? 0 }

            public func validate() throws(VarlinkError) {
                try RequestLimits.checkText(query, CodingKeys.query)
                try Self.check(limit, in: 1...1000, CodingKeys.limit)
                try Self.check(offset, in: 0...100_000, CodingKeys.offset)
            }
        }

        public struct Reply: Codable, Sendable {
            public var hits: [SearchHit]
            public var total: Int
            public init(hits: [SearchHit], total: Int) {
                self.hits = hits
                self.total = total
            }
        }
    }

    /// The dated statements of the collection in date order, or how many fall in each period.
    public enum Timeline: DossierMethod {
        public struct Parameters: VarlinkParameters {
            /// Only sentences that name every one of these (by name or alias).
            public var entities: [String]?
            /// Only dates that overlap the span from `from` to `to` (YYYY, YYYY-MM or YYYY-MM-DD; the
            /// daemon refuses one that is not a date, and a span that ends before it begins).
            public var from: String?
            public var to: String?
            /// Only sentences that match this, in the search language (`path:` and `entity:` narrow
            /// the documents).
            public var query: String?
            /// day, month or year: counts per period instead of statements.
            public var by: String?
            public var limit: Int?

            public init(
                entities: [String]? = nil, from: String? = nil, to: String? = nil, query: String? = nil,
                by: String? = nil, limit: Int? = nil
            ) {
                self.entities = entities
                self.from = from
                self.to = to
                self.query = query
                self.by = by
                self.limit = limit
            }

            public var effectiveLimit: Int { limit ?? 100 }

            /// The periods `by` may name.
            public static let periods = ["day", "month", "year"]

            public func validate() throws(VarlinkError) {
                let entities = entities ?? []
                try RequestLimits.checkCount(entities.count, RequestLimits.timelineEntities, CodingKeys.entities)
                for entity in entities { try RequestLimits.checkName(entity, CodingKeys.entities) }
                try RequestLimits.checkDate(from, CodingKeys.from)
                try RequestLimits.checkDate(to, CodingKeys.to)
                if let query { try RequestLimits.checkText(query, CodingKeys.query) }
                if let by, !Self.periods.contains(by) {
                    throw VarlinkError(
                        VarlinkError.invalidParameterName,
                        parameters: ["parameter": .string("by"), "reason": .string("not day, month or year")])
                }
                try Self.check(limit, in: 1...10_000, CodingKeys.limit)
            }
        }

        public struct Reply: Codable, Sendable {
            /// Earliest first; those whose year is not known last. Empty when counting.
            public var statements: [DatedStatement]
            /// With `by`: how many statements fall in each period, earliest first.
            public var periods: [PeriodCount]?

            public init(statements: [DatedStatement], periods: [PeriodCount]? = nil) {
                self.statements = statements
                self.periods = periods
            }
        }
    }

    /// Streams every row of a kind, from one view of the cache; call it with "more": true.
    public enum Export: DossierMethod {
        public struct Parameters: VarlinkParameters {
            /// One of ``kinds``.
            public var kind: String
            /// Only rows of documents that match this, in the search language (for the timeline:
            /// of sentences that match it).
            public var query: String?
            /// Only rows about this entity (by name, alias or a person's last name).
            public var entity: String?
            /// For entities, relations and the network: only entities of this kind.
            public var entityKind: String?
            /// For the timeline: only dates that overlap the span from `from` to `to`.
            public var from: String?
            public var to: String?

            public init(
                kind: String, query: String? = nil, entity: String? = nil, entityKind: String? = nil,
                from: String? = nil, to: String? = nil
            ) {
                self.kind = kind
                self.query = query
                self.entity = entity
                self.entityKind = entityKind
                self.from = from
                self.to = to
            }

            /// What may be exported; "network" is the entities, then the relations between them.
            public static let kinds = [
                "documents", "entities", "mentions", "quotes", "timeline", "relations", "network",
            ]

            public func validate() throws(VarlinkError) {
                guard Self.kinds.contains(kind) else { throw .invalidParameter(CodingKeys.kind.stringValue) }
                if let query { try RequestLimits.checkText(query, CodingKeys.query) }
                if let entity { try RequestLimits.checkName(entity, CodingKeys.entity) }
                if let entityKind, EntityKind(rawValue: entityKind) == nil {
                    throw .invalidParameter(CodingKeys.entityKind.stringValue)
                }
                try RequestLimits.checkDate(from, CodingKeys.from)
                try RequestLimits.checkDate(to, CodingKeys.to)
            }
        }

        /// First the generation every row is from; then, for each table (one, or two for the
        /// network), its name and columns, and its rows in replies of their own, each row an
        /// object of the columns; the last reply counts the rows.
        public struct Reply: Codable, Sendable, Equatable {
            public var generation: Int?
            public var table: String?
            public var columns: [String]?
            public var rows: [JSONValue]?
            public var count: Int?

            public init(
                generation: Int? = nil, table: String? = nil, columns: [String]? = nil, rows: [JSONValue]? = nil,
                count: Int? = nil
            ) {
                self.generation = generation
                self.table = table
                self.columns = columns
                self.rows = rows
                self.count = count
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                if let generation { try container.encode(generation, forKey: .generation) }
                if let table { try container.encode(table, forKey: .table) }
                if let columns { try container.encode(columns, forKey: .columns) }
                if let rows { try container.encode(rows, forKey: .rows) }
                if let count { try container.encode(count, forKey: .count) }
            }
        }
    }

    /// Returns the passages that answer a question, best first, and the kind of answer it asks for.
    public enum Ask: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var question: String
            public var limit: Int?

            public init(question: String, limit: Int? = nil) {
                self.question = question
                self.limit = limit
            }

            public var effectiveLimit: Int { limit ?? 3 }

            public func validate() throws(VarlinkError) {
                try RequestLimits.checkText(question, CodingKeys.question)
                try Self.check(limit, in: 1...100, CodingKeys.limit)
            }
        }

        public struct Reply: Codable, Sendable {
            public var answers: [Answer]
            public var expects: String
            public init(answers: [Answer], expects: String) {
                self.answers = answers
                self.expects = expects
            }
        }
    }

    /// Documents whose content is most like that of the document at `path`, best first.
    public enum Similar: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var path: String
            public var limit: Int?

            public init(path: String, limit: Int? = nil) {
                self.path = path
                self.limit = limit
            }

            public var effectiveLimit: Int { limit ?? 10 }

            public func validate() throws(VarlinkError) {
                try RequestLimits.checkPath(path, CodingKeys.path)
                try Self.check(limit, in: 1...1000, CodingKeys.limit)
            }
        }

        public struct Reply: Codable, Sendable {
            public var similar: [SimilarDocument]
            public init(similar: [SimilarDocument]) { self.similar = similar }
        }
    }

    /// Names across the collection, most mentioned first; `kind` and `path` narrow the list.
    public enum Entities: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var kind: String?
            public var path: String?
            public var limit: Int?
            /// Only the names written so: their name or an alias, in any case.
            public var name: String?

            public init(kind: String? = nil, path: String? = nil, limit: Int? = nil, name: String? = nil) {
                self.kind = kind
                self.path = path
                self.limit = limit
                self.name = name
            }

            public var effectiveLimit: Int { limit ?? 50 }

            public func validate() throws(VarlinkError) {
                if let kind, EntityKind(rawValue: kind) == nil { throw .invalidParameter(CodingKeys.kind.stringValue) }
                if let path { try RequestLimits.checkPath(path, CodingKeys.path) }
                try Self.check(limit, in: 1...10_000, CodingKeys.limit)
                if let name { try RequestLimits.checkName(name, CodingKeys.name) }
            }
        }

        public struct Reply: Codable, Sendable {
            public var entities: [Entity]
            public init(entities: [Entity]) { self.entities = entities }
        }
    }

    /// The entities named in the same sentences as this one, with evidence.
    public enum Related: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var entity: String
            public var limit: Int?
            /// Only the relation with this name, with up to `limit` of the sentences that name both.
            public var with: String?

            public init(entity: String, limit: Int? = nil, with: String? = nil) {
                self.entity = entity
                self.limit = limit
                self.with = with
            }

            public var effectiveLimit: Int { limit ?? 20 }

            public func validate() throws(VarlinkError) {
                try RequestLimits.checkName(entity, CodingKeys.entity)
                try Self.check(limit, in: 1...1000, CodingKeys.limit)
                if let with { try RequestLimits.checkName(with, CodingKeys.with) }
            }
        }

        public struct Reply: Codable, Sendable {
            public var entity: Entity
            public var related: [Relation]
            public init(entity: Entity, related: [Relation]) {
                self.entity = entity
                self.related = related
            }
        }
    }

    /// The most mentioned names and the edges among them: the network a person can take in.
    public enum Network: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var limit: Int?
            public var kind: String?
            public var minWeight: Int?

            public init(limit: Int? = nil, kind: String? = nil, minWeight: Int? = nil) {
                self.limit = limit
                self.kind = kind
                self.minWeight = minWeight
            }

            public var effectiveLimit: Int { limit ?? 50 }
            public var effectiveMinimumWeight: Int { minWeight ?? 1 }

            public func validate() throws(VarlinkError) {
                try Self.check(limit, in: 1...500, CodingKeys.limit)
                if let kind, EntityKind(rawValue: kind) == nil { throw .invalidParameter(CodingKeys.kind.stringValue) }
                try Self.check(minWeight, in: 1...Int(Int32.max), CodingKeys.minWeight)
            }
        }

        public struct Reply: Codable, Sendable {
            public var nodes: [Entity]
            public var edges: [NetworkEdge]

            public init(nodes: [Entity], edges: [NetworkEdge]) {
                self.nodes = nodes
                self.edges = edges
            }
        }
    }

    /// Direct quotations, optionally those of one speaker.
    public enum Quotes: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var speaker: String?
            public var limit: Int?

            public init(speaker: String? = nil, limit: Int? = nil) {
                self.speaker = speaker
                self.limit = limit
            }

            public var effectiveLimit: Int { limit ?? 50 }

            public func validate() throws(VarlinkError) {
                if let speaker { try RequestLimits.checkName(speaker, CodingKeys.speaker) }
                try Self.check(limit, in: 1...10_000, CodingKeys.limit)
            }
        }

        public struct Reply: Codable, Sendable {
            public var quotes: [Quote]
            public init(quotes: [Quote]) { self.quotes = quotes }
        }
    }

    /// Processes a file again, or every file when no path is given.
    public enum Reindex: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var path: String?
            public init(path: String? = nil) { self.path = path }

            public func validate() throws(VarlinkError) {
                if let path { try RequestLimits.checkPath(path, CodingKeys.path) }
            }
        }

        public struct Reply: Codable, Sendable {
            public var queued: Bool
            public init(queued: Bool) { self.queued = queued }
        }
    }

    /// Streams changes to the cached model; called with `more`.
    public enum Subscribe: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var since: Int?
            /// Only documents added or updated with sentences that name one of these (by name,
            /// alias or a person's last name) that were not there before.
            public var entities: [String]?

            public init(since: Int? = nil, entities: [String]? = nil) {
                self.since = since
                self.entities = entities
            }

            public func validate() throws(VarlinkError) {
                try Self.check(since, in: 0...Int.max, CodingKeys.since)
                let entities = entities ?? []
                try RequestLimits.checkCount(entities.count, RequestLimits.timelineEntities, CodingKeys.entities)
                for entity in entities { try RequestLimits.checkName(entity, CodingKeys.entities) }
            }
        }

        /// The first reply has the generation alone; each change comes with the generation it
        /// produced; the last, when the daemon stops, has `stopping`. Fields not set are left out.
        public struct Reply: Codable, Sendable, Equatable {
            public var generation: Int
            public var change: Change?
            public var stopping: Bool?

            public init(generation: Int, change: Change? = nil, stopping: Bool? = nil) {
                self.generation = generation
                self.change = change
                self.stopping = stopping
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(generation, forKey: .generation)
                if let change { try container.encode(change, forKey: .change) }
                if let stopping { try container.encode(stopping, forKey: .stopping) }
            }
        }
    }
}
