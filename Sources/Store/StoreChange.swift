import GRDB
import Ingest

/// One change to the cached model. A batch of changes is applied in one transaction.
public enum StoreChange: Sendable {
    /// A file was read: its document (or why it is unsupported) replaces what was cached.
    case index(path: String, file: FileState, prepared: PreparedResult)
    /// A file could not be read or processed; the reason is kept and reported.
    case fail(path: String, file: FileState?, reason: String)
    /// The contents are unchanged, only size, time or inode moved (a touch, an atomic save of equal bytes).
    case touch(path: String, file: FileState)
    /// A file, or a folder and everything below it, left the tree.
    case remove(path: String)
    /// A file, or a folder and everything below it, was renamed inside the tree.
    case move(from: String, to: String)

    /// A file was read: prepares `result` here, on the caller's thread.
    public static func index(path: String, file: FileState, result: IngestResult) -> StoreChange {
        .index(path: path, file: file, prepared: PreparedResult(result))
    }
}

/// What happened, as recorded in the change log (one generation each).
public struct AppliedChange: Sendable, Equatable, Decodable, FetchableRecord {
    public enum Kind: String, Sendable, Decodable {
        case added, updated, moved, removed, failed
    }

    public var generation: Int64
    public var kind: Kind
    public var path: String
    public var previousPath: String?

    enum CodingKeys: String, CodingKey {
        case generation, kind, path
        case previousPath = "previous_path"
    }

    public init(generation: Int64, kind: Kind, path: String, previousPath: String? = nil) {
        self.generation = generation
        self.kind = kind
        self.path = path
        self.previousPath = previousPath
    }
}
