import Foundation
import Varlink

#if canImport(Glibc)
    import Glibc
#endif

/// Output for people: bold and dim only on a terminal, and never with NO_COLOR.
enum Terminal {
    static let usesColor: Bool = {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }()

    static func bold(_ text: String) -> String { usesColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    static func dim(_ text: String) -> String { usesColor ? "\u{1B}[2m\(text)\u{1B}[0m" : text }

    /// Bolds the `ranges` of `text` (offsets in Unicode scalars) on a terminal; plain text otherwise.
    static func highlighted(_ text: String, ranges: [Range<Int>]) -> String {
        guard usesColor, !ranges.isEmpty else { return text }
        var output = String.UnicodeScalarView()
        let starts = Set(ranges.map(\.lowerBound))
        let ends = Set(ranges.map(\.upperBound))
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if ends.contains(offset) { output.append(contentsOf: "\u{1B}[0m".unicodeScalars) }
            if starts.contains(offset) { output.append(contentsOf: "\u{1B}[1m".unicodeScalars) }
            output.append(scalar)
        }
        if ends.contains(text.unicodeScalars.count) { output.append(contentsOf: "\u{1B}[0m".unicodeScalars) }
        return String(output)
    }

    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// A line for people on stderr (kept out of piped output).
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// Redraws a one-line progress bar on stderr.
    static func progress(done: Int, total: Int, rate: Double) {
        let width = 30
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let remaining = rate > 0 ? Int(Double(total - done) / rate) : nil
        let eta = remaining.map { " ETA \($0 / 60)m\(String(format: "%02d", $0 % 60))s" } ?? ""
        let line = "indexing [\(bar)] \(done)/\(total) documents, \(Int(rate))/s\(eta)"
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    static func clearProgress() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// `text` with its control characters (an escape sequence could move the cursor, recolour
    /// the terminal or retitle its window) shown as U+FFFD; line breaks and tabs stay.
    static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? "\u{FFFD}" : $0 }))
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\t"
    }

    /// Every string in `value` made `safe`: what the daemon sends (documents' text, names,
    /// paths) is shown to people only so.
    static func safe(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(safe(text))
        case .array(let items): .array(items.map(safe))
        case .object(let fields): .object(fields.mapValues(safe))
        case .null, .bool, .int, .double: value
        }
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("dossier: \(message)\n".utf8))
    }

    /// Wraps `text` at `width` columns with `indent` before every line.
    static func wrap(_ text: String, width: Int = 88, indent: String = "") -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count > indent.count && line.count + word.count + 1 > width {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        if line.count > indent.count { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
