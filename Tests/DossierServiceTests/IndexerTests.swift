import DossierProtocol
import DossierTesting
import Foundation
import Glibc
import Logging
import Store
import Testing
import Watch

@testable import DossierService

/// The indexer against a real cache and real files, without a daemon.
@Suite struct IndexerTests {
    let folder: TemporaryDirectory
    let state: TemporaryDirectory
    let store: DocumentStore
    let statistics = IndexerStatistics()
    let broadcaster = ChangeBroadcaster()
    let indexer: Indexer

    init() throws {
        folder = try TemporaryDirectory()
        state = try TemporaryDirectory()
        store = try DocumentStore(path: state.subpath("cache.sqlite"))
        let configuration = DaemonConfiguration(
            root: folder.path, stateDirectory: state.path, endpoint: .path(state.subpath("socket")))
        indexer = Indexer(
            store: store, configuration: configuration, statistics: statistics, broadcaster: broadcaster,
            logger: Logger(label: "test"))
    }

    func paths() async throws -> [String: String] {
        let documents = try await store.documents.list(limit: 100)
        return Dictionary(uniqueKeysWithValues: documents.map { ($0.path, $0.status.rawValue) })
    }

    @Test func theFirstScanIndexesEveryDocumentAndListsWhatItCannotRead() async throws {
        _ = try folder.write("a.txt", "Kabul fell in August. The Taliban took the city.")
        _ = try folder.write("notes/b.md", "# Notes\n\nThe Haqqani network is part of the Taliban.")
        try Data([0x00, 0xFF, 0x00, 0x10, 0x89]).write(to: URL(fileURLWithPath: folder.subpath("blob.bin")))
        #expect(await indexer.perform(.reconcile("", initial: true)))
        #expect(try await paths() == ["a.txt": "indexed", "notes/b.md": "indexed", "blob.bin": "unsupported"])
        #expect(try await store.documents.document(path: "notes/b.md")?.summary.title == "Notes")
        #expect(statistics.snapshot.processed == 3)
    }

    @Test func anUnchangedFileIsNotReadAgainAndAChangedOneIs() async throws {
        _ = try folder.write("a.txt", "First version about narwhals.")
        _ = try folder.write("b.txt", "Never changes.")
        #expect(await indexer.perform(.reconcile("", initial: true)))
        let read = statistics.snapshot.read
        #expect(await indexer.perform(.reconcile("", initial: false)))
        #expect(statistics.snapshot.read == read, "a second scan of an unchanged folder reads nothing")
        _ = try folder.write("a.txt", "Second version about walruses, a little longer.")
        #expect(await indexer.perform(.changes([.changed("a.txt")])))
        #expect(statistics.snapshot.read == read + 1)
        let document = try #require(try await store.documents.document(path: "a.txt"))
        #expect(document.sections.flatMap(\.paragraphs).joined().contains("walruses"))
    }

    /// The changes the watcher emits for `events` (inotify's, as the kernel sends them), once
    /// they have settled.
    static func watcherOutput(
        _ machine: inout WatchStateMachine, _ events: [InotifyEvent], at now: ContinuousClock.Instant
    ) -> [FileChange] {
        var actions: [WatchStateMachine.Action] = []
        for event in events { actions += machine.handle(event, now: now) }
        actions += machine.tick(now: now + .seconds(5))
        return actions.compactMap { action in
            switch action {
            case .emit(let change): change
            case .reconcile(let folder): .rescan(folder)
            default: nil
            }
        }
    }

    /// The order that lost a file: its change reported at its old path, then its folder renamed
    /// before the change is read. The read finds nothing and drops the document; the rename moves
    /// nothing; the folder's new place compared with the cache finds the file again.
    @Test func aFolderRenamedWhileAChangeInItWaitedLosesNothing() async throws {
        _ = try folder.write("notes/draft.txt", "First words about the harbour.")
        #expect(await indexer.perform(.reconcile("", initial: true)))
        var machine = WatchStateMachine(
            ignore: IgnoreRules(), settle: .milliseconds(20), writeTimeout: .seconds(2), moveTimeout: .milliseconds(100)
        )
        machine.watchAdded(1, folder: "")
        machine.watchAdded(2, folder: "notes")
        let now = ContinuousClock.now
        func event(_ mask: Int32, _ name: String, watch: Int32, cookie: UInt32 = 0) -> InotifyEvent {
            InotifyEvent(watch: watch, mask: UInt32(bitPattern: mask), cookie: cookie, name: name)
        }
        // The file is written again and its change settles: reported at notes/draft.txt.
        _ = try folder.write("notes/draft.txt", "Second words about the lighthouse keeper.")
        let written = Self.watcherOutput(&machine, [event(IN_CLOSE_WRITE, "draft.txt", watch: 2)], at: now)
        #expect(written == [.changed("notes/draft.txt")])
        // Before it is read, the folder is renamed.
        try FileManager.default.moveItem(atPath: folder.subpath("notes"), toPath: folder.subpath("archive"))
        #expect(await indexer.perform(.changes(written)))
        #expect(try await paths().isEmpty, "read at its old path, the file is gone")
        let renamed = Self.watcherOutput(
            &machine,
            [
                event(IN_MOVED_FROM | IN_ISDIR, "notes", watch: 1, cookie: 3),
                event(IN_MOVED_TO | IN_ISDIR, "archive", watch: 1, cookie: 3),
            ], at: now + .seconds(6))
        #expect(renamed == [.moved(from: "notes", to: "archive"), .rescan("archive")])
        #expect(await indexer.perform(.changes(renamed)))
        #expect(try await paths() == ["archive/draft.txt": "indexed"])
        let document = try #require(try await store.documents.document(path: "archive/draft.txt"))
        #expect(document.sections.flatMap(\.paragraphs).joined().contains("lighthouse"))
    }

    /// A folder moved out of the tree and back: removed, then its files reported again in the same
    /// run. What the cache knew of them before the run (the same files, unchanged) is not taken as
    /// what it knows after the removal.
    @Test func aFolderMovedOutAndBackInOneRunIsIndexedAgain() async throws {
        _ = try folder.write("notes/a.txt", "A note about ferries.")
        #expect(await indexer.perform(.reconcile("", initial: true)))
        #expect(await indexer.perform(.changes([.removed("notes"), .changed("notes/a.txt")])))
        #expect(try await paths() == ["notes/a.txt": "indexed"])
    }

    /// A file moved to a path and deleted there before the run is read: the move puts the
    /// document at the new path, and the look at it finds nothing and removes it.
    @Test func aFileMovedThenDeletedInOneRunLeavesNothing() async throws {
        _ = try folder.write("notes/a.txt", "A note about ferries.")
        #expect(await indexer.perform(.reconcile("", initial: true)))
        try FileManager.default.removeItem(atPath: folder.subpath("notes/a.txt"))
        #expect(await indexer.perform(.changes([.moved(from: "notes/a.txt", to: "a.txt"), .changed("a.txt")])))
        #expect(try await paths().isEmpty)
    }

    @Test func aChangeIsStaleAfterItsPlaceMovedEarlierInTheRun() {
        let changes: [FileChange] = [
            .changed("a/x"), .moved(from: "a", to: "b"), .changed("b/x"), .changed("c/x"), .removed("c"),
            .changed("c/y/z"), .changed("cc/x"),
        ]
        #expect(Indexer.changesAfterTheirPlaceMoved(changes) == [2, 5])
        #expect(Indexer.changesAfterTheirPlaceMoved([.rescan(""), .changed("x")]) == [1])
    }

    /// The periodic check: a first look finds where the folder and the cache differ; a second
    /// look processes what still differs and has not changed since, and counts it as missed.
    @Test func thePeriodicCheckProcessesAndCountsWhatTheEventsMissed() async throws {
        _ = try folder.write("kept.txt", "Nothing happens to this one.")
        _ = try folder.write("stale.txt", "The old text about otters.")
        _ = try folder.write("gone.txt", "A file deleted without anyone saying so.")
        #expect(await indexer.perform(.reconcile("", initial: true)))
        #expect(try await indexer.differences().paths.isEmpty)
        // Changes no event reports: written, created and deleted behind the watcher's back.
        _ = try folder.write("stale.txt", "The new text about beavers, somewhat longer.")
        _ = try folder.write("new.txt", "A file nobody reported.")
        try FileManager.default.removeItem(atPath: folder.subpath("gone.txt"))
        let past = Date(timeIntervalSinceNow: -60)
        for name in ["stale.txt", "new.txt"] {
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: folder.subpath(name))
        }
        let differences = try await indexer.differences()
        #expect(differences.paths == ["stale.txt", "new.txt", "gone.txt"])
        // A file written since the first look is a change under way: left to the events.
        _ = try folder.write("new.txt", "A file nobody reported, still being written.")
        #expect(await indexer.perform(.verify(differences)))
        #expect(try await paths() == ["kept.txt": "indexed", "stale.txt": "indexed"])
        #expect(statistics.snapshot.missed == 2)
        let document = try #require(try await store.documents.document(path: "stale.txt"))
        #expect(document.sections.flatMap(\.paragraphs).joined().contains("beavers"))
    }

    @Test func aMoveKeepsTheDocumentAndARemovalDropsIt() async throws {
        _ = try folder.write("a.txt", "A document that moves.")
        _ = try folder.write("c.txt", "A document that goes.")
        #expect(await indexer.perform(.reconcile("", initial: true)))
        let subscription = broadcaster.subscribe()
        defer { broadcaster.unsubscribe(subscription.id) }
        let read = statistics.snapshot.read
        try FileManager.default.moveItem(atPath: folder.subpath("a.txt"), toPath: folder.subpath("b.txt"))
        try FileManager.default.removeItem(atPath: folder.subpath("c.txt"))
        #expect(await indexer.perform(.changes([.moved(from: "a.txt", to: "b.txt"), .changed("c.txt")])))
        #expect(try await paths() == ["b.txt": "indexed"])
        #expect(statistics.snapshot.read == read, "a move is not a reason to read the file")
        var iterator = subscription.changes.makeAsyncIterator()
        var kinds: [String] = []
        while kinds.count < 2, let batch = await iterator.next() {
            kinds += batch.map { "\($0.kind.rawValue) \($0.path)" }
        }
        #expect(kinds == ["moved b.txt", "removed c.txt"])
    }

    @Test func aForcedReindexReadsTheFileAgain() async throws {
        _ = try folder.write("a.txt", "Read me twice.")
        #expect(await indexer.perform(.reconcile("", initial: true)))
        let read = statistics.snapshot.read
        #expect(await indexer.perform(.reindex("a.txt")))
        #expect(statistics.snapshot.read == read + 1)
    }
}

@Suite struct DocumentPathTests {
    @Test(arguments: [
        ("a.txt", "a.txt"), ("./notes/./b.md", "notes/b.md"), ("/srv/docs/notes//b.md", "notes/b.md"),
        ("notes/", "notes"),
    ])
    func aPathInsideTheFolderIsMadeRelative(path: String, relative: String) throws {
        #expect(try DocumentPath.relative(path, root: "/srv/docs") == relative)
    }

    @Test(arguments: [
        ("/srv/other/a.txt", "not inside the watched folder /srv/docs"),
        ("/srv/docsx/a.txt", "not inside the watched folder /srv/docs"),
        ("../a.txt", "'..' is not allowed"), ("notes/../../a.txt", "'..' is not allowed"), ("", "empty path"),
        ("./", "empty path"), ("a.txt\u{0}junk", "control characters are not allowed in a path"),
        ("a\u{1B}[2J.txt", "control characters are not allowed in a path"),
    ])
    func aPathOutsideTheFolderIsRefusedWithWhy(path: String, reason: String) {
        #expect(throws: DossierAPI.InvalidPath(path: path, reason: reason).varlinkError) {
            try DocumentPath.relative(path, root: "/srv/docs")
        }
    }
}

@Suite struct WorkQueueTests {
    @Test func consecutiveChangesAreJoinedAndAFileChangedTwiceIsLookedAtOnce() {
        let queue = WorkQueue()
        queue.push(.changes([.changed("a.txt"), .changed("b.txt")]))
        queue.push(.changes([.changed("a.txt"), .moved(from: "b.txt", to: "c.txt"), .changed("c.txt")]))
        #expect(queue.pendingChanges == 5)
        let taken = queue.takeAll()
        #expect(queue.pendingChanges == 0)
        guard case .changes(let changes) = taken.first, taken.count == 1 else {
            Issue.record("expected one run of changes, got \(taken)")
            return
        }
        // After the move, c.txt is new to this run: looked at again.
        #expect(
            changes == [.changed("a.txt"), .changed("b.txt"), .moved(from: "b.txt", to: "c.txt"), .changed("c.txt")])
    }

    @Test func otherWorkKeepsItsPlaceBetweenRunsOfChanges() {
        let queue = WorkQueue()
        queue.push(.changes([.changed("a.txt")]))
        queue.push(.reindex(nil))
        queue.push(.changes([.changed("a.txt")]))
        let taken = queue.takeAll()
        #expect(taken.count == 3)
        if case .reindex(nil) = taken[1] {} else { Issue.record("expected the reindex second, got \(taken)") }
        #expect(queue.takeAll().isEmpty)
    }
}

@Suite struct ChangeBroadcasterTests {
    static func change(_ generation: Int64) -> AppliedChange {
        AppliedChange(generation: generation, kind: .added, path: "f\(generation).txt")
    }

    @Test func everySubscriberGetsEveryBatchInOrder() async {
        let broadcaster = ChangeBroadcaster()
        let first = broadcaster.subscribe()
        let second = broadcaster.subscribe()
        #expect(broadcaster.subscriberCount == 2)
        broadcaster.publish([Self.change(1)])
        broadcaster.publish([Self.change(2), Self.change(3)])
        broadcaster.unsubscribe(first.id)
        broadcaster.unsubscribe(second.id)
        for subscription in [first, second] {
            var generations: [Int64] = []
            for await batch in subscription.changes { generations += batch.map(\.generation) }
            #expect(generations == [1, 2, 3])
            #expect(!subscription.overflowed.isSet)
        }
        #expect(broadcaster.subscriberCount == 0)
    }

    @Test func aSubscriberThatFallsBehindIsCutOffAndTold() async {
        let broadcaster = ChangeBroadcaster(bufferLimit: 2)
        let slow = broadcaster.subscribe()
        for generation in 1...3 { broadcaster.publish([Self.change(Int64(generation))]) }
        var received = 0
        for await _ in slow.changes { received += 1 }
        #expect(received == 2)
        #expect(slow.overflowed.isSet)
        #expect(broadcaster.subscriberCount == 0)
    }

    @Test func stoppingEndsEveryStreamAndAnyLaterOne() async {
        let broadcaster = ChangeBroadcaster()
        let before = broadcaster.subscribe()
        broadcaster.stop()
        for await _ in before.changes { Issue.record("no change was published") }
        let after = broadcaster.subscribe()
        for await _ in after.changes { Issue.record("no change was published") }
        #expect(broadcaster.isStopping)
    }
}
