import Foundation
import GRDB
import GRDBSQLite

/// The SQL functions that read a document's stored text (``CompressedText``), installed on every
/// connection:
/// - `body_text(body)`: the whole text;
/// - `body_range(body, start, length)`: the text of its UTF-8 bytes `start..<start + length` (a
///   sentence, a paragraph), clamped to the text.
///
/// Each connection keeps the texts it inflated last (``InflatedTexts``), so that a query that reads
/// several sentences of one document inflates it once. A stored value that does not inflate
/// is an SQL error ("damaged text"), never text made up.
enum StoredTextFunctions {
    static func install(in db: Database, dictionaries: TextDictionaries) throws {
        let recent = InflatedTexts(dictionaries: dictionaries)
        // Each function holds the connection's recent texts, and SQLite lets them go with the
        // function: when the connection closes, or at once when the function cannot be added.
        let release: @convention(c) (UnsafeMutableRawPointer?) -> Void = { pointer in
            guard let pointer else { return }
            Unmanaged<InflatedTexts>.fromOpaque(pointer).release()
        }
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
        for (name, arguments, function) in [("body_text", 1, bodyText), ("body_range", 3, bodyRange)] {
            let code = sqlite3_create_function_v2(
                db.sqliteConnection, name, Int32(arguments), flags, Unmanaged.passRetained(recent).toOpaque(),
                function, nil, nil, release)
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot add \(name)")
            }
        }
    }

    private typealias Function =
        @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) ->
        Void

    private static let bodyText: Function = { context, _, arguments in
        guard let context, let body = arguments?[0] else { return }
        withText(of: body, context: context) { bytes in
            result(bytes, context: context)
        }
    }

    private static let bodyRange: Function = { context, _, arguments in
        guard let context, let arguments, let body = arguments[0] else { return }
        let start = Int(sqlite3_value_int64(arguments[1]))
        let length = Int(sqlite3_value_int64(arguments[2]))
        withText(of: body, context: context) { bytes in
            let lower = min(max(0, start), bytes.count)
            let upper = min(max(lower, lower + max(0, length)), bytes.count)
            result(UnsafeRawBufferPointer(rebasing: bytes[lower..<upper]), context: context)
        }
    }

    /// Calls `body` with the UTF-8 of the stored value: as it is for text, inflated for a blob
    /// (NULL gives NULL, and a blob that does not inflate an error).
    private static func withText(
        of value: OpaquePointer, context: OpaquePointer, _ body: (UnsafeRawBufferPointer) -> Void
    ) {
        switch sqlite3_value_type(value) {
        case SQLITE_NULL:
            sqlite3_result_null(context)
        case SQLITE_BLOB:
            let stored = UnsafeRawBufferPointer(
                start: sqlite3_value_blob(value), count: Int(sqlite3_value_bytes(value)))
            let recent = Unmanaged<InflatedTexts>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
            guard let text = recent.text(of: stored) else {
                sqlite3_result_error(context, "damaged text", -1)
                return
            }
            text.withUnsafeBytes(body)
        default:
            let start = sqlite3_value_text(value)
            body(UnsafeRawBufferPointer(start: start, count: Int(sqlite3_value_bytes(value))))
        }
    }

    private static func result(_ bytes: UnsafeRawBufferPointer, context: OpaquePointer) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else {
            sqlite3_result_text(context, "", 0, nil)
            return
        }
        sqlite3_result_text(context, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count), sqliteTransient)
    }
}

/// The texts one connection inflated last, by their stored bytes: a question reads each
/// candidate's sentence, paragraph and the sentence before, a timeline a document's statements,
/// and each would inflate the same text again. At most ``budget`` bytes are kept, the least
/// recently read going first; a text of more than a quarter of it is not kept. Only SQLite calls it, on the connection's one thread at a time.
final class InflatedTexts: @unchecked Sendable {
    /// A stored text's length, the text's length it begins with and the checksum of the text it
    /// ends with (zlib's Adler-32): different texts rarely share one, and the bytes are compared.
    private struct Key: Hashable {
        var count: Int
        var head: UInt32
        var tail: UInt32

        init(_ stored: UnsafeRawBufferPointer) {
            count = stored.count
            head = stored.count >= 4 ? stored.loadUnaligned(as: UInt32.self) : 0
            tail = stored.count >= 8 ? stored.loadUnaligned(fromByteOffset: stored.count - 4, as: UInt32.self) : 0
        }
    }

    private struct Entry {
        var stored: [UInt8]
        var text: [UInt8]
        var lastRead: Int
    }

    private let dictionaries: TextDictionaries
    private var entries: [Key: Entry] = [:]
    private var reads = 0
    /// The bytes kept, stored and inflated together.
    private(set) var kept = 0

    init(dictionaries: TextDictionaries) {
        self.dictionaries = dictionaries
    }

    /// The UTF-8 of `stored`, from the recent texts or inflated now; nil when it does not inflate.
    func text(of stored: UnsafeRawBufferPointer) -> [UInt8]? {
        guard let base = stored.baseAddress else { return nil }
        let key = Key(stored)
        reads += 1
        if let entry = entries[key], entry.stored.withUnsafeBytes({ memcmp($0.baseAddress!, base, key.count) }) == 0 {
            entries[key]?.lastRead = reads
            return entry.text
        }
        guard let text = CompressedText.decompress(stored, dictionaries: dictionaries.dictionary(checksum:)) else {
            return nil
        }
        let size = stored.count + text.count
        guard size <= Self.budget / 4 else { return text }
        if let replaced = entries.updateValue(Entry(stored: Array(stored), text: text, lastRead: reads), forKey: key) {
            kept -= replaced.stored.count + replaced.text.count
        }
        kept += size
        if kept > Self.budget {
            // The least recently read go, a quarter of the budget at once: one sort for many texts.
            for (key, entry) in entries.sorted(by: { $0.value.lastRead < $1.value.lastRead }) {
                guard kept > Self.budget / 4 * 3 else { break }
                entries[key] = nil
                kept -= entry.stored.count + entry.text.count
            }
        }
        return text
    }

    /// The bytes kept, stored and inflated together, for each connection.
    static let budget = 1 << 20
}
