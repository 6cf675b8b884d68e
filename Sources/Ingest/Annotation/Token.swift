/// A word of a sentence, with what the recognisers need to know about it.
struct Token: Sendable, Equatable {
    var text: String
    /// The word ended with a possessive "'s" (dropped from `text`): a name ends here.
    var isPossessive = false
    /// Offsets in the sentence's Unicode scalars.
    var start: Int
    var end: Int
    /// Starts with an upper-case letter.
    let isCapitalised: Bool
    /// Two letters or more, all upper case ("ISIS", "U.S.").
    let isAllCaps: Bool
    /// Digits only.
    let isNumber: Bool

    init(text: String, isPossessive: Bool = false, start: Int, end: Int) {
        self.init(text: text, scalars: text.unicodeScalars, isPossessive: isPossessive, start: start, end: end)
    }

    /// A token whose text is `scalars`, already at hand.
    init(
        text: String, scalars: some Collection<Unicode.Scalar>, isPossessive: Bool = false, start: Int, end: Int
    ) {
        self.text = text
        self.isPossessive = isPossessive
        self.start = start
        self.end = end
        var letters = 0
        var upper = 0
        var numeric = true
        var first: Bool?
        for scalar in scalars {
            let isUpper: Bool
            let isLetter: Bool
            if scalar.isASCII {
                isUpper = (0x41...0x5A).contains(scalar.value)
                isLetter = isUpper || (0x61...0x7A).contains(scalar.value)
                if !(0x30...0x39).contains(scalar.value) { numeric = false }
            } else {
                let properties = scalar.properties
                isUpper = properties.isUppercase
                isLetter = properties.isAlphabetic
                if properties.numericType == nil { numeric = false }
            }
            if first == nil { first = isUpper }
            if isLetter {
                letters += 1
                if isUpper { upper += 1 }
            }
        }
        isCapitalised = first ?? false
        isAllCaps = letters >= 2 && upper == letters
        isNumber = !scalars.isEmpty && numeric
    }
}

/// Splits a sentence into words: letters and digits, with inner hyphens, apostrophes and the
/// dots of abbreviations ("U.S.", "ISIS-K", "McKenzie"); a possessive "'s" is dropped.
enum Tokenizer {
    static func tokens(_ text: String) -> [Token] { tokens(ScalarText(text)) }

    static func tokens(_ text: ScalarText) -> [Token] {
        let scalars = text.scalars
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
            var end = index
            var possessive = false
            if end - start > 2, scalars[end - 1] == "s", scalars[end - 2] == "'" || scalars[end - 2] == "’" {
                end -= 2
                possessive = true
            }
            tokens.append(
                Token(
                    text: text.string(start..<end), scalars: scalars[start..<end], isPossessive: possessive,
                    start: start, end: end))
        }
        return tokens
    }

    /// A dot inside single letters: "U.S.", "e.g." — not a sentence's or a word's end.
    private static func isAbbreviationDot(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        index > 0 && scalars[index - 1].isLetter && (index < 2 || !scalars[index - 2].isLetter)
    }
}

/// A sentence split into tokens once, for every recogniser that reads it.
struct TokenizedSentence {
    let text: ScalarText
    let tokens: [Token]

    init(_ sentence: String) {
        text = ScalarText(sentence)
        tokens = Tokenizer.tokens(text)
    }

    var scalars: [Unicode.Scalar] { text.scalars }
}

extension Unicode.Scalar {
    /// A letter, with an ASCII fast path.
    @inline(__always) var isLetter: Bool {
        if isASCII { return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
        return properties.isAlphabetic
    }
}
