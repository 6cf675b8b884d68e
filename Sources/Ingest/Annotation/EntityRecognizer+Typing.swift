/// Typing names from evidence: what a name is (a known organisation or place, an organisation's
/// head word), what is written around it (a title or a role before it, "said" or an age after
/// it, "in" before a place, a score after a team), and its shape. The strongest evidence of all a
/// document's mentions types the entity; "other" is what is left when there is none.
extension EntityRecognizer {
    /// How strong a piece of evidence is; an entity takes the kind its strongest mention has.
    enum Evidence: Int, Comparable {
        /// Nothing says what it is.
        case none
        /// Its shape: two or three capitalised words, most often a person in news.
        case shape
        /// What stands beside it: "in" before a place.
        case context
        /// A place in the lexicon: strong, but a team named after its town is not a place.
        case place
        /// Its own words or a cue that rarely misleads: a title, a role, "said", an organisation's head.
        case cue
        /// A name the shipped lists or the data know for certain: a country, a known organisation.
        case known

        static func < (left: Evidence, right: Evidence) -> Bool { left.rawValue < right.rawValue }
    }

    /// Lower-case words for what a person is, before the name: "striker Alan Shearer".
    static let roleNouns: Set<String> = [
        "striker", "midfielder", "defender", "goalkeeper", "forward", "winger", "captain", "coach", "manager",
        "skipper", "batsman", "bowler", "all-rounder", "spinner", "opener", "pitcher", "outfielder", "catcher",
        "shortstop", "quarterback", "rider", "driver", "champion", "seed", "compatriot", "player", "teammate",
        "team-mate", "opponent", "veteran", "rookie", "spokesman", "spokeswoman", "chairman", "chairwoman",
        "president", "minister", "premier", "leader", "secretary", "director", "analyst", "economist", "dealer",
        "trader", "official", "envoy", "ambassador", "governor", "senator", "chancellor", "commander", "judge",
        "lawyer", "attorney", "prosecutor", "mayor", "singer", "actor", "actress", "author", "writer", "novelist",
        "husband", "wife", "son", "daughter", "brother", "sister", "father", "mother", "widow", "colleague",
        "deputy", "counterpart", "rival", "trainer", "jockey", "boxer", "golfer", "cyclist", "sprinter", "runner",
        "swimmer", "winner", "holder", "challenger", "newcomer", "international", "keeper", "full-back",
        "centre-back", "playmaker", "substitute", "scorer", "goalscorer", "chief", "executive", "candidate",
        "rebel", "dissident", "activist", "businessman", "banker", "founder", "owner", "president-elect",
        "cardinal", "bishop", "priest", "professor", "doctor", "dr", "mr", "mrs", "ms",
    ]

    /// Words that stand in a title before the title's head: "Prime Minister", "Foreign Secretary".
    static let titleModifiers: Set<String> = [
        "Prime", "Foreign", "Finance", "Defence", "Defense", "Interior", "Justice", "Trade", "Economy", "Health",
        "Education", "Labour", "Labor", "Deputy", "Vice", "Acting", "Former", "Senior", "Assistant", "Chief",
        "Supreme", "Executive", "Managing", "State", "Home", "Agriculture", "Energy", "Transport", "Culture",
        "Environment", "Industry", "Treasury", "Attorney", "Lord", "Grand", "Crown", "Opposition", "Party",
        "Conservative", "Liberal", "Democrat", "Democratic", "Republican", "Socialist", "Communist", "Green",
        "Nationalist", "Independent", "Tory", "Labour", "Ulster", "Unionist", "Catholic", "Orthodox",
    ]

    /// Short titles that the shipped list of person titles leaves out.
    static let shortTitles: Set<String> = ["MP", "MEP", "PM", "Rep", "Sen", "Gov", "Mgr", "Fr", "Sr", "Sra"]

    /// Last words of names of events, prizes, laws and works: not people, and not what the typed kinds
    /// cover ("World Cup", "French Open", "Nobel Prize").
    static let eventWords: Set<String> = [
        "Cup", "Open", "Championship", "Championships", "Games", "Olympics", "Prix", "Trophy", "Award", "Awards",
        "Prize", "Tour", "Series", "War", "Day", "Act", "Treaty", "Accord", "Accords", "Index", "Festival",
        "Classic", "Masters", "Bowl", "Plan", "Agreement", "Conference", "Summit", "Week", "Year", "Shield",
        "Plate", "Medal", "Grand Slam", "Marathon", "Derby", "Challenge", "Rally",
    ]

    /// Prepositions after which an unknown name is most likely a place: "in Tunbridge Wells".
    static let placePrepositions: Set<String> = [
        "in", "at", "near", "outside", "from", "across", "into", "towards", "toward", "via", "around",
    ]

    /// Words between two teams: "Leicestershire beat Somerset", "Ajax v PSV".
    static let matchWords: Set<String> = ["beat", "beats", "v", "vs", "vs.", "drew", "draw", "against", "defeated"]

    /// Heads the shipped list lacks that mark organisations in news and sport.
    static let moreOrganisationHeads: Set<String> = [
        "FC", "AFC", "CF", "SC", "AC", "United", "Rovers", "Athletic", "Wanderers", "Albion", "Hotspur", "Rangers",
        "Celtic", "Plc", "PLC", "plc", "AG", "SA", "NV", "GmbH", "Co", "LLC", "Holdings", "Industries", "Motors",
        "Airways", "Exchange", "Securities", "Capital", "Investments", "Energy", "Oil", "Telecom", "Systems",
        "Electric", "Pharmaceuticals", "Steel", "Chemicals", "Partners", "Reserve", "Parliament", "Congress",
        "Senate", "Cabinet", "Police", "Guard", "Guards", "Legion", "Council", "League", "Federation", "Newsroom",
        "Newsdesk", "Desk", "Radio", "Television", "TV", "Daily", "Airport", "Power", "Thistle", "Eagles",
    ]

    /// A sentence in capitals ("SOCCER - JAPAN GET LUCKY WIN"): a headline or a dateline, whose
    /// capitals say nothing about names.
    static func isShouting(_ tokens: [Token]) -> Bool {
        var words = 0
        for token in tokens where token.text.unicodeScalars.count >= 2 && token.text.contains(where: \.isLetter) {
            guard token.isAllCaps else { return false }
            words += 1
        }
        return words > 0 && (words > 1 || tokens.count > 1)
    }

    /// In a headline or dateline: only names the lists and data know, and the place a dateline starts with
    /// ("LONDON 1996-08-30").
    static func recogniseShouting(_ sentence: TokenizedSentence, index: Int, lexicon: NameLexicon) -> [Candidate] {
        let tokens = sentence.tokens
        var candidates: [Candidate] = []
        var position = 0
        while position < tokens.count {
            var matched = false
            for length in stride(from: min(4, tokens.count - position), through: 1, by: -1) {
                let run = tokens[position..<(position + length)]
                guard run.allSatisfy(\.isCapitalised) else { continue }
                let words = run.map { titleCased($0.text) }
                let isDateline = position == 0 && isDatelineEnd(tokens[safe: position + length], sentence, run.last!)
                guard let (kind, strength) = known(words, lexicon) ?? (isDateline ? (.place, .cue) : nil) else {
                    continue
                }
                let name = words.joined(separator: " ")
                candidates.append(
                    Candidate(
                        name: acronymPlaces[name] ?? acronymPlaces[run.map(\.text).joined(separator: " ")] ?? name,
                        kind: kind, surface: sentence.text.string(run.first!.start..<run.last!.end), title: nil,
                        sentence: index, strength: strength))
                position += length
                matched = true
                break
            }
            if !matched { position += 1 }
        }
        return candidates
    }

    /// A dateline's place ends at its date or at the comma before its country: "ARBIL, Iraq 1996-08-30".
    private static func isDatelineEnd(_ next: Token?, _ sentence: TokenizedSentence, _ last: Token) -> Bool {
        guard let next else { return false }
        if next.text.contains(where: \.isNumber) { return true }
        return sentence.scalars[last.end..<next.start].contains(",")
    }

    /// "LONDON" as "London", "ST." as "St.".
    static func titleCased(_ word: String) -> String {
        guard Token(text: word, start: 0, end: 0).isAllCaps else { return word }
        guard acronymPlaces[word] == nil, word.unicodeScalars.count > 3 || word.contains(".") == false else {
            return word
        }
        var result = ""
        var atWordStart = true
        for character in word {
            result += atWordStart ? String(character) : character.lowercased()
            atWordStart = !character.isLetter
        }
        return result
    }

    /// What the shipped lists and the lexicon know a name to be, and how surely.
    static func known(_ words: [String], _ lexicon: NameLexicon) -> (Entity.Kind, Evidence)? {
        let name = words.joined(separator: " ")
        if Gazetteer.organisations.contains(name) { return (.organisation, .known) }
        if acronymPlaces[name] != nil { return (.place, .known) }
        switch lexicon.place(name) {
        case .country?: return (.place, .known)
        case .region?, .city?: return (.place, .place)
        case nil: return nil
        }
    }

    /// Where a title before a name ends ("British Prime Minister John Major", "Conservative MP Sir John
    /// Gorst", "Major-General Nikolai Sherbatov"): the last title word of a leading run of titles,
    /// their modifiers and nationalities, with at least one word of the name after it.
    static func titlePrefix(_ run: ArraySlice<Token>, lexicon: NameLexicon = .empty) -> Int? {
        var last: Int?
        let start = affiliationBeforeTitle(run, lexicon)?.end ?? run.startIndex
        for index in run.indices.dropLast() where index >= start {
            let word = run[index].text
            if isTitle(word) {
                last = index
            } else if !titleModifiers.contains(word) && !demonyms.contains(word) && !lexicon.isNationality(word) {
                break
            }
        }
        return last
    }

    /// A title, or titles joined by hyphens ("Major-General", "Vice-President").
    static func isTitle(_ word: String) -> Bool {
        if Gazetteer.personTitles.contains(word) || shortTitles.contains(word) { return true }
        guard word.utf8.contains(UInt8(ascii: "-")) else { return false }
        let parts = word.split(separator: "-").map(String.init)
        return parts.count > 1 && parts.contains(where: Gazetteer.personTitles.contains)
            && parts.allSatisfy { Gazetteer.personTitles.contains($0) || titleModifiers.contains($0) }
    }

    /// Where a place or an organisation that stands before a title ends, and its kind: "New
    /// Zealand Prime Minister …", "Bank of England Governor …", "Chicago Cardinal …".
    static func affiliationBeforeTitle(
        _ run: ArraySlice<Token>, _ lexicon: NameLexicon
    ) -> (end: Int, kind: Entity.Kind, strength: Evidence)? {
        for end in stride(from: min(run.endIndex - 2, run.startIndex + 5), to: run.startIndex, by: -1) {
            let next = run[end].text
            guard isTitle(next) || titleModifiers.contains(next) else { continue }
            // A title must follow, with a name after it: "Kansas State University" has none.
            guard
                let title = run[end...].firstIndex(where: { !titleModifiers.contains($0.text) || isTitle($0.text) }),
                title < run.endIndex - 1, isTitle(run[title].text)
            else { continue }
            let words = run[..<end].map(\.text)
            let name = words.joined(separator: " ")
            switch lexicon.place(name) {
            case .country?, .region?: return (end, .place, .known)
            case .city?: return (end, .place, .place)
            case nil: break
            }
            if headsOrganisation(words, lexicon) { return (end, .organisation, .cue) }
        }
        return nil
    }

    /// Whether the words end like an organisation's name or are one: a title before them ("General
    /// Motors", "Bank of England Governor") is then part of the name.
    static func headsOrganisation(_ words: [String], _ lexicon: NameLexicon) -> Bool {
        guard let last = words.last else { return false }
        return Gazetteer.organisationHeads.contains(last) || moreOrganisationHeads.contains(last)
            || known(words, lexicon)?.0 == .organisation
    }

    /// The kind of the name `run` of `tokens`, from the strongest evidence there is.
    static func classify(
        _ run: ArraySlice<Token>, title: String?, tokens: [Token], in scalars: [Unicode.Scalar], lexicon: NameLexicon
    ) -> (Entity.Kind, Evidence) {
        let words = run.map(\.text)
        let before = run.startIndex > 0 ? tokens[run.startIndex - 1] : nil
        let after = tokens[safe: run.endIndex]
        let known = known(words, lexicon)
        if let known, known.1 == .known { return known }
        if headsOrganisation(words, lexicon) || words.contains(where: Gazetteer.organisationHeads.contains) {
            return (.organisation, .cue)
        }
        // "Montrose 2 Ross County 1": a match's result names two teams.
        if isResultLine(tokens) { return (.organisation, .cue) }
        if isFollowedByPlaceInParentheses(run, tokens, scalars, lexicon) { return (.person, .known) }
        if let last = words.last, eventWords.contains(last) { return (.other, .cue) }
        let nameShaped = words.count >= 2 && words.count <= 4 && run.allSatisfy(isNameWord)
        // A first name or an initial starts a person's name: "Alan Shearer", "P. Simmons".
        if nameShaped, Gazetteer.firstNames.contains(words[0]) || isInitial(words[0]) { return (.person, .cue) }
        // An organisation's kind said after it: "Interfax news agency", "Benetton team".
        if let noun = organisationNoun(after: run, tokens) { return noun }
        // What an organisation is, said before it: "news agency Interfax", "team Deportivo Coruna".
        if let before, organisationNouns.contains(before.text), !separated(before, run.first!, in: scalars) {
            return (.organisation, .cue)
        }
        if title != nil { return (.person, .cue) }
        // A role before the name, in lower case or starting the sentence ("Economist Joel Naroff").
        if let before, roleNouns.contains(before.text.lowercased()),
            !before.isCapitalised || before.text == "Mr" || run.startIndex == 1
        {
            return (.person, .cue)
        }
        // A team named after its town or county: a score after it, or a match between it and another
        // ("Somerset 216", "beat Kent"). A person's name before a score is a player's ("Ian Woosnam 70").
        let isScore = { (token: Token?) in token.map { $0.isNumber || isResult($0.text) } ?? false }
        if words.count == 1 || known?.0 == .place,
            isScore(after) && before.map({ !placePrepositions.contains($0.text.lowercased()) }) ?? true
                || before.map({ matchWords.contains($0.text.lowercased()) }) ?? false
                || after.map({ matchWords.contains($0.text.lowercased()) }) ?? false
        {
            return (.organisation, .cue)
        }
        if nameShaped, words.count <= 3, let after,
            Gazetteer.speechVerbs.contains(after.text) || after.text == "who" || isAge(after: run, tokens, scalars)
        {
            return (.person, .cue)  // "Niamh Quinn said", "Niamh Quinn, who coaches", "Niamh Quinn, 32,"
        }
        if isNamedAsPlace(run, tokens) || (words.count > 1 && abbreviations.contains(words[0])) {
            return (.place, .cue)  // "the city of Arbil", "Guangdong province", "St. Louis"
        }
        if let known { return known }
        if let before, placePrepositions.contains(before.text.lowercased()) { return (.place, .context) }
        if words.count == 1, run.first!.isAllCaps, run.first!.text.count <= 6 {
            return (.organisation, .context)  // an acronym: NATO, UEFA
        }
        if nameShaped, !words.contains(where: { demonyms.contains($0) || lexicon.isNationality($0) }) {
            // Capitalised common words together name an institution ("Federal Reserve"), and a
            // place's name with more words a team or a firm ("Manchester City", "Kansai Electric
            // Power"); other capitalised words, a person.
            if words.allSatisfy({ lexicon.isCommonWord($0) }) || words.contains(where: lexicon.isPlace) {
                return (.organisation, .shape)
            }
            return (.person, .shape)
        }
        return (.other, .none)
    }

    /// A word that can stand in a person's name: capitalised letters, an initial ("J."), "O'Neill".
    private static func isNameWord(_ token: Token) -> Bool {
        guard token.isCapitalised, !token.isNumber else { return false }
        if token.isAllCaps { return token.text.count <= 2 || token.text.hasSuffix(".") && token.text.count <= 3 }
        return token.text.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" || $0 == "." || $0 == "’" }
    }

    /// Lower-case nouns for kinds of place: "the city of Arbil", "Guangdong province".
    static let placeNouns: Set<String> = [
        "city", "town", "village", "province", "region", "capital", "state", "county", "port", "island", "district",
        "suburb", "republic", "enclave", "valley", "river", "border", "area", "territory", "resort", "strait",
    ]

    private static func isNamedAsPlace(_ run: ArraySlice<Token>, _ tokens: [Token]) -> Bool {
        if let after = tokens[safe: run.endIndex], !after.isCapitalised, placeNouns.contains(after.text) { return true }
        guard run.startIndex >= 2, tokens[run.startIndex - 1].text == "of" else { return false }
        return placeNouns.contains(tokens[run.startIndex - 2].text)
    }

    /// "P.", "J": one capital letter, with or without its dot.
    static func isInitial(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        return (scalars.count == 2 && scalars[1] == ".") && scalars[0].properties.isUppercase
    }

    /// Lower-case nouns after a name that say it is an organisation: "Interfax news agency".
    static let organisationNouns: Set<String> = [
        "agency", "newspaper", "daily", "weekly", "magazine", "company", "firm", "group", "bank", "party", "club",
        "team", "side", "militia", "movement", "network", "airline", "carrier", "union", "council", "ministry",
        "government", "federation", "association", "exchange", "index", "fund", "broadcaster", "radio", "television",
        "maker", "manufacturer", "producer", "retailer", "insurer", "brokerage", "lender", "giant", "conglomerate",
        "operator", "supplier", "distributor", "refiner",
    ]

    private static func organisationNoun(after run: ArraySlice<Token>, _ tokens: [Token]) -> (Entity.Kind, Evidence)? {
        for offset in 0..<2 {
            guard let token = tokens[safe: run.endIndex + offset], !token.isCapitalised else { return nil }
            if organisationNouns.contains(token.text) { return (.organisation, .cue) }
            guard token.text == "news" || token.text == "state" || token.text == "national" else { return nil }
        }
        return nil
    }

    /// A line that is a match's result and nothing else: a name, its score, a name, its score.
    static func isResultLine(_ tokens: [Token]) -> Bool {
        guard tokens.count <= 10 else { return false }
        var index = 0
        for _ in 0..<2 {
            let start = index
            while index < tokens.count, tokens[index].isCapitalised, !tokens[index].isNumber { index += 1 }
            guard index > start, index - start <= 4, index < tokens.count, tokens[index].isNumber else { return false }
            index += 1
        }
        return index == tokens.count
    }

    /// "6-3", "2-1": a match's result.
    private static func isResult(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// "Phil Simmons (West Indies)", "Michael Johnson (U.S.)": a competitor and their country.
    private static func isFollowedByPlaceInParentheses(
        _ run: ArraySlice<Token>, _ tokens: [Token], _ scalars: [Unicode.Scalar], _ lexicon: NameLexicon
    ) -> Bool {
        guard run.count >= 1, let first = tokens[safe: run.endIndex],
            scalars[run.last!.end..<first.start].contains("(")
        else { return false }
        var end = run.endIndex
        while end < tokens.count, end - run.endIndex < 4,
            !scalars[tokens[end].end..<min(scalars.count, tokens[end].end + 2)].contains(")")
        {
            end += 1
        }
        guard end < tokens.count else { return false }
        let inside = tokens[run.endIndex...end].map(\.text).joined(separator: " ")
        return lexicon.isPlace(inside) || acronymPlaces[inside] != nil
    }

    /// "Niamh Quinn, 32, said": an age in commas after a name.
    private static func isAge(after run: ArraySlice<Token>, _ tokens: [Token], _ scalars: [Unicode.Scalar]) -> Bool {
        guard let age = tokens[safe: run.endIndex], age.isNumber, (1...120).contains(Int(age.text) ?? 0),
            scalars[run.last!.end..<age.start].contains(","), age.end < scalars.count
        else { return false }
        return scalars[age.end..<min(scalars.count, age.end + 2)].contains(",")
    }
}
