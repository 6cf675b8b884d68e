#if canImport(Glibc)
    import Glibc
#endif

/// glibc's allocator gives each thread that contends for it an arena of its own, up to eight per
/// core, and memory freed in one arena is not reused by another. A daemon whose threads take turns
/// (ingesting, writing, answering) gains nothing from that, and its resident memory grows with
/// every arena: two keep it at about two thirds of the default on a large corpus.
public enum MallocArenas {
    public static let defaultLimit: Int32 = 2

    /// Caps the arenas at `limit`, unless `MALLOC_ARENA_MAX` says otherwise (glibc reads it
    /// itself). Does nothing where `mallopt` is not glibc's.
    public static func limit(to limit: Int32 = defaultLimit, environment: [String: String]) {
        #if canImport(Glibc)
            guard environment["MALLOC_ARENA_MAX"] == nil, let symbol = dlsym(nil, "mallopt") else { return }
            // mallopt is in <malloc.h>, which Glibc's module does not export; M_ARENA_MAX is -8 there.
            let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
            _ = mallopt(-8, limit)
        #endif
    }

    /// Hands memory freed after start-up work (reading the data files) back to the system, so
    /// that it does not stay resident for the daemon's life. Does nothing where there is no
    /// glibc `malloc_trim`.
    public static func trim() {
        #if canImport(Glibc)
            guard let symbol = dlsym(nil, "malloc_trim") else { return }
            let trim = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
            _ = trim(0)
        #endif
    }
}
