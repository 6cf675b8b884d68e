/// A word's part of speech in the Universal Dependencies tag set (UPOS), in the order a tagger
/// model stores them.
public enum PartOfSpeech: UInt8, Sendable, CaseIterable, Codable {
    case adjective, adposition, adverb, auxiliary, coordinatingConjunction, determiner, interjection, noun
    case numeral, particle, pronoun, properNoun, punctuation, subordinatingConjunction, symbol, verb, other

    /// The tag as the treebanks write it ("ADJ", "PROPN").
    public var tag: String {
        switch self {
        case .adjective: "ADJ"
        case .adposition: "ADP"
        case .adverb: "ADV"
        case .auxiliary: "AUX"
        case .coordinatingConjunction: "CCONJ"
        case .determiner: "DET"
        case .interjection: "INTJ"
        case .noun: "NOUN"
        case .numeral: "NUM"
        case .particle: "PART"
        case .pronoun: "PRON"
        case .properNoun: "PROPN"
        case .punctuation: "PUNCT"
        case .subordinatingConjunction: "SCONJ"
        case .symbol: "SYM"
        case .verb: "VERB"
        case .other: "X"
        }
    }

    public init?(tag: some StringProtocol) {
        guard let found = Self.allCases.first(where: { $0.tag == tag }) else { return nil }
        self = found
    }

    static let count = allCases.count

    /// A noun, a proper noun or a pronoun: what a noun phrase ends in.
    public var isNominal: Bool { self == .noun || self == .properNoun || self == .pronoun }
}
