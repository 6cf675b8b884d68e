import Glibc
import Testing

@testable import Watch

@Suite struct WatchStateMachineTests {
    var machine = WatchStateMachine(
        ignore: IgnoreRules(), settle: .milliseconds(20), writeTimeout: .seconds(2), moveTimeout: .milliseconds(100))
    let start = ContinuousClock.now

    init() {
        machine.watchAdded(1, folder: "")
        machine.watchAdded(2, folder: "notes")
    }

    func event(_ mask: Int32, _ name: String, watch: Int32 = 1, cookie: UInt32 = 0) -> InotifyEvent {
        InotifyEvent(watch: watch, mask: UInt32(bitPattern: mask), cookie: cookie, name: name)
    }

    func at(_ milliseconds: Int) -> ContinuousClock.Instant { start + .milliseconds(milliseconds) }

    @Test mutating func aWriteIsReportedOnceAfterCloseAndSettle() {
        #expect(machine.handle(event(IN_CREATE, "a.txt"), now: at(0)).isEmpty)
        #expect(machine.handle(event(IN_MODIFY, "a.txt"), now: at(1)).isEmpty)
        #expect(machine.tick(now: at(500)).isEmpty, "still open for writing")
        #expect(machine.handle(event(IN_CLOSE_WRITE, "a.txt"), now: at(600)).isEmpty)
        #expect(machine.tick(now: at(610)).isEmpty, "settling")
        #expect(machine.tick(now: at(621)) == [.emit(.changed("a.txt"))])
        #expect(machine.tick(now: at(700)).isEmpty)
    }

    @Test mutating func aFileLeftOpenIsReportedAfterTheWriteTimeout() {
        _ = machine.handle(event(IN_MODIFY, "log.txt"), now: at(0))
        #expect(machine.tick(now: at(1_999)).isEmpty)
        #expect(machine.tick(now: at(2_001)) == [.emit(.changed("log.txt"))])
    }

    @Test mutating func aRenameIsPairedByCookie() {
        #expect(machine.handle(event(IN_MOVED_FROM, "old.txt", cookie: 7), now: at(0)).isEmpty)
        #expect(
            machine.handle(event(IN_MOVED_TO, "new.txt", watch: 2, cookie: 7), now: at(1))
                == [.emit(.moved(from: "old.txt", to: "notes/new.txt"))])
        #expect(machine.tick(now: at(50)) == [.emit(.changed("notes/new.txt"))])
    }

    @Test mutating func anAtomicSaveIsOneChangeAndTheTemporaryFileIsNeverReported() {
        // sed -i: write a temporary file, rename it over the document.
        _ = machine.handle(event(IN_CREATE, "sedX1a2b3"), now: at(0))
        _ = machine.handle(event(IN_CLOSE_WRITE, "sedX1a2b3"), now: at(1))
        let actions =
            machine.handle(event(IN_MOVED_FROM, "sedX1a2b3", cookie: 9), now: at(2))
            + machine.handle(event(IN_MOVED_TO, "doc.txt", cookie: 9), now: at(2))
        #expect(actions == [.emit(.moved(from: "sedX1a2b3", to: "doc.txt"))])
        #expect(machine.tick(now: at(100)) == [.emit(.changed("doc.txt"))])
        #expect(machine.tick(now: at(300)).isEmpty)
    }

    @Test mutating func vimsBackupDanceIsOneChange() {
        // vim: 4913 probe, rename doc → doc~, write doc, delete doc~.
        _ = machine.handle(event(IN_CREATE, "4913"), now: at(0))
        _ = machine.handle(event(IN_DELETE, "4913"), now: at(0))
        _ = machine.handle(event(IN_MOVED_FROM, "doc.txt", cookie: 3), now: at(1))
        _ = machine.handle(event(IN_MOVED_TO, "doc.txt~", cookie: 3), now: at(1))
        _ = machine.handle(event(IN_CREATE, "doc.txt"), now: at(2))
        _ = machine.handle(event(IN_CLOSE_WRITE, "doc.txt"), now: at(3))
        _ = machine.handle(event(IN_DELETE, "doc.txt~"), now: at(4))
        #expect(machine.tick(now: at(200)) == [.emit(.changed("doc.txt"))])
    }

    @Test mutating func anUnpairedMoveFromBecomesALookAtTheOldPath() {
        _ = machine.handle(event(IN_MOVED_FROM, "gone.txt", cookie: 5), now: at(0))
        #expect(machine.tick(now: at(50)).isEmpty)
        #expect(machine.tick(now: at(101)) == [.emit(.changed("gone.txt"))])
    }

    @Test mutating func foldersAreWatchedRenamedAndDropped() {
        #expect(
            machine.handle(event(IN_CREATE | IN_ISDIR, "new"), now: at(0))
                == [.watchTree("new", reportFiles: true)])
        _ = machine.handle(event(IN_MOVED_FROM | IN_ISDIR, "notes", cookie: 4), now: at(1))
        #expect(
            machine.handle(event(IN_MOVED_TO | IN_ISDIR, "archive", cookie: 4), now: at(1))
                == [.emit(.moved(from: "notes", to: "archive")), .reconcile("archive")])
        #expect(machine.folders[2] == "archive")
        // A folder moved out of the tree: unwatched and removed once the move expires.
        _ = machine.handle(event(IN_MOVED_FROM | IN_ISDIR, "archive", cookie: 6), now: at(2))
        #expect(machine.tick(now: at(200)) == [.unwatch([2]), .emit(.removed("archive"))])
    }

    /// The order of events that lost a file: a file in a folder settles (and is reported at its
    /// old path), then the folder is renamed before the file is read. Reading the old path finds
    /// nothing and drops the document; the rename moves nothing. So a folder's rename asks for its
    /// new place to be compared with the cache, which finds the file there.
    @Test mutating func aFolderRenamedAfterAFileInItWasReportedIsComparedAgain() {
        _ = machine.handle(event(IN_CLOSE_WRITE, "draft.txt", watch: 2), now: at(0))
        #expect(machine.tick(now: at(25)) == [.emit(.changed("notes/draft.txt"))])
        _ = machine.handle(event(IN_MOVED_FROM | IN_ISDIR, "notes", cookie: 11), now: at(26))
        #expect(
            machine.handle(event(IN_MOVED_TO | IN_ISDIR, "archive", cookie: 11), now: at(27))
                == [.emit(.moved(from: "notes", to: "archive")), .reconcile("archive")])
    }

    /// A file that settles while its folder's move waits for its other half is not reported at a
    /// path about to go away: it waits, and is reported at the new path.
    @Test mutating func aFileInAFolderBeingMovedWaitsForTheMove() {
        _ = machine.handle(event(IN_CLOSE_WRITE, "draft.txt", watch: 2), now: at(0))
        _ = machine.handle(event(IN_MOVED_FROM | IN_ISDIR, "notes", cookie: 12), now: at(5))
        #expect(machine.tick(now: at(30)).isEmpty)
        _ = machine.handle(event(IN_MOVED_TO | IN_ISDIR, "archive", cookie: 12), now: at(31))
        #expect(machine.tick(now: at(32)) == [.emit(.changed("archive/draft.txt"))])
    }

    /// A folder moved out of the tree and back within the move window: the two moves have
    /// different cookies. The first is known to have left when the folder comes back, so it is
    /// removed before it is added again, never after.
    @Test mutating func aFolderMovedOutAndBackIsRemovedThenAddedInThatOrder() {
        _ = machine.handle(event(IN_MOVED_FROM | IN_ISDIR, "notes", cookie: 20), now: at(0))
        #expect(
            machine.handle(event(IN_MOVED_TO | IN_ISDIR, "notes", cookie: 21), now: at(10))
                == [.unwatch([2]), .emit(.removed("notes")), .watchTree("notes", reportFiles: true)])
        machine.watchAdded(3, folder: "notes")
        #expect(machine.tick(now: at(500)).isEmpty, "nothing left to expire")
        #expect(machine.isWatched("notes"))
    }

    /// The same for a folder created where one just left.
    @Test mutating func aFolderCreatedWhereOneLeftComesAfterTheRemoval() {
        _ = machine.handle(event(IN_MOVED_FROM | IN_ISDIR, "notes", cookie: 22), now: at(0))
        #expect(
            machine.handle(event(IN_CREATE | IN_ISDIR, "notes"), now: at(10))
                == [.unwatch([2]), .emit(.removed("notes")), .watchTree("notes", reportFiles: true)])
    }

    @Test mutating func lostEventsAskForARescan() {
        #expect(
            machine.handle(InotifyEvent(watch: -1, mask: UInt32(IN_Q_OVERFLOW)), now: at(0)) == [.emit(.rescan(""))])
        #expect(machine.handle(event(IN_CREATE, "x.txt", watch: 99), now: at(0)) == [.emit(.rescan(""))])
    }

    @Test mutating func theRootGoingAwayIsReported() {
        #expect(machine.handle(event(IN_DELETE_SELF, ""), now: at(0)) == [.unwatch([1, 2]), .rootLost])
        #expect(!machine.isWatched("") && !machine.isWatched("notes"), "the tree's watches are all gone")
    }

    /// The kernel sends the old root's IN_IGNORED after its IN_DELETE_SELF, at times only after the
    /// root is back and watched again: that late event is about the old watch, not the new one.
    @Test mutating func lateEventsOfALostRootAreNotAboutItsReturn() {
        #expect(machine.handle(event(IN_DELETE_SELF, ""), now: at(0)) == [.unwatch([1, 2]), .rootLost])
        machine.watchAdded(3, folder: "")
        #expect(machine.handle(event(IN_IGNORED, ""), now: at(10)).isEmpty)
        #expect(machine.handle(event(IN_DELETE_SELF, "", watch: 2), now: at(10)).isEmpty)
        #expect(machine.isWatched(""))
        _ = machine.handle(event(IN_CLOSE_WRITE, "back.txt", watch: 3), now: at(20))
        #expect(machine.tick(now: at(100)) == [.emit(.changed("back.txt"))])
    }

    @Test mutating func ignoredNamesAreNeverReported() {
        for name in [".hidden.txt", "doc.txt.swp", "doc.txt~", ".#doc.txt", "#doc.txt#", "4913"] {
            _ = machine.handle(event(IN_CLOSE_WRITE, name), now: at(0))
        }
        #expect(machine.tick(now: at(1000)).isEmpty)
    }
}

@Suite struct IgnoreRulesTests {
    @Test func defaultsAndUserGlobs() {
        let rules = IgnoreRules(patterns: ["*.log", "drafts/*"])
        #expect(rules.ignores("a/.git"))
        #expect(rules.ignores("notes/file.swp"))
        #expect(rules.ignores("server.log"))
        #expect(rules.ignores("drafts/x.md"))
        #expect(!rules.ignores("notes/x.md"))
        #expect(rules.ignores(".profile"), "a name without a folder")
        #expect(!rules.ignores("x.md"))
        #expect(!rules.ignores("notes.d/x.md"), "a dot inside the path does not hide the file")
        #expect(!IgnoreRules(ignoreHidden: false).ignores(".profile"))
    }
}
