#if canImport(Glibc)
    import Glibc
#endif

/// A thread of its own for a loop that blocks in `poll`, so it never holds a thread of Swift's
/// cooperative pool.
enum WatchThread {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// Starts `body` on a new, detached thread.
    static func start(_ body: @escaping @Sendable () -> Void) throws(WatchError) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { context in
                let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
                body.run()
                return nil
            }, context)
        guard result == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            throw WatchError(code: .threadUnavailable, path: "", errno: result)
        }
        pthread_detach(thread)
    }
}
