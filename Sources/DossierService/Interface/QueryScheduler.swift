import Foundation
import Synchronization

/// Runs queries on a bounded number of slots and shares them fairly: when a slot frees, the
/// waiting call goes first whose user, and then whose connection, has used the least query time
/// lately. One client's stream of expensive calls then queues behind itself, while another's
/// occasional search is served next. A call that runs past the time bound is answered with
/// `io.dossier.QueryTimedOut`; its slot is held until its work has stopped.
final class QueryScheduler: Sendable {
    /// Who is asking: the peer's user and the connection it asks on.
    struct Client: Hashable, Sendable {
        var user: UInt32?
        var connection: UInt64
    }

    struct TimedOut: Error, Sendable {
        let limit: Duration
    }

    let slots: Int
    let timeout: Duration
    /// How quickly past use is forgotten: a client's use halves over this time.
    let halfLife: Duration

    private struct Waiter {
        let ticket: UInt64
        let client: Client
        let continuation: CheckedContinuation<Void, any Error>
    }

    /// Query time used lately, decayed by ``halfLife``.
    private struct Usage {
        var seconds: Double = 0
        var at: ContinuousClock.Instant

        func now(_ now: ContinuousClock.Instant, halfLife: Duration) -> Double {
            seconds * exp2(-(now - at).seconds / halfLife.seconds)
        }
    }

    private struct State {
        var running = 0
        var waiting: [Waiter] = []
        var nextTicket: UInt64 = 0
        var users: [UInt32?: Usage] = [:]
        var connections: [UInt64: Usage] = [:]
    }

    private let state = Mutex(State())

    init(slots: Int, timeout: Duration, halfLife: Duration = .seconds(1)) {
        self.slots = max(1, slots)
        self.timeout = timeout
        self.halfLife = halfLife
    }

    /// Calls waiting for a slot.
    var waiting: Int { state.withLock { $0.waiting.count } }
    /// Slots in use.
    var running: Int { state.withLock { $0.running } }

    /// Runs `body` in a slot, after the calls that have a better claim to one. The answer comes
    /// at the time bound at the latest; the slot is free once the work has stopped.
    func run<Result: Sendable>(for client: Client, _ body: @escaping @Sendable () async throws -> Result)
        async throws -> Result
    {
        try await acquire(client)
        let started = ContinuousClock.now
        let work = Task {
            defer { self.release(client, used: ContinuousClock.now - started) }
            return try await body()
        }
        let answer = FirstAnswer<Result>()
        let limit = timeout
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                answer.wait(continuation)
                let timer = Task {
                    try await Task.sleep(for: limit)
                    if answer.give(.failure(TimedOut(limit: limit))) { work.cancel() }
                }
                Task {
                    answer.give(await work.result)
                    timer.cancel()
                }
            }
        } onCancel: {
            work.cancel()
        }
    }

    /// Takes a slot, or waits for one. Whether a slot is free and, if not, the place in the queue
    /// are decided under one lock: a slot freed between the two (by the last call running, which
    /// then finds nobody waiting to hand it to) would leave the caller, and every call after it,
    /// waiting for good.
    private func acquire(_ client: Client) async throws {
        enum Next {
            case cancelled, run, wait
        }
        let ticket: UInt64 = state.withLock { state in
            state.nextTicket += 1
            return state.nextTicket
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let next: Next = state.withLock { state in
                    if Task.isCancelled { return .cancelled }
                    if state.running < slots && state.waiting.isEmpty {
                        state.running += 1
                        return .run
                    }
                    state.waiting.append(Waiter(ticket: ticket, client: client, continuation: continuation))
                    return .wait
                }
                switch next {
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .run: continuation.resume()
                case .wait: break
                }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { state in
                guard let index = state.waiting.firstIndex(where: { $0.ticket == ticket }) else { return nil }
                return state.waiting.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    private func release(_ client: Client, used: Duration) {
        let now = ContinuousClock.now
        let next: Waiter? = state.withLock { state in
            let seconds = used.seconds
            state.users[client.user] = Usage(
                seconds: (state.users[client.user]?.now(now, halfLife: halfLife) ?? 0) + seconds, at: now)
            state.connections[client.connection] = Usage(
                seconds: (state.connections[client.connection]?.now(now, halfLife: halfLife) ?? 0) + seconds, at: now)
            // Forget clients whose use has faded, so that closed connections leave nothing behind.
            if state.connections.count > 64 {
                state.connections = state.connections.filter { $0.value.now(now, halfLife: halfLife) > 1e-4 }
                state.users = state.users.filter { $0.value.now(now, halfLife: halfLife) > 1e-4 }
            }
            guard !state.waiting.isEmpty else {
                state.running -= 1
                return nil
            }
            func claim(_ waiter: Waiter) -> (Double, Double, UInt64) {
                (
                    state.users[waiter.client.user]?.now(now, halfLife: halfLife) ?? 0,
                    state.connections[waiter.client.connection]?.now(now, halfLife: halfLife) ?? 0, waiter.ticket
                )
            }
            let index = state.waiting.indices.min { claim(state.waiting[$0]) < claim(state.waiting[$1]) }!
            return state.waiting.remove(at: index)
        }
        next?.continuation.resume()
    }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}

/// The first of several outcomes, handed to one waiting continuation.
final class FirstAnswer<Result: Sendable>: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<Result, any Error>?, given: Bool)>((nil, false))

    func wait(_ continuation: CheckedContinuation<Result, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    /// Gives `outcome` if nothing was given yet; returns whether it was.
    @discardableResult
    func give(_ outcome: Swift.Result<Result, any Error>) -> Bool {
        let continuation: CheckedContinuation<Result, any Error>? = state.withLock { state in
            guard !state.given else { return nil }
            state.given = true
            return state.continuation
        }
        continuation?.resume(with: outcome)
        return continuation != nil
    }
}
