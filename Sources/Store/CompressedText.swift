import CLibZ

/// A document's text as the cache stores it: its UTF-8 compressed by zlib, after the length of
/// that UTF-8 in four bytes (little-endian), so that it inflates into a buffer of the right size
/// at once. A text that compression would not make smaller is stored as it is (SQLite text);
/// the SQL functions that read texts (``StoredTextFunctions``) take either.
enum CompressedText {
    /// The bytes that store `text`, or nil when compressing it saves nothing.
    static func compress(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { source -> [UInt8]? in
            guard source.count > headerSize, source.count <= maximumLength else { return nil }
            let bound = Int(compressBound(uLong(source.count)))
            var stored = [UInt8](repeating: 0, count: headerSize + bound)
            var length = uLongf(bound)
            let status = stored.withUnsafeMutableBufferPointer { buffer in
                compress2(
                    buffer.baseAddress! + headerSize, &length, source.baseAddress!, uLong(source.count), level)
            }
            guard status == Z_OK, headerSize + Int(length) < source.count else { return nil }
            for byte in 0..<headerSize { stored[byte] = UInt8(truncatingIfNeeded: source.count >> (8 * byte)) }
            stored.removeSubrange((headerSize + Int(length))...)
            return stored
        }
    }

    /// The UTF-8 that `stored` holds, or nil when it does not inflate to the length it says (a
    /// damaged row).
    static func decompress(_ stored: UnsafeRawBufferPointer) -> [UInt8]? {
        guard stored.count > headerSize, let base = stored.baseAddress else { return nil }
        let expected = (0..<headerSize).reduce(0) { $0 | Int(stored[$1]) << (8 * $1) }
        guard expected > 0, expected <= maximumLength else { return nil }
        var status = Z_DATA_ERROR
        var length = uLongf(expected)
        let text = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
            status = uncompress(
                buffer.baseAddress!, &length, base.assumingMemoryBound(to: Bytef.self) + headerSize,
                uLong(stored.count - headerSize))
            count = status == Z_OK ? Int(length) : 0
        }
        guard status == Z_OK, text.count == expected else { return nil }
        return text
    }

    /// The bytes before the compressed stream: the text's length.
    static let headerSize = 4
    /// The longest text stored compressed (1 GiB, more than any document's): a damaged length
    /// asks for no more memory than that.
    static let maximumLength = 1 << 30
    /// zlib's default: nearly the smallest output at a fraction of the slowest level's time.
    static let level: Int32 = 6
}
