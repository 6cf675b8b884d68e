import CSystemd

#if canImport(Glibc)
    import Glibc
#endif

/// Tells the service manager about the daemon's state (sd_notify). Without NOTIFY_SOCKET every
/// call does nothing, so the daemon can call it unconditionally.
public struct SystemdNotifier: Sendable {
    public init() {}

    /// Whether a service manager is listening (NOTIFY_SOCKET is set).
    public var isEnabled: Bool { getenv("NOTIFY_SOCKET") != nil }

    /// Sends `KEY=value` assignments in one datagram; returns whether it was sent.
    @discardableResult
    public func send(_ assignments: [(String, String)]) -> Bool {
        let text = assignments.map { "\($0.0)=\(Self.sanitize($0.1))" }.joined(separator: "\n")
        return sd_notify(0, text) > 0
    }

    /// The daemon is ready to serve: socket bound, cache open.
    @discardableResult
    public func ready(status: String? = nil) -> Bool {
        send([("READY", "1")] + (status.map { [("STATUS", $0)] } ?? []))
    }

    /// A one-line, human-readable status for `systemctl status`.
    @discardableResult
    public func status(_ text: String) -> Bool { send([("STATUS", text)]) }

    @discardableResult
    public func stopping(status: String? = nil) -> Bool {
        send([("STOPPING", "1")] + (status.map { [("STATUS", $0)] } ?? []))
    }

    /// Reloading settings; `MONOTONIC_USEC` lets systemd order it (systemd 253+ asks for it).
    @discardableResult
    public func reloading() -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let microseconds = Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
        return send([("RELOADING", "1"), ("MONOTONIC_USEC", String(microseconds))])
    }

    /// Keeps the watchdog from firing.
    @discardableResult
    public func watchdog() -> Bool { send([("WATCHDOG", "1")]) }

    /// A status line is one line.
    private static func sanitize(_ value: String) -> String {
        String(value.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
