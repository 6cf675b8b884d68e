import DossierTesting
import Foundation
import GRDB
import Testing
import Varlink

@testable import Store

/// How the daemon follows what editors, tools and bulk operations do to the folder.
@Suite(.serialized) struct WatchingTests {
    /// Runs a command to completion; fails the test if it fails.
    func run(_ arguments: [String], in directory: String) throws {
        let result = try runCommand(arguments, in: directory)
        #expect(result.status == 0, "\(arguments) failed: \(result.output)")
    }

    func counters(_ daemon: DaemonProcess) throws -> (generation: Int64, processed: Int64) {
        let status = try daemon.status()
        return (status["generation"]?.intValue ?? -1, status["counters"]?["processed"]?.intValue ?? -1)
    }

    @Test func everyToolsSaveIsExactlyOneUpdateAndTemporaryFilesAreNeverIndexed() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        try fixture.write("doc.txt", "The word of the day is alpha.\n")
        let daemon = try await fixture.start()
        let root = fixture.root
        let staging = fixture.work.subpath("staging")
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)

        let saves: [(tool: String, word: String, save: () throws -> Void)] = [
            ("sed -i", "bravo", { try run(["sed", "-i", "s/alpha/bravo/", "doc.txt"], in: root) }),
            (
                "vim", "charlie",
                {
                    try run(
                        ["vim.tiny", "-u", "NONE", "-N", "-es", "-c", "%s/bravo/charlie/", "-c", "wq", "doc.txt"],
                        in: root)
                }
            ),
            (
                "cp over", "delta",
                {
                    try "The word of the day is delta.\n".write(
                        toFile: staging + "/doc.txt", atomically: false, encoding: .utf8)
                    try run(["cp", staging + "/doc.txt", root + "/doc.txt"], in: root)
                }
            ),
            (
                "write and rename", "echo",
                {
                    try "The word of the day is echo.\n".write(
                        toFile: root + "/doc.txt", atomically: true, encoding: .utf8)
                }
            ),
            (
                "rsync", "foxtrot",
                {
                    try "The word of the day is foxtrot.\n".write(
                        toFile: staging + "/doc.txt", atomically: false, encoding: .utf8)
                    try run(["rsync", "--checksum", staging + "/doc.txt", root + "/doc.txt"], in: root)
                }
            ),
        ]
        for save in saves {
            try await daemon.waitUntilIdle()
            let before = try counters(daemon)
            try save.save()
            try await waitUntil("\(save.tool) to be indexed", timeout: .seconds(10)) {
                try fixture.searchPaths(save.word) == ["doc.txt"]
            }
            try await daemon.waitUntilIdle()
            let after = try counters(daemon)
            #expect(after.processed - before.processed == 1, "\(save.tool): documents processed")
            #expect(after.generation - before.generation == 1, "\(save.tool): changes recorded")
            #expect(try fixture.paths() == ["doc.txt"], "\(save.tool): temporary files")
        }
        await fixture.tearDown()
    }

    @Test func renamingAFolderOfAThousandFilesReadsNone() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        for index in 0..<1000 {
            try fixture.work.write("root/batch/file-\(index).txt", "File \(index) mentions the keyword quokka.")
        }
        let daemon = try await fixture.start()
        #expect(try daemon.status()["documents"]?.intValue == 1000)
        let read = try daemon.status()["counters"]?["read"]?.intValue
        try FileManager.default.moveItem(atPath: fixture.root + "/batch", toPath: fixture.root + "/renamed")
        try await waitUntil("every path to move", timeout: .seconds(30)) {
            let documents = try daemon.call("ListDocuments", ["limit": 2000]).parameters["documents"]?.arrayValue ?? []
            return documents.count == 1000
                && documents.allSatisfy { $0["path"]?.stringValue?.hasPrefix("renamed/") == true }
        }
        try await daemon.waitUntilIdle()
        #expect(try daemon.status()["counters"]?["read"]?.intValue == read)
        await fixture.tearDown()
    }

    /// A file written and its folder renamed straight after, again and again, with the renames
    /// racing the daemon's reading of the file: every file ends up indexed at its folder's last
    /// name, with its text.
    @Test func foldersRenamedRightAfterAWriteLoseNothing() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        try FileManager.default.createDirectory(atPath: fixture.root + "/box0", withIntermediateDirectories: true)
        let daemon = try await fixture.start()
        let rounds = 40
        for round in 0..<rounds {
            try fixture.write("box\(round)/note\(round).txt", "Note \(round) about the word walrus\(round)x.")
            // Rewrite an earlier note too, so that some changes wait to be read while folders move.
            if round > 0 { try fixture.write("box\(round)/note\(round - 1).txt", "Note \(round - 1), rewritten.") }
            try FileManager.default.moveItem(
                atPath: fixture.root + "/box\(round)", toPath: fixture.root + "/box\(round + 1)")
        }
        try await waitUntil("every note to be indexed at the last name", timeout: .seconds(60)) {
            let paths = Set(try fixture.paths())
            return paths == Set((0..<rounds).map { "box\(rounds)/note\($0).txt" })
        }
        try await daemon.waitUntilIdle()
        #expect(try fixture.searchPaths("walrus\(rounds - 1)x") == ["box\(rounds)/note\(rounds - 1).txt"])
        let rewritten = try daemon.call("Search", ["query": "rewritten", "limit": 100]).parameters["total"]
        #expect(rewritten?.intValue == Int64(rounds - 1))
        await fixture.tearDown()
    }

    /// What no event reported (here a document the cache lost, and a file whose cached state is
    /// stale, written into the cache behind the daemon's back) is found by the periodic check,
    /// processed, counted in Status and said in the log.
    @Test func thePeriodicCheckFindsWhatTheEventsMissed() async throws {
        let fixture = try DaemonFixture()
        try fixture.write("otters.txt", "A report about otters in the harbour.")
        try fixture.write("beavers.txt", "A report about beavers in the river.")
        let daemon = try await fixture.start(arguments: ["--verify-interval", "1"])
        try await daemon.waitUntilIdle()
        #expect(try daemon.status()["missedChanges"] == 0)
        // Through a connection of its own, with the functions that read stored texts: taking a
        // document out reads its text, to take it out of the full-text index.
        // The check runs every second, so whether the document is gone is asked in the same
        // transaction: a search over the socket could come after the check has put it back.
        let behindTheBack = try DocumentStore(path: daemon.cachePath)
        let stillIndexed = try await behindTheBack.pool.write { db in
            try db.execute(
                sql: """
                    DELETE FROM documents WHERE path = 'otters.txt';
                    UPDATE documents SET mtime_ns = 1 WHERE path = 'beavers.txt';
                    """)
            return try Int.fetchOne(
                db, sql: "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'otters'")
        }
        #expect(stillIndexed == 0)
        try await waitUntil("the check to find both", timeout: .seconds(90)) {
            try daemon.status()["missedChanges"]?.intValue == 2 && fixture.searchPaths("otters") == ["otters.txt"]
        }
        #expect(daemon.log().contains("missed-changes"))
        #expect(Set(try fixture.paths()) == [DaemonFixture.seedName, "otters.txt", "beavers.txt"])
        await fixture.tearDown()
    }

    @Test func aQueueOverflowIsFollowedByARescanThatFindsEveryLatestVersion() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        let daemon = try await fixture.start()
        try await daemon.waitUntilIdle()
        // Stopped, the daemon reads nothing while the kernel's event queue fills past its end.
        daemon.kill(signal: SIGSTOP)
        // More events than fs.inotify.max_queued_events (16384 by default): three per file written.
        let queued =
            (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 16384
        let count = queued / 3 + 200
        for index in 0..<count {
            try fixture.write("f\(index).txt", "First version of file \(index).")
        }
        for index in stride(from: 0, to: count, by: 97) {
            try fixture.write("f\(index).txt", "Second version of file \(index) about narwhals.")
        }
        daemon.kill(signal: SIGCONT)
        try await waitUntil("the overflow to be reported", timeout: .seconds(20)) {
            try daemon.status()["overflows"]?.intValue ?? 0 >= 1
        }
        try await waitUntil("every file to be indexed", timeout: .seconds(240), interval: .milliseconds(200)) {
            try daemon.status()["documents"]?.intValue == Int64(count)
        }
        try await daemon.waitUntilIdle(timeout: .seconds(120))
        let narwhals = try daemon.call("Search", ["query": "narwhals", "limit": 1000]).parameters["total"]?.intValue
        #expect(narwhals == Int64((count + 96) / 97))
        #expect(try daemon.status()["rescans"]?.intValue ?? 0 >= 1)
        await fixture.tearDown()
    }

    @Test func ignoredNamesAndSymlinksStayOutAndSpecialFilesAreReported() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        let outside = try fixture.work.write("outside.txt", "Outside the folder: secret plans.")
        try FileManager.default.createSymbolicLink(atPath: fixture.root + "/link.txt", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: fixture.root + "/loop", withDestinationPath: fixture.root)
        mkfifo(fixture.root + "/pipe", 0o600)
        try fixture.write("server.log", "A log line about plans.")
        try fixture.write(".hidden.txt", "Hidden plans.")
        try fixture.write("kept.txt", "Kept: the plans are public.")
        let daemon = try await fixture.start(arguments: ["--ignore", "*.log"])
        // The FIFO is never opened, and is listed as not a document.
        #expect(try fixture.paths() == ["kept.txt", "pipe"])
        try fixture.write("later.log", "More plans.")
        try fixture.write("later.txt", "Later plans.")
        try await waitUntil("later.txt", timeout: .seconds(5)) {
            try fixture.paths() == ["kept.txt", "later.txt", "pipe"]
        }
        #expect(try daemon.status()["failed"]?.intValue == 1)
        #expect(try daemon.status()["documents"]?.intValue == 2)
        await fixture.tearDown()
    }
}

@Suite(.serialized) struct WatchLimitTests {
    @Test func foldersBeyondTheWatchLimitAreReportedAndRescanned() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        let folders = ["a", "b", "c", "d", "e"]
        for folder in folders { try fixture.work.write("root/\(folder)/first.txt", "First note in \(folder).") }
        // A user namespace of its own gets its own inotify limits: three watches for six folders.
        let daemon = try DaemonProcess(
            root: fixture.root, workDirectory: fixture.work.path, arguments: ["--rescan-interval", "0.3"],
            launcher: [
                "unshare", "--user", "--map-root-user", "sh", "-c",
                "echo 3 > /proc/sys/user/max_inotify_watches && exec \"$0\" \"$@\"",
            ])
        fixture.daemon = daemon
        try await daemon.waitUntilReady()
        let status = try daemon.status()
        #expect(status["documents"]?.intValue == 5)
        #expect(status["watchedFolders"]?.intValue == 3)
        #expect(status["unwatchedFolders"]?.intValue == 3)
        #expect(daemon.log().contains("inotify watch limit reached"))
        for folder in folders { try fixture.write("\(folder)/second.txt", "Second note in \(folder) about otters.") }
        try await waitUntil("every folder's new file, watched or not", timeout: .seconds(15)) {
            try daemon.call("Search", ["query": "otters"]).parameters["total"]?.intValue == 5
        }
        await fixture.tearDown()
    }
}
