import Corrections
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The corrections file in the state directory: read at start, written atomically after every
/// change (a temporary file, fsync, rename over the old one, fsync of the folder), so that a
/// crash or a power cut at any moment leaves the old file or the new one whole.
struct CorrectionFileStore: Sendable {
    let path: String

    init(stateDirectory: String) {
        path = stateDirectory + "/corrections.json"
    }

    /// What was found at start.
    struct Loaded: Sendable {
        var log: CorrectionLog
        /// Why the file could not be read, and where it was put; nil when it could (or there was none).
        var problem: String?
        /// Whether the file may be written: not while a file that could not be read is still in its place.
        var writable: Bool
    }

    /// Reads the file. One whose contents cannot be read is renamed aside (never overwritten) and
    /// an empty log is returned with the reason.
    func load() -> Loaded {
        guard FileManager.default.fileExists(atPath: path) else {
            return Loaded(log: CorrectionLog(), problem: nil, writable: true)
        }
        let reason: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return Loaded(log: try CorrectionFile.decode(data), problem: nil, writable: true)
        } catch let unreadable as CorrectionFile.Unreadable {
            reason = unreadable.reason
        } catch {
            // Not its contents but reading it failed (permissions, an I/O error): it stays where
            // it is, untouched, and no correction is kept until a start can read it.
            return Loaded(
                log: CorrectionLog(),
                problem: "\(path) cannot be read: \(error.localizedDescription); no correction is kept until it can",
                writable: false)
        }
        guard let aside = setAside() else {
            return Loaded(
                log: CorrectionLog(),
                problem: "\(path): \(reason); it could not be set aside, so no correction is kept",
                writable: false)
        }
        return Loaded(log: CorrectionLog(), problem: "\(path): \(reason); kept as \(aside)", writable: true)
    }

    /// Renames the file to a name no file has: `corrections.json.unreadable`, then `.1`, `.2`…
    private func setAside() -> String? {
        for attempt in 0..<1000 {
            let aside = path + ".unreadable" + (attempt == 0 ? "" : ".\(attempt)")
            // link() never replaces a file; the old name goes once the new one holds it.
            if link(path, aside) == 0 {
                unlink(path)
                syncDirectory()
                return aside
            }
            if errno != EEXIST { return nil }
        }
        return nil
    }

    /// Replaces the file with `log`, whole.
    func save(_ log: CorrectionLog) throws {
        let data = CorrectionFile.encode(log)
        let temporary = path + ".new"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileError(operation: "create \(temporary)") }
        var written = 0
        let ok = data.withUnsafeBytes { bytes -> Bool in
            while written < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += count
            }
            return fsync(descriptor) == 0
        }
        let error = errno
        close(descriptor)
        guard ok else {
            unlink(temporary)
            errno = error
            throw FileError(operation: "write \(temporary)")
        }
        guard rename(temporary, path) == 0 else {
            let error = FileError(operation: "rename \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
        syncDirectory()
    }

    /// Makes the folder's entries (a rename) durable.
    private func syncDirectory() {
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    struct FileError: Error, CustomStringConvertible {
        var operation: String
        var reason = String(cString: strerror(errno))
        var description: String { "cannot \(operation): \(reason)" }
    }
}
