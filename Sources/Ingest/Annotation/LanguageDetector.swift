/// Guesses a text's language from its most common words and its letters; good enough to tell a
/// document's language and a stray fragment in another one.
enum LanguageDetector {
    static let stopwords: [String: Set<String>] = [
        "en": [
            "the", "and", "of", "to", "in", "is", "that", "for", "it", "with", "as", "was", "on", "are", "by", "this",
            "be", "at", "from", "have",
        ],
        "fr": [
            "le", "la", "les", "et", "des", "est", "que", "une", "pour", "dans", "qui", "pas", "sur", "au", "avec",
            "du", "ce", "il", "sont", "par",
        ],
        "de": [
            "der", "die", "und", "das", "ist", "nicht", "mit", "den", "ein", "eine", "zu", "auf", "für", "von", "sich",
            "dem", "des", "auch", "wird", "im",
        ],
        "es": [
            "el", "la", "los", "las", "de", "que", "y", "en", "un", "una", "es", "por", "con", "para", "se", "del",
            "al", "como", "más", "pero",
        ],
        "it": [
            "il", "di", "che", "e", "la", "per", "un", "una", "non", "sono", "gli", "con", "del", "della", "le", "si",
            "anche", "come", "più", "nel",
        ],
        "pt": [
            "o", "a", "os", "as", "de", "que", "e", "do", "da", "em", "um", "uma", "para", "com", "não", "por", "mais",
            "dos", "das", "se",
        ],
        "nl": [
            "de", "het", "een", "en", "van", "is", "dat", "op", "te", "in", "niet", "zijn", "voor", "met", "die", "er",
            "ook", "aan", "maar", "dan",
        ],
        "vi": [
            "và", "của", "là", "các", "có", "được", "cho", "vào", "trong", "những", "với", "không", "này", "một",
            "người", "chính", "phủ", "đã", "khi", "về",
        ],
    ]

    /// Letters that only Vietnamese uses among these languages, in both cases.
    static let vietnameseLetters: Set<UInt32> = {
        let lower = "ăơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
        return Set((lower + lower.uppercased()).unicodeScalars.map(\.value))
    }()

    /// Every stop word, with the languages it belongs to as bits (in `languages` order).
    private static let languages = stopwords.keys.sorted()
    private static let stopwordLanguages: (words: WordTally, masks: [UInt16]) = {
        var words = WordTally(capacity: 256)
        var masks: [UInt16] = []
        for (bit, language) in languages.enumerated() {
            for var word in stopwords[language]! {
                let (index, isNew) = word.withUTF8 { words.add($0) }
                if isNew { masks.append(0) }
                masks[index] |= 1 << bit
            }
        }
        return (words, masks)
    }()

    static func detect(_ text: String) -> String? {
        var counter = StopwordCounter(languages: languages.count)
        var text = text
        text.withUTF8 { counter.read($0) }
        guard counter.words > 0 else { return nil }
        var scores = counter.scores
        if let vi = languages.firstIndex(of: "vi") { scores[vi] += counter.vietnamese * 2 }
        var best: (language: String, score: Int)?
        for (bit, language) in languages.enumerated() {
            let score = scores[bit]
            if score > (best?.score ?? 0) || (score > 0 && score == best?.score && language == "en") {
                best = (language, score)
            }
        }
        return best.map(\.language)
    }

    /// Counts a text's words, the stop words of each language among them, and Vietnamese letters.
    private struct StopwordCounter {
        var scores: [Int]
        var words = 0
        var vietnamese = 0
        private var word: [UInt8] = []

        init(languages: Int) {
            scores = Array(repeating: 0, count: languages)
            word.reserveCapacity(16)
        }

        /// Reads UTF-8 bytes: ASCII ones as they are, other characters decoded.
        mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            while index < bytes.count {
                let value = bytes[index]
                guard value >= 0x80 else {
                    switch value {
                    case 0x41...0x5A: word.append(value | 0x20)
                    case 0x61...0x7A, 0x30...0x39: word.append(value)
                    case UInt8(ascii: "'") where !word.isEmpty: word.append(value)
                    default: endWord()
                    }
                    index += 1
                    continue
                }
                let (scalar, length) = ScalarText.decode(bytes, at: index)
                index += length
                if scalar.isWordScalar {
                    if vietnameseLetters.contains(scalar.value) { vietnamese += 1 }
                    for lower in scalar.properties.lowercaseMapping.utf8 { word.append(lower) }
                } else if scalar == "’", !word.isEmpty {
                    word.append(UInt8(ascii: "'"))
                } else {
                    endWord()
                }
            }
            endWord()
        }

        private mutating func endWord() {
            guard !word.isEmpty else { return }
            words += 1
            // Stop words are short: longer words need no look-up.
            if word.count <= 8, let index = word.withUnsafeBufferPointer({ stopwordLanguages.words.index(of: $0) }) {
                let mask = stopwordLanguages.masks[index]
                for bit in scores.indices where mask & (1 << bit) != 0 { scores[bit] += 1 }
            }
            word.removeAll(keepingCapacity: true)
        }
    }

    /// Bracketed or parenthesised fragments of three words or more in another language.
    static func foreignSpans(in paragraphs: [String], documentLanguage: String?) -> [ForeignSpan] {
        guard let documentLanguage else { return [] }
        var spans: [ForeignSpan] = []
        for paragraph in paragraphs
        where paragraph.utf8.containsByte(UInt8(ascii: "[")) || paragraph.utf8.containsByte(UInt8(ascii: "(")) {
            var current: String?
            for character in paragraph {
                if character == "[" || character == "(" {
                    current = ""
                } else if character == "]" || character == ")" {
                    if let text = current, WordCounter.count(text, upTo: 3) >= 3, let language = detect(text),
                        language != documentLanguage
                    {
                        spans.append(ForeignSpan(text: text, language: language))
                    }
                    current = nil
                } else if current != nil {
                    current!.append(character)
                }
            }
        }
        return spans
    }
}
