#if canImport(Glibc)
    import Glibc
#endif

/// Reads a file's bytes, up to a limit, refusing anything that is not a regular file.
enum FileReader {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var errno: Int32
        var description: String { "cannot read: \(String(cString: strerror(errno)))" }
        /// The file is no longer there (removed or renamed since it was looked at).
        var isGone: Bool { errno == ENOENT || errno == ENOTDIR }
    }

    static func read(_ path: String, limit: Int, followSymlinks: Bool) throws(Failure) -> [UInt8] {
        try readWithStatus(path, limit: limit, followSymlinks: followSymlinks).bytes
    }

    /// The bytes, and the status of the file they were read from (which may not be the one a
    /// stat before saw at the same path, if it was replaced in between).
    static func readWithStatus(_ path: String, limit: Int, followSymlinks: Bool) throws(Failure)
        -> (bytes: [UInt8], status: stat)
    {
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followSymlinks ? 0 : O_NOFOLLOW)
        let descriptor = open(path, flags)
        guard descriptor >= 0 else { throw Failure(path: path, errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(path: path, errno: errno) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw Failure(path: path, errno: EINVAL) }
        let expected = min(Int(status.st_size), limit)
        var bytes = [UInt8](repeating: 0, count: max(expected, 1))
        var total = 0
        while total < expected {
            let count = bytes.withUnsafeMutableBytes { raw in
                Glibc.read(descriptor, raw.baseAddress! + total, expected - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, errno: errno)
            }
            if count == 0 { break }  // the file shrank while we read it
            total += count
        }
        bytes.removeSubrange(total...)
        return (bytes, status)
    }
}
