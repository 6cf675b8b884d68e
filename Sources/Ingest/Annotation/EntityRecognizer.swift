import Foundation

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
    /// Time zones by their abbreviations ("GMT", "EDT"), as Foundation knows them.
    static let timeZones = Set(TimeZone.abbreviationDictionary.keys)
    static let acronymPlaces: [String: String] = [
        "U.S.": "United States", "US": "United States", "U.S": "United States", "USA": "United States",
        "U.S.A.": "United States", "UK": "United Kingdom", "U.K.": "United Kingdom", "UAE": "United Arab Emirates",
    ]

    struct Candidate {
        var name: String
        var kind: Entity.Kind
        /// The name as written, without its title.
        var surface: String
        var title: String?
        var sentence: Int
        var acronym: String?
        /// A lone capitalised word at a sentence's start: a name only if the document names it elsewhere.
        var weak = false
        /// How strong the evidence for `kind` is: the strongest mention types the entity.
        var strength = Evidence.none
        /// The key mentions merge by, when it is not the name ("U.S." and "US" are one place).
        var key: String?
    }

    static func recognise(
        sentence: TokenizedSentence, index: Int, lexicon: NameLexicon = .empty, tagger: PartOfSpeechTagger? = nil
    ) -> [Candidate] {
        let tokens = sentence.tokens
        if isShouting(tokens) { return recogniseShouting(sentence, index: index, lexicon: lexicon) }
        let scalars = sentence.scalars
        var tags = TokenTags(sentence, tagger: tagger)
        var candidates: [Candidate] = []
        var position = 0
        while position < tokens.count {
            guard tokens[position].isCapitalised else {
                position += 1
                continue
            }
            let start = position
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
            position = end
            var run = tokens[start..<end]
            let sentenceInitial = start == 0 || startsClause(before: tokens[start], in: scalars)
            // A phrase of the list as a whole ("Most Viewed") is no name, nor is any word of it.
            if Gazetteer.capitalisedCommonWords.contains(run.map(\.text).joined(separator: " ")) { continue }
            // Drop words that only start a sentence ("The", "However"), unless they begin a name
            // ("New Zealand", "New Caledonia").
            while let first = run.first {
                let beginsName = run.count > 1 && (first.text == "New" || known(run.map(\.text), lexicon) != nil)
                let startsSentence = run.startIndex == start && sentenceInitial
                let titled = isTitle(first.text)
                // A word of the dictionary at a sentence's start is a name's when the tagger reads
                // it as one ("Amber Rudd", not "Attendance"); without a tagger, when a name follows.
                // A role ("Economist Joel Naroff") is not the name either; a title is the person's.
                var ordinary =
                    startsSentence && run.count > 1 && !titled && roleNouns.contains(first.text.lowercased())
                if !ordinary, startsSentence, !titled, lexicon.isCommonWord(first.text) {
                    if let tag = tags.tag(at: run.startIndex) {
                        ordinary = isOrdinary(first, tag) && known([first.text], lexicon) == nil
                    } else {
                        ordinary = run.count > 1
                    }
                }
                let common = Gazetteer.capitalisedCommonWords.contains(first.text) || ordinary
                guard common, !beginsName else { break }
                run.removeFirst()
            }
            guard !run.isEmpty else { continue }
            trimModifiers(&run, tokens: tokens, tags: &tags, lexicon: lexicon)
            guard !run.isEmpty else { continue }
            let weak =
                sentenceInitial && run.count == 1 && run.startIndex == start
                && isCommonSentenceStart(run.first!.text, lexicon)
            // "New Zealand Prime Minister Jim Bolger", "Panamanian Boxing Association President Ramon
            // Manzanares": a place or an organisation before a title is a name of its own.
            if let (affiliationEnd, kind, strength) = affiliationBeforeTitle(run, lexicon) {
                let affiliation = run[..<affiliationEnd]
                candidates.append(
                    Candidate(
                        name: affiliation.map(\.text).joined(separator: " "), kind: kind,
                        surface: sentence.text.string(affiliation.first!.start..<affiliation.last!.end), title: nil,
                        sentence: index, strength: strength))
            }
            // Titles, ranks and nationalities before a name are the person's, not the name's.
            var title: String?
            if let split = titlePrefix(run, lexicon: lexicon),
                !headsOrganisation(run[(split + 1)...].map(\.text), lexicon)
            {
                title = run[...split].map(\.text).joined(separator: " ")
                run = run[(split + 1)...]
            }
            let words = run.map(\.text)
            let name = run.map { abbreviations.contains($0.text) ? $0.text + "." : $0.text }.joined(separator: " ")
            let surface = sentence.text.string(run.first!.start..<run.last!.end)
            // A nationality is not a name of its own ("Chilean", "South Korean", "Bosnian Serb").
            if let last = words.last, demonyms.contains(last) || lexicon.isNationality(last) { continue }
            if words.count == 1, Gazetteer.months[name] != nil { continue }
            if words.count == 1, run.first!.isNumber { continue }
            // "1400 GMT", "10 a.m. EDT": a time zone after a time is no name.
            if words.count == 1, timeZones.contains(name), let before = tokens[safe: run.startIndex - 1],
                before.isNumber || ["a.m.", "p.m."].contains(before.text)
            {
                continue
            }
            var (kind, strength) = classify(run, title: title, tokens: tokens, in: scalars, lexicon: lexicon)
            var canonical = name
            var key: String?
            if let place = acronymPlaces[name] {
                (kind, strength) = (.place, .known)
                canonical = place
                key = place.lowercased()
            }
            if name == "West" || name == "East" {
                // "the West" is a place; "West" alone is just a direction.
                guard run.startIndex > 0, tokens[run.startIndex - 1].text == "the" else { continue }
                (kind, strength) = (.place, .context)
            } else if words.count == 1, key == nil, known(words, lexicon) == nil, lexicon.isCommonWord(name),
                strength < .cue || headsOrganisation(words, lexicon)
            {
                // A word of the dictionary alone ("Police said", "the League", "FAX") is not a name
                // unless something says it is one ("Arsenal 2", "beat Rangers").
                continue
            }
            var candidate = Candidate(
                name: canonical, kind: kind, surface: surface, title: title, sentence: index, acronym: nil,
                weak: weak && strength < .cue, strength: strength, key: key)
            // "Islamic State (IS)": the acronym in parentheses is another name for it.
            if let acronym = acronymInParentheses(after: run.last!, next: tokens[safe: end], in: scalars) {
                candidate.acronym = acronym
                position = end + 1
            }
            candidates.append(candidate)
        }
        return candidates
    }

    /// Drops from a run's edges the words that stand beside a name without being part of it: a
    /// month or a day ("August National Association of …", "… Open Thursday"), an adjective made
    /// with a hyphen and all that comes before it ("Bergamo-based Atalanta"), and a nationality
    /// before a person's name ("American Dennis Mitchell").
    private static func trimModifiers(
        _ run: inout ArraySlice<Token>, tokens: [Token], tags: inout TokenTags, lexicon: NameLexicon
    ) {
        if let modifier = run.lastIndex(where: isCompoundModifier) { run = run[(modifier + 1)...] }
        // Months by their whole names: "Jan" and "June" are also first names.
        while run.count > 1, let first = run.first,
            Gazetteer.weekdays[first.text] != nil
                || Gazetteer.months[first.text] != nil && first.text.count > 4
        {
            run.removeFirst()
        }
        while run.count > 1, let last = run.last,
            Gazetteer.weekdays[last.text] != nil
                || Gazetteer.months[last.text] != nil && tokens[safe: run.endIndex]?.isNumber == true
        {
            run.removeLast()
        }
        // A nationality the tagger reads as an adjective, before words it reads as a name, when
        // together they are not one: "British Airways", "French Open", "Chinese Communist Party"
        // stay whole, and "Christian" is also a first name.
        if run.count >= 2, run.count <= 4, let first = run.first,
            demonyms.contains(first.text) || lexicon.isNationality(first.text),
            !Gazetteer.firstNames.contains(first.text), let last = run.last, !eventWords.contains(last.text),
            known(run.map(\.text), lexicon) == nil, !headsOrganisation(run.map(\.text), lexicon),
            run.dropFirst().allSatisfy({ !demonyms.contains($0.text) && !lexicon.isNationality($0.text) }),
            tags.tag(at: run.startIndex) == .adjective, tags.tag(at: run.startIndex + 1) == .properNoun
        {
            run.removeFirst()
        }
    }

    /// A word made with a hyphen whose last part is a lower-case word: "York-based",
    /// "family-controlled", "Nations-sponsored". It describes what follows.
    static func isCompoundModifier(_ token: Token) -> Bool {
        guard let hyphen = token.text.lastIndex(of: "-") else { return false }
        let last = token.text[token.text.index(after: hyphen)...]
        return last.count >= 3 && last.allSatisfy(\.isLowercase)
    }

    /// Whether a capitalised word of the dictionary is, where it stands, an ordinary word and not
    /// part of a name: "Attendance", "However", "Current" at a sentence's start are; "Amber" in
    /// "Amber Rudd" is not. An initial ("A. Dale") is a name's.
    private static func isOrdinary(_ token: Token, _ tag: PartOfSpeech) -> Bool {
        guard !isInitial(token.text) else { return false }
        switch tag {
        case .properNoun, .other, .symbol, .punctuation: return false
        default: return true
        }
    }

    /// Whether a comma, colon, quote or bracket stands between two tokens.
    static func separated(_ left: Token, _ right: Token, in scalars: [Unicode.Scalar]) -> Bool {
        var dots = 0
        for scalar in scalars[left.end..<right.start] where !scalar.isSpace {
            guard scalar == ".", dots == 0 else { return true }
            dots += 1
        }
        return dots == 1 && !abbreviations.contains(left.text)
    }

    /// Abbreviations whose dot stays inside a name: "St. Louis", "Mt. Kenya".
    static let abbreviations: Set<String> = ["St", "Ste", "Mt", "Ft", "Pt"]

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

    private static func isCommonSentenceStart(_ word: String, _ lexicon: NameLexicon) -> Bool {
        // A lone capitalised word at a sentence's start that is not a known name is an ordinary word.
        !Gazetteer.organisations.contains(word) && !lexicon.isPlace(word)
            && !Token(text: word, start: 0, end: 0).isAllCaps
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

    /// One entity per thing: last names folded into the full name, acronyms into what they
    /// abbreviate; each entity typed by its mention with the strongest evidence, and its titles
    /// kept apart from its name.
    static func merge(_ candidates: [Candidate]) -> [Entity] {
        var entities: [Entity] = []
        var strengths: [Evidence] = []
        var index: [String: Int] = [:]
        struct MentionKey: Hashable {
            var entity: Int
            var sentence: Int
            var text: String
        }
        var seenMentions: Set<MentionKey> = []
        var lastNames: [String: Int] = [:]
        var acronyms: [String: Int] = [:]
        func key(_ candidate: Candidate) -> String { candidate.key ?? candidate.name.lowercased() }
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
            if let title = candidate.title, !entities[position].titles.contains(title) {
                entities[position].titles.append(title)
            }
            if candidate.strength > strengths[position], candidate.kind != entities[position].kind {
                entities[position].kind = candidate.kind
                strengths[position] = candidate.strength
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
            if let position = index[key(candidate)] {
                add(candidate, to: position)
                continue
            }
            // A single word: a person's last name, or an acronym given earlier.
            if !candidate.name.utf8.containsByte(UInt8(ascii: " ")) {
                if let position = lastNames[candidate.name] ?? acronyms[candidate.name] {
                    index[key(candidate)] = position
                    add(candidate, to: position)
                    continue
                }
            }
            if candidate.weak { continue }
            entities.append(Entity(name: candidate.name, kind: candidate.kind))
            strengths.append(candidate.strength)
            index[key(candidate)] = entities.count - 1
            if let acronym = candidate.acronym {
                index[acronym.lowercased()] = entities.count - 1
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
