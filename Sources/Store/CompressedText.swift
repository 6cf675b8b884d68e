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
    ///
    /// The zlib stream is written as zlib writes it, its header and checksums made here around a
    /// raw deflate stream: zlib would otherwise sum the whole dictionary's bytes (32 KB) for
    /// every text to name it, where ``TextDictionary`` has its checksum already.
    static func compress(_ text: String, dictionary: TextDictionary? = nil) -> [UInt8]? {
        var text = text
        return text.withUTF8 { source -> [UInt8]? in
            guard source.count > headerSize, source.count <= maximumLength else { return nil }
            return KeptStream.deflating.withStream { stream -> [UInt8]? in
                if let dictionary {
                    let status = dictionary.bytes.withUnsafeBufferPointer {
                        deflateSetDictionary(stream, $0.baseAddress, uInt($0.count))
                    }
                    guard status == Z_OK else { return nil }
                }
                let header = ZlibFraming.header(level: level, dictionary: dictionary?.checksum)
                let opening = headerSize + header.count
                let bound = Int(deflateBound(stream, uLong(source.count)))
                var stored = [UInt8](repeating: 0, count: opening + bound + ZlibFraming.trailerSize)
                let status = stored.withUnsafeMutableBufferPointer { buffer in
                    stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress!)
                    stream.pointee.avail_in = uInt(source.count)
                    stream.pointee.next_out = buffer.baseAddress! + opening
                    stream.pointee.avail_out = uInt(bound)
                    return deflate(stream, Z_FINISH)
                }
                let end = opening + Int(stream.pointee.total_out) + ZlibFraming.trailerSize
                guard status == Z_STREAM_END, end < source.count else { return nil }
                for byte in 0..<headerSize { stored[byte] = UInt8(truncatingIfNeeded: source.count >> (8 * byte)) }
                stored.replaceSubrange(headerSize..<opening, with: header)
                stored.replaceSubrange(
                    (end - ZlibFraming.trailerSize)..<end, with: ZlibFraming.bigEndian(ZlibFraming.checksum(source)))
                stored.removeSubrange(end...)
                return stored
            }
        }
    }

    /// The UTF-8 that `stored` holds, or nil when it does not inflate to the length it says (a
    /// damaged row), its checksum is not that of what it inflates to, or it asks for a
    /// dictionary `dictionaries` does not have.
    static func decompress(
        _ stored: UnsafeRawBufferPointer, dictionaries: (UInt32) -> TextDictionary? = { _ in nil }
    ) -> [UInt8]? {
        guard stored.count > headerSize else { return nil }
        let expected = (0..<headerSize).reduce(0) { $0 | Int(stored[$1]) << (8 * $1) }
        guard expected > 0, expected <= maximumLength else { return nil }
        let stream = UnsafeRawBufferPointer(rebasing: stored[headerSize...])
        guard let framing = ZlibFraming(stream) else { return nil }
        var dictionary: TextDictionary?
        if let checksum = framing.dictionary {
            guard let known = dictionaries(checksum) else { return nil }
            dictionary = known
        }
        return KeptStream.inflating.withStream { inflater -> [UInt8]? in
            if let dictionary {
                let status = dictionary.bytes.withUnsafeBufferPointer {
                    inflateSetDictionary(inflater, $0.baseAddress, uInt($0.count))
                }
                guard status == Z_OK else { return nil }
            }
            var status = Z_DATA_ERROR
            let compressed = stream.baseAddress!.assumingMemoryBound(to: Bytef.self) + framing.headerSize
            let text = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
                inflater.pointee.next_in = UnsafeMutablePointer(mutating: compressed)
                inflater.pointee.avail_in = uInt(stream.count - framing.headerSize)
                inflater.pointee.next_out = buffer.baseAddress!
                inflater.pointee.avail_out = uInt(expected)
                status = inflate(inflater, Z_FINISH)
                count = status == Z_STREAM_END ? Int(inflater.pointee.total_out) : 0
            }
            // What is left after the deflate stream is its trailer: the checksum of the text.
            guard status == Z_STREAM_END, text.count == expected,
                Int(inflater.pointee.avail_in) == ZlibFraming.trailerSize
            else { return nil }
            let trailer = UnsafeRawBufferPointer(rebasing: stream[(stream.count - ZlibFraming.trailerSize)...])
            guard ZlibFraming.bigEndian(trailer) == text.withUnsafeBufferPointer(ZlibFraming.checksum) else {
                return nil
            }
            return text
        }
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

/// The zlib format's frame around a raw deflate stream (RFC 1950): two bytes that say how it was
/// compressed, the Adler-32 of the preset dictionary when there is one, and after the stream the
/// Adler-32 of what it holds, most significant byte first.
struct ZlibFraming {
    /// The preset dictionary's checksum, when the stream needs one.
    var dictionary: UInt32?
    /// The bytes before the deflate stream.
    var headerSize: Int

    /// The frame of the zlib stream `bytes`, or nil when they do not open as one (a method other
    /// than deflate, a window larger than 32 KB, a header whose check does not hold, too short).
    init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 2 + Self.trailerSize else { return nil }
        let method = bytes[0]
        let flags = bytes[1]
        guard method & 0x0F == 8, method >> 4 <= 7, (UInt16(method) << 8 | UInt16(flags)) % 31 == 0 else {
            return nil
        }
        if flags & Self.presetDictionary != 0 {
            guard bytes.count >= 6 + Self.trailerSize else { return nil }
            dictionary = Self.bigEndian(UnsafeRawBufferPointer(rebasing: bytes[2..<6]))
            headerSize = 6
        } else {
            headerSize = 2
        }
    }

    /// The header zlib writes for a stream compressed at `level` with a 32 KB window and the
    /// default strategy, naming the dictionary whose checksum is `dictionary`.
    static func header(level: Int32, dictionary: UInt32?) -> [UInt8] {
        let method: UInt8 = 0x78
        // zlib's level flags: 0 fastest, 1 fast, 2 default, 3 best.
        let levelFlags: UInt8 = level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3
        var flags = levelFlags << 6 | (dictionary == nil ? 0 : presetDictionary)
        flags += UInt8(31 - (UInt16(method) << 8 | UInt16(flags)) % 31)
        return [method, flags] + (dictionary.map(bigEndian) ?? [])
    }

    /// zlib's Adler-32 of `bytes`.
    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(adler32(adler32(0, nil, 0), bytes.baseAddress, uInt(bytes.count)))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [
            UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value),
        ]
    }

    static func bigEndian(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    static let trailerSize = 4
    private static let presetDictionary: UInt8 = 0x20
}

/// A raw deflate or inflate stream kept for the next text, on whichever thread uses it: making
/// one allocates and clears up to 256 KB, which costs as much as compressing a short text.
private final class KeptStream: @unchecked Sendable {
    // zlib's state points back at its stream, so the stream stays where it was made. A stream is
    // used by one caller at a time: it is taken out of `idle` to be used, and put back after.
    private let stream: UnsafeMutablePointer<z_stream>
    private let kind: Kind

    enum Kind { case deflating, inflating }

    private init?(_ kind: Kind) {
        self.kind = kind
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // A negative window size: a raw stream, framed by ``ZlibFraming``.
        let size = Int32(MemoryLayout<z_stream>.size)
        let status =
            switch kind {
            case .deflating:
                deflateInit2_(
                    stream, CompressedText.level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, size)
            case .inflating: inflateInit2_(stream, -MAX_WBITS, ZLIB_VERSION, size)
            }
        guard status == Z_OK else {
            stream.deallocate()
            return nil
        }
    }

    deinit {
        switch kind {
        case .deflating: deflateEnd(stream)
        case .inflating: inflateEnd(stream)
        }
        stream.deallocate()
    }

    /// The streams of one kind not in use: at most ``idleLimit``, one for each thread that uses one at once.
    final class Pool: Sendable {
        private let kind: Kind
        private let idle = Mutex<[KeptStream]>([])
        private static let idleLimit = 8

        fileprivate init(_ kind: Kind) { self.kind = kind }

        /// Runs `body` with a stream ready for a new text, or gives nil when zlib cannot make one.
        func withStream<Result>(_ body: (UnsafeMutablePointer<z_stream>) -> Result?) -> Result? {
            guard let taken = idle.withLock({ $0.popLast() }) ?? KeptStream(kind) else { return nil }
            defer {
                let status =
                    switch kind {
                    case .deflating: deflateReset(taken.stream)
                    case .inflating: inflateReset(taken.stream)
                    }
                if status == Z_OK { idle.withLock { if $0.count < Self.idleLimit { $0.append(taken) } } }
            }
            return body(taken.stream)
        }
    }

    static let deflating = Pool(.deflating)
    static let inflating = Pool(.inflating)
}
