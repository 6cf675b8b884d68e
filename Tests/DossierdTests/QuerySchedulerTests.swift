import DossierTesting
import Synchronization
import Testing

@testable import DossierService

/// Sharing query slots between clients, with real tasks and clocks.
@Suite struct QuerySchedulerTests {
    /// The order in which work started.
    final class Log: Sendable {
        let entries = Mutex<[String]>([])
        func append(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    @Test func aQuietClientGoesBeforeABusyOnesBacklog() async throws {
        let scheduler = QueryScheduler(slots: 1, timeout: .seconds(30))
        let log = Log()
        let busy = QueryScheduler.Client(user: 0, connection: 1)
        let quiet = QueryScheduler.Client(user: 0, connection: 2)
        try await withThrowingTaskGroup(of: Void.self) { group in
            // The busy connection has used the slot already and queues more behind itself.
            try await scheduler.run(for: busy) { try await Task.sleep(for: .milliseconds(30)) }
            for number in 1...3 {
                group.addTask {
                    try await scheduler.run(for: busy) {
                        log.append("busy \(number)")
                        try await Task.sleep(for: .milliseconds(30))
                    }
                }
            }
            try await waitUntil("the busy calls to queue") { scheduler.waiting == 2 }
            group.addTask { try await scheduler.run(for: quiet) { log.append("quiet") } }
            try await group.waitForAll()
        }
        let order = log.all
        #expect(order.count == 4)
        #expect(order.firstIndex(of: "quiet") == 1, "served as soon as the running call ended: \(order)")
    }

    @Test func aQuietUserGoesBeforeABusyUsersOtherConnection() async throws {
        let scheduler = QueryScheduler(slots: 1, timeout: .seconds(30))
        let log = Log()
        try await scheduler.run(for: .init(user: 1, connection: 1)) { try await Task.sleep(for: .milliseconds(40)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await scheduler.run(for: .init(user: 1, connection: 5)) {
                    try await Task.sleep(for: .milliseconds(30))
                }
            }
            try await waitUntil("the first call to hold the slot") { scheduler.running == 1 }
            group.addTask {
                try await scheduler.run(for: .init(user: 1, connection: 6)) { log.append("busy user, new connection") }
            }
            group.addTask { try await scheduler.run(for: .init(user: 2, connection: 7)) { log.append("quiet user") } }
            try await group.waitForAll()
        }
        #expect(log.all.first == "quiet user", "\(log.all)")
    }

    @Test func aCallPastTheTimeBoundIsCutOffAndItsSlotFreedWhenItStops() async throws {
        let scheduler = QueryScheduler(slots: 1, timeout: .milliseconds(50))
        let client = QueryScheduler.Client(user: 0, connection: 1)
        let started = ContinuousClock.now
        await #expect(throws: QueryScheduler.TimedOut.self) {
            try await scheduler.run(for: client) { try await Task.sleep(for: .seconds(30)) }
        }
        #expect(ContinuousClock.now - started < .seconds(5), "answered at the bound, not when the work would end")
        // The cancelled work stops, and the slot serves the next call.
        let value = try await scheduler.run(for: client) { 42 }
        #expect(value == 42)
    }

    @Test func aCancelledWaiterLeavesTheQueue() async throws {
        let scheduler = QueryScheduler(slots: 1, timeout: .seconds(30))
        let client = QueryScheduler.Client(user: 0, connection: 1)
        let running = Task { try await scheduler.run(for: client) { try await Task.sleep(for: .milliseconds(200)) } }
        try await waitUntil("the first call to hold the slot") { scheduler.running == 1 }
        let waiter = Task { try await scheduler.run(for: client) { 1 } }
        try await waitUntil("the second call to wait") { scheduler.waiting == 1 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(scheduler.waiting == 0)
        try await running.value
        #expect(try await scheduler.run(for: client) { 2 } == 2)
    }
}
