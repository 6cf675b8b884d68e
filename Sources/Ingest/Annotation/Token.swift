/// A word of a sentence, with what the recognisers need to know about it.
struct Token: Sendable, Equatable {
    var text: String
    /// The word ended with a possessive "'s" (dropped from `text`): a name ends here.
    var isPossessive = false
    /// Offsets in the sentence's Unicode scalars.
    var start: Int
    var end: Int

    var isCapitalised: Bool { text.unicodeScalars.first.map { $0.properties.isUppercase } ?? false }
    var isAllCaps: Bool {
        let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
        return letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase }
    }
    var isNumber: Bool { !text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.numericType != nil } }
}

/// Splits a sentence into words: letters and digits, with inner hyphens, apostrophes and the
/// dots of abbreviations ("U.S.", "ISIS-K", "McKenzie"); a possessive "'s" is dropped.
enum Tokenizer {
    static func tokens(_ text: String) -> [Token] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            guard scalars[index].isWordScalar else {
                index += 1
                continue
            }
            let start = index
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar.isWordScalar {
                    index += 1
                } else if scalar == "-" || scalar == "'" || scalar == "’" || scalar == "." || scalar == "&",
                    index + 1 < scalars.count, scalars[index + 1].isWordScalar,
                    scalar != "." || isAbbreviationDot(scalars, at: index)
                {
                    index += 1
                } else if scalar == ".", index > start, isAbbreviationDot(scalars, at: index) {
                    index += 1  // the closing dot of "U.S."
                } else {
                    break
                }
            }
            var word = String(String.UnicodeScalarView(scalars[start..<index]))
            var end = index
            var possessive = false
            for suffix in ["’s", "'s"] where word.hasSuffix(suffix) && word.count > 2 {
                word.removeLast(2)
                end -= 2
                possessive = true
            }
            tokens.append(Token(text: word, isPossessive: possessive, start: start, end: end))
        }
        return tokens
    }

    /// A dot inside single letters: "U.S.", "e.g." — not a sentence's or a word's end.
    private static func isAbbreviationDot(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let before =
            index > 0 && scalars[index - 1].properties.isAlphabetic
            && (index < 2 || !scalars[index - 2].properties.isAlphabetic)
        return before
    }
}
