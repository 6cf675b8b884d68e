import DossierTesting
import Synchronization
import Testing

@testable import DossierService

/// Files read many at once in two lanes, written as they finish.
@Suite struct ReadingPipelineTests {
    final class Log: Sendable {
        let writes = Mutex<[[Int]]>([])
        var written: [Int] { writes.withLock { $0.flatMap { $0 } } }
    }

    /// The slow element is still being read when the fast one's change is written: the slow read
    /// waits (bounded) until it sees that write.
    @Test func aFastElementIsWrittenWhileASlowOneIsStillRead() async throws {
        let log = Log()
        let sawFastWritten = Mutex(false)
        try await ReadingPipeline.run(
            [0, 1], lanes: .init(fast: 1, slow: 1), batchSize: 10, isSlow: { $0 == 0 },
            read: { element -> Int? in
                if element == 0 {
                    try await waitUntil("the fast element to be written", timeout: .seconds(10)) {
                        log.written.contains(1)
                    }
                    sawFastWritten.withLock { $0 = true }
                }
                return element
            },
            write: { batch in log.writes.withLock { $0.append(batch) } })
        #expect(sawFastWritten.withLock { $0 })
        #expect(log.written == [1, 0])
    }

    @Test func eachLaneKeepsItsWidthAndEveryChangeIsWrittenOnceInBatches() async throws {
        let slow = ConcurrencyGauge()
        let fast = ConcurrencyGauge()
        let log = Log()
        var done: [Int] = []
        try await ReadingPipeline.run(
            Array(0..<300), lanes: .init(fast: 3, slow: 1), batchSize: 16, isSlow: { $0 % 10 == 0 },
            read: { element -> Int? in
                let gauge = element % 10 == 0 ? slow : fast
                gauge.enter()
                defer { gauge.leave() }
                await Task.yield()
                return element % 7 == 0 ? nil : element
            },
            done: { index, _ in done.append(index) },
            write: { batch in log.writes.withLock { $0.append(batch) } })
        #expect(slow.most == 1)
        #expect(fast.most <= 3)
        #expect(Set(done) == Set(0..<300) && done.count == 300)
        #expect(log.written.sorted() == (0..<300).filter { $0 % 7 != 0 })
        #expect(log.writes.withLock { $0.allSatisfy { $0.count <= 16 } })
    }

    @Test func whileMoreFilesAreToBeReadAWriteWaitsForAQuarterOfABatch() async throws {
        let log = Log()
        try await ReadingPipeline.run(
            Array(0..<200), lanes: .init(fast: 2, slow: 1), batchSize: 16, isSlow: { _ in false },
            read: { element -> Int? in
                await Task.yield()
                return element
            },
            write: { batch in log.writes.withLock { $0.append(batch) } })
        let sizes = log.writes.withLock { $0.map(\.count) }
        #expect(sizes.reduce(0, +) == 200)
        // Only what is left when every file is read may be written in a smaller batch.
        #expect(sizes.dropLast().allSatisfy { $0 >= 4 && $0 <= 16 })
    }

    struct Broken: Error {}

    @Test func aFailedWriteEndsTheRunWithItsError() async throws {
        await #expect(throws: Broken.self) {
            try await ReadingPipeline.run(
                Array(0..<20), lanes: .init(fast: 2, slow: 1), batchSize: 4, isSlow: { _ in false },
                read: { $0 }, write: { _ in throw Broken() })
        }
    }
}
