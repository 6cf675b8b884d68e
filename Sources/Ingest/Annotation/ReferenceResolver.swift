/// Finds the words that stand for a named thing without naming it: pronouns opening a sentence
/// ("It was built in 1867", "He resigned") and descriptions ("this terrorist group", "the
/// lighthouse"), each resolved to the nearest compatible entity named just before, or else to
/// the document's subject, the first entity its title names.
///
/// Compatible means: "he" and "she" a person; "it" anything but a person; "they" an
/// organisation; a description its noun's kind ("the group" an organisation, "the city" a
/// place, "the minister" a person), or an entity whose name ends in that noun ("the lighthouse"
/// for "Ardmore lighthouse", "the bridge" for "Shannon Street bridge"). The nearest sentence wins,
/// and within a sentence the first mention, which is most often its subject.
enum ReferenceResolver {
    /// How many sentences back an antecedent is looked for.
    static let window = 2

    /// Each sentence's tokens are asked for once, in order: a caller may make them then rather
    /// than keep every sentence's at once.
    static func resolve(sentenceCount: Int, tokens tokensOf: (Int) -> [Token], entities: [Entity], title: String)
        -> [Reference]
    {
        // Each sentence's mentions: (entity, the first word of the mention).
        var named: [[(entity: Int, first: String)]] = Array(repeating: [], count: sentenceCount)
        for (index, entity) in entities.enumerated() {
            for mention in entity.mentions where mention.sentence < sentenceCount {
                let first = mention.text.split(separator: " ").first.map(String.init) ?? mention.text
                named[mention.sentence].append((index, first))
            }
        }
        // Each sentence's mentions, first in the sentence first: (entity, its first word's place);
        // filled as the sentences are read.
        var mentions: [[(entity: Int, position: Int)]] = Array(repeating: [], count: sentenceCount)
        let subject = self.subject(of: title, entities: entities)
        let heads = Dictionary(
            entities.enumerated().compactMap { index, entity -> (String, [Int])? in
                guard let last = entity.name.split(separator: " ").last, last.first?.isLowercase == true else {
                    return nil
                }
                return (String(last), [index])
            }, uniquingKeysWith: +)

        var references: [Reference] = []
        for index in 0..<sentenceCount {
            let tokens = tokensOf(index)
            mentions[index] = named[index].map { mention in
                (mention.entity, tokens.firstIndex { $0.text == mention.first } ?? Int.max)
            }.sorted { $0.position < $1.position }
            for expression in expressions(in: tokens, heads: heads) {
                func fits(_ entity: Int) -> Bool {
                    switch expression.wants {
                    case .entities(let wanted): wanted.contains(entity)
                    case .kinds(let kinds): kinds.contains(entities[entity].kind)
                    }
                }
                // "ISIS-K … the group": a thing named before in the sentence needs no reference.
                if mentions[index].contains(where: { $0.position < expression.position && fits($0.entity) }) {
                    continue
                }
                var antecedent: Int?
                for back in stride(from: index - 1, through: max(0, index - window), by: -1) {
                    if let found = mentions[back].first(where: { fits($0.entity) }) {
                        antecedent = found.entity
                        break
                    }
                }
                if antecedent == nil, let subject, fits(subject) { antecedent = subject }
                guard let antecedent, !mentions[index].contains(where: { $0.entity == antecedent }) else { continue }
                references.append(Reference(sentence: index, entity: entities[antecedent].name, text: expression.text))
            }
        }
        return references
    }

    /// The entity the title names first; of names that start at the same word, the longest
    /// ("ISIS-K", not the "IS" inside it).
    static func subject(of title: String, entities: [Entity]) -> Int? {
        let words = Tokenizer.tokens(title).map(\.text)
        let titleWords = Set(words)
        var best: (entity: Int, start: Int, length: Int)?
        for (index, entity) in entities.enumerated() {
            var names = Set([entity.name] + entity.aliases)
            for mention in entity.mentions { names.insert(mention.text) }
            // Most names are not in the title at all: a substring test settles them.
            for name in names where title.contains(name) {
                let wanted = Tokenizer.tokens(name).map(\.text)
                guard wanted.allSatisfy(titleWords.contains) else { continue }
                guard !wanted.isEmpty, wanted.count <= words.count else { continue }
                guard
                    let start = (0...(words.count - wanted.count)).first(where: { start in
                        words[start..<(start + wanted.count)].elementsEqual(wanted)
                    })
                else { continue }
                if let best, (best.start, -best.length) <= (start, -wanted.count) { continue }
                best = (index, start, wanted.count)
            }
        }
        return best?.entity
    }

    struct Expression {
        enum Wants {
            case kinds(Set<Entity.Kind>)
            case entities(Set<Int>)
        }
        var text: String
        /// The first word's place among the sentence's tokens.
        var position: Int
        var wants: Wants
    }

    /// The referring words of a sentence: an opening pronoun, and descriptions anywhere in it.
    static func expressions(in tokens: [Token], heads: [String: [Int]]) -> [Expression] {
        var found: [Expression] = []
        if let first = tokens.first, let kinds = pronouns[first.text], !isExpletive(tokens) {
            found.append(Expression(text: first.text, position: 0, wants: .kinds(kinds)))
        }
        var index = 0
        while index < tokens.count {
            // Every determiner starts with a "t": most words are settled without a lookup.
            let first = tokens[index].text.utf8.first
            guard first == UInt8(ascii: "t") || first == UInt8(ascii: "T"),
                let determiner = determiners[tokens[index].text]
            else {
                index += 1
                continue
            }
            // "this terrorist group", "the old lighthouse": up to two words before the noun.
            var matched = false
            for end in (index + 1)..<min(tokens.count, index + 4) {
                let word = tokens[end].text
                guard word.first?.isLowercase == true, determiners[word] == nil else { break }
                // "the group's": the noun may be possessive; "the group of" still is the group.
                let wants: Expression.Wants?
                if let entities = heads[word] {
                    wants = .entities(Set(entities))
                } else if determiner != "the" || end == index + 1, let kinds = nouns[word] {
                    // "the terrorist group" may be any group; "this terrorist group" is the one just named.
                    wants = .kinds(kinds)
                } else {
                    wants = nil
                }
                if let wants {
                    let text = tokens[index...end].map(\.text).joined(separator: " ")
                    found.append(Expression(text: text, position: index, wants: wants))
                    index = end + 1
                    matched = true
                    break
                }
            }
            if !matched { index += 1 }
        }
        return found
    }

    /// "It is hard to say", "It was reported that": "it" that stands for nothing.
    static func isExpletive(_ tokens: [Token]) -> Bool {
        guard tokens.first?.text == "It" || tokens.first?.text == "it" else { return false }
        return tokens.dropFirst().prefix(5).contains { ["to", "that", "whether", "if"].contains($0.text) }
    }

    /// Each determiner as written, at a sentence's start or inside it, to its lower-case form.
    static let determiners: [String: String] = {
        var forms: [String: String] = [:]
        for word in ["this", "that", "these", "those", "the"] {
            forms[word] = word
            forms[word.prefix(1).uppercased() + word.dropFirst()] = word
        }
        return forms
    }()

    private static let anythingButPeople: Set<Entity.Kind> = [.organisation, .place, .other]
    private static let groups: Set<Entity.Kind> = [.organisation, .other]
    private static let places: Set<Entity.Kind> = [.place, .other]

    static let pronouns: [String: Set<Entity.Kind>] = [
        "He": [.person], "She": [.person], "His": [.person], "Her": [.person],
        "It": anythingButPeople, "Its": anythingButPeople,
        "They": groups, "Their": groups,
    ]

    /// Nouns that describe a kind of named thing: English's closed set of common heads of
    /// organisation, place and person descriptions.
    static let nouns: [String: Set<Entity.Kind>] = {
        var nouns: [String: Set<Entity.Kind>] = [:]
        for noun in [
            "group", "organisation", "organization", "company", "firm", "movement", "party", "network",
            "agency", "militia", "army", "union", "club", "team", "band", "bank", "council", "institute",
            "university", "college", "school", "charity", "foundation", "association", "society", "church",
            "committee", "ministry", "department", "corporation", "business", "startup", "cooperative",
            "regime", "government", "league", "federation", "faction", "coalition", "alliance", "order",
        ] {
            nouns[noun] = groups
        }
        for noun in [
            "city", "country", "town", "village", "region", "province", "island", "nation", "capital", "state",
            "county", "district", "river", "lake", "mountain", "valley", "territory", "republic", "kingdom",
            "empire", "continent", "peninsula", "port", "area",
        ] {
            nouns[noun] = places
        }
        for noun in [
            "man", "woman", "leader", "president", "minister", "researcher", "scientist", "author", "writer",
            "king", "queen", "emperor", "general", "player", "composer", "artist", "politician", "official",
            "chairman", "chief", "founder", "director", "spokesman", "spokeswoman", "professor", "singer",
            "actor", "poet", "philosopher", "mathematician", "physicist", "theologian", "preacher", "bishop",
        ] {
            nouns[noun] = [.person]
        }
        return nouns
    }()
}

/// Words that stand for an entity without naming it ("this terrorist group", "It").
public struct Reference: Sendable, Equatable {
    /// The sentence, counted through the whole document.
    public var sentence: Int
    /// The entity's name, as `Entity.name`.
    public var entity: String
    /// The words as written.
    public var text: String

    public init(sentence: Int, entity: String, text: String) {
        self.sentence = sentence
        self.entity = entity
        self.text = text
    }
}
