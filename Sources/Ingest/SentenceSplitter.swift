/// Splits prose into sentences. A full stop ends a sentence unless it closes an abbreviation
/// (Dr., Gen., U.S.), an initial, or is followed by a lower-case word; closing quotes and brackets
/// stay with the sentence they end.
public enum SentenceSplitter {
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "sgt", "capt", "cpt", "maj",
        "adm", "cmdr", "gov", "sen", "rep", "pres", "rev", "hon", "fr", "mt", "ft", "no", "nos", "vol", "vols",
        "pp", "p", "fig", "figs", "eq", "ed", "eds", "inc", "ltd", "co", "corp", "bros", "vs", "etc", "approx",
        "dept", "univ", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "al", "cf", "ca", "op", "cit", "ave", "blvd",
        "rd", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "ph.d", "d.c",
    ]

    /// The longest sentence, in scalars: longer runs without a full stop are cut.
    static let maximumLength = 2000

    @inline(__always) private static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", "”", "’", "»", ")", "]", "}": true
        default: false
        }
    }

    @inline(__always) private static func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "!", "?", "…": true
        default: false
        }
    }

    public static func split(_ text: String) -> [String] {
        let text = ScalarText(text)
        let scalars = text.scalars
        var sentences: [String] = []
        func append(_ range: Range<Int>) {
            var start = range.lowerBound
            var end = range.upperBound
            while start < end, scalars[start].isSpace { start += 1 }
            while end > start, scalars[end - 1].isSpace { end -= 1 }
            // A run-on "sentence" is cut at a space before the cap, so that no annotator ever
            // works on megabytes at once.
            while end - start > maximumLength {
                var cut = start + maximumLength
                while cut > start + maximumLength / 2, !scalars[cut].isSpace { cut -= 1 }
                append(start..<cut)
                start = cut
                while start < end, scalars[start].isSpace { start += 1 }
            }
            if start < end { sentences.append(text.string(start..<end)) }
        }
        var start = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard isTerminator(scalar) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < scalars.count, isTerminator(scalars[end]) || isCloser(scalars[end]) {
                end += 1
            }
            guard end == scalars.count || scalars[end].isSpace else {
                index = end
                continue
            }
            var next = end
            while next < scalars.count, scalars[next].isSpace { next += 1 }
            if next < scalars.count, !isBoundary(scalars, terminator: index, next: next) {
                index = next
                continue
            }
            append(start..<end)
            start = next
            index = next
        }
        append(start..<scalars.count)
        return sentences
    }

    private static func isBoundary(_ scalars: [Unicode.Scalar], terminator: Int, next: Int) -> Bool {
        let following = scalars[next]
        if following.isASCII ? (0x61...0x7A).contains(following.value) : following.properties.isLowercase {
            return false
        }
        guard scalars[terminator] == "." else { return true }
        // The word before the full stop, dots included ("U.S", "e.g").
        var wordStart = terminator
        while wordStart > 0, scalars[wordStart - 1].isLetter || scalars[wordStart - 1] == "." {
            wordStart -= 1
        }
        let word = String(String.UnicodeScalarView(scalars[wordStart..<terminator]))
        if word.isEmpty { return true }
        if word.unicodeScalars.count == 1, word.unicodeScalars.first!.properties.isUppercase {
            return false  // an initial: "J. R. Smith"
        }
        if abbreviations.contains(word.lowercased()) { return false }
        if word.utf8.containsByte(UInt8(ascii: ".")), word.split(separator: ".").allSatisfy({ $0.count == 1 }) {
            return false  // "U.S", "N.A.T.O"
        }
        return true
    }
}
