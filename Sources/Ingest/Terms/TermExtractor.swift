import Foundation

/// Index terms the way the full-text index makes them: words of letters and digits, lower-cased,
/// diacritics removed, Porter-stemmed. Shared by ranking (term overlap) and similarity (term vectors).
public enum TermExtractor {
    /// The stemmed terms of `text`, in order, stopwords included; irregular verbs by their base
    /// form, so "won" meets "wins".
    public static func terms(_ text: String) -> [String] {
        words(text).map(term)
    }

    /// The index term of one lower-cased word: its base form, stemmed.
    public static func term(_ word: String) -> String { PorterStemmer.stem(baseForm(word)) }

    /// The base form of an irregular English verb form ("built" → "build"), else the word.
    public static func baseForm(_ word: String) -> String { irregularForms[word] ?? word }

    static let irregularForms: [String: String] = {
        let verbs: [String: [String]] = [
            "win": ["won"], "feed": ["fed"], "build": ["built"], "begin": ["began", "begun"],
            "write": ["wrote", "written"], "take": ["took", "taken"], "make": ["made"], "tell": ["told"],
            "find": ["found"], "hold": ["held"], "lead": ["led"], "pay": ["paid"], "sell": ["sold"],
            "buy": ["bought"], "bring": ["brought"], "think": ["thought"], "go": ["went", "gone"],
            "come": ["came"], "run": ["ran"], "see": ["saw", "seen"], "give": ["gave", "given"],
            "know": ["knew", "known"], "grow": ["grew", "grown"], "keep": ["kept"], "lose": ["lost"],
            "meet": ["met"], "stand": ["stood"], "fall": ["fell", "fallen"], "choose": ["chose", "chosen"],
            "speak": ["spoke", "spoken"], "break": ["broke", "broken"], "catch": ["caught"], "teach": ["taught"],
            "fight": ["fought"], "drive": ["drove", "driven"], "eat": ["ate", "eaten"], "fly": ["flew", "flown"],
            "rise": ["rose", "risen"], "send": ["sent"], "spend": ["spent"], "steal": ["stole", "stolen"],
            "strike": ["struck"], "swim": ["swam"], "throw": ["threw", "thrown"], "wear": ["wore", "worn"],
            "sing": ["sang", "sung"], "hide": ["hid", "hidden"], "shoot": ["shot"], "sit": ["sat"],
            "sleep": ["slept"], "leave": ["left"], "mean": ["meant"], "hear": ["heard"], "get": ["got", "gotten"],
        ]
        var forms: [String: String] = [:]
        for (base, irregular) in verbs {
            for form in irregular { forms[form] = base }
        }
        return forms
    }()

    /// The stemmed terms of `text` that carry meaning: no stopwords, no bare numbers.
    public static func contentTerms(_ text: String) -> [String] {
        words(text).compactMap { word in
            guard !Stopwords.english.contains(word), !isNumber(word) else { return nil }
            return term(word)
        }
    }

    /// Lower-cased words of `text` without diacritics.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        forEachWord(in: text) { words.append(String(decoding: $0, as: UTF8.self)) }
        return words
    }

    /// Calls `body` with the UTF-8 bytes of each word of `text`, lower-cased and without
    /// diacritics; the bytes are only valid during the call.
    ///
    /// Reads UTF-8 bytes: ASCII words (most of them) are lower-cased byte by byte into one
    /// buffer; a word with other letters is folded by Foundation.
    static func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        var lowered = [UInt8](repeating: 0, count: 64)
        text.withUTF8 { bytes in
            var start = -1
            var isASCII = true
            var index = 0
            func flush(_ end: Int) {
                guard start >= 0 else { return }
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if isASCII {
                    if lowered.count < slice.count { lowered = [UInt8](repeating: 0, count: slice.count) }
                    lowered.withUnsafeMutableBufferPointer { buffer in
                        for (offset, byte) in slice.enumerated() {
                            buffer[offset] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                        }
                        body(UnsafeBufferPointer(rebasing: buffer[..<slice.count]))
                    }
                } else {
                    var folded = String(decoding: slice, as: UTF8.self).folding(
                        options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                    // Foundation may hand back a bridged string, which has no contiguous UTF-8.
                    folded.withUTF8 { body($0) }
                }
                start = -1
                isASCII = true
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    let lower = byte | 0x20
                    if (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x7A) {
                        if start < 0 { start = index }
                    } else {
                        flush(index)
                    }
                    index += 1
                    continue
                }
                let (scalar, length) = ScalarText.decode(bytes, at: index)
                if scalar.isWordScalar {
                    if start < 0 { start = index }
                    isASCII = false
                } else {
                    flush(index)
                }
                index += length
            }
            flush(bytes.count)
        }
    }

    /// The document's most frequent content terms with their counts, most frequent first: the
    /// vector that similar-document ranking compares. Terms are made as `term(_:)` makes them.
    public static func keyTerms(of document: Document, limit: Int = 48) -> [TermCount] {
        // Count words first and stem each distinct word once: most words recur.
        var tally = WordTally(capacity: 512)
        func add(_ text: String) { forEachWord(in: text) { tally.add($0) } }
        add(document.title)
        for section in document.sections {
            if let heading = section.heading { add(heading) }
            for paragraph in section.paragraphs where paragraph.kind == .prose { add(paragraph.text) }
        }
        // Then stem each distinct word that carries meaning, and add its count to its stem's.
        var stems = WordTally(capacity: tally.count)
        var surfaces: [Int] = []  // for each stem, the tally entry of its first word
        var stem: [UInt8] = []
        for (index, entry) in tally.entries.enumerated() {
            tally.withWord(entry) { word in
                let known = knownWords.index(of: word).map { knownMeanings[$0] }
                guard known != .stopword, isKeyWord(word) else { return }
                // Irregular forms by their base, as questions are: "built" counts for "build".
                if case .irregular(let base) = known {
                    base.withUnsafeBufferPointer { PorterStemmer.stem($0, into: &stem) }
                } else {
                    PorterStemmer.stem(word, into: &stem)
                }
                if stem.withUnsafeBufferPointer({ stems.add($0, count: entry.count).isNew }) { surfaces.append(index) }
            }
        }
        // Only the terms at or above the limit's count need sorting: most terms occur once.
        let counts = stems.entries.map(\.count)
        var cutoff = 0
        if counts.count > limit { cutoff = counts.sorted(by: >)[limit - 1] }
        var kept = counts.indices.filter { counts[$0] >= cutoff }
        kept.sort(by: stems.ordersByCountThenWord)
        return kept.prefix(limit).map { index in
            TermCount(
                term: stems.word(stems.entries[index]), word: tally.word(tally.entries[surfaces[index]]),
                count: counts[index])
        }
    }

    /// Whether a lower-cased word that is not a stopword can be a key term: two characters or
    /// more, not a bare number.
    private static func isKeyWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        // Characters are counted by their first bytes.
        guard word.lazy.filter({ $0 & 0xC0 != 0x80 }).count >= 2 else { return false }
        guard word.allSatisfy({ $0 < 0x80 }) else { return !isNumber(String(decoding: word, as: UTF8.self)) }
        return !word.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// What key terms need to know of a word before stemming it.
    private enum KnownWord: Equatable {
        case stopword
        /// An irregular verb form, with the UTF-8 bytes of its base form.
        case irregular(base: [UInt8])
    }

    /// Stopwords and irregular verb forms in one table, so that a word is looked up once.
    private static let (knownWords, knownMeanings): (WordTally, [KnownWord]) = {
        var words = WordTally(capacity: 256)
        var meanings: [KnownWord] = []
        func add(_ word: String, _ meaning: KnownWord) {
            var word = word
            if word.withUTF8({ words.add($0).isNew }) { meanings.append(meaning) }
        }
        for word in Stopwords.english { add(word, .stopword) }
        for (form, base) in irregularForms { add(form, .irregular(base: Array(base.utf8))) }
        return (words, meanings)
    }()

    /// Digits only ("2021", "٢٠٢١").
    static func isNumber(_ word: String) -> Bool {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.utf8.allSatisfy { (0x30...0x39).contains($0) } }
        return word.allSatisfy(\.isNumber)
    }
}

public struct TermCount: Sendable, Equatable, Hashable {
    /// The stem, as the index knows it.
    public var term: String
    /// The first word in the text with that stem, to show people.
    public var word: String
    public var count: Int

    public init(term: String, word: String, count: Int) {
        self.term = term
        self.word = word
        self.count = count
    }
}

/// English words too common to tell passages or documents apart.
public enum Stopwords {
    public static let english: Set<String> = [
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "to", "of",
        "in", "on", "at", "by", "for", "with", "from", "as", "and", "or", "but", "if", "then", "so", "than", "that",
        "this", "these", "those", "it", "its", "what", "which", "who", "whom", "whose", "when", "where", "why",
        "how", "can", "could", "should", "would", "will", "shall", "may", "might", "must", "has", "have", "had",
        "there", "their", "they", "them", "he", "she", "his", "her", "him", "we", "our", "us", "you", "your", "i",
        "me", "my", "about", "into", "any", "some", "not", "no", "also", "very", "just", "more", "most", "other",
        "such", "only", "own", "same", "too", "each", "both", "all", "over", "after", "before", "while", "one",
        "s", "t", "said", "says", "many", "much", "out", "up", "down", "off", "again", "further", "once",
    ]
}
