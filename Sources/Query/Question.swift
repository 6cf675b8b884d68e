import Ingest

/// What a question asks for, read from its words alone.
public struct Question: Sendable, Equatable {
    /// The kind of thing the answer should hold.
    public enum AnswerType: String, Sendable, CaseIterable {
        case person, organisation, place, date, quantity, reason, manner
        /// A yes/no question: the answer is a statement about what it names.
        case polar
        /// "What is …", "Which …": any fact.
        case fact
    }

    public var text: String
    public var answerType: AnswerType
    /// The words to look for, lower-cased, without stopwords or the question words, in order.
    public var words: [String]
    /// The same words stemmed as the index stems them.
    public var terms: [String]
    /// The terms of words written in lower case: what is said about the names, which the answer
    /// sentence itself should hold (the names may stand in the sentences around it).
    public var predicateTerms: [String]
    /// Word groups that may name an entity ("ISIS-K", "Kenneth McKenzie", "the Haqqani network").
    public var names: [String]
    /// What a quantity question counts, stemmed: "homes" of "How many homes…", "percent" of
    /// "What percentage…".
    public var counted: String?
    /// What a "how long", "how far", "how old"… question measures, when it measures.
    public var measure: Measure?

    public enum Measure: Sendable, Equatable {
        case length, time, size, age
    }

    /// A quantity question that asks for an amount or a measure, which its unit says ("How much
    /// water…", "How wide…", "What percentage…"), rather than how many there are.
    public var asksForAmount = false

    /// What a defining question ("What is ISIS-K?", "Who was Maududi?") asks to have defined.
    public var defined: String?
    /// The noun a "what" or "which" asks about, stemmed: "method" of "What method is used…",
    /// "exponentiation" of "On what type of exponentiation…".
    public var askedNoun: String?
    /// "What type of sanctions…", "What kind of test…": the question asks which kind of the noun,
    /// which its modifiers say ("economic sanctions").
    public var asksForKind = false
    /// The verbs the question turns on, stemmed ("coach" of "Who coaches the team?"), read by
    /// the tagger (``init(_:tagger:)``); empty without it.
    public var verbs: [String] = []
    /// Where a fill-in or statement-shaped question leaves its answer out: the words just before
    /// the gap and just after it, lower-cased. "Telnet was sold to" leaves it after "sold to";
    /// "Although not a fuel ___ is" between "fuel" and "is".
    public var gap: (before: [String], after: [String])?
    /// Whether the question asks for who or what does something ("What stretched across
    /// Europe?": the verb's subject) rather than what is done to it ("What did Shirley leave?"),
    /// read from the words after its question word (``init(_:tagger:)``); nil when they do not say.
    public var asksForSubject: Bool?

    public init(_ text: String) {
        self.text = text
        let words = TermExtractor.words(text)
        let asking = Self.askingWords(text, words: words)
        answerType = Self.answerType(of: asking)
        asksForAmount = answerType == .quantity && !asking.contains { $0 == "many" || $0 == "number" }
        var seen: Set<String> = []
        var kept: [String] = []
        for word in words where !Stopwords.english.contains(word) && !Self.questionWords.contains(word) {
            if seen.insert(word).inserted { kept.append(word) }
        }
        if kept.isEmpty {
            // "Who is he?": nothing but small words; look for them all rather than for nothing.
            for word in words where seen.insert(word).inserted { kept.append(word) }
        }
        // The index does not know irregular verbs: look for "won" and "win" both.
        self.words = uniqued(kept.flatMap { word in [word, TermExtractor.baseForm(word)] })
        // One-letter pieces ("k" of ISIS-K) would count a name twice.
        let stems = uniqued(kept.map(TermExtractor.term))
        let meaningful = stems.filter { $0.count > 1 }
        terms = meaningful.isEmpty ? stems : meaningful
        let lowercase = Set(
            text.split(whereSeparator: { $0.isWhitespace }).dropFirst()
                .filter { $0.first?.isLowercase == true }
                .flatMap { TermExtractor.terms(String($0)) })
        predicateTerms = terms.filter { lowercase.contains($0) }
        names = Self.names(in: text)
        counted = answerType == .quantity ? Self.counted(in: words) : nil
        measure = answerType == .quantity ? Self.measure(in: words) : nil
        defined = Self.defined(in: text)
        askedNoun = Self.askedNoun(in: words)
        asksForKind = Self.asksForKind(in: words)
        gap = Self.gap(in: text)
    }

    /// The same, with the verbs read from the words' parts of speech; a what-question's noun is
    /// only a noun the tagger says is one ("What provided…" asks about no noun).
    public init(_ text: String, tagger: PartOfSpeechTagger) {
        self.init(text)
        let words = WordSplitter.words(text).map(\.text)
        let tags = tagger.tag(words)
        verbs = uniqued(
            zip(words, tags).filter { $0.1 == .verb }.map { TermExtractor.term($0.0.lowercased()) }
                .filter { !Self.questionTerms.contains($0) })
        if let noun = askedNoun,
            !zip(words, tags).contains(where: {
                ($0.1 == .noun || $0.1 == .properNoun) && TermExtractor.term($0.0.lowercased()) == noun
            })
        {
            askedNoun = nil
        }
        asksForSubject = Self.asksForSubject(words: words.map { $0.lowercased() }, tags: tags)
    }

    /// After the question word and the noun it may ask about: a verb, or an auxiliary other than
    /// a form of "do" or "be", asks for the subject ("What stretched…", "Which troops attacked…",
    /// "Who has led…"); "do" asks for something else ("What did Shirley leave…").
    static func asksForSubject(words: [String], tags: [PartOfSpeech]) -> Bool? {
        guard let wh = words.firstIndex(where: { ["what", "which", "who", "whom"].contains($0) }) else { return nil }
        var index = wh + 1
        while index < tags.count, [.adjective, .noun, .properNoun, .numeral].contains(tags[index]) { index += 1 }
        guard index < tags.count else { return nil }
        if ["do", "does", "did"].contains(words[index]) { return false }
        if tags[index] == .verb { return true }
        guard tags[index] == .auxiliary else { return nil }
        if ["is", "are", "was", "were", "be"].contains(words[index]) {
            // "What was invented…": a passive asks for its subject; "What is the name…" says nothing.
            return index + 1 < tags.count && tags[index + 1] == .verb ? true : nil
        }
        return true
    }

    /// Everything else is read from the text.
    public static func == (left: Question, right: Question) -> Bool {
        left.text == right.text
    }

    static func gap(in text: String) -> (before: [String], after: [String])? {
        let tokens = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        func words(_ tokens: ArraySlice<String>) -> [String] {
            tokens.flatMap { TermExtractor.words($0) }
        }
        if let blank = tokens.firstIndex(where: { $0.contains("__") }) {
            return (Array(words(tokens[..<blank]).suffix(2)), Array(words(tokens[(blank + 1)...]).prefix(2)))
        }
        guard text.last(where: { !$0.isWhitespace }) != "?", let first = tokens.first.map({ $0.lowercased() }),
            !first.hasPrefix("wh"), first != "how", !auxiliaries.contains(first), tokens.count >= 2
        else { return nil }
        return (Array(words(tokens[...]).suffix(2)), [])
    }

    static let kindWords: Set<String> = ["kind", "kinds", "type", "types", "sort", "sorts"]

    static func askedNoun(in words: [String]) -> String? {
        guard let wh = words.firstIndex(where: { $0 == "what" || $0 == "which" }) else { return nil }
        // "what type of exponentiation": the noun after the kind words, or the kind itself.
        let after = words[(wh + 1)...]
        let rest = after.drop { kindWords.contains($0) || $0 == "of" }
        guard let noun = rest.first ?? after.first, !Stopwords.english.contains(noun), !auxiliaries.contains(noun)
        else { return nil }
        return TermExtractor.term(noun)
    }

    /// "what type of X", "which kinds of X".
    static func asksForKind(in words: [String]) -> Bool {
        guard let wh = words.firstIndex(where: { $0 == "what" || $0 == "which" }), wh + 3 < words.count else {
            return false
        }
        return kindWords.contains(words[wh + 1]) && words[wh + 2] == "of"
    }

    /// "What is ISIS-K?", "Who was Sayyid Maududi?", "What is a prime number?": the thing to define,
    /// without its article.
    static func defined(in text: String) -> String? {
        var words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard words.count >= 3, ["what", "who"].contains(words[0].lowercased()),
            ["is", "are", "was", "were"].contains(words[1].lowercased())
        else { return nil }
        words.removeFirst(2)
        if ["a", "an", "the"].contains(words[0].lowercased()), words.count > 1 { words.removeFirst() }
        let joined = words.joined(separator: " ")
        let phrase = String(joined.reversed().drop { $0 == "?" || $0 == "." || $0 == " " }.reversed())
        // "What is the name of …", "Who is the head of …" ask for something else than a definition.
        let asksMore =
            phrase.split(separator: " ").count > 4
            || phrase.split(separator: " ").contains {
                ["of", "in", "for", "on", "by", "to", "that", "which"].contains($0)
            }
        return phrase.isEmpty || asksMore ? nil : phrase
    }

    static func measure(in words: [String]) -> Measure? {
        guard let how = words.firstIndex(of: "how"), how + 1 < words.count else { return nil }
        return measureWords[words[how + 1]]
    }

    /// The words that follow "how" to ask for a measure, and what each measures.
    static let measureWords: [String: Measure] = [
        "long": .time, "far": .length, "tall": .length, "high": .length, "wide": .length, "deep": .length,
        "big": .size, "large": .size, "old": .age,
    ]

    static func counted(in words: [String]) -> String? {
        guard let index = words.firstIndex(where: { ["many", "much", "percentage", "number", "amount"].contains($0) })
        else { return nil }
        if words[index] == "percentage" { return TermExtractor.term("percent") }
        let next = words.dropFirst(index + 1).first { $0 != "of" }
        guard let next, !Stopwords.english.contains(next), !auxiliaries.contains(next) else { return nil }
        return TermExtractor.term(next)
    }

    static let questionWords: Set<String> = ["whom", "whose", "much", "many", "long", "happen", "happened"]
    /// The same, stemmed.
    static let questionTerms = Set(questionWords.map { PorterStemmer.stem($0) })

    static let auxiliaries: Set<String> = [
        "is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would", "has", "have", "had",
        "should", "shall", "may", "might", "must", "isn", "aren", "wasn", "doesn", "didn",
    ]

    /// The words that ask: a question that opens with a clause set off by a comma asks with the
    /// words after it ("At the time of its formation, how many members…", "When forces act on
    /// a body, what…", "In 1735, where did…"). One that opens with its question word ("When
    /// was…", "Who, in the end, …") asks with all its words.
    static func askingWords(_ text: String, words: [String]) -> [String] {
        guard let first = words.first else { return words }
        let second = words.dropFirst().first ?? ""
        // "When" and "where" also open a clause ("When the Rhine emerges…, which way…"); asking,
        // an auxiliary follows them ("When did…").
        let opensAsking = ["when", "where"].contains(first) ? auxiliaries.contains(second) : whWords.contains(first)
        guard !opensAsking else { return words }
        let clauses = text.split(separator: ",", omittingEmptySubsequences: false)
        for index in clauses.indices.dropFirst() {
            guard let opening = TermExtractor.words(String(clauses[index])).first, whWords.contains(opening) else {
                continue
            }
            return TermExtractor.words(clauses[index...].joined(separator: ","))
        }
        return words
    }

    static let whWords: Set<String> = ["who", "whom", "whose", "what", "which", "when", "where", "why", "how"]

    static func answerType(of words: [String]) -> AnswerType {
        var words = words[...]
        while let first = words.first, ["and", "so", "but", "then", "ok", "please", "tell", "me"].contains(first) {
            words = words.dropFirst()
        }
        guard let first = words.first else { return .fact }
        let second = words.dropFirst().first ?? ""
        let third = words.dropFirst(2).first ?? ""
        switch first {
        case "who", "whom", "whose": return .person
        case "when": return .date
        case "where": return .place
        case "why": return .reason
        case "how":
            // How many, how much, how often, and how a measure: "how long", "how wide", "how old".
            return ["many", "much", "often"].contains(second) || measureWords.keys.contains(second)
                ? .quantity : .manner
        case "since", "until": return second == "when" ? .date : .fact
        case "what", "which", "in", "at", "for", "on", "from":
            let noun = ["what", "which"].contains(first) ? second : third
            switch noun {
            case "year", "date", "day", "month", "time", "decade", "century": return .date
            case "country", "city", "place", "region", "province", "town", "countries", "cities": return .place
            case "organisation", "organization", "group", "company", "agency", "network", "institute":
                return .organisation
            case "person", "man", "woman", "leader", "researcher", "general", "president": return .person
            case "reason", "cause": return .reason
            case "percentage", "number", "amount": return .quantity
            default: return .fact
            }
        default:
            return auxiliaries.contains(first) ? .polar : .fact
        }
    }

    /// Runs of words that could be a name: capitalised or with capitals inside ("ISIS-K"), with
    /// "of", "the" and "for" allowed between them; every run and its sub-runs of up to four words.
    static func names(in text: String) -> [String] {
        let tokens = text.split(whereSeparator: { $0.isWhitespace }).map { raw in
            String(raw.trimmingPrefix(while: { !$0.isLetter && !$0.isNumber }))
                .reversed().drop(while: { !$0.isLetter && !$0.isNumber }).reversed()
        }.map { String($0) }
        var names: [String] = []
        var run: [String] = []
        func flush() {
            while let last = run.last, ["of", "the", "for", "and"].contains(last) { run.removeLast() }
            if !run.isEmpty {
                for length in 1...min(4, run.count) {
                    for start in 0...(run.count - length) {
                        let words = run[start..<(start + length)]
                        guard let first = words.first, let last = words.last,
                            !["of", "the", "for", "and"].contains(first), !["of", "the", "for", "and"].contains(last)
                        else { continue }
                        names.append(words.joined(separator: " "))
                    }
                }
            }
            run.removeAll()
        }
        for (index, token) in tokens.enumerated() {
            let lower = token.lowercased()
            let isNameLike =
                token.first?.isUppercase == true
                && !(index == 0 && (auxiliaries.contains(lower) || lower.hasPrefix("wh") || lower == "how"))
            if isNameLike && !Stopwords.english.contains(lower) {
                run.append(token)
            } else if !run.isEmpty && ["of", "the", "for", "and"].contains(lower) {
                run.append(lower)
            } else {
                flush()
            }
        }
        flush()
        return Array(uniqued(names))
    }
}

/// The elements in first-seen order without repeats.
func uniqued<Element: Hashable>(_ elements: [Element]) -> [Element] {
    var seen: Set<Element> = []
    return elements.filter { seen.insert($0).inserted }
}
