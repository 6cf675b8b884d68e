import CSystemd

/// The service manager's watchdog (WATCHDOG_USEC, WATCHDOG_PID).
public enum Watchdog {
    /// How often to ping: half the watchdog timeout, or nil when the watchdog is off.
    public static func pingInterval() -> Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(microseconds / 2))
    }
}
