import Testing

@testable import Store

@Suite struct ChangeLogReadsTests {
    @Test func everyChangeIsLoggedWithItsGenerationInOrder() async throws {
        let cache = try await CacheFixture.filled()
        try await cache.store.writer.apply([
            .move(from: "capital.txt", to: "archive/capital, old.txt"), .remove(path: "harbour.txt"),
        ])
        let log = cache.store.changeLog
        #expect(
            try await log.changes(after: 0, limit: 10) == [
                AppliedChange(generation: 1, kind: .added, path: "capital.txt"),
                AppliedChange(generation: 2, kind: .added, path: "harbour.txt"),
                AppliedChange(
                    generation: 3, kind: .moved, path: "archive/capital, old.txt", previousPath: "capital.txt"),
                AppliedChange(generation: 4, kind: .removed, path: "harbour.txt"),
            ])
        #expect(try await log.changes(after: 3, limit: 10).map(\.generation) == [4])
        #expect(try await log.changes(after: 0, limit: 1).map(\.generation) == [1])
        #expect(try await log.oldestGeneration() == 1)
        #expect(try await CacheFixture().store.changeLog.oldestGeneration() == nil)
    }
}
