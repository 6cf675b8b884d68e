import DossierTesting
import Foundation
import Ingest
import Store
import Testing
import Varlink

/// Nothing is lost when the daemon is killed, the disk fills up or the folder holds files that
/// are not documents.
@Suite(.serialized) struct FaultTests {
    /// A folder of notes, each with a token naming its current version.
    final class VersionedNotes {
        let fixture: DaemonFixture
        var versions: [Int]

        init(_ fixture: DaemonFixture, count: Int) throws {
            self.fixture = fixture
            versions = Array(repeating: 0, count: count)
            for index in 0..<count { try write(index) }
        }

        func path(_ index: Int) -> String { "notes/part-\(index % 10)/note-\(index).txt" }
        func token(_ index: Int, version: Int) -> String { "v\(version)x\(index)q" }

        func write(_ index: Int) throws {
            try fixture.work.write(
                "root/" + path(index),
                "Note \(index)\n\nThis note, version token \(token(index, version: versions[index])), is about "
                    + "harbours, rivers and the council budget. It has a second sentence to be realistic.\n")
        }

        func edit(_ index: Int) throws {
            versions[index] += 1
            try write(index)
        }

        /// Every note is found by its latest token and by no earlier one.
        func verify(_ daemon: DaemonProcess) throws {
            let client = try daemon.client()
            for index in versions.indices {
                let latest = try client.call(
                    "io.dossier.Search", ["query": .string(token(index, version: versions[index]))])
                #expect(
                    latest.parameters["hits"]?.arrayValue?.compactMap { $0["path"]?.stringValue } == [path(index)],
                    "note \(index), version \(versions[index])")
                if versions[index] > 0 {
                    let earlier = try client.call(
                        "io.dossier.Search", ["query": .string(token(index, version: versions[index] - 1))])
                    #expect(earlier.parameters["total"] == 0, "note \(index) still has an old version")
                }
            }
        }
    }

    @Test func killedTwentyTimesDuringABulkIngestItLosesNothing() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        let notes = try VersionedNotes(fixture, count: 300)
        // Seeded: the moments chosen are the same in every run (when the kill lands still varies).
        var generator = SplitMix64(seed: 20)
        for _ in 0..<20 {
            let daemon = try DaemonProcess(root: fixture.root, workDirectory: fixture.work.path)
            // A random moment: right away, or once this run has read a random number of documents.
            let target = Int.random(in: 0...60, using: &generator)
            if target > 0 {
                try await waitUntil("dossierd to read \(target) documents", timeout: .seconds(60)) {
                    guard daemon.isRunning else { throw DaemonExited(log: daemon.log()) }
                    guard let status = try? daemon.status() else { return false }
                    let read = status["counters"]?["read"]?.intValue ?? 0
                    let idle = status["initialScanComplete"] == true && status["pending"] == 0
                    return read >= target || idle
                }
                for _ in 0..<3 { try notes.edit(Int.random(in: 0..<300, using: &generator)) }
            }
            daemon.kill(signal: SIGKILL)
            daemon.waitUntilExit()
            // Edits while it is down.
            for _ in 0..<3 { try notes.edit(Int.random(in: 0..<300, using: &generator)) }
        }
        let daemon = try await fixture.start()
        try await daemon.waitUntilIdle(timeout: .seconds(120))
        #expect(try daemon.status()["documents"] == 300)
        try notes.verify(daemon)
        try await daemon.stop()
        #expect(try DocumentStore(path: daemon.cachePath).integrityCheck() == "ok")
        await fixture.tearDown()
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare"), "needs unshare"))
    func aFullDiskIsReportedAndCaughtUpWithWhenSpaceReturns() async throws {
        let fixture = try DaemonFixture()
        let cache = fixture.work.subpath("cache")
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        // The cache on a 2 MiB tmpfs of the daemon's own (a user and mount namespace: no root needed).
        let daemon = try DaemonProcess(
            root: fixture.root, workDirectory: fixture.work.path,
            launcher: [
                "unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                "mount -t tmpfs -o size=2m tmpfs '\(cache)' && exec \"$0\" \"$@\"",
            ])
        fixture.daemon = daemon
        try await daemon.waitUntilReady()
        let notes = try VersionedNotes(fixture, count: 400)
        try await waitUntil("the cache to fill up", timeout: .seconds(60)) {
            try daemon.status()["cacheError"]?.stringValue == "the disk holding the cache is full"
        }
        // Still answering from what the cache holds.
        #expect(try daemon.call("Search", ["query": "haqqani"]).parameters["total"] == 1)
        #expect(daemon.log().contains("cache-write-failed"))
        #expect(try daemon.status()["documents"]?.intValue ?? 0 < 401)

        // Space returns: the daemon catches up with every file.
        let (grown, output) = try runCommand([
            "nsenter", "--target", "\(daemon.processIdentifier)", "--user", "--mount", "--preserve-credentials",
            "mount", "-o", "remount,size=256m", cache,
        ])
        #expect(grown == 0, "\(output)")
        try await waitUntil("the daemon to catch up", timeout: .seconds(120)) {
            let status = try daemon.status()
            return status["cacheError"] == .null && status["documents"] == 401 && status["pending"] == 0
        }
        #expect(daemon.log().contains("cache-recovered"))
        try notes.verify(daemon)
        let (checked, integrity) = try runCommand([
            "nsenter", "--target", "\(daemon.processIdentifier)", "--user", "--mount", "--preserve-credentials",
            "sqlite3", cache + "/cache.sqlite", "PRAGMA integrity_check",
        ])
        #expect(checked == 0 && integrity.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(integrity)")
        await fixture.tearDown()
    }
}

/// Files that are not documents, or cannot be read, each get a status of their own and the
/// daemon keeps serving.
@Suite(.serialized) struct BadFileTests {
    /// Creates a file whose name holds raw bytes (not valid UTF-8) in `folder`.
    func createFile(named bytes: [UInt8], in folder: String, contents: String) throws {
        let path = Array(folder.utf8) + [UInt8(ascii: "/")] + bytes + [0]
        let descriptor = path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        _ = contents.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress!, $0.count - 1) }
        close(descriptor)
    }

    @Test func eachBadFileGetsAClearStatusAndTheDaemonKeepsServing() async throws {
        let fixture = try DaemonFixture()
        let root = fixture.root
        let isRoot = getuid() == 0
        try fixture.write("locked.txt", "A locked note about lighthouses.")
        chmod(root + "/locked.txt", 0o000)
        #expect(mkfifo(root + "/pipe.txt", 0o644) == 0)
        if isRoot { #expect(try runCommand(["mknod", root + "/device.txt", "c", "1", "3"]).status == 0) }
        try fixture.write("empty.txt", "")
        try fixture.write("line\nbreak.txt", "A note whose name has a newline, about narwhals.")
        try createFile(named: Array("bad-".utf8) + [0xFF, 0xFE] + Array(".txt".utf8), in: root, contents: "Bad name.")
        // 100 MB of text.
        _ = FileManager.default.createFile(atPath: root + "/big.txt", contents: nil)
        let big = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/big.txt"))
        let megabyte = Data(String(repeating: "The giant file talks about walruses.\n", count: 27_028).utf8)
        for _ in 0..<100 { big.write(megabyte) }
        try big.close()
        let deep = (0..<200).map { _ in "d" }.joined(separator: "/")
        try fixture.work.write("root/" + deep + "/deep.txt", "The deepest note, about axolotls.")

        // As root, run the daemon as nobody so that a file's permissions can keep it out.
        if isRoot { _ = try runCommand(["chown", "-R", "65534:65534", fixture.work.path]) }
        let daemon = try DaemonProcess(
            root: root, workDirectory: fixture.work.path, arguments: ["--max-file-size", "65536"],
            launcher: isRoot ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [])
        fixture.daemon = daemon
        try await daemon.waitUntilReady(timeout: .seconds(60))
        try await daemon.waitUntilIdle(timeout: .seconds(60))

        let listing = try daemon.call("ListDocuments", ["limit": 100]).parameters["documents"]?.arrayValue ?? []
        var documents: [String: [String: JSONValue]] = [:]
        for document in listing {
            if let path = document["path"]?.stringValue, let object = document.objectValue { documents[path] = object }
        }
        func reason(_ path: String) -> String? { documents[path]?["reason"]?.stringValue }
        #expect(documents["locked.txt"]?["status"] == "failed")
        #expect(reason("locked.txt") == "cannot read: Permission denied")
        #expect(reason("pipe.txt") == "a FIFO (named pipe) is not a document")
        if isRoot { #expect(reason("device.txt") == "a character device is not a document") }
        #expect(documents["empty.txt"]?["status"] != nil, "the empty file has a status")
        #expect(documents["line\nbreak.txt"]?["status"] == "indexed")
        let badName = documents.keys.first { $0.hasPrefix("bad-") }
        #expect(badName.flatMap(reason) == "the file name is not valid UTF-8; rename the file to index it")
        #expect(documents[deep + "/deep.txt"]?["status"] == "indexed")
        #expect(documents["big.txt"]?["status"] == "indexed")
        let cut = try daemon.call("GetDocument", ["path": "big.txt"]).parameters["document"]
        let size = try FileManager.default.attributesOfItem(atPath: root + "/big.txt")[.size] as? Int
        #expect(size ?? 0 > 100_000_000)
        #expect(
            cut?["warnings"]?.arrayValue?.first?.stringValue
                == "cut at 65536 bytes of \(size ?? 0): the rest is not indexed")

        // A file created and deleted at once, over and over, leaves nothing behind.
        for round in 0..<50 {
            let path = root + "/fleeting-\(round % 5).txt"
            _ = FileManager.default.createFile(atPath: path, contents: Data("Here and gone \(round).".utf8))
            try FileManager.default.removeItem(atPath: path)
        }
        try await waitUntil("the fleeting files to be forgotten", timeout: .seconds(30)) {
            let paths = try fixture.paths()
            let pending = try daemon.status()["pending"]
            return !paths.contains { $0.hasPrefix("fleeting-") } && pending == 0
        }
        #expect(try fixture.searchPaths("axolotls") == [deep + "/deep.txt"])
        #expect(try fixture.searchPaths("narwhals") == ["line\nbreak.txt"])
        #expect(try fixture.searchPaths("walruses") == ["big.txt"])
        #expect(try daemon.status()["documents"]?.intValue ?? 0 >= 5)
        await fixture.tearDown()
    }
}
