/// Finds names with rules: runs of capitalised words, classified by gazetteers, titles, first
/// names and organisation heads; aliases from titles, last names and acronyms in parentheses.
enum EntityRecognizer {
    static let connectors: Set<String> = ["of", "for", "the", "and", "de", "du", "von", "van", "al", "bin"]
    static let demonyms: Set<String> = [
        "Afghan", "Afghans", "American", "Americans", "Pakistani", "British", "French", "German", "Russian",
        "Chinese", "Iranian", "Iraqi", "Syrian", "Turkish", "Indian", "Israeli", "Palestinian", "Ukrainian",
        "European", "African", "Asian", "Arab", "Arabs", "Western", "Eastern", "Islamic", "Muslim", "Muslims",
        "Christian", "Christians", "Jewish", "Sunni", "Shia", "Pashtun", "Kurdish", "English", "Spanish",
        "Japanese", "Korean", "Vietnamese", "Italian", "Canadian", "Mexican", "Brazilian", "Australian",
    ]
    static let acronymPlaces: [String: String] = [
        "U.S.": "United States", "US": "United States", "U.S": "United States", "USA": "United States",
        "U.S.A.": "United States", "UK": "United Kingdom", "U.K.": "United Kingdom", "UAE": "United Arab Emirates",
    ]

    struct Candidate {
        var name: String
        var kind: Entity.Kind
        var surface: String
        var title: String?
        var sentence: Int
        var acronym: String?
        /// A lone capitalised word at a sentence's start: a name only if the document names it elsewhere.
        var weak = false
    }

    static func recognise(sentence: TokenizedSentence, index: Int) -> [Candidate] {
        let tokens = sentence.tokens
        let scalars = sentence.scalars
        var candidates: [Candidate] = []
        var position = 0
        while position < tokens.count {
            guard tokens[position].isCapitalised else {
                position += 1
                continue
            }
            // Grow a run of capitalised words; connectors only inside organisation names.
            var end = position + 1
            var hasHead = Gazetteer.organisationHeads.contains(tokens[position].text)
            // Names are short: a run stops after a dozen words, which also bounds the work.
            while end < tokens.count, end - position < 12 {
                let token = tokens[end]
                if tokens[end - 1].isPossessive || separated(tokens[end - 1], token, in: scalars) { break }
                if token.isCapitalised {
                    if Gazetteer.organisationHeads.contains(token.text) { hasHead = true }
                    end += 1
                } else if hasHead, connectors.contains(token.text), end + 1 < tokens.count,
                    tokens[end + 1].isCapitalised
                        || (connectors.contains(tokens[end + 1].text) && end + 2 < tokens.count
                            && tokens[end + 2].isCapitalised),
                    !separated(token, tokens[end + 1], in: scalars)
                {
                    end += 1
                } else if Gazetteer.lowercaseOrganisationHeads.contains(token.text),
                    !tokens[end - 1].isAllCaps,
                    !Gazetteer.organisations.contains(tokens[position..<end].map(\.text).joined(separator: " "))
                {
                    end += 1
                    hasHead = true
                    break
                } else {
                    break
                }
            }
            var run = tokens[position..<end]
            let sentenceInitial = position == 0 || startsClause(before: tokens[position], in: scalars)
            // Drop words that only start a sentence, and titles (kept for the alias).
            while let first = run.first, Gazetteer.capitalisedCommonWords.contains(first.text) {
                run.removeFirst()
                if run.isEmpty { break }
            }
            let weak =
                sentenceInitial && run.count == 1 && run.first?.start == tokens[position].start
                && isCommonSentenceStart(run.first!.text, rest: 1)
            var title: String?
            while let first = run.first, run.count > 1, Gazetteer.personTitles.contains(first.text) {
                title = (title.map { $0 + " " } ?? "") + first.text
                run.removeFirst()
            }
            position = end
            guard !run.isEmpty else { continue }
            let words = run.map(\.text)
            let name = words.joined(separator: " ")
            let surfaceStart = run.first!.start
            let surface = sentence.text.string(surfaceStart..<run.last!.end)
            if words.count == 1, demonyms.contains(name) || Gazetteer.months[name] != nil { continue }
            if words.count == 1, run.first!.isNumber { continue }
            var kind = classify(words, title: title, tokens: tokens, after: end)
            var canonical = name
            if let place = acronymPlaces[name] {
                kind = .place
                canonical = place
            }
            if name == "West" || name == "East" {
                // "the West" is a place; "West" alone is just a direction.
                guard run.startIndex > 0, tokens[run.startIndex - 1].text == "the" else { continue }
                kind = .place
            }
            var candidate = Candidate(
                name: canonical, kind: kind, surface: title.map { "\($0) \(surface)" } ?? surface, title: title,
                sentence: index, acronym: nil, weak: weak)
            // "Islamic State (IS)": the acronym in parentheses is another name for it.
            if let acronym = acronymInParentheses(after: run.last!, next: tokens[safe: end], in: scalars) {
                candidate.acronym = acronym
                position = end + 1
            }
            candidates.append(candidate)
        }
        return candidates
    }

    private static func classify(_ words: [String], title: String?, tokens: [Token], after end: Int) -> Entity.Kind {
        let name = words.joined(separator: " ")
        if Gazetteer.organisations.contains(name) { return .organisation }
        if Gazetteer.countries.contains(name) || Gazetteer.cities.contains(name) { return .place }
        if let last = words.last,
            Gazetteer.organisationHeads.contains(last) || Gazetteer.lowercaseOrganisationHeads.contains(last)
        {
            return .organisation
        }
        if words.contains(where: Gazetteer.organisationHeads.contains) { return .organisation }
        if title != nil { return .person }
        if words.count >= 2, Gazetteer.firstNames.contains(words[0]) { return .person }
        if words.count == 1, tokens.indices.contains(end - 1), Token(text: name, start: 0, end: 0).isAllCaps {
            return .organisation  // an acronym: ISIS, NATO
        }
        if words.count >= 2, words.count <= 3, words.allSatisfy({ $0.allSatisfy(\.isLetter) }),
            let next = tokens[safe: end], Gazetteer.speechVerbs.contains(next.text) || next.text == "who"
        {
            return .person  // "Niamh Quinn said", "Niamh Quinn, who coaches the team"
        }
        return .other
    }

    /// Whether a comma, colon, quote or bracket stands between two tokens.
    private static func separated(_ left: Token, _ right: Token, in scalars: [Unicode.Scalar]) -> Bool {
        scalars[left.end..<right.start].contains { !$0.isSpace }
    }

    /// The token follows an opening quote, a colon or a bracket: it starts a clause.
    private static func startsClause(before token: Token, in scalars: [Unicode.Scalar]) -> Bool {
        var index = token.start - 1
        while index >= 0, scalars[index].isSpace { index -= 1 }
        guard index >= 0 else { return true }
        switch scalars[index] {
        case "“", "\"", "‘", "(", "[", ":", "—", "–": return true
        default: return false
        }
    }

    private static func isCommonSentenceStart(_ word: String, rest: Int) -> Bool {
        // A lone capitalised word at a sentence's start that is not a known name is an ordinary word.
        rest == 1 && !Gazetteer.organisations.contains(word) && !Gazetteer.countries.contains(word)
            && !Gazetteer.cities.contains(word) && !Token(text: word, start: 0, end: 0).isAllCaps
            && !word.utf8.containsByte(UInt8(ascii: "-")) && word.lowercased() != word
            && word.dropFirst().allSatisfy(\.isLowercase)
    }

    private static func acronymInParentheses(after last: Token, next: Token?, in scalars: [Unicode.Scalar]) -> String? {
        guard let next, next.isAllCaps || next.text.count <= 5 && next.isCapitalised else { return nil }
        let between = scalars[last.end..<next.start].lazy.filter { !$0.isSpace }
        guard between.count == 1, between.first == "(", next.end < scalars.count, scalars[next.end] == ")" else {
            return nil
        }
        return next.text
    }

    /// One entity per thing: titles and last names folded into the full name, acronyms into what they abbreviate.
    static func merge(_ candidates: [Candidate]) -> [Entity] {
        var entities: [Entity] = []
        var index: [String: Int] = [:]
        struct MentionKey: Hashable {
            var entity: Int
            var sentence: Int
            var text: String
        }
        var seenMentions: Set<MentionKey> = []
        var lastNames: [String: Int] = [:]
        var acronyms: [String: Int] = [:]
        func key(_ name: String) -> String { name.lowercased() }
        func add(_ candidate: Candidate, to position: Int) {
            let mention = Mention(sentence: candidate.sentence, text: candidate.surface)
            if seenMentions.insert(MentionKey(entity: position, sentence: mention.sentence, text: mention.text))
                .inserted
            {
                entities[position].mentions.append(mention)
            }
            for alias in [candidate.surface, candidate.acronym].compactMap({ $0 })
            where alias != entities[position].name && !entities[position].aliases.contains(alias) {
                entities[position].aliases.append(alias)
            }
        }
        // Longer names first, so "McKenzie" finds "Kenneth McKenzie".
        let ordered = candidates.enumerated().map { offset, candidate in
            (offset: offset, words: candidate.name.utf8.count { $0 == 0x20 } + 1, candidate: candidate)
        }.sorted { left, right in
            if left.candidate.weak != right.candidate.weak { return !left.candidate.weak }
            return left.words != right.words ? left.words > right.words : left.offset < right.offset
        }.map(\.candidate)
        for candidate in ordered {
            if let position = index[key(candidate.name)] {
                add(candidate, to: position)
                continue
            }
            // A single word: a person's last name, or an acronym given earlier.
            if !candidate.name.utf8.containsByte(UInt8(ascii: " ")) {
                if let position = lastNames[candidate.name] ?? acronyms[candidate.name] {
                    index[key(candidate.name)] = position
                    add(candidate, to: position)
                    continue
                }
            }
            if candidate.weak { continue }
            entities.append(Entity(name: candidate.name, kind: candidate.kind))
            index[key(candidate.name)] = entities.count - 1
            if let acronym = candidate.acronym {
                index[key(acronym)] = entities.count - 1
                acronyms[acronym] = entities.count - 1
            }
            if candidate.kind == .person, candidate.name.utf8.containsByte(UInt8(ascii: " ")),
                let last = candidate.name.split(separator: " ").last
            {
                lastNames[String(last), default: entities.count - 1] = lastNames[String(last)] ?? entities.count - 1
            }
            add(candidate, to: entities.count - 1)
        }
        // In order of first mention.
        return entities.map { ($0.mentions.lazy.map(\.sentence).min() ?? 0, $0) }
            .enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
            .map(\.element.1)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
