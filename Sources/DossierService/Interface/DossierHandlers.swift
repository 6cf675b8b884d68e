import DossierProtocol
import Foundation
import Ingest
import Query
import Store
import Varlink
import Watch

/// What answers each `io.dossier` method: typed parameters in, a typed reply out.
struct DossierHandlers: Sendable {
    let settings: CurrentConfiguration
    let store: DocumentStore
    let statistics: IndexerStatistics
    let watcher: FolderWatcher
    let queue: WorkQueue
    let broadcaster: ChangeBroadcaster
    let startedAt: ContinuousClock.Instant
    /// Says which data sets for typing names could not be read at start.
    let lexicon: LexiconLoader
    /// Helper programs (and OCR languages) that were not found at start.
    let missingPrograms: [String]
    /// The corrections to names: kept, applied, listed and undone.
    let corrections: NameCorrections
    let scheduler: QueryScheduler
    /// The part-of-speech tagger, read from start.
    let tagger: TaggerLoader
    /// WordNet's verbs and adjectives and the nouns they relate to, read from start.
    let derivations: DerivationsLoader

    var engine: QueryEngine { QueryEngine(store: store) }

    /// Every method and its handler.
    var table: VarlinkMethodTable {
        var table = VarlinkMethodTable()
        table.on(DossierAPI.Status.self) { _, _ in try await status() }
        table.on(DossierAPI.ListDocuments.self, listDocuments)
        table.on(DossierAPI.GetDocument.self) { parameters, _ in try await document(parameters) }
        table.on(DossierAPI.Search.self, search)
        table.on(DossierAPI.Ask.self, ask)
        table.on(DossierAPI.Similar.self, similar)
        table.on(DossierAPI.Entities.self, entities)
        table.on(DossierAPI.Related.self, related)
        table.on(DossierAPI.Network.self, network)
        table.on(DossierAPI.Quotes.self, quotes)
        table.on(DossierAPI.Timeline.self, timeline)
        table.on(DossierAPI.Reindex.self) { parameters, _ in
            queue.push(.reindex(try parameters.path.map(relativePath)))
            return .init(queued: true)
        }
        table.onStream(DossierAPI.Export.self, export)
        table.onStream(DossierAPI.Subscribe.self, subscribe)
        table.on(DossierAPI.MergeEntities.self) { parameters, responder in
            try await correct(
                .merge(
                    named(parameters.entity, parameters.kind), into: named(parameters.into, parameters.intoKind)),
                responder)
        }
        table.on(DossierAPI.RenameEntity.self) { parameters, responder in
            try await correct(.rename(named(parameters.entity, parameters.kind), to: parameters.name), responder)
        }
        table.on(DossierAPI.SetEntityKind.self) { parameters, responder in
            try await correct(
                .retype(named(parameters.entity, parameters.kind), to: Entity.Kind(rawValue: parameters.to) ?? .other),
                responder)
        }
        table.on(DossierAPI.HideEntity.self) { parameters, responder in
            try await correct(.hide(named(parameters.entity, parameters.kind)), responder)
        }
        table.on(DossierAPI.SplitEntity.self) { parameters, responder in
            try await correct(
                .split(
                    named(parameters.entity, parameters.kind), alias: parameters.alias,
                    kind: parameters.aliasKind.flatMap(Entity.Kind.init(rawValue:))), responder)
        }
        table.on(DossierAPI.ListCorrections.self) { _, _ in
            .init(
                corrections: corrections.log.corrections.map(DossierAPI.Correction.init), file: corrections.file.path,
                problem: corrections.problem)
        }
        table.on(DossierAPI.UndoCorrection.self) { parameters, responder in
            try allowedToCorrect(responder)
            let (correction, generation) = try await corrections.undo(parameters.number)
            return .init(correction: .init(correction), generation: generation)
        }
        return table
    }

    /// An entity named in a correction (kinds are checked by the protocol).
    private func named(_ name: String, _ kind: String?) -> NameCorrections.Named {
        .init(name: name, kind: kind.flatMap(Entity.Kind.init(rawValue:)))
    }

    private func correct(_ request: NameCorrections.Request, _ responder: VarlinkResponder) async throws
        -> DossierAPI.CorrectionReply
    {
        try allowedToCorrect(responder)
        let (correction, generation) = try await corrections.make(request, user: UserName.of(responder.peer))
        return .init(correction: .init(correction), generation: generation)
    }

    /// Corrections change what every client sees: only the users the daemon lets correct may.
    private func allowedToCorrect(_ responder: VarlinkResponder) throws(VarlinkError) {
        guard let policy = settings.configuration.correctors else { return }
        guard let peer = responder.peer, policy.allows(peer) else { throw .permissionDenied }
    }

    /// A client's path, relative to the watched folder and inside it.
    private func relativePath(_ path: String) throws(VarlinkError) -> String {
        try DocumentPath.relative(path, root: settings.configuration.root)
    }

    private func status() async throws -> DossierAPI.Status.Reply {
        let (counts, generation) = try await store.documents.countsAndGeneration()
        let snapshot = statistics.snapshot
        let watch = watcher.status
        let uptime = ContinuousClock.now - startedAt
        return .init(
            status: .init(
                documents: counts.indexed, unsupported: counts.unsupported, failed: counts.failed,
                words: counts.words, pending: snapshot.pending + queue.pendingChanges + watch.pending,
                generation: Int(generation), root: settings.configuration.root, version: DossierVersion.current,
                phase: snapshot.phase.rawValue, initialScanComplete: snapshot.initialScanComplete,
                cacheError: snapshot.cacheError, rootMissing: watch.rootMissing,
                watchedFolders: watch.watchedFolders, unwatchedFolders: watch.unwatchedFolders,
                overflows: watch.overflows, rescans: watch.rescans, missedChanges: snapshot.missed,
                subscribers: broadcaster.subscriberCount,
                queriesWaiting: scheduler.waiting,
                missingData: await lexicon.missing + (tagger.isMissing ? [ShippedTagger.fileName] : [])
                    + derivations.missing,
                missingPrograms: missingPrograms,
                counters: .init(
                    scanned: snapshot.scanned, read: snapshot.read, processed: snapshot.processed,
                    failed: snapshot.failed),
                uptimeSeconds: Double(uptime.components.seconds), corrections: corrections.log.corrections.count,
                correctionsProblem: corrections.problem))
    }

    private func listDocuments(_ parameters: DossierAPI.ListDocuments.Parameters, _ responder: VarlinkResponder)
        async throws -> DossierAPI.ListDocuments.Reply
    {
        let failedOnly = parameters.failed ?? false
        let counts = try await store.documents.counts()
        let documents = try await scheduled(responder) {
            try await store.documents.list(
                limit: parameters.effectiveLimit, offset: parameters.effectiveOffset, failedOnly: failedOnly)
        }
        let total =
            failedOnly ? counts.failed + counts.unsupported : counts.indexed + counts.failed + counts.unsupported
        return .init(documents: documents.map(DossierAPI.DocumentSummary.init), total: total)
    }

    private func document(_ parameters: DossierAPI.GetDocument.Parameters) async throws
        -> DossierAPI.GetDocument.Reply
    {
        let path = try relativePath(parameters.path)
        guard let stored = try await store.documents.document(path: path) else {
            throw DossierAPI.DocumentNotFound(path: path)
        }
        var document = DossierAPI.Document(stored)
        document.ocr = stored.recognized
        if let annotations = try await store.documents.annotations(path: path) {
            document.language = annotations.language
            document.foreignSpans = annotations.foreignSpans.map { span in
                .init(text: span["text"] ?? "", language: span["language"] ?? "")
            }
            document.entities = annotations.entities.map(DossierAPI.Entity.init)
            document.dates = annotations.dates.map(DossierAPI.WrittenDate.init)
            document.numbers = annotations.numbers.map(DossierAPI.Number.init)
            document.quotes = annotations.quotes.map(DossierAPI.Quote.init)
        }
        return .init(document: document)
    }

    private func search(_ parameters: DossierAPI.Search.Parameters, _ responder: VarlinkResponder) async throws
        -> DossierAPI.Search.Reply
    {
        let result = try await scheduled(responder) {
            try await Self.readingQuery(parameters.query) {
                try await engine.search(
                    parameters.query, limit: parameters.effectiveLimit, offset: parameters.effectiveOffset)
            }
        }
        return .init(hits: result.hits.map(DossierAPI.SearchHit.init), total: result.total)
    }

    private func ask(_ parameters: DossierAPI.Ask.Parameters, _ responder: VarlinkResponder) async throws
        -> DossierAPI.Ask.Reply
    {
        // The tagger and the derivations are read once, at start; a question asked before they
        // are read waits for them outside the query's time.
        let engine = QueryEngine(
            store: store, tagger: await tagger.tagger, derivations: await derivations.derivations)
        let result = try await scheduled(responder) {
            try await Self.readingQuery(parameters.question) {
                try await engine.ask(parameters.question, limit: parameters.effectiveLimit)
            }
        }
        return .init(
            answers: result.answers.map(DossierAPI.Answer.init), expects: result.question.answerType.rawValue)
    }

    private func similar(_ parameters: DossierAPI.Similar.Parameters, _ responder: VarlinkResponder) async throws
        -> DossierAPI.Similar.Reply
    {
        let path = try relativePath(parameters.path)
        guard
            let similar = try await scheduled(
                responder, { try await engine.similar(to: path, limit: parameters.effectiveLimit) })
        else {
            throw DossierAPI.DocumentNotFound(path: path)
        }
        return .init(similar: similar.map(DossierAPI.SimilarDocument.init))
    }

    private func entities(_ parameters: DossierAPI.Entities.Parameters, _ responder: VarlinkResponder) async throws
        -> DossierAPI.Entities.Reply
    {
        let path = try parameters.path.map(relativePath)
        let entities = try await scheduled(responder) {
            try await store.entities.list(
                kind: parameters.kind, path: path, named: parameters.name, limit: parameters.effectiveLimit)
        }
        return .init(entities: entities.map(DossierAPI.Entity.init))
    }

    private func related(_ parameters: DossierAPI.Related.Parameters, _ responder: VarlinkResponder) async throws
        -> DossierAPI.Related.Reply
    {
        let name = parameters.entity
        if let other = parameters.with {
            let lookup = try await scheduled(responder) {
                try await store.entities.relation(of: name, with: other, limit: parameters.effectiveLimit)
            }
            switch lookup {
            case .unknown(let unknown): throw DossierAPI.EntityNotFound(entity: unknown)
            case .found(let entity, let relation):
                return .init(entity: .init(entity), related: relation.map { [DossierAPI.Relation($0)] } ?? [])
            }
        }
        guard
            let found = try await scheduled(
                responder, { try await store.entities.related(to: name, limit: parameters.effectiveLimit) })
        else {
            throw DossierAPI.EntityNotFound(entity: name)
        }
        return .init(entity: .init(found.entity), related: found.relations.map(DossierAPI.Relation.init))
    }

    private func network(_ parameters: DossierAPI.Network.Parameters, _ responder: VarlinkResponder) async throws
        -> DossierAPI.Network.Reply
    {
        let network = try await scheduled(responder) {
            try await store.network.top(
                limit: parameters.effectiveLimit, kind: parameters.kind,
                minimumWeight: parameters.effectiveMinimumWeight)
        }
        return .init(
            nodes: network.nodes.map(DossierAPI.Entity.init),
            edges: network.edges.map { .init(source: $0.source, target: $0.target, weight: $0.weight) })
    }

    private func quotes(_ parameters: DossierAPI.Quotes.Parameters, _ responder: VarlinkResponder) async throws
        -> DossierAPI.Quotes.Reply
    {
        let quotes = try await scheduled(responder) {
            try await store.quotes.list(speaker: parameters.speaker, limit: parameters.effectiveLimit)
        }
        return .init(quotes: quotes.map(DossierAPI.Quote.init))
    }

    private func timeline(_ parameters: DossierAPI.Timeline.Parameters, _ responder: VarlinkResponder) async throws
        -> DossierAPI.Timeline.Reply
    {
        let span = try Self.span(from: parameters.from, to: parameters.to)
        let filter = try await Self.readingQuery(parameters.query ?? "") {
            try QueryEngine.timelineFilter(entities: parameters.entities ?? [], span: span, query: parameters.query)
        }
        if let by = parameters.by.flatMap(DateSpan.Unit.init(rawValue:)) {
            let periods = try await scheduled(responder) { try await store.timeline.counts(filter, by: by) }
            return .init(statements: [], periods: periods.map(DossierAPI.PeriodCount.init))
        }
        let statements = try await scheduled(responder) {
            try await store.timeline.statements(filter, limit: parameters.effectiveLimit)
        }
        return .init(statements: statements.map(DossierAPI.DatedStatement.init))
    }

    /// The span from `from` to `to` (partial dates, either left open), or nil when neither is
    /// given; a date that cannot be read, or a span that ends before it begins, is refused naming
    /// the parameter.
    private static func span(from: String?, to: String?) throws(VarlinkError) -> DateSpan? {
        if let from, DateSpan(of: from) == nil { throw RequestLimits.notADate("from") }
        if let to, DateSpan(of: to) == nil { throw RequestLimits.notADate("to") }
        guard from != nil || to != nil else { return nil }
        // Both read: only a span that ends before it begins is none.
        guard let span = DateSpan(from: from, to: to) else {
            throw RequestLimits.spanEndsBeforeItBegins(from: from ?? "")
        }
        return span
    }

    /// Rows in a reply of an export.
    static let exportPage = 2000

    private func export(
        _ parameters: DossierAPI.Export.Parameters, _ stream: VarlinkReplyStream<DossierAPI.Export.Reply>
    )
        async throws -> DossierAPI.Export.Reply?
    {
        let search = try await Self.readingQuery(parameters.query ?? "") {
            try parameters.query.map(QueryEngine.compile)
        }
        let filter = ExportFilter(
            search: search, entity: parameters.entity, entityKind: parameters.entityKind,
            span: try Self.span(from: parameters.from, to: parameters.to))
        let tables: [ExportKind] =
            parameters.kind == "network"
            ? [.entities, .relations] : ExportKind(rawValue: parameters.kind).map { [$0] } ?? []
        let snapshot = try store.exports.snapshot()
        try await stream.send(.init(generation: Int(snapshot.generation)))
        var count = 0
        for kind in tables {
            try await stream.send(.init(table: kind.rawValue, columns: kind.columns))
            var cursor: ExportCursor?
            repeat {
                // Each page in its turn among the queries of every client: an export does not
                // hold the others back.
                let after = cursor
                let page = try await scheduled(stream.responder) {
                    try await snapshot.page(kind, filter, after: after, limit: Self.exportPage)
                }
                if !page.rows.isEmpty {
                    try await stream.send(.init(rows: page.rows.map { JSONValue(row: $0, columns: kind.columns) }))
                    count += page.rows.count
                }
                cursor = page.next
            } while cursor != nil
        }
        return .init(count: count)
    }

    /// Runs `body` in its turn among the queries of every client (see ``QueryScheduler``).
    private func scheduled<Result: Sendable>(
        _ responder: VarlinkResponder, _ body: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        do {
            return try await scheduler.run(
                for: QueryScheduler.Client(user: responder.peer?.uid, connection: responder.connection), body)
        } catch let timedOut as QueryScheduler.TimedOut {
            throw DossierAPI.QueryTimedOut(seconds: timedOut.limit.seconds)
        }
    }

    /// Runs `body`, turning a query that cannot be read into `InvalidQuery`.
    private static func readingQuery<Result>(_ query: String, _ body: () async throws -> Result) async throws
        -> Result
    {
        do {
            return try await body()
        } catch let error as SearchQuerySyntaxError {
            throw DossierAPI.InvalidQuery(query: query, reason: error.reason, column: error.column)
        }
    }

    /// Streams changes: first the current generation, then (from `since`, if given) every change;
    /// with `entities`, only what is new about those names (see ``NameAlerts``).
    private func subscribe(
        _ parameters: DossierAPI.Subscribe.Parameters, _ stream: VarlinkReplyStream<DossierAPI.Subscribe.Reply>
    ) async throws -> DossierAPI.Subscribe.Reply? {
        let subscription = broadcaster.subscribe()
        defer { broadcaster.unsubscribe(subscription.id) }
        var alerts =
            try await (parameters.entities ?? []).isEmpty
            ? nil : NameAlerts(names: parameters.entities ?? [], store: store)
        /// Sends `change`, or what following names makes of it.
        func send(_ change: AppliedChange, replayed: Bool = false) async throws {
            guard alerts != nil else { return try await stream.send(.init(change)) }
            if let alert = try await alerts?.alert(for: change, store: store, replayed: replayed) {
                try await stream.send(alert)
            }
        }
        let current = Int(try await store.documents.generation())
        try await stream.send(.init(generation: current))
        var last = current
        if let since = parameters.since, since > current {
            // The cache was rebuilt (generations start again) or the client made the number up.
            throw DossierAPI.GenerationUnknown(since: since, current: current)
        }
        if let since = parameters.since, since < current {
            if let oldest = try await store.changeLog.oldestGeneration().map(Int.init), since + 1 < oldest {
                throw DossierAPI.GenerationTooOld(since: since, oldest: oldest)
            }
            last = since
            while last < current {
                let replay = try await store.changeLog.changes(after: Int64(last), limit: 1000)
                guard !replay.isEmpty else { break }
                for change in replay where change.generation <= current {
                    try await send(change, replayed: true)
                }
                last = min(current, Int(replay.last!.generation))
            }
            last = current
        }
        for await batch in subscription.changes {
            for change in batch where change.generation > last {
                try await send(change)
                last = Int(change.generation)
            }
        }
        if subscription.overflowed.isSet {
            throw DossierAPI.SubscriptionOverflow(generation: last)
        }
        // When the daemon stops, the last reply: the client resumes from `generation` when it is back.
        return broadcaster.isStopping ? .init(generation: last, stopping: true) : nil
    }
}

/// Turns a path from a client into one relative to the watched folder, refusing anything outside it.
enum DocumentPath {
    static func relative(_ path: String, root: String) throws(VarlinkError) -> String {
        func invalid(_ reason: String) -> VarlinkError {
            DossierAPI.InvalidPath(path: path, reason: reason).varlinkError
        }
        // A NUL would cut the path short in every system call, and any control character would
        // reach logs and terminals raw: no file dossier reads is named so.
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw invalid("control characters are not allowed in a path")
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

/// A caller's user name, as corrections record it: the name the system gives the uid, or the uid.
enum UserName {
    static func of(_ peer: VarlinkPeer?) -> String {
        guard let uid = peer?.uid else { return "unknown" }
        var buffer = [CChar](repeating: 0, count: 4096)
        // The entry's strings live in the buffer: read while it is lent.
        let name = buffer.withUnsafeMutableBufferPointer { storage -> String? in
            var entry = passwd()
            var result: UnsafeMutablePointer<passwd>?
            guard let base = storage.baseAddress, getpwuid_r(uid, &entry, base, storage.count, &result) == 0,
                result != nil, let name = entry.pw_name
            else { return nil }
            return String(cString: name)
        }
        return name ?? String(uid)
    }
}
