#if canImport(Glibc)
    import Glibc
#endif

/// Where a client finds dossierd's socket.
public enum DaemonSocket {
    /// The system daemon's socket (dossierd.socket).
    public static let system = "/run/dossier/io.dossier"

    /// `given` (a --socket flag), else DOSSIER_SOCKET, else the system socket if it is there,
    /// else the user's own daemon's in XDG_RUNTIME_DIR.
    public static func path(given: String?) -> String {
        if let given { return given }
        if let path = environment("DOSSIER_SOCKET") { return path }
        if access(system, F_OK) == 0 { return system }
        if let runtime = environment("XDG_RUNTIME_DIR") { return runtime + "/dossier/io.dossier" }
        return system
    }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty else { return nil }
        return value
    }
}
