import CLibZ
import Synchronization

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
            return DeflateStream.withStream { stream -> [UInt8]? in
                if let dictionary {
                    let status = dictionary.bytes.withUnsafeBufferPointer {
                        deflateSetDictionary(stream, $0.baseAddress, uInt($0.count))
                    }
                    guard status == Z_OK else { return nil }
                }
                let bound = Int(deflateBound(stream, uLong(source.count)))
                var stored = [UInt8](repeating: 0, count: headerSize + bound)
                let status = stored.withUnsafeMutableBufferPointer { buffer in
                    stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress!)
                    stream.pointee.avail_in = uInt(source.count)
                    stream.pointee.next_out = buffer.baseAddress! + headerSize
                    stream.pointee.avail_out = uInt(bound)
                    return deflate(stream, Z_FINISH)
                }
                let length = Int(stream.pointee.total_out)
                guard status == Z_STREAM_END, headerSize + length < source.count else { return nil }
                for byte in 0..<headerSize { stored[byte] = UInt8(truncatingIfNeeded: source.count >> (8 * byte)) }
                stored.removeSubrange((headerSize + length)...)
                return stored
            }
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
    /// With a dictionary, level 4 compresses a text of a few kilobytes in about 0.6 of the time
    /// of zlib's default (6), to about 1.5% more bytes: with the dictionary, levels 5 and 6 search
    /// its longer chains of earlier matches for little gain.
    static let level: Int32 = 4
}

/// A deflate stream kept for the next text, on whichever thread compresses it: making one
/// allocates and clears about 256 KB, which costs as much as compressing a short text.
private final class DeflateStream: @unchecked Sendable {
    // zlib's state points back at its stream, so the stream stays where it was made. A stream is
    // used by one caller at a time: it is taken out of `idle` to be used, and put back after.
    private let stream: UnsafeMutablePointer<z_stream>

    private init?() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard
            deflateInit_(stream, CompressedText.level, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else {
            stream.deallocate()
            return nil
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// Streams not in use: at most ``idleLimit``, one for each thread that compresses at once.
    private static let idle = Mutex<[DeflateStream]>([])
    private static let idleLimit = 8

    /// Runs `body` with a stream ready for a new text, or gives nil when zlib cannot make one.
    static func withStream<Result>(_ body: (UnsafeMutablePointer<z_stream>) -> Result?) -> Result? {
        guard let taken = idle.withLock({ $0.popLast() }) ?? DeflateStream() else { return nil }
        defer {
            if deflateReset(taken.stream) == Z_OK {
                idle.withLock { if $0.count < idleLimit { $0.append(taken) } }
            }
        }
        return body(taken.stream)
    }
}
