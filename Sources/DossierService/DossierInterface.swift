import Query
import Store
import Varlink
import Watch

/// The `io.dossier` interface: the methods, their parameters and replies, and the errors.
struct DossierInterface: VarlinkInterface {
    let name = "io.dossier"
    let interfaceDescription = DossierInterface.idl

    let settings: CurrentConfiguration
    let store: DocumentStore
    let statistics: IndexerStatistics
    let watcher: FolderWatcher
    let queue: WorkQueue
    let broadcaster: ChangeBroadcaster
    let startedAt: ContinuousClock.Instant
    /// Data sets for typing names that could not be read at start.
    let missingData: [String]
    let scheduler: QueryScheduler

    var engine: QueryEngine { QueryEngine(store: store) }
    let limits = RequestLimits()

    /// A client's path, within the size limit, relative to the watched folder and inside it.
    private func relativePath(_ path: String) throws -> String {
        try limits.checkPath(path, parameter: "path")
        return try DocumentPath.relative(path, root: settings.configuration.root)
    }

    func handle(_ call: VarlinkCall, responder: VarlinkResponder) async throws {
        let parameters = call.parameters
        switch call.member {
        case "Status":
            try await responder.reply(["status": try await status()])
        case "ListDocuments":
            let limit = try parameters.optionalInt("limit", in: 1...100_000) ?? 100
            let offset = try parameters.optionalInt("offset", in: 0...Int.max) ?? 0
            let failedOnly = try parameters.optionalBool("failed") ?? false
            let counts = try await store.counts()
            let documents = try await scheduled(responder) {
                try await store.listDocuments(limit: limit, offset: offset, failedOnly: failedOnly)
            }
            let total =
                failedOnly ? counts.failed + counts.unsupported : counts.indexed + counts.failed + counts.unsupported
            try await responder.reply([
                "documents": .array(documents.map(Self.json)), "total": JSONValue(total),
            ])
        case "GetDocument":
            let path = try relativePath(try parameters.requiredString("path"))
            guard let document = try await store.document(path: path) else {
                throw VarlinkError("io.dossier.DocumentNotFound", parameters: ["path": .string(path)])
            }
            var json = Self.json(document)
            if case .object(var object) = json, let annotations = try await store.annotations(path: path) {
                object["language"] = JSONValue(annotations.language)
                object["foreignSpans"] = .array(
                    annotations.foreignSpans.map { span in .object(span.mapValues(JSONValue.string)) })
                object["entities"] = .array(annotations.entities.map(Self.json))
                object["dates"] = .array(annotations.dates.map(Self.json))
                object["numbers"] = .array(annotations.numbers.map(Self.json))
                object["quotes"] = .array(annotations.quotes.map(Self.json))
                json = .object(object)
            }
            try await responder.reply(["document": json])
        case "Entities":
            let kind = try parameters.optionalString("kind")
            if let kind, !["person", "organisation", "place", "other"].contains(kind) {
                throw VarlinkError.invalidParameter("kind")
            }
            let path = try parameters.optionalString("path").map(relativePath)
            let limit = try parameters.optionalInt("limit", in: 1...10_000) ?? 50
            let entities = try await scheduled(responder) {
                try await store.entities(kind: kind, path: path, limit: limit)
            }
            try await responder.reply(["entities": .array(entities.map(Self.json))])
        case "Related":
            let name = try parameters.requiredString("entity")
            try limits.checkName(name, parameter: "entity")
            let limit = try parameters.optionalInt("limit", in: 1...1000) ?? 20
            guard let found = try await scheduled(responder, { try await store.related(to: name, limit: limit) }) else {
                throw VarlinkError("io.dossier.EntityNotFound", parameters: ["entity": .string(name)])
            }
            try await responder.reply([
                "entity": Self.json(found.entity),
                "related": .array(
                    found.relations.map { relation in
                        [
                            "entity": Self.json(relation.entity), "weight": JSONValue(relation.weight),
                            "evidence": .array(
                                relation.evidence.map { ["path": .string($0.path), "sentence": .string($0.sentence)] }),
                        ]
                    }),
            ])
        case "Quotes":
            let speaker = try parameters.optionalString("speaker")
            if let speaker { try limits.checkName(speaker, parameter: "speaker") }
            let limit = try parameters.optionalInt("limit", in: 1...10_000) ?? 50
            let quotes = try await scheduled(responder) { try await store.quotes(speaker: speaker, limit: limit) }
            try await responder.reply(["quotes": .array(quotes.map(Self.json))])
        case "Search":
            let query = try parameters.requiredString("query")
            try limits.checkText(query, parameter: "query")
            let limit = try parameters.optionalInt("limit", in: 1...1000) ?? 10
            let offset = try parameters.optionalInt("offset", in: 0...100_000) ?? 0
            let result = try await scheduled(responder) {
                try await Self.readingQuery(query) { try await engine.search(query, limit: limit, offset: offset) }
            }
            try await responder.reply([
                "total": JSONValue(result.total),
                "hits": .array(
                    result.hits.map { hit in
                        [
                            "path": .string(hit.path), "title": .string(hit.title), "category": JSONValue(hit.category),
                            "snippet": .string(hit.snippet.text),
                            "highlights": .array(hit.snippet.ranges.map(Self.json)),
                            "score": JSONValue(Self.rounded(hit.score)),
                        ]
                    }),
            ])
        case "Ask":
            let question = try parameters.requiredString("question")
            try limits.checkText(question, parameter: "question")
            let limit = try parameters.optionalInt("limit", in: 1...100) ?? 3
            let result = try await scheduled(responder) {
                try await Self.readingQuery(question) { try await engine.ask(question, limit: limit) }
            }
            try await responder.reply([
                "expects": .string(result.question.answerType.rawValue),
                "answers": .array(
                    result.answers.map { answer in
                        [
                            "path": .string(answer.path), "title": .string(answer.title),
                            "heading": JSONValue(answer.heading), "text": .string(answer.text),
                            "sentence": .string(answer.sentence), "context": .string(answer.context),
                            "span": Self.json(answer.span), "score": JSONValue(answer.confidence),
                        ]
                    }),
            ])
        case "Similar":
            let path = try relativePath(try parameters.requiredString("path"))
            let limit = try parameters.optionalInt("limit", in: 1...1000) ?? 10
            guard let similar = try await scheduled(responder, { try await engine.similar(to: path, limit: limit) })
            else {
                throw VarlinkError("io.dossier.DocumentNotFound", parameters: ["path": .string(path)])
            }
            try await responder.reply([
                "similar": .array(
                    similar.map { document in
                        [
                            "path": .string(document.path), "title": .string(document.title),
                            "score": JSONValue(document.score),
                            "terms": .array(document.sharedTerms.map(JSONValue.string)),
                            "entities": .array(document.sharedEntities.map(JSONValue.string)),
                        ]
                    })
            ])
        case "Reindex":
            let path = try parameters.optionalString("path").map(relativePath)
            queue.push(.reindex(path))
            try await responder.reply(["queued": true])
        case "Subscribe":
            guard call.more else { throw VarlinkError.expectedMore }
            try await subscribe(since: try parameters.optionalInt("since", in: 0...Int.max).map(Int64.init), responder)
        default:
            throw VarlinkError.methodNotFound(call.method)
        }
    }

    /// Runs `body` in its turn among the queries of every client (see ``QueryScheduler``).
    private func scheduled<Result: Sendable>(
        _ responder: VarlinkResponder, _ body: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        do {
            return try await scheduler.run(
                for: QueryScheduler.Client(user: responder.peer?.uid, connection: responder.connection), body)
        } catch let timedOut as QueryScheduler.TimedOut {
            throw VarlinkError("io.dossier.QueryTimedOut", parameters: ["seconds": .double(timedOut.limit.seconds)])
        }
    }

    /// Runs `body`, turning a query that cannot be read into `io.dossier.InvalidQuery`.
    private static func readingQuery<Result>(_ query: String, _ body: () async throws -> Result) async throws
        -> Result
    {
        do {
            return try await body()
        } catch let error as SearchQuerySyntaxError {
            throw VarlinkError(
                "io.dossier.InvalidQuery",
                parameters: [
                    "query": .string(query), "reason": .string(error.reason), "column": .int(Int64(error.column)),
                ])
        }
    }

    static func json(_ range: Range<Int>) -> JSONValue {
        ["start": .int(Int64(range.lowerBound)), "end": .int(Int64(range.upperBound))]
    }

    /// Streams changes: first the current generation, then (from `since`, if given) every change.
    private func subscribe(since: Int64?, _ responder: VarlinkResponder) async throws {
        let subscription = broadcaster.subscribe()
        defer { broadcaster.unsubscribe(subscription.id) }
        let current = try await store.generation()
        try await responder.stream(["generation": .int(current)])
        var last = current
        if let since, since > current {
            // The cache was rebuilt (generations start again) or the client made the number up.
            throw VarlinkError(
                "io.dossier.GenerationUnknown", parameters: ["since": .int(since), "current": .int(current)])
        }
        if let since, since < current {
            if let oldest = try await store.oldestLoggedGeneration(), since + 1 < oldest {
                throw VarlinkError(
                    "io.dossier.GenerationTooOld", parameters: ["since": .int(since), "oldest": .int(oldest)])
            }
            last = since
            while last < current {
                let replay = try await store.changes(after: last, limit: 1000)
                guard !replay.isEmpty else { break }
                for change in replay where change.generation <= current {
                    try await responder.stream(Self.json(change))
                }
                last = min(current, replay.last!.generation)
            }
            last = current
        }
        for await batch in subscription.changes {
            for change in batch where change.generation > last {
                try await responder.stream(Self.json(change))
                last = change.generation
            }
        }
        if subscription.overflowed.isSet {
            throw VarlinkError("io.dossier.SubscriptionOverflow", parameters: ["generation": .int(last)])
        }
        if broadcaster.isStopping {
            // The last reply of the stream: the client resumes from `generation` when the daemon is back.
            try await responder.reply(["generation": .int(last), "stopping": true])
        }
    }

    static func json(_ entity: EntitySummary) -> JSONValue {
        [
            "name": .string(entity.name), "kind": .string(entity.kind),
            "aliases": .array(entity.aliases.map(JSONValue.string)),
            "titles": .array(entity.titles.map(JSONValue.string)), "mentions": JSONValue(entity.mentions),
            "documents": JSONValue(entity.documents),
        ]
    }

    static func json(_ date: StoredDate) -> JSONValue {
        [
            "text": .string(date.text), "startYear": JSONValue(date.startYear.map(Int64.init)),
            "endYear": JSONValue(date.endYear.map(Int64.init)), "month": JSONValue(date.month.map(Int64.init)),
            "day": JSONValue(date.day.map(Int64.init)), "resolved": .bool(date.resolved),
        ]
    }

    static func json(_ number: StoredNumber) -> JSONValue {
        [
            "text": .string(number.text), "value": .double(number.value), "unit": JSONValue(number.unit),
            "approximate": .bool(number.approximate),
        ]
    }

    static func json(_ quote: StoredQuote) -> JSONValue {
        [
            "text": .string(quote.text), "speaker": JSONValue(quote.speaker), "path": .string(quote.path),
            "title": .string(quote.title),
        ]
    }

    static func json(_ change: AppliedChange) -> [String: JSONValue] {
        var object: [String: JSONValue] = ["kind": .string(change.kind.rawValue), "path": .string(change.path)]
        if let previous = change.previousPath { object["previousPath"] = .string(previous) }
        return ["generation": .int(change.generation), "change": .object(object)]
    }

    private func status() async throws -> JSONValue {
        let (counts, generation) = try await store.countsAndGeneration()
        let snapshot = statistics.snapshot
        let watch = watcher.status
        let uptime = ContinuousClock.now - startedAt
        return [
            "documents": JSONValue(counts.indexed),
            "unsupported": JSONValue(counts.unsupported),
            "failed": JSONValue(counts.failed),
            "words": JSONValue(counts.words),
            "pending": JSONValue(snapshot.pending + queue.pendingChanges + watch.pending),
            "generation": .int(generation),
            "root": .string(settings.configuration.root),
            "version": .string(DossierVersion.current),
            "phase": .string(snapshot.phase.rawValue),
            "initialScanComplete": .bool(snapshot.initialScanComplete),
            "cacheError": JSONValue(snapshot.cacheError),
            "rootMissing": .bool(watch.rootMissing),
            "watchedFolders": JSONValue(watch.watchedFolders),
            "unwatchedFolders": JSONValue(watch.unwatchedFolders),
            "overflows": JSONValue(watch.overflows),
            "rescans": JSONValue(watch.rescans),
            "subscribers": JSONValue(broadcaster.subscriberCount),
            "queriesWaiting": JSONValue(scheduler.waiting),
            "missingData": .array(missingData.map(JSONValue.string)),
            "counters": [
                "scanned": JSONValue(snapshot.scanned), "read": JSONValue(snapshot.read),
                "processed": JSONValue(snapshot.processed), "failed": JSONValue(snapshot.failed),
            ],
            "uptimeSeconds": JSONValue(Double(uptime.components.seconds)),
        ]
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    static func json(_ summary: DocumentSummary) -> JSONValue {
        [
            "path": .string(summary.path), "status": .string(summary.status.rawValue), "title": .string(summary.title),
            "category": JSONValue(summary.category), "published": JSONValue(summary.published),
            "format": JSONValue(summary.format),
            "words": JSONValue(summary.wordCount), "size": JSONValue(summary.size),
            "indexedAt": JSONValue(summary.indexedAt), "reason": JSONValue(summary.reason),
        ]
    }

    static func json(_ document: StoredDocument) -> JSONValue {
        guard case .object(var object) = json(document.summary) else { return .null }
        object["warnings"] = .array(document.warnings.map(JSONValue.string))
        object["hash"] = JSONValue(document.contentHash)
        object["siteName"] = JSONValue(document.siteName)
        object["byline"] = JSONValue(document.byline)
        object["pageWords"] = JSONValue(document.pageWordCount.map(Int64.init))
        object["sections"] = .array(
            document.sections.map { section in
                ["heading": JSONValue(section.heading), "paragraphs": .array(section.paragraphs.map(JSONValue.string))]
            })
        return .object(object)
    }
}

/// Turns a path from a client into one relative to the watched folder, refusing anything outside it.
enum DocumentPath {
    static func relative(_ path: String, root: String) throws(VarlinkError) -> String {
        func invalid(_ reason: String) -> VarlinkError {
            VarlinkError("io.dossier.InvalidPath", parameters: ["path": .string(path), "reason": .string(reason)])
        }
        var relative = Substring(path)
        if path.hasPrefix("/") {
            guard path.hasPrefix(root + "/") else { throw invalid("not inside the watched folder \(root)") }
            relative = path.dropFirst(root.count + 1)
        }
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        let components = relative.split(separator: "/", omittingEmptySubsequences: true)
        guard !components.isEmpty else { throw invalid("empty path") }
        guard !components.contains("..") else { throw invalid("'..' is not allowed") }
        return components.filter { $0 != "." }.joined(separator: "/")
    }
}
