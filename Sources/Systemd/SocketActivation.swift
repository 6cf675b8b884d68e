import CSystemd

/// Sockets passed by the service manager (LISTEN_FDS, LISTEN_PID), starting at fd 3.
public enum SocketActivation {
    /// The inherited descriptors, marked close-on-exec; the environment variables are unset so
    /// children do not inherit them. Empty when the daemon was not socket-activated.
    public static func takeListeningDescriptors() -> [Int32] {
        let count = sd_listen_fds(1)
        guard count > 0 else { return [] }
        return (0..<count).map { SD_LISTEN_FDS_START + $0 }
    }

    /// Whether `descriptor` is a listening Unix stream socket.
    public static func isListeningUnixStream(_ descriptor: Int32) -> Bool {
        sd_is_socket_unix(descriptor, Int32(SOCK_STREAM.rawValue), 1, nil, 0) > 0
    }
}

#if canImport(Glibc)
    import Glibc
#endif
