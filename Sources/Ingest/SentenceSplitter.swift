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

    private static let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", "»", ")", "]", "}"]
    private static let terminators: Set<Unicode.Scalar> = [".", "!", "?", "…"]

    public static func split(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var sentences: [String] = []
        var start = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard terminators.contains(scalar) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < scalars.count, terminators.contains(scalars[end]) || closers.contains(scalars[end]) {
                end += 1
            }
            guard end == scalars.count || scalars[end].properties.isWhitespace else {
                index = end
                continue
            }
            var next = end
            while next < scalars.count, scalars[next].properties.isWhitespace { next += 1 }
            if next < scalars.count, !isBoundary(scalars, terminator: index, next: next) {
                index = next
                continue
            }
            append(scalars[start..<end], to: &sentences)
            start = next
            index = next
        }
        append(scalars[start..<scalars.count], to: &sentences)
        return sentences
    }

    private static func isBoundary(_ scalars: [Unicode.Scalar], terminator: Int, next: Int) -> Bool {
        let following = scalars[next]
        if following.properties.isLowercase { return false }
        guard scalars[terminator] == "." else { return true }
        // The word before the full stop, dots included ("U.S", "e.g").
        var wordStart = terminator
        while wordStart > 0, scalars[wordStart - 1].properties.isAlphabetic || scalars[wordStart - 1] == "." {
            wordStart -= 1
        }
        let word = String(String.UnicodeScalarView(scalars[wordStart..<terminator]))
        if word.isEmpty { return true }
        if word.unicodeScalars.count == 1, word.unicodeScalars.first!.properties.isUppercase {
            return false  // an initial: "J. R. Smith"
        }
        if abbreviations.contains(word.lowercased()) { return false }
        if word.contains("."), word.split(separator: ".").allSatisfy({ $0.count == 1 }) {
            return false  // "U.S", "N.A.T.O"
        }
        return true
    }

    private static func append(_ scalars: ArraySlice<Unicode.Scalar>, to sentences: inout [String]) {
        var slice = scalars
        while let first = slice.first, first.properties.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.properties.isWhitespace { slice.removeLast() }
        if !slice.isEmpty { sentences.append(String(String.UnicodeScalarView(slice))) }
    }
}
