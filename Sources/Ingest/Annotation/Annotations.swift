/// What the annotators found in a document.
public struct Annotations: Sendable, Equatable {
    public var language: String?
    public var foreignSpans: [ForeignSpan]
    public var entities: [Entity]
    public var dates: [DateMention]
    public var numbers: [NumberMention]
    public var quotes: [Quote]
    /// Pronouns and descriptions that stand for an entity ("It", "this terrorist group").
    public var references: [Reference]

    public init(
        language: String? = nil, foreignSpans: [ForeignSpan] = [], entities: [Entity] = [], dates: [DateMention] = [],
        numbers: [NumberMention] = [], quotes: [Quote] = [], references: [Reference] = []
    ) {
        self.language = language
        self.foreignSpans = foreignSpans
        self.entities = entities
        self.dates = dates
        self.numbers = numbers
        self.quotes = quotes
        self.references = references
    }
}

/// A stretch of text in another language than the document's.
public struct ForeignSpan: Sendable, Equatable {
    public var text: String
    public var language: String
}

/// A named thing: a person, an organisation, a place, or another name.
public struct Entity: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case person, organisation, place, other
    }

    /// The fullest name, without titles ("Kenneth McKenzie").
    public var name: String
    public var kind: Kind
    /// Other names the document uses for it ("McKenzie", "IS"), as written.
    public var aliases: [String]
    /// Titles, ranks and roles the document puts before a person's name ("General", "British Prime
    /// Minister"): the person's, not the name's.
    public var titles: [String]
    /// Where it is mentioned.
    public var mentions: [Mention]

    public init(name: String, kind: Kind, aliases: [String] = [], titles: [String] = [], mentions: [Mention] = []) {
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.titles = titles
        self.mentions = mentions
    }
}

/// A place in the document: the sentence (counted through the whole document) and the words used.
public struct Mention: Sendable, Equatable, Hashable {
    public var sentence: Int
    public var text: String

    public init(sentence: Int, text: String) {
        self.sentence = sentence
        self.text = text
    }
}

/// A date or a span of years named in the text.
public struct DateMention: Sendable, Equatable {
    public var text: String
    /// First and last year covered, when the text says.
    public var startYear: Int?
    public var endYear: Int?
    public var month: Int?
    public var day: Int?
    public var sentence: Int
    /// The text left part of the date to the document's own date ("August 26", "yesterday",
    /// "last year"), and it was filled in from there.
    public var resolved = false
}

/// A quantity named in the text: "2,000 fighters", "$1.5 billion", "40 percent", "dozens of people".
public struct NumberMention: Sendable, Equatable {
    public var text: String
    public var value: Double
    /// What is counted or measured ("fighters", "percent", "dollars"), when the text says.
    public var unit: String?
    /// A rough count ("dozens of", "thousands of"): `value` is the least it can mean.
    public var approximate: Bool
    public var sentence: Int

    public init(text: String, value: Double, unit: String? = nil, approximate: Bool = false, sentence: Int) {
        self.text = text
        self.value = value
        self.unit = unit
        self.approximate = approximate
        self.sentence = sentence
    }
}

/// A direct quotation and who said it.
public struct Quote: Sendable, Equatable {
    public var text: String
    /// The person's name as in `entities`, when the text says who.
    public var speaker: String?
    public var sentence: Int
}
