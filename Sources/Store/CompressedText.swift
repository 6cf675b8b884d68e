import CLibZ

/// A document's text as the cache stores it: its UTF-8 compressed by zlib, after the length of
/// that UTF-8 in four bytes (little-endian), so that it inflates into a buffer of the right size
/// at once. A text that compression would not make smaller is stored as it is (SQLite text);
/// the SQL functions that read texts (``StoredTextFunctions``) take either.
///
/// A text compressed with a dictionary (``TextDictionary``) says so in its zlib header, with the
/// dictionary's checksum; one compressed without needs none to inflate.
enum CompressedText {
    /// The bytes that store `text`, compressed with `dictionary` when there is one, or nil when
    /// compressing it saves nothing.
    static func compress(_ text: String, dictionary: TextDictionary? = nil) -> [UInt8]? {
        var text = text
        return text.withUTF8 { source -> [UInt8]? in
            guard source.count > headerSize, source.count <= maximumLength else { return nil }
            var stream = z_stream()
            guard deflateInit_(&stream, level, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                return nil
            }
            defer { deflateEnd(&stream) }
            if let dictionary {
                let status = dictionary.bytes.withUnsafeBufferPointer {
                    deflateSetDictionary(&stream, $0.baseAddress, uInt($0.count))
                }
                guard status == Z_OK else { return nil }
            }
            let bound = Int(deflateBound(&stream, uLong(source.count)))
            var stored = [UInt8](repeating: 0, count: headerSize + bound)
            let status = stored.withUnsafeMutableBufferPointer { buffer in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress!)
                stream.avail_in = uInt(source.count)
                stream.next_out = buffer.baseAddress! + headerSize
                stream.avail_out = uInt(bound)
                return deflate(&stream, Z_FINISH)
            }
            let length = Int(stream.total_out)
            guard status == Z_STREAM_END, headerSize + length < source.count else { return nil }
            for byte in 0..<headerSize { stored[byte] = UInt8(truncatingIfNeeded: source.count >> (8 * byte)) }
            stored.removeSubrange((headerSize + length)...)
            return stored
        }
    }

    /// The UTF-8 that `stored` holds, or nil when it does not inflate to the length it says (a
    /// damaged row) or asks for a dictionary `dictionaries` does not have.
    static func decompress(
        _ stored: UnsafeRawBufferPointer, dictionaries: (UInt32) -> TextDictionary? = { _ in nil }
    ) -> [UInt8]? {
        guard stored.count > headerSize, let base = stored.baseAddress else { return nil }
        let expected = (0..<headerSize).reduce(0) { $0 | Int(stored[$1]) << (8 * $1) }
        guard expected > 0, expected <= maximumLength else { return nil }
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var status = Z_DATA_ERROR
        let text = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
            stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self) + headerSize)
            stream.avail_in = uInt(stored.count - headerSize)
            stream.next_out = buffer.baseAddress!
            stream.avail_out = uInt(expected)
            status = inflate(&stream, Z_FINISH)
            if status == Z_NEED_DICT {
                if let dictionary = dictionaries(UInt32(stream.adler)) {
                    status = dictionary.bytes.withUnsafeBufferPointer {
                        inflateSetDictionary(&stream, $0.baseAddress, uInt($0.count))
                    }
                    if status == Z_OK { status = inflate(&stream, Z_FINISH) }
                } else {
                    status = Z_DATA_ERROR
                }
            }
            count = status == Z_STREAM_END ? Int(stream.total_out) : 0
        }
        guard status == Z_STREAM_END, text.count == expected, stream.avail_in == 0 else { return nil }
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
