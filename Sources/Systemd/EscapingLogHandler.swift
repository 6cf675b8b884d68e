import Logging

/// Wraps a handler so that no control character reaches it raw: what a client sends (a path, a
/// method name) or a file holds may end up in a message or a metadata value, and a NUL, an escape
/// sequence or a line break there would cut, colour or forge lines in the journal and on a
/// terminal. Each is written as `\u{…}`; a value longer than `maximumValueBytes` is cut, saying so.
public struct EscapingLogHandler: LogHandler {
    public var wrapped: any LogHandler
    public static let maximumValueBytes = 4096

    public init(wrapping handler: any LogHandler) {
        wrapped = handler
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue.map(Self.escaped) }
    }

    public func log(event: LogEvent) {
        var event = event
        event.message = "\(Self.escaped(event.message.description))"
        event.metadata = event.metadata?.mapValues(Self.escaped)
        wrapped.log(event: event)
    }

    static func escaped(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(escaped(text))
        case .stringConvertible(let convertible): .string(escaped(convertible.description))
        case .array(let values): .array(values.map(escaped))
        case .dictionary(let values): .dictionary(values.mapValues(escaped))
        }
    }

    /// `text` with every control character (C0, DEL, C1) as `\u{…}`, cut at `maximumValueBytes`.
    public static func escaped(_ text: String) -> String {
        let needsWork =
            text.utf8.count > maximumValueBytes
            || text.unicodeScalars.contains(where: isControl)
        guard needsWork else { return text }
        var result = ""
        var bytes = 0
        for scalar in text.unicodeScalars {
            let piece = isControl(scalar) ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            bytes += piece.utf8.count
            if bytes > maximumValueBytes {
                result += "… (\(text.utf8.count) bytes)"
                break
            }
            result += piece
        }
        return result
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}

extension EscapingLogHandler {
    /// How a service logs: to the journal when standard error is connected to it (under
    /// systemd), with its fields prefixed `DOSSIER_`, else to standard error; escaped either way.
    public static func service(label: String, identifier: String, toJournal: Bool) -> EscapingLogHandler {
        let handler: any LogHandler =
            toJournal
            ? JournalLogHandler(label: label, identifier: identifier, fieldPrefix: "DOSSIER_")
            : StreamLogHandler.standardError(label: label)
        return EscapingLogHandler(wrapping: handler)
    }
}
