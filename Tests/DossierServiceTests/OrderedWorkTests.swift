import DossierTesting
import Synchronization
import Testing

@testable import DossierService

/// Files are read and ingested many at once, and their changes written in the order they came.
@Suite struct OrderedWorkTests {

    @Test func resultsComeInOrderWhateverOrderTheyFinishIn() async throws {
        let gauge = ConcurrencyGauge()
        var handled: [Int] = []
        // Early elements take longest, so later ones finish first.
        try await OrderedWork.forEach(
            Array(0..<40), width: 4,
            work: { element in
                gauge.enter()
                defer { gauge.leave() }
                try await Task.sleep(for: .milliseconds((40 - element) % 7))
                return element * 10
            },
            inOrder: { index, result in
                #expect(result == index * 10)
                handled.append(index)
            })
        #expect(handled == Array(0..<40))
        #expect(gauge.most <= 4)
        #expect(gauge.most > 1, "work runs in parallel")
    }

    @Test func aSlowElementHoldsBackOnlyABoundedNumberOfResults() async throws {
        let started = Mutex(0)
        let release = Mutex(false)
        var waiting: [Int] = []
        try await OrderedWork.forEach(
            Array(0..<50), width: 3,
            work: { element in
                started.withLock { $0 += 1 }
                if element == 0 {
                    // Holds until the others have gone as far as they may.
                    while !release.withLock({ $0 }) {
                        if started.withLock({ $0 }) >= 6 { release.withLock { $0 = true } }
                        try await Task.sleep(for: .milliseconds(1))
                    }
                    #expect(started.withLock { $0 } == 6, "at most twice the width is started while one is slow")
                }
                return element
            },
            inOrder: { index, _ in waiting.append(index) })
        #expect(waiting == Array(0..<50))
    }

    @Test func anErrorStopsTheWork() async throws {
        struct Failure: Error {}
        var handled: [Int] = []
        await #expect(throws: Failure.self) {
            try await OrderedWork.forEach(
                Array(0..<20), width: 2,
                work: { element in
                    if element == 5 { throw Failure() }
                    return element
                },
                inOrder: { index, _ in handled.append(index) })
        }
        #expect(handled.allSatisfy { $0 < 5 })
    }
}
