import Foundation
import Synchronization

/// A fresh folder under the system's temporary directory, removed by `remove()`, or when the
/// test process exits, whichever comes first: a test that fails half-way, or a fixture kept for
/// a whole suite, leaves nothing behind.
public final class TemporaryDirectory: Sendable {
    public let path: String

    public init(prefix: String = "dossier-test") throws {
        let template = FileManager.default.temporaryDirectory.path + "/\(prefix).XXXXXX"
        var bytes = Array(template.utf8CString)
        guard mkdtemp(&bytes) != nil else { throw CocoaError(.fileWriteUnknown) }
        path = String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        Self.made.withLock { $0.insert(path) }
        _ = Self.removedAtExit
    }

    /// Writes `contents` to `path/name`, creating folders on the way; returns the file's path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        let file = subpath(name)
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: file).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try contents.write(toFile: file, atomically: false, encoding: .utf8)
        return file
    }

    public func subpath(_ name: String) -> String { path + "/" + name }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
        _ = Self.made.withLock { $0.remove(path) }
    }

    /// Folders made and not removed yet.
    private static let made = Mutex<Set<String>>([])

    /// Registers, once, the removal of what is left when the process exits.
    private static let removedAtExit: Void = {
        atexit {
            for path in TemporaryDirectory.made.withLock({ $0 }) {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }()
}
