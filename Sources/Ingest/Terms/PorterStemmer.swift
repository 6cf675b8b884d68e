/// Martin Porter's stemmer, in the revised form SQLite's FTS5 `porter` tokenizer uses, so that a
/// stem computed here names the same term as the full-text index ("attacks", "attacking" → "attack").
///
/// Works on lower-case ASCII words; anything shorter than three letters, longer than 64 or with
/// other characters is returned as it is, as FTS5 does.
public enum PorterStemmer {
    public static func stem(_ word: String) -> String {
        let utf8 = Array(word.utf8)
        guard isStemmable(utf8) else { return word }
        var stemmer = Word(utf8)
        stemmer.stem()
        return String(decoding: stemmer.letters, as: UTF8.self)
    }

    /// Stems the UTF-8 `word` into `stem`, whose bytes are replaced; its storage is reused, so
    /// that stemming many words allocates once.
    static func stem(_ word: UnsafeBufferPointer<UInt8>, into stem: inout [UInt8]) {
        stem.removeAll(keepingCapacity: true)
        stem.append(contentsOf: word)
        guard isStemmable(word) else { return }
        var stemmer = Word([])
        swap(&stemmer.letters, &stem)
        stemmer.stem()
        swap(&stemmer.letters, &stem)
    }

    private static func isStemmable(_ word: some Collection<UInt8>) -> Bool {
        word.count >= 3 && word.count <= 64 && word.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
    }

    private struct Word {
        var letters: [UInt8]

        init(_ letters: [UInt8]) { self.letters = letters }

        mutating func stem() {
            step1a()
            step1b()
            step1c()
            step2()
            step3()
            step4()
            step5()
        }

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
                // From the last letter back: most suffixes differ there.
                let offset = letters.count - count
                for index in (0..<count).reversed() where letters[offset + index] != suffix[index] { return false }
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

        static let step2Rules = RulesByLastLetter([
            ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
            ("logi", "log"), ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
            ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
            ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
        ])

        mutating func step2() { applyLongest(Self.step2Rules) }

        static let step3Rules = RulesByLastLetter([
            ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""),
            ("ness", ""),
        ])

        mutating func step3() { applyLongest(Self.step3Rules) }

        static let step4Suffixes = RulesByLastLetter(
            [
                "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
                "ate", "iti", "ous", "ive", "ize",
            ].map { ($0, "") })

        mutating func step4() {
            // The longest suffix that matches decides, as in the original's switch on the last letters.
            guard let (suffix, _) = longestRule(in: Self.step4Suffixes) else { return }
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
        private mutating func applyLongest(_ rules: RulesByLastLetter) {
            guard let (suffix, replacement) = longestRule(in: rules) else { return }
            let stemLength = letters.count - suffix.utf8CodeUnitCount
            guard measure(stemLength) > 0 else { return }
            letters.removeLast(suffix.utf8CodeUnitCount)
            replacement.withUTF8Buffer { letters.append(contentsOf: $0) }
        }

        /// The rule with the longest suffix the word ends with.
        private func longestRule(in rules: RulesByLastLetter) -> (suffix: StaticString, replacement: StaticString)? {
            guard let last = letters.last, last >= 0x61, last <= 0x7A else { return nil }
            var longest: (suffix: StaticString, replacement: StaticString)?
            for rule in rules.ending[Int(last - 0x61)]
            where ends(rule.suffix) && rule.suffix.utf8CodeUnitCount > (longest?.suffix.utf8CodeUnitCount ?? 0) {
                longest = rule
            }
            return longest
        }
    }

    /// Suffix rules grouped by their suffix's last letter, so that a word is only checked against
    /// the few that can match.
    struct RulesByLastLetter: Sendable {
        let ending: [[(suffix: StaticString, replacement: StaticString)]]

        init(_ rules: [(StaticString, StaticString)]) {
            var ending = Array(repeating: [(suffix: StaticString, replacement: StaticString)](), count: 26)
            for (suffix, replacement) in rules {
                let last = suffix.withUTF8Buffer { $0[$0.count - 1] }
                ending[Int(last - 0x61)].append((suffix, replacement))
            }
            self.ending = ending
        }
    }
}
