/// The fields of a query string or a form body (`application/x-www-form-urlencoded`): `+` is a
/// space, `%XX` a byte, the bytes UTF-8 (a byte that is not becomes U+FFFD). Repeated fields keep
/// every value, in order.
public struct FormData: Sendable, Equatable {
    public private(set) var fields: [(name: String, value: String)]

    public init(_ encoded: some StringProtocol) {
        fields = encoded.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    public static func == (left: FormData, right: FormData) -> Bool {
        left.fields.elementsEqual(right.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// The first value of `name`, with its surrounding white space trimmed; nil when absent or empty.
    public subscript(_ name: String) -> String? {
        guard let value = fields.first(where: { $0.name == name })?.value.trimmed, !value.isEmpty else { return nil }
        return value
    }

    /// Every non-empty value of `name`.
    public func all(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value.trimmed).filter { !$0.isEmpty }
    }

    /// A whole number in `range`, or nil.
    public func integer(_ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = self[name], let value = Int(text), range.contains(value) else { return nil }
        return value
    }

    /// Percent-decodes a component, `+` as a space unless `plusIsSpace` is false (in a path,
    /// `+` is itself).
    public static func decode(_ component: some StringProtocol, plusIsSpace: Bool = true) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(component.utf8.count)
        var iterator = component.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+") where plusIsSpace: bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next() else {
                    bytes.append(byte)
                    break
                }
                guard let low = iterator.next() else {
                    bytes.append(contentsOf: [byte, high])
                    break
                }
                if let value = hexValue(high).flatMap({ h in hexValue(low).map { h << 4 | $0 } }) {
                    bytes.append(value)
                } else {
                    bytes.append(contentsOf: [byte, high, low])
                }
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension StringProtocol {
    var trimmed: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
