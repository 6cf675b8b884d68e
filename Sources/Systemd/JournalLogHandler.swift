import CSystemd
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// A swift-log handler that writes structured entries to the systemd journal.
///
/// The message becomes MESSAGE, the level PRIORITY, and every metadata key a field of its own:
/// `path` becomes DOSSIER_PATH, `duration.ms` DOSSIER_DURATION_MS.
public struct JournalLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let identifier: String
    private let fieldPrefix: String

    /// - Parameters:
    ///   - identifier: SYSLOG_IDENTIFIER of every entry.
    ///   - fieldPrefix: prefixed to metadata fields, e.g. "DOSSIER_".
    public init(label: String, identifier: String, fieldPrefix: String) {
        self.label = label
        self.identifier = identifier
        self.fieldPrefix = fieldPrefix
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String] = [
            "MESSAGE=\(event.message)",
            "PRIORITY=\(Self.priority(event.level))",
            "SYSLOG_IDENTIFIER=\(identifier)",
            "CODE_FILE=\(event.file)",
            "CODE_LINE=\(event.line)",
            "CODE_FUNC=\(event.function)",
            "\(fieldPrefix)LOGGER=\(label)",
        ]
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let eventMetadata = event.metadata { merged.merge(eventMetadata) { _, new in new } }
        for (key, value) in merged {
            fields.append("\(fieldPrefix)\(Self.fieldName(key))=\(value)")
        }
        Self.send(fields)
    }

    /// Journal field names: upper-case letters, digits and underscores.
    static func fieldName(_ key: String) -> String {
        String(
            key.uppercased().map { character in
                character.isASCII && (character.isLetter || character.isNumber) ? character : "_"
            }.prefix(48))
    }

    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    private static func send(_ fields: [String]) {
        let total = fields.reduce(0) { $0 + $1.utf8.count }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(total, 1), alignment: 1)
        defer { storage.deallocate() }
        var vectors: [iovec] = []
        vectors.reserveCapacity(fields.count)
        var offset = 0
        for field in fields {
            let length = field.utf8.count
            let slice = UnsafeMutableRawBufferPointer(rebasing: storage[offset..<(offset + length)])
            slice.copyBytes(from: field.utf8)
            vectors.append(iovec(iov_base: slice.baseAddress, iov_len: length))
            offset += length
        }
        _ = sd_journal_sendv(vectors, Int32(vectors.count))
    }
}

/// Where logs should go.
public enum JournalStream {
    /// True when stderr is connected to the journal: JOURNAL_STREAM holds the device and inode of
    /// that stream, and they match stderr's.
    public static func stderrIsJournal() -> Bool {
        guard let value = getenv("JOURNAL_STREAM").map({ String(cString: $0) }) else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(STDERR_FILENO, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }
}
