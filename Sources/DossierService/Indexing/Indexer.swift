import Dispatch
import Foundation
import Ingest
import Logging
import Store
import Watch

/// Work for the indexer, in the order it must be done.
enum IndexerWork: Sendable {
    /// Compare a folder ("" for all) with the cache and process what differs.
    case reconcile(String, initial: Bool)
    case changes([FileChange])
    /// Re-read and re-process a file, or every file, whatever the cache says.
    case reindex(String?)
    /// The second look of the periodic check: of these paths, where the folder and the cache
    /// differed a while ago, those that still differ, unchanged since, were missed by the events.
    case verify(Differences)
}

/// Where the folder and the cache differed at one moment, by a stat of every file.
struct Differences: Sendable, Equatable {
    var paths: Set<String>
    /// When the folder was looked at (nanoseconds since the epoch, as file times are).
    var seenAt: Int64
}

/// Turns file changes into cache updates: stat, read only when size, time or inode moved, hash,
/// ingest only when the hash moved, write in batches of many documents per transaction.
///
/// It runs on a dispatch queue of its own rather than the shared pool that serves queries:
/// otherwise each of its steps would wait behind every query in flight, and a busy socket
/// would starve indexing.
actor Indexer {
    private let executor = QueueExecutor(label: "dossier.indexer")
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let store: DocumentStore
    private var scanner: FolderScanner
    private var ingest: IngestConfiguration
    /// Made from `ingest` and the lexicon once the lexicon is read; nil until something is ingested.
    private var ingestor: Ingestor?
    private let statistics: IndexerStatistics
    private let logger: Logger
    private var batchSize: Int
    private var maximumBytes: Int
    private var followSymlinks: Bool
    private let broadcaster: ChangeBroadcaster
    private var recognizer: TextRecognizer
    /// Where attachments read by helper programs are written while they are read: the daemon's own.
    private let attachmentFolder: String
    /// How many files are read and ingested at once: one per core, while the writer stores
    /// what was read before.
    private let readers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The short lines found in many documents, which Ingest leaves out, and those to count
    /// again; loaded from the cache on the first work.
    private var lines: RepeatedLineTracker?

    /// A short line in this many documents is the site's, not the document's.
    static let repeatedLineDocuments = 5

    /// Read once at start; a reloaded configuration keeps them.
    private let lexicon: LexiconLoader
    private let tagger: TaggerLoader?

    init(
        store: DocumentStore, configuration: DaemonConfiguration, statistics: IndexerStatistics,
        broadcaster: ChangeBroadcaster, lexicon: LexiconLoader = LexiconLoader(.empty), tagger: TaggerLoader? = nil,
        logger: Logger
    ) {
        self.lexicon = lexicon
        self.tagger = tagger
        self.broadcaster = broadcaster
        self.store = store
        self.scanner = FolderScanner(
            root: configuration.root, ignore: IgnoreRules(patterns: configuration.ignorePatterns),
            followSymlinks: configuration.followSymlinks)
        self.ingest = configuration.ingest
        self.statistics = statistics
        self.logger = logger
        self.batchSize = max(1, configuration.batchSize)
        self.maximumBytes = configuration.ingest.maximumBytes
        self.followSymlinks = configuration.followSymlinks
        self.recognizer = TextRecognizer(language: configuration.ocrLanguage)
        self.attachmentFolder = configuration.stateDirectory
        // What a stop in the middle of reading an attachment left behind.
        let left = (try? FileManager.default.contentsOfDirectory(atPath: configuration.stateDirectory)) ?? []
        for name in left where name.hasPrefix("attachment-") {
            try? FileManager.default.removeItem(atPath: configuration.stateDirectory + "/" + name)
        }
    }

    /// Applies a reloaded configuration to the work that follows.
    func reconfigure(_ configuration: DaemonConfiguration) {
        scanner = FolderScanner(
            root: configuration.root, ignore: IgnoreRules(patterns: configuration.ignorePatterns),
            followSymlinks: configuration.followSymlinks)
        ingest = configuration.ingest
        ingestor = nil
        batchSize = max(1, configuration.batchSize)
        maximumBytes = configuration.ingest.maximumBytes
        followSymlinks = configuration.followSymlinks
        recognizer.language = configuration.ocrLanguage
    }

    /// Does `work`; returns false when the cache could not be written, so that the caller
    /// compares the folder with the cache again later (what was not written is not lost: it is
    /// still in the folder).
    @discardableResult
    func perform(_ work: IndexerWork) async -> Bool {
        defer { statistics.update { $0.phase = .idle } }
        do {
            if lines == nil {
                lines = RepeatedLineTracker(
                    repeated: try await store.lines.repeated(minimumDocuments: Self.repeatedLineDocuments))
            }
            switch work {
            case .reconcile(let folder, let initial):
                // After the first scan every line is new: count them all at once.
                if initial { lines?.countAllNext() }
                try await reconcile(folder, initial: initial)
            case .changes(let changes):
                statistics.update { $0.phase = .indexing }
                statistics.update { $0.pending = changes.count }
                defer { statistics.update { $0.pending = 0 } }
                try await handle(changes)
            case .verify(let differences):
                try await verify(differences)
            case .reindex(let path):
                statistics.update { $0.phase = .indexing }
                if let path {
                    try await write([try await examine(path, force: true)].compactMap { $0 })
                } else {
                    try await reconcile("", initial: false, force: true)
                }
            }
            try await countRepeatedLines()
        } catch {
            let reason = StoreError.describeWriteFailure(error)
            let first = statistics.snapshot.cacheError == nil
            statistics.update { $0.cacheError = reason }
            if first {
                logger.error(
                    "cannot write the cache; answering from what it holds and trying again",
                    metadata: ["event": "cache-write-failed", "error": "\(reason)", "cache": "\(store.path)"])
            }
            return false
        }
        if let reason = statistics.snapshot.cacheError {
            statistics.update { $0.cacheError = nil }
            logger.notice(
                "the cache can be written again", metadata: ["event": "cache-recovered", "error": "\(reason)"])
        }
        return true
    }

    /// What reads files, with the configuration and the repeated lines as they are now; the first
    /// one waits for the lexicon and the tagger, so that a file reads the same whenever it comes.
    private func reader() async -> DocumentReader {
        let ingestor: Ingestor
        if let made = self.ingestor {
            ingestor = made
        } else {
            var configuration = ingest
            configuration.lexicon = await lexicon.lexicon
            configuration.tagger = await tagger?.tagger
            ingestor = Ingestor(configuration: configuration)
            self.ingestor = ingestor
        }
        return DocumentReader(
            scanner: scanner, ingestor: ingestor, maximumBytes: maximumBytes, followSymlinks: followSymlinks,
            repeatedLines: lines?.repeated ?? [], pdfConverter: PDFConverter(), recognizer: recognizer,
            attachmentFolder: attachmentFolder, textDictionary: store.textDictionaries.current,
            statistics: statistics, logger: logger)
    }

    /// What to do about one file (see `DocumentReader`); `known` is what the cache knows of it,
    /// read from the cache when not given.
    private func examine(
        _ path: String, scanned: ScannedFile? = nil, known cached: FileState?? = nil, force: Bool = false
    ) async throws -> StoreChange? {
        let known: FileState?
        if let cached {
            known = cached
        } else {
            known = try await store.documents.fileState(path: path)
        }
        let change = await reader().examine(path, scanned: scanned, known: known, force: force)
        noteIngested(change)
        return change
    }

    /// Remembers the lines of a document just ingested, to be counted across the cache.
    private func noteIngested(_ change: StoreChange?) {
        guard case .index(_, _, .document(let prepared))? = change else { return }
        lines?.ingested(prepared.document.lineFingerprints)
    }

    /// Compares `folder` with the cache: unchanged files cost a stat; removed files are dropped.
    private func reconcile(_ folder: String, initial: Bool, force: Bool = false) async throws {
        let started = ContinuousClock.now
        statistics.update { $0.phase = .scanning }
        let result = scanner.scan(folder)
        let known = try await store.documents.fileStates()
        statistics.update { $0.scanned += result.files.count }
        for (path, error) in result.unreadable {
            logger.warning(
                "cannot read folder", metadata: ["event": "scan-error", "path": "\(path)", "errno": "\(error)"])
        }
        let prefix = folder.isEmpty ? "" : folder + "/"
        var seen: Set<String> = []
        var changes: [StoreChange] = []
        var toExamine: [ScannedFile] = []
        for file in result.files {
            seen.insert(file.path)
            if !force, let state = known[file.path], state.matchesMetadata(of: file.state) { continue }
            toExamine.append(file)
        }
        // A folder that could not be listed says nothing about what it holds: keep its documents.
        let unreadable = result.unreadable.map(\.path)
        if !unreadable.contains(folder) {
            for path in known.keys where path.hasPrefix(prefix) && !seen.contains(path) {
                if unreadable.contains(where: { path.hasPrefix($0 + "/") }) { continue }
                changes.append(.remove(path: path))
            }
        }
        try await write(changes)
        statistics.update {
            $0.phase = .indexing
            $0.pending = toExamine.count
        }
        // An unchanged folder needs no reader, nor the lexicon and tagger it waits for.
        let reader = toExamine.isEmpty ? nil : await reader()
        var read = 0
        // Written as they are read: each document searchable as soon as it is done.
        try await readAndWrite(
            toExamine, isSlow: { Self.isSlowToRead($0.path, size: $0.size) },
            read: { file in
                await reader?.examine(file.path, scanned: file, known: known[file.path], force: force)
            },
            done: { _ in
                read += 1
                statistics.update { $0.pending = toExamine.count - read }
            })
        statistics.update { $0.pending = 0 }
        if initial { statistics.update { $0.initialScanComplete = true } }
        logger.info(
            "folder compared with cache",
            metadata: [
                "event": "reconciled", "path": "\(folder)", "files": "\(result.files.count)",
                "changed": "\(toExamine.count)", "duration.ms": "\(Self.milliseconds(since: started))",
            ])
    }

    /// The first look of the periodic check: where the folder and the cache differ now. It stats
    /// every file on a thread of low priority and reads no contents; between indexing work, most
    /// of what it finds is work under way, which the second look leaves out.
    func differences() async throws -> Differences {
        let scanner = self.scanner
        let seenAt = Self.wallClockNanoseconds()
        let scan = await Task.detached(priority: .background) { scanner.scan("") }.value
        let known = try await store.documents.fileStates()
        var paths: Set<String> = []
        var seen: Set<String> = []
        for file in scan.files {
            seen.insert(file.path)
            if let state = known[file.path], state.matchesMetadata(of: file.state) { continue }
            paths.insert(file.path)
        }
        let unreadable = scan.unreadable.map(\.path)
        if !unreadable.contains("") {
            for path in known.keys where !seen.contains(path) {
                if unreadable.contains(where: { path.hasPrefix($0 + "/") }) { continue }
                paths.insert(path)
            }
        }
        return Differences(paths: paths, seenAt: seenAt)
    }

    /// The second look: a path that still differs and whose file has not changed since the first
    /// look was missed by the events (a file on disk the cache lacks or holds stale, a document
    /// whose file is gone). It is processed now, counted and reported, so a miss is never silent.
    private func verify(_ differences: Differences) async throws {
        let paths = differences.paths.sorted()
        let known = try await store.documents.fileStates(paths: paths)
        // A file written within a second of the first look may be a change under way, and the
        // file system's times are not finer than that everywhere.
        let settledBefore = differences.seenAt - 1_000_000_000
        var missed: [(path: String, file: ScannedFile?)] = []
        for path in paths {
            let file = scanner.statFile(path)
            if file == nil && errno != ENOENT && errno != ENOTDIR { continue }
            switch (file, known[path]) {
            case (nil, nil): continue
            case (let file?, let state):
                if let state, state.matchesMetadata(of: file.state) { continue }
                if file.modificationTime >= settledBefore { continue }
                missed.append((path, file))
            case (nil, _?):
                missed.append((path, nil))
            }
        }
        guard !missed.isEmpty else { return }
        statistics.update {
            $0.phase = .indexing
            $0.missed += missed.count
        }
        logger.warning(
            "the folder differed from the cache where no event said so; processing what differs",
            metadata: [
                "event": "missed-changes", "count": "\(missed.count)",
                "paths": "\(missed.prefix(10).map(\.path).joined(separator: ", "))",
            ])
        let reader = await reader()
        var changes: [StoreChange] = []
        for (path, file) in missed {
            if let file {
                let change = await reader.examine(path, scanned: file, known: known[path], force: false)
                noteIngested(change)
                if let change { changes.append(change) }
            } else {
                changes.append(.remove(path: path))
            }
        }
        try await write(changes)
    }

    nonisolated static func wallClockNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// Counts the lines of the documents ingested since the last count across the cache. Lines
    /// that became repeated (or stopped being) change what Ingest leaves out, so the documents
    /// that hold them are ingested again.
    private func countRepeatedLines() async throws {
        guard let count = lines?.nextCount, count != .nothing else { return }
        let found: Set<Int64>
        switch count {
        case .nothing:
            found = []
        case .among(let candidates):
            found = try await store.lines.repeated(among: candidates, minimumDocuments: Self.repeatedLineDocuments)
        case .all:
            found = try await store.lines.repeated(minimumDocuments: Self.repeatedLineDocuments)
        }
        guard let changed = lines?.counted(found, for: count), !changed.isEmpty else { return }
        let paths = try await store.lines.paths(withLines: changed)
        logger.info(
            "lines repeated across documents changed; ingesting their documents again",
            metadata: [
                "event": "repeated-lines", "lines": "\(changed.count)", "repeated": "\(lines?.repeated.count ?? 0)",
                "documents": "\(paths.count)",
            ])
        statistics.update { $0.phase = .indexing }
        var batch: [StoreChange] = []
        for path in paths {
            if let change = try await examine(path, force: true) { batch.append(change) }
            if batch.count >= batchSize {
                try await write(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try await write(batch)
        // The same documents give the same fingerprints: nothing new to count.
        lines?.forgetChanges()
    }

    private func handle(_ changes: [FileChange]) async throws {
        // What the cache knows of every changed file, in one read: a read per file would wait
        // behind every query in flight for a reader.
        let changed = changes.compactMap { change -> String? in
            if case .changed(let path) = change { path } else { nil }
        }
        let known = try await store.documents.fileStates(paths: changed)
        if changed.count == changes.count {
            // Files written, each once in the run: independent, so each is written as soon as it
            // is read, and a small one does not wait behind a large one.
            let reader = await reader()
            let scanner = self.scanner
            try await readAndWrite(
                changed, isSlow: { Self.isSlowToRead($0, size: scanner.statFile($0)?.size ?? 0) },
                read: { path in await reader.examine(path, scanned: nil, known: known[path], force: false) },
                done: { _ in })
            return
        }
        // Moves, removals and comparisons among them: in the order they came.
        let stale = Self.changesAfterTheirPlaceMoved(changes)
        let reader = await reader()
        try await withThrowingTaskGroup(of: Void.self) { writes in
            var batch: [StoreChange] = []
            try await OrderedWork.forEach(
                Array(changes.indices), width: readers,
                work: { index -> StoreChange? in
                    guard case .changed(let path) = changes[index] else { return nil }
                    // What the cache knew before this run, unless an earlier change of the run
                    // moved or removed the path's place: then what it holds there is not known, so
                    // the file is read (a folder moved out and back holds the same files,
                    // unchanged), or, gone, removed.
                    guard stale.contains(index) else {
                        return await reader.examine(path, scanned: nil, known: known[path], force: false)
                    }
                    return await reader.examine(path, scanned: nil, known: nil, force: false, knownIsUncertain: true)
                },
                inOrder: { index, examined in
                    switch changes[index] {
                    case .moved(let from, let to):
                        batch.append(.move(from: from, to: to))
                    case .removed(let path):
                        batch.append(.remove(path: path))
                    case .changed:
                        noteIngested(examined)
                        if let examined { batch.append(examined) }
                    case .rescan(let folder):
                        try await submit(batch, to: &writes)
                        batch.removeAll()
                        try await writes.waitForAll()
                        try await reconcile(folder, initial: false)
                    }
                    if batch.count >= batchSize {
                        try await submit(batch, to: &writes)
                        batch.removeAll(keepingCapacity: true)
                        statistics.update { $0.pending = changes.count - index - 1 }
                    }
                })
            try await submit(batch, to: &writes)
            try await writes.waitForAll()
        }
    }

    /// Reads `elements` through a ``ReadingPipeline`` and writes what they give as they finish.
    private func readAndWrite<Element: Sendable>(
        _ elements: [Element], isSlow: (Element) -> Bool,
        read: @escaping @Sendable (Element) async -> StoreChange?, done: (StoreChange?) -> Void
    ) async throws {
        let store = self.store
        let statistics = self.statistics
        let logger = self.logger
        let broadcaster = self.broadcaster
        try await ReadingPipeline.run(
            elements, lanes: lanes, batchSize: batchSize, isSlow: isSlow, read: read,
            done: { _, change in
                noteIngested(change)
                done(change)
            },
            prepare: { batch in try await noteDroppedLines(batch) },
            write: { batch in
                try await Self.write(
                    batch, store: store, statistics: statistics, broadcaster: broadcaster, logger: logger)
            })
    }

    /// How many files are read at once: one a core, and of the slow ones (large, or read by a
    /// helper program) one on two cores and two at most, so that large files are read a few at a
    /// time whatever the number of cores.
    private var lanes: ReadingPipeline.Lanes {
        ReadingPipeline.Lanes(fast: readers, slow: max(1, min(2, readers / 2)))
    }

    /// Files of more than this many bytes read in the slow lane.
    static let slowFileBytes: Int64 = 1 << 20

    /// Whether a file goes in the slow lane: a large one, or one a helper program reads (PDFs,
    /// pictures, Word and Excel 97-2003 files: told by name, for the lane only).
    static func isSlowToRead(_ path: String, size: Int64) -> Bool {
        if size > slowFileBytes { return true }
        let helped: Set<String> = ["pdf", "png", "jpg", "jpeg", "tif", "tiff", "doc", "xls"]
        guard let dot = path.lastIndex(of: "."), path[dot...].count <= 6 else { return false }
        return helped.contains(path[path.index(after: dot)...].lowercased())
    }

    /// The indexes of `.changed` entries whose path, or a folder holding it, an earlier entry
    /// moves, removes or compares again.
    static func changesAfterTheirPlaceMoved(_ changes: [FileChange]) -> Set<Int> {
        var touched: Set<String> = []
        var stale: Set<Int> = []
        for (index, change) in changes.enumerated() {
            switch change {
            case .moved(let from, let to):
                touched.insert(from)
                touched.insert(to)
            case .removed(let path), .rescan(let path):
                touched.insert(path)
            case .changed(let path):
                guard !touched.isEmpty else { continue }
                if touched.contains("") || touched.contains(path) { stale.insert(index) }
                var folder = Substring(path)
                while let slash = folder.lastIndex(of: "/") {
                    folder = folder[..<slash]
                    if touched.contains(String(folder)) {
                        stale.insert(index)
                        break
                    }
                }
            }
        }
        return stale
    }

    /// Starts writing `batch` once the previous write is done, so the next batch is read and
    /// ingested while this one is written: at most one write in flight, in order.
    private func submit(_ batch: [StoreChange], to writes: inout ThrowingTaskGroup<Void, any Error>) async throws {
        guard !batch.isEmpty else { return }
        try await writes.next()
        try await noteDroppedLines(batch)
        let store = self.store
        let statistics = self.statistics
        let logger = self.logger
        let broadcaster = self.broadcaster
        writes.addTask {
            try await Self.write(
                batch, store: store, statistics: statistics, broadcaster: broadcaster, logger: logger)
        }
    }

    private func write(_ changes: [StoreChange]) async throws {
        try await noteDroppedLines(changes)
        try await Self.write(
            changes, store: store, statistics: statistics, broadcaster: broadcaster, logger: logger)
    }

    /// Before `changes` are written: the repeated lines of the documents they remove or replace.
    private func noteDroppedLines(_ changes: [StoreChange]) async throws {
        guard lines?.wantsDroppedLines == true else { return }
        let paths = changes.compactMap { change -> String? in
            switch change {
            case .remove(let path), .index(let path, _, _), .fail(let path, _, _): path
            default: nil
            }
        }
        guard !paths.isEmpty else { return }
        let fingerprints = try await store.lines.fingerprints(paths: paths)
        lines?.dropping(fingerprints)
    }

    private static func write(
        _ changes: [StoreChange], store: DocumentStore, statistics: IndexerStatistics,
        broadcaster: ChangeBroadcaster, logger: Logger
    ) async throws {
        guard !changes.isEmpty else { return }
        let started = ContinuousClock.now
        // Told as it commits, on the writer's queue: in the order of the generations, whoever wrote.
        let applied = try await store.writer.apply(changes, publish: { broadcaster.publish($0) })
        let indexed = changes.reduce(0) { count, change in
            if case .index = change { count + 1 } else { count }
        }
        statistics.update { $0.processed += indexed }
        let duration = Self.milliseconds(since: started)
        for change in applied {
            var metadata: Logger.Metadata = ["event": "\(change.kind.rawValue)", "path": "\(change.path)"]
            if let previous = change.previousPath { metadata["from"] = "\(previous)" }
            metadata["generation"] = "\(change.generation)"
            metadata["duration.ms"] = "\(duration)"
            logger.info("document changed", metadata: metadata)
        }
    }

    nonisolated static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}

extension ScannedFile {
    var state: FileState {
        FileState(size: size, modificationTime: modificationTime, inode: inode, contentHash: "")
    }
}

/// Runs an actor's jobs in order on a dispatch queue of its own.
final class QueueExecutor: SerialExecutor {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
