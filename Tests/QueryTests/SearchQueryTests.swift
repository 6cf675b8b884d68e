import Ingest
import Store
import Testing

@testable import Query

@Suite struct SearchQueryParserTests {
    func compiled(_ text: String) throws -> DocumentSearch {
        try SearchQueryCompiler.compile(try SearchQueryParser.parse(text))
    }

    func error(_ text: String) -> SearchQuerySyntaxError? {
        do {
            _ = try compiled(text)
            return nil
        } catch {
            return error as? SearchQuerySyntaxError
        }
    }

    @Test func wordsMustAllMatchAndArePassedAsStrings() throws {
        #expect(try compiled("haqqani network").match == #""haqqani" AND "network""#)
        #expect(try compiled("ISIS-K").match == #""ISIS-K""#)
        #expect(try compiled("attack*").match == #""attack" *"#)
        #expect(try compiled(#""Haqqani network" Kabul"#).match == #""Haqqani network" AND "Kabul""#)
        #expect(try compiled("“curly quotes”").match == #""curly quotes""#)
    }

    @Test func operatorsAndParentheses() throws {
        #expect(try compiled("taliban OR haqqani").match == #"("taliban" OR "haqqani")"#)
        #expect(try compiled("taliban AND haqqani").match == #""taliban" AND "haqqani""#)
        #expect(try compiled("(taliban OR haqqani) kabul").match == #"("taliban" OR "haqqani") AND "kabul""#)
        let excluded = try compiled("taliban -isis NOT kabul")
        #expect(excluded.match == #""taliban""#)
        #expect(excluded.exclude == #""isis" OR "kabul""#)
        #expect(try compiled("(taliban -isis) OR kabul").match == #"(("taliban" NOT "isis") OR "kabul")"#)
        // Lower-case operators are words.
        #expect(try compiled("rock and roll").match == #""rock" AND "and" AND "roll""#)
    }

    @Test func fieldsBecomeColumnFiltersOrDocumentFilters() throws {
        #expect(try compiled("title:kabul").match == #"title : "kabul""#)
        let search = try compiled(#"airport entity:"Haqqani network" path:notes/ -path:'drafts' lang:en"#)
        #expect(search.match == #""airport""#)
        #expect(
            search.filters == [
                DocumentFilter(.entity, "Haqqani network"), DocumentFilter(.path, "notes/"),
                DocumentFilter(.path, "'drafts'", negated: true), DocumentFilter(.language, "en"),
            ])
        // Filters alone list documents.
        #expect(try compiled("entity:Taliban").match == nil)
        // Unknown fields and colons are plain text.
        #expect(try compiled("10:30 http://example.com").match == #""10:30" AND "http://example.com""#)
    }

    @Test func dateFieldsFilterDocumentsAndSayWhereADateCannotBeRead() throws {
        let search = try compiled("kabul published:2021-08 after:2021 -before:2022-01-15 date:2015")
        #expect(search.match == #""kabul""#)
        #expect(
            search.filters == [
                DocumentFilter(.published, "2021-08"), DocumentFilter(.publishedAfter, "2021"),
                DocumentFilter(.publishedBefore, "2022-01-15", negated: true), DocumentFilter(.mentionsDate, "2015"),
            ])
        #expect(try compiled("date:2021").match == nil, "a date alone lists documents")
        #expect(
            error("kabul after:0000")
                == SearchQuerySyntaxError(
                    #"after: needs a date, YYYY, YYYY-MM or YYYY-MM-DD (years 1 to 9999), not "0000""#, column: 13))
        #expect(error("before:99999")?.column == 8)
        #expect(error("x published:2021-02-30")?.column == 13)
        #expect(error("x date:yesterday")?.column == 8)
        #expect(error("(kabul OR date:2021)")?.reason.contains("cannot stand inside OR") == true)
    }

    @Test func errorsSayWhere() {
        #expect(error(#"kabul "airport"#) == SearchQuerySyntaxError("this quotation mark is never closed", column: 7))
        #expect(error("(kabul airport") == SearchQuerySyntaxError("this parenthesis is never closed", column: 1))
        #expect(error("kabul)") == SearchQuerySyntaxError("a closing parenthesis without an opening one", column: 6))
        #expect(error("kabul OR") == SearchQuerySyntaxError("OR needs a word after it", column: 7))
        #expect(error("OR kabul") == SearchQuerySyntaxError("OR needs a word before it", column: 1))
        #expect(error("kabul AND") == SearchQuerySyntaxError("AND needs a word after it", column: 7))
        #expect(error("-kabul")?.column == 1)
        #expect(error("kabul ()") == SearchQuerySyntaxError("empty parentheses", column: 7))
        #expect(error("a OR path:x")?.column == 6)
        #expect(error("title:")?.column == 1)
        #expect(error("   ") == SearchQuerySyntaxError("the query has no words to search for", column: 1))
        #expect(error("!!! ...")?.reason == "the query has no words to search for")
        #expect(error(String(repeating: "(", count: 40) + "a" + String(repeating: ")", count: 40))?.column == 33)
        #expect(error(String(repeating: "a ", count: 3000)) != nil)
    }

    @Test func randomInputEitherParsesToQuotedStringsOrSaysWhere() throws {
        // Seeded, so that a failure comes back in the next run.
        var generator = SplitMix64(seed: 2026)
        let pieces = [
            "a", "b", "\"", "(", ")", "-", "*", "OR", "AND", "NOT", "title:", "path:", ":", " ", "é", "NEAR", "^", "{",
            "}", "+",
        ]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined(separator: Bool.random(using: &generator) ? " " : "")
            if let error = error(text) {
                #expect(error.column >= 1 && error.column <= text.count + 1, "\(text): \(error)")
            }
        }
    }

    @Test func highlightMarkersBecomeRanges() {
        let text = HighlightedText(marked: "the \u{E000}Haqqani\u{E001} network in \u{E000}Kābul\u{E001}…")
        #expect(text.text == "the Haqqani network in Kābul…")
        #expect(text.ranges == [4..<11, 23..<28])
        // Stray and empty markers are dropped; ranges count scalars, whatever their bytes.
        let stray = HighlightedText(marked: "\u{E001}日本\u{E000}\u{E001} \u{E000}e\u{301}t\u{E9}\u{E001}\u{E000}")
        #expect(stray.text == "日本 e\u{301}t\u{E9}")
        #expect(stray.ranges == [3..<7])
        #expect(HighlightedText(marked: "").text.isEmpty)
    }
}

@Suite struct QuestionTests {
    @Test func commonWordsAreLookedForOnlyTogether() {
        let counts = ["harbour": 15_000, "council": 14_000, "close": 9_000, "kilbride": 3]
        func retrieval(_ words: [String]) -> SentenceRetrieval {
            QueryEngine.retrieval(words: words, frequency: { counts[$0] ?? 0 }, sentences: 280_000)
        }
        #expect(
            retrieval(["harbour", "council", "kilbride"]).parts == [
                .init([#""kilbride""#]), .init([#""harbour""#, #""council""#]),
            ])
        #expect(retrieval(["harbour", "council", "kilbride"]).anyPart == #""kilbride" OR ("harbour" AND "council")"#)
        #expect(retrieval(["harbour", "kilbride"]).anyPart == #""kilbride""#)
        #expect(retrieval(["harbour"]).anyPart == #""harbour""#)
        // In a small collection nothing is common: 600 of 900 sentences is under the floor of 1,000.
        #expect(
            QueryEngine.retrieval(words: ["harbour", "close"], frequency: { _ in 600 }, sentences: 900).anyPart
                == #""harbour" OR "close""#)
        // A word the index splits is all of its pieces: the sentence index knows no phrase.
        #expect(retrieval(["ISIS-K"]).anyPart == #"("ISIS" AND "K")"#)
    }

    @Test func withoutPhrasesAPhraseIsAllOfItsWords() throws {
        let search = try QueryEngine.compile(#"harbour "city council" -"tax-free zone" title:ferry"#)
        #expect(search.match == #""harbour" AND "city council" AND title : "ferry""#)
        // A title asks nothing of the sentence: its document's index answers for it.
        #expect(search.sentenceMatch == #""harbour" AND ("city" AND "council")"#)
        #expect(search.exclude == #""tax-free zone""#)
        #expect(search.sentenceExclude == #"("tax" AND "free" AND "zone")"#)
        #expect(try QueryEngine.compile("title:ferry").sentenceMatch == nil)
        #expect(try QueryEngine.compile("harbour -title:ferry").sentenceExclude == nil)
        #expect(try QueryEngine.compile("(harbour OR title:ferry) lamp").sentenceMatch == #""lamp""#)
        // A NOT within stays only when the sentence index can say it exactly.
        let within = try QueryEngine.compile("(harbour -ferry) OR lamp")
        #expect(within.sentenceMatch == #"(("harbour" NOT "ferry") OR "lamp")"#, "\(within)")
        let phrase = try QueryEngine.compile(#"(harbour -"city council") OR lamp"#)
        #expect(phrase.sentenceMatch == #"(("harbour") OR "lamp")"#, "\(phrase)")
        #expect(SearchQueryCompiler.allWords(of: "Ōkubo's", prefix: true) == #"("Ōkubo" AND "s" *)"#)
        #expect(SearchQueryCompiler.allWords(of: "東京") == #""東京""#)
        #expect(SearchQueryCompiler.allWords(of: "--") == #""--""#)
    }

    @Test(arguments: [
        ("Who leads US Central Command?", Question.AnswerType.person),
        ("When was ISIS-K formed?", .date),
        ("In what year was it formed?", .date),
        ("Where did the suicide bomb attack happen?", .place),
        ("Why is ISIS-K so hostile to the Taliban?", .reason),
        ("How many people were killed?", .quantity),
        ("How did the Taliban contain the threat?", .manner),
        ("Is ISIS-K related to the Taliban?", .polar),
        ("Does the lamp need oil?", .polar),
        ("What is the Haqqani network?", .fact),
        ("Which group executed Omar Khorasani?", .organisation),
        ("How wide is the river at the bridge?", .quantity),
        // A clause set off before the question word: the words after it ask.
        ("At the time of its founding, how many members did the club have?", .quantity),
        ("In 1735, where did the brothers preach?", .place),
        ("When the river floods, what do the farmers do?", .fact),
        ("After the war ended, who led the army?", .person),
        ("Besides constant flooding, why else was the river regulated?", .reason),
        // A question that opens with its question word keeps it, whatever follows a comma.
        ("When did the keeper, who lived alone, leave the lighthouse?", .date),
        ("What did the man, who was born in 1900, build?", .fact),
    ])
    func answerTypes(question: String, expected: Question.AnswerType) {
        #expect(Question(question).answerType == expected)
    }

    @Test func howAndAMeasureAsksForAQuantityInItsUnits() {
        #expect(Question("How wide is the river?").measure == .length)
        #expect(Question("How deep is the lake?").measure == .length)
        #expect(Question("How long did the siege last?").measure == .time)
        #expect(Question("How old is the abbey?").measure == .age)
        #expect(Question("How did the siege end?").measure == nil)
        // An amount or a measure is said with its unit; how many there are, by the number alone.
        #expect(Question("How much water does the river carry?").asksForAmount)
        #expect(Question("How wide is the river?").asksForAmount)
        #expect(Question("What percentage of the vote did the party win?").asksForAmount)
        #expect(!Question("How many members did the club have?").asksForAmount)
        #expect(!Question("What number of ships sank?").asksForAmount)
        #expect(!Question("Who built the bridge?").asksForAmount)
    }

    @Test func termsAndNames() {
        let question = Question("Is ISIS-K related to the Taliban's Haqqani network?")
        #expect(question.words == ["isis", "k", "related", "taliban", "haqqani", "network"])
        // One-letter pieces would count ISIS-K twice.
        #expect(question.terms == ["isi", "relat", "taliban", "haqqani", "network"])
        #expect(question.names.contains("ISIS-K"))
        #expect(question.names.contains("Taliban's Haqqani") || question.names.contains("Haqqani"))
        #expect(!question.names.contains("Is"))
        #expect(Question("What did General Kenneth McKenzie say?").names.contains("General Kenneth McKenzie"))
        #expect(Question("What did General Kenneth McKenzie say?").names.contains("McKenzie"))
    }
}
