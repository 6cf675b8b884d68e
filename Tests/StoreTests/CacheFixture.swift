import DossierTesting
import Foundation
import GRDB

@testable import Ingest
@testable import Store

/// A cache in a temporary folder, filled through the real writer with documents made by hand:
/// their sentences, names, dates, numbers and quotations are exactly what a test says.
struct CacheFixture {
    let work: TemporaryDirectory
    let store: DocumentStore

    init() throws {
        work = try TemporaryDirectory()
        store = try DocumentStore(path: work.subpath("cache.sqlite"))
    }

    /// Makes the closed cache at `path` what an earlier schema wrote: runs `sql` on it, with the
    /// functions that read stored texts (its views and triggers call them), and closes it.
    static func rewrite(cacheAt path: String, _ sql: String) async throws {
        let old = try DatabaseQueue(path: path)
        try await old.write { db in
            try StoredTextFunctions.install(in: db, dictionaries: TextDictionaries())
            try db.execute(sql: sql)
        }
        try old.close()
    }

    static func state(_ hash: String, size: Int64 = 10, inode: UInt64 = 1) -> FileState {
        FileState(size: size, modificationTime: 1_000, inode: inode, contentHash: hash)
    }

    /// A document of one section per element of `sections`: its heading and its paragraphs,
    /// each a list of sentences. Sentences are numbered across the document from 0.
    static func document(
        title: String, sections: [(heading: String?, paragraphs: [[String]])], entities: [Entity] = [],
        dates: [DateMention] = [], numbers: [NumberMention] = [], quotes: [Quote] = [],
        references: [Reference] = [], keyTerms: [TermCount] = [], published: CalendarDate? = nil
    ) -> Document {
        Document(
            format: .plainText, title: title, date: published,
            sections: sections.map { section in
                Section(
                    heading: section.heading,
                    paragraphs: section.paragraphs.map {
                        Paragraph(text: $0.joined(separator: " "), sentences: $0)
                    })
            },
            annotations: Annotations(
                language: "en", entities: entities, dates: dates, numbers: numbers, quotes: quotes,
                references: references),
            keyTerms: keyTerms)
    }

    /// Writes `documents` to the cache in one batch, each at its path.
    func add(_ documents: [(path: String, document: Document)]) async throws {
        try await store.writer.apply(
            documents.enumerated().map { index, item in
                .index(path: item.path, file: Self.state("\(index)"), result: .document(item.document))
            })
    }

    /// Names with commas, quotation marks and letters that are not Latin, in two documents.
    static let capital = document(
        title: "Capital news",
        sections: [
            (
                "The summit",
                [
                    [
                        "Washington, D.C. hosted the summit.",
                        "Smith, Jones & Co advised the city of Washington, D.C. on the harbour.",
                    ],
                    [
                        "Zoë Ōkubo said \"we will rebuild the harbour\" on Monday.",
                        "Владимир Путин met Zoë Ōkubo in 東京.",
                    ],
                ]
            )
        ],
        entities: [
            Entity(
                name: "Washington, D.C.", kind: .place, aliases: ["D.C.", "Washington, District of Columbia"],
                mentions: [.init(sentence: 0, text: "Washington, D.C."), .init(sentence: 1, text: "Washington, D.C.")]),
            Entity(
                name: "Smith, Jones & Co", kind: .organisation, aliases: ["Smith, Jones and Co."],
                mentions: [.init(sentence: 1, text: "Smith, Jones & Co")]),
            Entity(
                name: "Zoë Ōkubo", kind: .person, aliases: ["Ōkubo"], titles: ["Mayor, acting"],
                mentions: [.init(sentence: 2, text: "Zoë Ōkubo"), .init(sentence: 3, text: "Zoë Ōkubo")]),
            Entity(
                name: "Владимир Путин", kind: .person, aliases: ["Путин"],
                mentions: [.init(sentence: 3, text: "Владимир Путин")]),
            Entity(name: "東京", kind: .place, aliases: ["東京"], mentions: [.init(sentence: 3, text: "東京")]),
        ],
        dates: [
            DateMention(text: "Monday", startYear: 2024, endYear: 2024, month: 5, day: 6, sentence: 2, resolved: true)
        ],
        numbers: [],
        quotes: [Quote(text: "we will rebuild the harbour", speaker: "Zoë Ōkubo", sentence: 2)],
        keyTerms: [
            TermCount(term: "harbour", word: "harbour", count: 2), TermCount(term: "summit", word: "summit", count: 1),
        ])

    static let harbour = document(
        title: "Harbour works",
        sections: [
            (
                nil,
                [
                    [
                        "Ōkubo opened the harbour works in Washington, D.C. with 2,000 workers.",
                        "The works cost $1.5 billion.",
                    ]
                ]
            ),
            ("Who pays?", [["The city pays for the harbour.", "It borrowed the money."]]),
        ],
        entities: [
            Entity(
                name: "Zoë Ōkubo", kind: .person, aliases: ["Ōkubo"], mentions: [.init(sentence: 0, text: "Ōkubo")]),
            Entity(
                name: "Washington, D.C.", kind: .place, aliases: ["Washington, District of Columbia"],
                mentions: [.init(sentence: 0, text: "Washington, D.C.")]),
        ],
        numbers: [
            NumberMention(text: "2,000 workers", value: 2000, unit: "workers", sentence: 0),
            NumberMention(text: "$1.5 billion", value: 1.5e9, unit: "dollars", sentence: 1),
        ],
        references: [Reference(sentence: 3, entity: "Washington, D.C.", text: "It")],
        keyTerms: [
            TermCount(term: "harbour", word: "harbour", count: 2), TermCount(term: "work", word: "works", count: 2),
        ])

    /// Both documents, as "capital.txt" and "harbour.txt".
    static func filled() async throws -> CacheFixture {
        let fixture = try CacheFixture()
        try await fixture.add([("capital.txt", capital), ("harbour.txt", harbour)])
        return fixture
    }
}

extension SentenceRetrieval {
    /// Sentences that hold any of `words`.
    static func any(_ words: String...) -> SentenceRetrieval {
        SentenceRetrieval(parts: words.map { .init(["\"\($0)\""]) })
    }
}
