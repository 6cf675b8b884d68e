import Synchronization

/// Words that deflate may refer back to before a text begins (zlib's preset dictionary): most of
/// a short document's words are the first of their kind in it, and without a dictionary each
/// is stored whole. The dictionary is made from the collection's own texts, so it serves any
/// language and any kind of document.
///
/// A compressed stream names its dictionary by the dictionary's Adler-32 checksum, which is
/// how ``CompressedText`` finds it again.
public struct TextDictionary: Sendable, Equatable {
    let bytes: [UInt8]
    /// zlib's Adler-32 of the bytes: what a stream compressed with them asks for.
    let checksum: UInt32

    init(bytes: [UInt8]) {
        self.bytes = bytes
        checksum = bytes.withUnsafeBufferPointer(ZlibFraming.checksum)
    }

    /// The dictionary of at most `size` bytes that saves most on texts like `texts`, or nil when
    /// nothing in them repeats.
    ///
    /// A piece is a word (a run of letters and digits, every non-ASCII byte counted a letter)
    /// with the character after it, as deflate finds them. Pieces found at least twice are taken
    /// by the bytes they cover, the most first, as long as they fit; the dictionary puts the
    /// most valuable last, nearest the text, where deflate's references to them are shortest.
    static func train(on texts: [[UInt8]], size: Int = maximumSize) -> TextDictionary? {
        var counts: [ArraySlice<UInt8>: Int] = [:]
        for text in texts {
            var start: Int?
            for (offset, byte) in text.enumerated() {
                if isWordByte(byte) {
                    if start == nil { start = offset }
                } else if let first = start {
                    let piece = text[first...offset]
                    if piece.count >= minimumPieceLength { counts[piece, default: 0] += 1 }
                    start = nil
                }
            }
        }
        let ranked = counts.filter { $0.value >= 2 }.sorted { left, right in
            let leftValue = left.value * left.key.count
            let rightValue = right.value * right.key.count
            return leftValue != rightValue ? leftValue > rightValue : left.key.lexicographicallyPrecedes(right.key)
        }
        var chosen: [ArraySlice<UInt8>] = []
        var length = 0
        for (piece, _) in ranked where length + piece.count <= size {
            chosen.append(piece)
            length += piece.count
        }
        guard !chosen.isEmpty else { return nil }
        return TextDictionary(bytes: chosen.reversed().flatMap { $0 })
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    /// deflate's window: it can refer no further back.
    static let maximumSize = 32 * 1024
    /// deflate's shortest match is three bytes; a piece of three saves almost nothing.
    static let minimumPieceLength = 4
}

/// The dictionaries a cache's texts were compressed with, by checksum, and the one new texts
/// are compressed with. The cache stores them (`text_dictionaries`); this holds them for the
/// connections that inflate texts and the readers of files that compress them.
public final class TextDictionaries: Sendable {
    private struct State {
        var byChecksum: [UInt32: TextDictionary] = [:]
        var current: TextDictionary?
    }

    private let state = Mutex(State())

    /// What new texts are compressed with, nil until the cache holds enough text to make one.
    public var current: TextDictionary? { state.withLock { $0.current } }

    func dictionary(checksum: UInt32) -> TextDictionary? {
        state.withLock { $0.byChecksum[checksum] }
    }

    /// Adds `dictionary`, which becomes the current one.
    func add(_ dictionary: TextDictionary) {
        state.withLock {
            $0.byChecksum[dictionary.checksum] = dictionary
            $0.current = dictionary
        }
    }
}
