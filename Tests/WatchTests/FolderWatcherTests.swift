import DossierTesting
import Foundation
import Logging
import Synchronization
import Testing

@testable import Watch

/// Real inotify on a temporary folder.
@Suite(.serialized) struct FolderWatcherTests {
    final class Collector: Sendable {
        let changes = Mutex<[FileChange]>([])
        func append(_ batch: [FileChange]) { changes.withLock { $0 += batch } }
        var all: [FileChange] { changes.withLock { $0 } }
        func clear() { changes.withLock { $0.removeAll() } }
    }

    func withWatcher(
        _ root: String, _ body: @escaping @Sendable (FolderWatcher, Collector) async throws -> Void
    ) async throws {
        let watcher = FolderWatcher(logger: Logger(label: "test"))
        let collector = Collector()
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ready, readyContinuation) = AsyncStream<Void>.makeStream()
            group.addTask {
                try await watcher.run(
                    configuration: WatchConfiguration(root: root), onWatching: { readyContinuation.yield() },
                    handler: { collector.append($0) })
            }
            for await _ in ready { break }
            try await body(watcher, collector)
            group.cancelAll()
        }
    }

    @Test func reportsWritesRenamesDeletesAndNewFolders() async throws {
        let work = try TemporaryDirectory()
        defer { work.remove() }
        try await withWatcher(work.path) { watcher, collector in
            try work.write("a.txt", "hello")
            try await waitUntil("a.txt") { collector.all.contains(.changed("a.txt")) }

            collector.clear()
            try FileManager.default.moveItem(atPath: work.subpath("a.txt"), toPath: work.subpath("b.txt"))
            try await waitUntil("the rename") { collector.all.contains(.moved(from: "a.txt", to: "b.txt")) }

            collector.clear()
            try FileManager.default.removeItem(atPath: work.subpath("b.txt"))
            try await waitUntil("the delete") { collector.all.contains(.changed("b.txt")) }

            // A new folder with a file written in the same instant: watched, then scanned.
            collector.clear()
            try work.write("new/deep/c.txt", "in a new folder")
            try await waitUntil("the file in the new folder") { collector.all.contains(.changed("new/deep/c.txt")) }
            try await waitUntil("the new folders to be watched") { watcher.status.watchedFolders == 3 }
            try work.write("new/deep/d.txt", "later")
            try await waitUntil("a later file in the new folder") { collector.all.contains(.changed("new/deep/d.txt")) }

            collector.clear()
            try FileManager.default.moveItem(atPath: work.subpath("new"), toPath: work.subpath("renamed"))
            try await waitUntil("the folder rename") { collector.all.contains(.moved(from: "new", to: "renamed")) }
            try work.write("renamed/deep/e.txt", "after the rename")
            try await waitUntil("a file under the renamed folder") {
                collector.all.contains(.changed("renamed/deep/e.txt"))
            }
        }
    }

    @Test func ignoredFilesAreNotReported() async throws {
        let work = try TemporaryDirectory()
        defer { work.remove() }
        try await withWatcher(work.path) { _, collector in
            try work.write(".hidden", "x")
            try work.write("doc.txt.swp", "x")
            try work.write("visible.txt", "x")
            try await waitUntil("visible.txt") { collector.all.contains(.changed("visible.txt")) }
            #expect(collector.all == [.changed("visible.txt")])
        }
    }

    @Test func aDeletedRootIsReportedAndItsReturnRescanned() async throws {
        let work = try TemporaryDirectory()
        defer { work.remove() }
        let root = work.subpath("root")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try await withWatcher(root) { watcher, collector in
            try FileManager.default.removeItem(atPath: root)
            try await waitUntil("the root to be missing") { watcher.status.rootMissing }
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try await waitUntil("the root to be back", timeout: .seconds(10)) {
                !watcher.status.rootMissing && collector.all.contains(.rescan(""))
            }
            try work.write("root/back.txt", "x")
            try await waitUntil("a file in the returned root") { collector.all.contains(.changed("back.txt")) }
        }
    }
}
