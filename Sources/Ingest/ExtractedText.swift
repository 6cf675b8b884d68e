/// Text another program extracted from a laid-out document, made ready for the plain-text reader.
enum ExtractedText {
    /// Pages (form feeds) become paragraph breaks, and a word hyphenated across a line break is
    /// joined again when both sides are lower case ("docu-\nment" becomes "document"; the price is
    /// that a compound such as "well-known", broken at its hyphen, loses it).
    static func joiningPages(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if scalar == "\u{0C}" {
                scalars.append(contentsOf: "\n\n".unicodeScalars)
            } else if scalar == "-", pending == "\n", let last = scalars.last, last.properties.isLowercase {
                let next = iterator.next()
                if let next, next.properties.isLowercase {
                    scalars.append(next)  // drop the hyphen and the line break
                } else {
                    scalars.append(contentsOf: ["-", "\n"])
                    if let next { scalars.append(next) }
                }
                pending = iterator.next()
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
