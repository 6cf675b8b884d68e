import Ingest

/// Index terms (Porter stems) that stand for one another when a question is matched: a derived
/// form and its base ("leader", "leadership" and "lead"; "founder" and "found"), and a number
/// written in digits and in words ("3" and "three", "3rd" and "third").
///
/// Porter's stemmer already joins inflections and most derivations ("operation" and "operate"
/// are both "oper", "execution" and "execute" "execut"); what it leaves apart are agent nouns and
/// the nouns made of them, guessed from spelling here, and irregular derivations ("die" and
/// "death") and an adjective's noun ("tall" and "height"), which `WordDerivations` knows. A
/// caller keeps the relatives the collection actually holds, so "water" is not taken for a
/// relative of "wat".
enum WordFamily {
    /// Terms that may stand for `term`, not including itself.
    static func relatives(of term: String, derivations: WordDerivations = .none) -> [String] {
        if let spelled = spelledNumbers[term] { return [spelled] }
        if intending.contains(term) { return intending.filter { $0 != term }.sorted() }
        if let digits = numbersBySpelling[term] { return [digits] }
        var found = derivations.relatives(of: term)
        if let base = strip(term, "ership") {
            found += [base, base + "er"]
        } else if let base = strip(term, "ship") {
            found += [base]
        } else if let base = strip(term, "er") ?? strip(term, "or") {
            // "writer" and "write", "leader" and "lead".
            found += [base, base + "e", base + "ership"]
        } else {
            let stem = term.hasSuffix("e") ? String(term.dropLast()) : term
            found += [stem + "er", stem + "ership"]
            // "director", "inventor", "editor": "-or" follows a t or an s.
            if stem.hasSuffix("t") || stem.hasSuffix("s") { found.append(stem + "or") }
        }
        return uniqued(found.filter { $0 != term })
    }

    /// Verbs that say what someone means to do ("wants to", "will seek to", "aims to"): a question
    /// asks with one, the text answers with another.
    static let intending = Set(
        ["want", "seek", "aim", "plan", "intend", "try", "attempt", "hope", "wish", "vow"].map(PorterStemmer.stem))

    /// `term` without `suffix` when enough of a word is left.
    private static func strip(_ term: String, _ suffix: String) -> String? {
        guard term.hasSuffix(suffix), term.count - suffix.count >= 3 else { return nil }
        return String(term.dropLast(suffix.count))
    }

    private static let cardinals = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ]
    private static let ordinals = [
        "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth",
    ]
    private static let tens = [
        30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety",
    ]

    /// Digits → the word as the index stems it.
    private static let spelledNumbers: [String: String] = {
        var words: [String: String] = [:]
        for (value, word) in cardinals.enumerated() { words[String(value)] = PorterStemmer.stem(word) }
        for (value, word) in tens { words[String(value)] = PorterStemmer.stem(word) }
        for (value, word) in ordinals.enumerated() where !word.isEmpty {
            words[String(value) + NumberWords.ordinalSuffix(value)] = PorterStemmer.stem(word)
        }
        return words
    }()

    private static let numbersBySpelling = Dictionary(
        spelledNumbers.map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
}
