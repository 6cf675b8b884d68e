/// Reads many independent files at once and writes what they give as they finish, so that a small
/// document is written (and searchable) while a large one is still being read or recognised.
///
/// Reading runs in two lanes: the slow one (large files, and those a helper program reads) takes
/// at most `Lanes.slow` at a time, so large files are read a few at a time whatever the number of
/// cores and within the memory they need; the fast one takes `Lanes.fast`. One writer writes
/// what is ready each time it is free, up to `batchSize` changes a transaction, and while a
/// write runs the next results gather for the next one. While more fast files are still to be
/// read it waits until a quarter of a batch is ready, as each transaction costs the cache a share
/// of its own (every full-text index writes and merges a segment): a bulk ingest of 25 changes a
/// transaction takes 1.4 times the writer's time of one of 256. The last of a run's files, and a
/// file changed alone, are written as soon as they are read.
/// At most one batch waits to be written beside the one being written: reading stops starting
/// new files until the writer catches up, so what is held stays bounded.
///
/// Only for elements whose changes are independent (different paths, no moves): their order
/// among each other is not kept.
enum ReadingPipeline {
    struct Lanes: Sendable, Equatable {
        var fast: Int
        var slow: Int
    }

    private enum Event<Change: Sendable>: Sendable {
        case read(Int, Change?, slow: Bool)
        case wrote
    }

    /// - Parameters:
    ///   - read: what reading an element gives (nil: nothing to write).
    ///   - done: told of each element read, in the order they finish, on the caller's actor.
    ///   - prepare: before each write, on the caller's actor, with the changes about to be written.
    ///   - write: writes one batch; one at a time.
    static func run<Element: Sendable, Change: Sendable>(
        _ elements: [Element], lanes: Lanes, batchSize: Int, isSlow: (Element) -> Bool,
        read: @escaping @Sendable (Element) async throws -> Change?,
        isolation: isolated (any Actor)? = #isolation,
        done: (Int, Change?) async throws -> Void = { _, _ in },
        prepare: ([Change]) async throws -> Void = { _ in },
        write: @escaping @Sendable ([Change]) async throws -> Void
    ) async throws {
        let batchSize = max(1, batchSize)
        var fast: [Int] = []
        var slow: [Int] = []
        for index in elements.indices { isSlow(elements[index]) ? slow.append(index) : fast.append(index) }
        fast.reverse()
        slow.reverse()
        try await withThrowingTaskGroup(of: Event<Change>.self) { group in
            var running = (fast: 0, slow: 0)
            var pending: [Change] = []
            var writing = false

            func startReading(_ group: inout ThrowingTaskGroup<Event<Change>, any Error>) {
                guard pending.count < batchSize else { return }
                while running.fast < max(1, lanes.fast), let index = fast.popLast() {
                    let element = elements[index]
                    group.addTask { .read(index, try await read(element), slow: false) }
                    running.fast += 1
                }
                while running.slow < max(1, lanes.slow), let index = slow.popLast() {
                    let element = elements[index]
                    group.addTask { .read(index, try await read(element), slow: true) }
                    running.slow += 1
                }
            }

            startReading(&group)
            while let event = try await group.next() {
                switch event {
                case .read(let index, let change, let isSlow):
                    if isSlow { running.slow -= 1 } else { running.fast -= 1 }
                    try await done(index, change)
                    if let change { pending.append(change) }
                case .wrote:
                    writing = false
                }
                let moreToRead = running.fast > 0 || !fast.isEmpty
                if !writing, !pending.isEmpty, pending.count >= (batchSize + 3) / 4 || !moreToRead {
                    let batch = Array(pending.prefix(batchSize))
                    pending.removeFirst(batch.count)
                    try await prepare(batch)
                    writing = true
                    group.addTask {
                        try await write(batch)
                        return .wrote
                    }
                }
                startReading(&group)
            }
        }
    }
}
