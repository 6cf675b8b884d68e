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
