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

    /// Letters that only Vietnamese uses among these languages.
    static let vietnameseLetters: Set<Character> = [
        "ă", "ơ", "ư", "đ", "ạ", "ả", "ấ", "ầ", "ẩ", "ẫ", "ậ", "ắ", "ằ", "ẳ", "ẵ", "ặ", "ẹ", "ẻ", "ẽ", "ế", "ề", "ể",
        "ễ",
        "ệ", "ỉ", "ị", "ọ", "ỏ", "ố", "ồ", "ổ", "ỗ", "ộ", "ớ", "ờ", "ở", "ỡ", "ợ", "ụ", "ủ", "ứ", "ừ", "ử", "ữ", "ự",
        "ỳ",
        "ỵ", "ỷ", "ỹ", "à", "á", "ì", "í", "ò", "ó", "ù", "ú", "ý", "õ", "ã",
    ]

    static func detect(_ text: String) -> String? {
        let words = Tokenizer.tokens(text).map { $0.text.lowercased() }
        guard !words.isEmpty else { return nil }
        let vietnamese = text.lowercased().filter { vietnameseLetters.contains($0) && !"àáìíòóùúýõã".contains($0) }
            .count
        var best: (language: String, score: Int)?
        for (language, list) in stopwords {
            var score = words.reduce(0) { $0 + (list.contains($1) ? 1 : 0) }
            if language == "vi" { score += vietnamese * 2 }
            if score > (best?.score ?? 0) || (score == best?.score && language == "en") { best = (language, score) }
        }
        return best.map(\.language)
    }

    /// Bracketed or parenthesised fragments of three words or more in another language.
    static func foreignSpans(in paragraphs: [String], documentLanguage: String?) -> [ForeignSpan] {
        guard let documentLanguage else { return [] }
        var spans: [ForeignSpan] = []
        for paragraph in paragraphs
        where paragraph.utf8.contains(UInt8(ascii: "[")) || paragraph.utf8.contains(UInt8(ascii: "(")) {
            var current: String?
            for character in paragraph {
                if character == "[" || character == "(" {
                    current = ""
                } else if character == "]" || character == ")" {
                    if let text = current, WordCounter.count(text) >= 3, let language = detect(text),
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
