/// A text as Unicode scalars, for code that walks it scalar by scalar, with the UTF-8 bytes
/// beside them so that any run of scalars becomes a `String` by slicing bytes rather than by
/// appending scalars one at a time.
struct ScalarText {
    let scalars: [Unicode.Scalar]
    private let bytes: [UInt8]
    /// Where each scalar starts in `bytes`, one more entry for the end; empty when the text is
    /// ASCII, where scalars and bytes are one to one.
    private let offsets: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 >= 0x80 }) else {
            scalars = bytes.map { Unicode.Scalar($0) }
            offsets = []
            return
        }
        scalars = Array(text.unicodeScalars)
        var offsets = [Int](repeating: 0, count: scalars.count + 1)
        var offset = 0
        for (index, scalar) in scalars.enumerated() {
            offsets[index] = offset
            offset += UTF8.width(scalar)
        }
        offsets[scalars.count] = offset
        self.offsets = offsets
    }

    /// The scalars in `range` as a string.
    func string(_ range: Range<Int>) -> String {
        guard !offsets.isEmpty else { return String(decoding: bytes[range], as: UTF8.self) }
        return String(decoding: bytes[offsets[range.lowerBound]..<offsets[range.upperBound]], as: UTF8.self)
    }

    /// The scalar whose UTF-8 bytes start at `index` of valid UTF-8, and how many bytes it takes.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        var value = UInt32(lead) & (length == 1 ? 0x7F : length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length where index + offset < bytes.count {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
