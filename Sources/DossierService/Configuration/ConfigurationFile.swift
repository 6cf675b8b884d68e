/// The daemon's configuration file: `key = value` lines, `#` comments, keys as the flags'
/// names without dashes (`root`, `ignore`, `log-level`, …). A key may repeat (`ignore`).
public struct ConfigurationFile: Sendable, Equatable {
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public static let keys: Set<String> = [
        "root", "ignore", "log-level", "settle-ms", "max-file-size", "follow-symlinks", "rescan-interval",
        "verify-interval", "ocr-language", "allow-correct-user", "allow-correct-group",
    ]

    public private(set) var values: [String: [String]] = [:]

    public init(values: [String: [String]] = [:]) {
        self.values = values
    }

    public init(parsing text: String) throws(ParseError) {
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = line.trimmingCharacters(in: " \t\r")
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw ParseError(line: number + 1, reason: "expected 'key = value'")
            }
            let key = trimmed[..<equals].trimmingCharacters(in: " \t")
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: " \t\"")
            guard Self.keys.contains(key) else {
                throw ParseError(line: number + 1, reason: "unknown key '\(key)'")
            }
            values[key, default: []].append(value)
        }
    }

    /// The last value given for `key`.
    public subscript(key: String) -> String? { values[key]?.last }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return String(result)
    }
}
