import Corrections
import Foundation
import GRDB
import Ingest
import Synchronization

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

    /// A file was read: prepares `result` here, on the caller's thread, its text compressed with
    /// `dictionary` when there is one.
    public static func index(
        path: String, file: FileState, result: IngestResult, dictionary: TextDictionary? = nil
    ) -> StoreChange {
        .index(path: path, file: file, prepared: PreparedResult(result, dictionary: dictionary))
    }
}

extension StoreChange {
    /// The UTF-8 bytes of the texts this change stores.
    var textBytes: Int {
        guard case .index(_, _, .document(let document)) = self else { return 0 }
        return document.textBytes
    }
}

/// What happened, as recorded in the change log (one generation each).
public struct AppliedChange: Sendable, Equatable, Decodable, FetchableRecord {
    public enum Kind: String, Sendable, Decodable {
        case added, updated, moved, removed, failed
        /// A correction to names was made, or one was undone (`correction` says which); the path is empty.
        case corrected, reverted
    }

    public var generation: Int64
    public var kind: Kind
    public var path: String
    public var previousPath: String?
    public var correction: Correction?

    enum CodingKeys: String, CodingKey {
        case generation, kind, path, correction
        case previousPath = "previous_path"
    }

    public init(
        generation: Int64, kind: Kind, path: String, previousPath: String? = nil, correction: Correction? = nil
    ) {
        self.generation = generation
        self.kind = kind
        self.path = path
        self.previousPath = previousPath
        self.correction = correction
    }

    /// The correction column holds the correction as the corrections file writes it.
    public static func databaseJSONDecoder(for column: String) -> JSONDecoder { CorrectionFile.decoder }

    static func encode(_ correction: Correction) throws -> String {
        String(decoding: try CorrectionFile.encoder.encode(correction), as: UTF8.self)
    }
}

/// A correction made or undone, as the change log records it.
public enum CorrectionChange: Sendable {
    case made(Correction)
    case undone(Correction)

    /// The kind of change it is in the log: corrected or reverted.
    public var kind: AppliedChange.Kind {
        switch self {
        case .made: .corrected
        case .undone: .reverted
        }
    }

    public var correction: Correction {
        switch self {
        case .made(let correction), .undone(let correction): correction
        }
    }
}

/// The corrections the cache holds: kept in it (so that a start can tell whether the file says
/// otherwise), and in memory for the writer, which applies them to every document it stores.
final class AppliedCorrections: Sendable {
    private let current: Mutex<NameRules>

    init(_ rules: NameRules) {
        current = Mutex(rules)
    }

    var rules: NameRules {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }

    static func fetch(_ db: Database) throws -> [CorrectionAction] {
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'corrections'") else {
            return []
        }
        return try CorrectionFile.decoder.decode([CorrectionAction].self, from: Data(text.utf8))
    }

    static func store(_ actions: [CorrectionAction], in db: Database) throws {
        let text = String(decoding: try JSONEncoder().encode(actions), as: UTF8.self)
        try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'corrections'", arguments: [text])
    }
}
