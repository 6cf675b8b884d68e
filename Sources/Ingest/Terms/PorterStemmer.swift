/// Martin Porter's stemmer, in the revised form SQLite's FTS5 `porter` tokenizer uses, so that a
/// stem computed here names the same term as the full-text index ("attacks", "attacking" → "attack").
///
/// Works on lower-case ASCII words; anything shorter than three letters, longer than 64 or with
/// other characters is returned as it is, as FTS5 does.
public enum PorterStemmer {
    public static func stem(_ word: String) -> String {
        let utf8 = Array(word.utf8)
        guard utf8.count >= 3, utf8.count <= 64, utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        var stemmer = Word(utf8)
        stemmer.step1a()
        stemmer.step1b()
        stemmer.step1c()
        stemmer.step2()
        stemmer.step3()
        stemmer.step4()
        stemmer.step5()
        return String(decoding: stemmer.letters, as: UTF8.self)
    }

    private struct Word {
        var letters: [UInt8]

        init(_ letters: [UInt8]) { self.letters = letters }

        func isConsonant(_ index: Int) -> Bool {
            switch letters[index] {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"):
                return false
            case UInt8(ascii: "y"):
                return index == 0 || !isConsonant(index - 1)
            default:
                return true
            }
        }

        /// The number of vowel-consonant sequences in the first `length` letters.
        func measure(_ length: Int) -> Int {
            var count = 0
            var index = 0
            while index < length && isConsonant(index) { index += 1 }
            while index < length {
                while index < length && !isConsonant(index) { index += 1 }
                guard index < length else { break }
                while index < length && isConsonant(index) { index += 1 }
                count += 1
            }
            return count
        }

        func hasVowel(_ length: Int) -> Bool { (0..<length).contains { !isConsonant($0) } }

        func endsWithDoubleConsonant(_ length: Int) -> Bool {
            length >= 2 && letters[length - 1] == letters[length - 2] && isConsonant(length - 1)
        }

        /// Consonant-vowel-consonant at the end, the last not w, x or y ("hop", not "snow").
        func endsCVC(_ length: Int) -> Bool {
            guard length >= 3, isConsonant(length - 1), !isConsonant(length - 2), isConsonant(length - 3)
            else { return false }
            let last = letters[length - 1]
            return last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y")
        }

        func ends(_ suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            guard letters.count >= count else { return false }
            return suffix.withUTF8Buffer { suffix in
                let offset = letters.count - count
                for index in 0..<count where letters[offset + index] != suffix[index] { return false }
                return true
            }
        }

        mutating func step1a() {
            if ends("sses") {
                letters.removeLast(2)
            } else if ends("ies") {
                letters.removeLast(2)
            } else if ends("ss") {
                return
            } else if ends("s") {
                letters.removeLast()
            }
        }

        mutating func step1b() {
            if ends("eed") {
                if measure(letters.count - 3) > 0 { letters.removeLast() }
                return
            }
            var removed = false
            for suffix: StaticString in ["ed", "ing"]
            where ends(suffix) && hasVowel(letters.count - suffix.utf8CodeUnitCount) {
                letters.removeLast(suffix.utf8CodeUnitCount)
                removed = true
                break
            }
            guard removed else { return }
            if ends("at") || ends("bl") || ends("iz") {
                letters.append(UInt8(ascii: "e"))
            } else if endsWithDoubleConsonant(letters.count),
                !(ends("l") || ends("s") || ends("z"))
            {
                letters.removeLast()
            } else if measure(letters.count) == 1 && endsCVC(letters.count) {
                letters.append(UInt8(ascii: "e"))
            }
        }

        mutating func step1c() {
            if ends("y") && hasVowel(letters.count - 1) {
                letters[letters.count - 1] = UInt8(ascii: "i")
            }
        }

        static let step2Rules: [(StaticString, StaticString)] = [
            ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
            ("logi", "log"), ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
            ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
            ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
        ]

        mutating func step2() { applyLongest(Self.step2Rules) }

        static let step3Rules: [(StaticString, StaticString)] = [
            ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""),
            ("ness", ""),
        ]

        mutating func step3() { applyLongest(Self.step3Rules) }

        static let step4Suffixes: [StaticString] = [
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
            "ate", "iti", "ous", "ive", "ize",
        ]

        mutating func step4() {
            // The longest suffix that matches decides, as in the original's switch on the last letters.
            var longest: StaticString?
            for suffix in Self.step4Suffixes
            where ends(suffix) && suffix.utf8CodeUnitCount > (longest?.utf8CodeUnitCount ?? 0) {
                longest = suffix
            }
            guard let suffix = longest else { return }
            let stemLength = letters.count - suffix.utf8CodeUnitCount
            guard measure(stemLength) > 1 else { return }
            if suffix.utf8CodeUnitCount == 3 && ends("ion") {
                guard stemLength > 0,
                    letters[stemLength - 1] == UInt8(ascii: "s") || letters[stemLength - 1] == UInt8(ascii: "t")
                else { return }
            }
            letters.removeLast(suffix.utf8CodeUnitCount)
        }

        mutating func step5() {
            if ends("e") {
                let length = letters.count - 1
                let m = measure(length)
                if m > 1 || (m == 1 && !endsCVC(length)) { letters.removeLast() }
            }
            if ends("ll") && measure(letters.count) > 1 { letters.removeLast() }
        }

        /// Applies the rule whose suffix matches (the longest one) when the stem before it has a vowel-consonant.
        private mutating func applyLongest(_ rules: [(StaticString, StaticString)]) {
            var longest: (suffix: StaticString, replacement: StaticString)?
            for rule in rules
            where ends(rule.0) && rule.0.utf8CodeUnitCount > (longest?.suffix.utf8CodeUnitCount ?? 0) {
                longest = rule
            }
            guard let (suffix, replacement) = longest else { return }
            let stemLength = letters.count - suffix.utf8CodeUnitCount
            guard measure(stemLength) > 0 else { return }
            letters.removeLast(suffix.utf8CodeUnitCount)
            replacement.withUTF8Buffer { letters.append(contentsOf: $0) }
        }
    }
}
