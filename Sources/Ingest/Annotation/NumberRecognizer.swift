/// Finds quantities: numerals with thousands separators and decimals ("2,000 fighters",
/// "3.5 percent", "40-megawatt"), amounts of money ("$1.5 billion"), number words before what
/// they count ("three attacks"), and rough counts ("dozens of people").
///
/// Years, days of the month, times and numbers inside names ("COVID-19") are left to the date
/// recogniser or left alone.
enum NumberRecognizer {
    /// "one" is left out: "at one point", "one day" are seldom counts.
    static let numberWords: [String: Double] = [
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
        "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
        "dozen": 12,
    ]
    /// "dozens of", "thousands of": at least two of them.
    static let roughCounts: [String: Double] = [
        "dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2_000_000,
        "billions": 2_000_000_000,
    ]
    static let multipliers: [String: Double] = [
        "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
        "trillion": 1_000_000_000_000, "bn": 1_000_000_000,
    ]
    static let currencies: [Unicode.Scalar: String] = ["$": "dollars", "€": "euros", "£": "pounds", "¥": "yen"]
    /// Words after a number that are not what it counts.
    static let notUnits: Set<String> = [
        "and", "or", "to", "of", "in", "on", "at", "by", "per", "than", "a", "an", "the", "yesterday", "today",
        "tomorrow", "tonight",
    ]

    /// Number words and rough counts as they may be written: "three", "Three".
    private static let spelledOutWords: [String: (value: Double, rough: Bool)] = {
        var words: [String: (value: Double, rough: Bool)] = [:]
        for (word, value) in numberWords { words[word] = (value, false) }
        for (word, value) in roughCounts { words[word] = (value, true) }
        for (word, entry) in words { words[word.prefix(1).uppercased() + word.dropFirst()] = entry }
        return words
    }()

    /// The first two letters of number words, to look up only the words that may be one.
    private static let spelledOutStarts = Set(
        spelledOutWords.keys.map { word in
            let scalars = Array(word.unicodeScalars)
            return scalars[0].value << 16 | scalars[1].value
        })

    static func recognise(_ sentence: TokenizedSentence, index: Int) -> [NumberMention] {
        let scanner = Scanner(sentence: sentence)
        let scalars = sentence.scalars
        var numbers: [NumberMention] = []
        var next = 0
        for token in sentence.tokens where token.start >= next {
            var found: Found?
            if scanner.isDigit(scalars[token.start]) {
                let start =
                    token.start > 0 && currencies[scalars[token.start - 1]] != nil ? token.start - 1 : token.start
                found = scanner.numeral(at: start)
            } else if (3...9).contains(token.end - token.start),
                spelledOutStarts.contains(scalars[token.start].value << 16 | scalars[token.start + 1].value),
                let (value, rough) = spelledOutWords[token.text]
            {
                found = scanner.spelledOut(token, value: value, rough: rough)
            }
            guard let found else { continue }
            numbers.append(
                NumberMention(
                    text: sentence.text.string(found.range), value: found.value, unit: found.unit,
                    approximate: found.approximate, sentence: index))
            next = found.range.upperBound
        }
        return numbers
    }

    struct Found {
        var range: Range<Int>
        var value: Double
        var unit: String?
        var approximate = false
    }

    struct Scanner {
        let sentence: TokenizedSentence
        var scalars: [Unicode.Scalar] { sentence.scalars }

        /// "2,000", "$1.5 billion", "40%", "3.5 per cent", "40-megawatt" starting at `start`.
        func numeral(at start: Int) -> Found? {
            var index = start
            var currency: String?
            if let name = currencies[scalars[index]], index + 1 < scalars.count, isDigit(scalars[index + 1]) {
                currency = name
                index += 1
            }
            guard isDigit(scalars[index]), !glued(before: start) else { return nil }
            var digits = ""
            var separated = false
            var decimal = false
            while index < scalars.count {
                let scalar = scalars[index]
                if isDigit(scalar) {
                    digits.unicodeScalars.append(scalar)
                    index += 1
                } else if scalar == ",", !decimal, groupOfThree(after: index) {
                    separated = true
                    index += 1
                } else if scalar == ".", !decimal, index + 1 < scalars.count, isDigit(scalars[index + 1]) {
                    digits.append(".")
                    decimal = true
                    index += 1
                } else {
                    break
                }
            }
            guard var value = Double(digits) else { return nil }
            // Digits running into letters or a colon are an ordinal, a code or a time: "26th", "3D", "8:30".
            if index < scalars.count, scalars[index].isLetter || scalars[index] == ":" { return nil }
            let plain = currency == nil && !separated && !decimal
            var end = index
            var unit = currency
            if index < scalars.count, scalars[index] == "%" {
                return Found(range: start..<(index + 1), value: value, unit: "percent")
            }
            if let (word, wordEnd) = word(after: end), let multiplier = multipliers[word.lowercased()] {
                value *= multiplier
                end = wordEnd
            } else if plain, isYear(value, digits: digits) || isDayOfMonth(value, from: start, to: end) {
                return nil
            }
            if let (word, wordEnd) = word(after: end) {
                if word.lowercased() == "percent" {
                    return Found(range: start..<wordEnd, value: value, unit: "percent")
                }
                if word.lowercased() == "per", let (next, nextEnd) = self.word(after: wordEnd), next == "cent" {
                    return Found(range: start..<nextEnd, value: value, unit: "percent")
                }
                if unit == nil, let counted = counted(word) {
                    unit = counted
                    end = wordEnd
                }
            } else if unit == nil, end < scalars.count, scalars[end] == "-",
                let (word, wordEnd) = hyphenated(after: end),
                let counted = counted(word)
            {
                // "a 40-megawatt farm", "a 12-year-old"
                unit = counted
                end = wordEnd
            }
            return Found(range: start..<end, value: value, unit: unit)
        }

        /// "three attacks", "two million people", "dozens of people": the number word `token`
        /// and what it counts.
        func spelledOut(_ token: Token, value: Double, rough: Bool) -> Found? {
            if rough {
                guard let (of, ofEnd) = word(after: token.end), of == "of",
                    let (counted, countedEnd) = word(after: ofEnd),
                    let unit = self.counted(counted)
                else { return nil }
                return Found(range: token.start..<countedEnd, value: value, unit: unit, approximate: true)
            }
            var value = value
            var end = token.end
            if let (next, nextEnd) = word(after: end), let multiplier = multipliers[next.lowercased()] {
                value *= multiplier
                end = nextEnd
            }
            // A number word counts only with what it counts: "two of them" is no quantity.
            guard let (counted, countedEnd) = word(after: end), let unit = self.counted(counted) else { return nil }
            return Found(range: token.start..<countedEnd, value: value, unit: unit)
        }

        /// The word after white space at `index`, and where it ends.
        func word(after index: Int) -> (String, Int)? {
            var start = index
            while start < scalars.count, scalars[start] == " " { start += 1 }
            return start > index ? letters(from: start) : nil
        }

        /// The word after the hyphen at `index`.
        func hyphenated(after index: Int) -> (String, Int)? { letters(from: index + 1) }

        /// The run of letters at `start`, and where it ends; nil when no letter is there.
        func letters(from start: Int) -> (String, Int)? {
            guard start < scalars.count, scalars[start].isLetter else { return nil }
            var end = start
            while end < scalars.count, scalars[end].isLetter { end += 1 }
            return (sentence.text.string(start..<end), end)
        }

        /// What a number counts, if `word` can be that: a lower-case word, not a function word.
        func counted(_ word: String) -> String? {
            guard word.count >= 2, word.first?.isLowercase == true, !notUnits.contains(word),
                !Stopwords.english.contains(word), Gazetteer.months[word.capitalized] == nil
            else { return nil }
            return word
        }

        /// The digit run starts inside a word or a code: "ISIS-K", "COVID-19", "v2".
        func glued(before start: Int) -> Bool {
            guard start > 0 else { return false }
            let previous = scalars[start - 1]
            if previous.isLetter || previous == "." || previous == "," || previous == ":" { return true }
            if previous == "-", start > 1, scalars[start - 2].isWordScalar { return true }
            return false
        }

        /// The comma at `comma` separates thousands: a digit before it, exactly three after it.
        func groupOfThree(after comma: Int) -> Bool {
            guard comma > 0, comma + 3 < scalars.count, isDigit(scalars[comma - 1]) else { return false }
            guard (1...3).allSatisfy({ isDigit(scalars[comma + $0]) }) else { return false }
            return comma + 4 == scalars.count || !isDigit(scalars[comma + 4])
        }

        /// A plain four-digit number from 1000 to 2099 is a year, which dates cover.
        func isYear(_ value: Double, digits: String) -> Bool { digits.count == 4 && (1000...2099).contains(value) }

        /// "26 August", "August 26": a day, which dates cover.
        func isDayOfMonth(_ value: Double, from start: Int, to end: Int) -> Bool {
            guard (1...31).contains(value) else { return false }
            if let (next, _) = word(after: end), Gazetteer.months[next] != nil { return true }
            var index = start - 1
            while index >= 0, scalars[index] == " " { index -= 1 }
            var wordStart = index
            while wordStart >= 0, scalars[wordStart].isLetter { wordStart -= 1 }
            guard wordStart < index else { return false }
            return Gazetteer.months[sentence.text.string((wordStart + 1)..<(index + 1))] != nil
        }

        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
    }
}

/// Numbers as words are written.
public enum NumberWords {
    /// Whether a word is a number the number recogniser reads: digits ("2,000", "3.5") or a
    /// number word ("twelve", "million").
    public static func contains(_ word: String) -> Bool {
        if let first = word.unicodeScalars.first, (0x30...0x39).contains(first.value) { return true }
        return NumberRecognizer.numberWords[word.lowercased()] != nil
    }

    /// The letters English writes after `value` as an ordinal: "st" (1st, 21st), "nd", "rd",
    /// "th" (4th, 11th, 12th, 13th).
    public static func ordinalSuffix(_ value: Int) -> String {
        switch (value % 100, value % 10) {
        case (11...13, _): "th"
        case (_, 1): "st"
        case (_, 2): "nd"
        case (_, 3): "rd"
        default: "th"
        }
    }
}
