import DossierTesting
import Synchronization
import Testing

@testable import DossierService

/// Sharing query slots between clients, with real tasks. Use is remembered for an hour here, so
/// that the order depends on what each client used, not on how busy the machine running the
/// tests is.
@Suite struct QuerySchedulerTests {
    static func scheduler(slots: Int = 1, timeout: Duration = .seconds(3600)) -> QueryScheduler {
        QueryScheduler(slots: slots, timeout: timeout, halfLife: .seconds(3600))
    }

    /// The order in which work started.
    final class Log: Sendable {
        let entries = Mutex<[String]>([])
        func append(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    /// Holds a call in its slot until the test opens it.
    final class Gate: Sendable {
        private let isOpen = Mutex(false)
        func open() { isOpen.withLock { $0 = true } }
        func wait() async throws {
            try await waitUntil("the gate to open", timeout: .seconds(60)) { isOpen.withLock { $0 } }
        }
    }

    @Test func aQuietClientGoesBeforeABusyOnesBacklog() async throws {
        let scheduler = Self.scheduler()
        let log = Log()
        let gate = Gate()
        let busy = QueryScheduler.Client(user: 0, connection: 1)
        let quiet = QueryScheduler.Client(user: 0, connection: 2)
        // The busy connection has used the slot already.
        try await scheduler.run(for: busy) { try await Task.sleep(for: .milliseconds(20)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await scheduler.run(for: busy) {
                    log.append("busy 1")
                    try await gate.wait()
                }
            }
            try await waitUntil("the first busy call to hold the slot") { scheduler.running == 1 }
            for number in 2...3 {
                group.addTask { try await scheduler.run(for: busy) { log.append("busy \(number)") } }
            }
            try await waitUntil("the busy calls to queue") { scheduler.waiting == 2 }
            group.addTask { try await scheduler.run(for: quiet) { log.append("quiet") } }
            try await waitUntil("the quiet call to queue") { scheduler.waiting == 3 }
            gate.open()
            try await group.waitForAll()
        }
        let order = log.all
        #expect(order.count == 4)
        #expect(order.firstIndex(of: "quiet") == 1, "served as soon as the running call ended: \(order)")
    }

    @Test func aQuietUserGoesBeforeABusyUsersOtherConnection() async throws {
        let scheduler = Self.scheduler()
        let log = Log()
        let gate = Gate()
        try await scheduler.run(for: .init(user: 1, connection: 1)) { try await Task.sleep(for: .milliseconds(20)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await scheduler.run(for: .init(user: 1, connection: 5)) { try await gate.wait() } }
            try await waitUntil("the first call to hold the slot") { scheduler.running == 1 }
            group.addTask {
                try await scheduler.run(for: .init(user: 1, connection: 6)) { log.append("busy user, new connection") }
            }
            try await waitUntil("a call to queue") { scheduler.waiting == 1 }
            group.addTask { try await scheduler.run(for: .init(user: 2, connection: 7)) { log.append("quiet user") } }
            try await waitUntil("both calls to queue") { scheduler.waiting == 2 }
            gate.open()
            try await group.waitForAll()
        }
        #expect(log.all == ["quiet user", "busy user, new connection"])
    }

    @Test(.timeLimit(.minutes(1))) func aCallPastTheTimeBoundIsCutOffAndItsSlotFreedWhenItStops() async throws {
        let scheduler = Self.scheduler(timeout: .milliseconds(50))
        let client = QueryScheduler.Client(user: 0, connection: 1)
        let finished = Log()
        await #expect(throws: QueryScheduler.TimedOut.self) {
            try await scheduler.run(for: client) {
                try await Task.sleep(for: .seconds(3600))
                finished.append("the work ran to its end")
            }
        }
        #expect(finished.all.isEmpty, "answered at the bound, not when the work would end")
        // The cancelled work stops, and the slot serves the next call.
        let value = try await scheduler.run(for: client) { 42 }
        #expect(value == 42)
    }

    @Test func aCancelledWaiterLeavesTheQueue() async throws {
        let scheduler = Self.scheduler()
        let client = QueryScheduler.Client(user: 0, connection: 1)
        let gate = Gate()
        let running = Task { try await scheduler.run(for: client) { try await gate.wait() } }
        try await waitUntil("the first call to hold the slot") { scheduler.running == 1 }
        let waiter = Task { try await scheduler.run(for: client) { 1 } }
        try await waitUntil("the second call to wait") { scheduler.waiting == 1 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(scheduler.waiting == 0)
        gate.open()
        try await running.value
        #expect(try await scheduler.run(for: client) { 2 } == 2)
    }

    /// Many short calls at once on one slot, some cancelled: each is answered or cancelled, and
    /// the slot ends free. A slot freed while a call was about to queue for it was once lost, and
    /// every later call waited for good (the daemon answered Status and nothing else).
    @Test(.timeLimit(.minutes(1))) func noSlotIsLostAmongManyShortCalls() async throws {
        let scheduler = Self.scheduler()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for round in 0..<2_000 {
                let client = QueryScheduler.Client(user: UInt32(round % 3), connection: UInt64(round % 7))
                let call = Task { try await scheduler.run(for: client) { await Task.yield() } }
                if round % 5 == 0 { call.cancel() }
                group.addTask { _ = try? await call.value }
            }
            try await group.waitForAll()
        }
        try await waitUntil("every slot to be free") { scheduler.running == 0 && scheduler.waiting == 0 }
        #expect(try await scheduler.run(for: .init(user: 0, connection: 1)) { 3 } == 3)
    }
}
