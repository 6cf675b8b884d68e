import GRDB

/// A failure of the cache, with what was being done; never holds document text.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case unknownSchema
        case openFailed
    }

    public var code: Code
    public var path: String
    public var detail: String

    public init(code: Code, path: String, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    public var description: String {
        switch code {
        case .unknownSchema: "cache \(path) was written by another version: \(detail)"
        case .openFailed: "cannot open cache \(path): \(detail)"
        }
    }
}

extension StoreError {
    /// What a failed write to the cache means for people: a full disk, a read-only or failing
    /// file system, or SQLite's own words.
    public static func describeWriteFailure(_ error: any Error) -> String {
        guard let error = error as? DatabaseError else { return "\(error)" }
        switch error.resultCode {
        case .SQLITE_FULL: return "the disk holding the cache is full"
        case .SQLITE_READONLY: return "the cache cannot be written: the file or its disk is read-only"
        case .SQLITE_IOERR: return "the cache cannot be written: input/output error"
        case .SQLITE_CORRUPT: return "the cache is damaged"
        default: return "the cache cannot be written: \(error.message ?? "\(error.resultCode)")"
        }
    }
}
