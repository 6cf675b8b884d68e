import Foundation

/// Waits for a condition with a bounded poll: never a bare sleep, never forever.
public struct PollTimeout: Error, CustomStringConvertible {
    public var what: String
    public var seconds: Double
    public var description: String { "timed out after \(seconds) s waiting for \(what)" }
}

/// Polls `condition` every `interval` until it returns a value, or throws `PollTimeout`.
@discardableResult
public func waitFor<T>(
    _ what: String, timeout: Duration = .seconds(10), interval: Duration = .milliseconds(10),
    _ condition: () throws -> T?
) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    while true {
        if let value = try condition() { return value }
        if ContinuousClock.now >= deadline {
            throw PollTimeout(what: what, seconds: Double(timeout.components.seconds))
        }
        try await Task.sleep(for: interval)
    }
}

/// Polls until `condition` is true.
public func waitUntil(
    _ what: String, timeout: Duration = .seconds(10), interval: Duration = .milliseconds(10),
    _ condition: () throws -> Bool
) async throws {
    try await waitFor(what, timeout: timeout, interval: interval) { try condition() ? true : nil }
}
