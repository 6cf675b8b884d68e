import Ingest
import Store

/// The words that answer a question, taken from the sentence that answers it: a name of the kind
/// the question asks for, a date, a quantity. Nil when the question asks for something else (a
/// reason, a manner) or the sentence holds none that the question does not already say. For
/// other questions ("What is the weakest interaction?"), and names the recogniser does not know,
/// the words next to what the question says (``Phrase``).
///
/// With the tagger, the rules' choice is one of the sentence's phrases of the kind asked for
/// (``AnswerPhrases``), and weights fitted to questions with known answers (``PhraseWeights``)
/// choose among them.
public enum ShortAnswer {
    static func of(
        _ candidate: AnswerCandidate, for question: Question, questionEntities: Set<Int64>,
        relatives: [String: Set<String>] = [:], tagger: PartOfSpeechTagger? = nil, model: PhraseWeights = .shipped
    ) -> String? {
        let reading = Reading(
            candidate, question: question, questionEntities: questionEntities, relatives: relatives, tagger: tagger)
        let chosen = rules(reading)
        guard reading.tagged != nil else { return chosen }
        let phrases = Self.phrases(reading, rulesChoice: chosen)
        // With no phrase to choose among, the rules' choice stands: one the sentence does not
        // write as it stands (its words were split at other spaces) cannot be offered.
        guard !phrases.isEmpty else { return chosen }
        return model.best(of: phrases.map(\.features)).map { phrases[$0].phrase.text }
    }

    /// The phrases of `candidate` that could answer `question`, each with what the chooser reads
    /// of it: what ``of(_:for:questionEntities:relatives:tagger:model:)`` chooses among.
    public static func phrases(
        _ candidate: AnswerCandidate, for question: Question, questionEntities: Set<Int64>,
        relatives: [String: Set<String>], tagger: PartOfSpeechTagger
    ) -> [(phrase: AnswerPhrase, features: PhraseFeatures)] {
        let reading = Reading(
            candidate, question: question, questionEntities: questionEntities, relatives: relatives, tagger: tagger)
        return phrases(reading, rulesChoice: rules(reading))
    }

    private static func phrases(_ reading: Reading, rulesChoice: String?) -> [(
        phrase: AnswerPhrase, features: PhraseFeatures
    )] {
        guard let tagged = reading.tagged else { return [] }
        let question = reading.question
        let phrases = AnswerPhrases.candidates(
            in: tagged, question: question, spans: reading.fresh, rulesChoice: rulesChoice,
            cued: Phrase.cued(in: reading.words, matched: reading.matched, to: question), naming: reading.named
        )
        .filter { !reading.namesAsked($0.text) }
        return zip(phrases, PhraseFeatures.of(phrases, in: tagged, question: question)).map { ($0, $1) }
    }

    /// A candidate sentence read for a question: what the rules and the phrases are made of.
    struct Reading {
        let question: Question
        /// The names, dates and quantities of the sentence that the question does not say.
        let fresh: [AnswerSpan]
        /// How the sentence writes the names the question says, lower-cased: "Scottish
        /// Parliament" for a question that says "the SP".
        let askedNames: Set<String>
        let words: [Phrase.Word]
        /// The places in `words` of the words the question says.
        let matched: [Int]
        let tagged: TaggedSentence?
        /// The noun phrase of the noun a what-question asks about (``naming(_:in:kindOnly:)``).
        let named: String?

        init(
            _ candidate: AnswerCandidate, question: Question, questionEntities: Set<Int64>,
            relatives: [String: Set<String>], tagger: PartOfSpeechTagger?
        ) {
            self.question = question
            // What the question says already is not its answer, whatever its case and accents
            // ("Fort Beausejour" says "Fort Beauséjour", "the Lunda Empires" "Lunda Empire").
            func folded(_ text: String) -> String { TermExtractor.words(text).joined(separator: " ") }
            let asked = folded(question.text)
            fresh = candidate.spans.filter { span in
                if case .entity(_, let id) = span.kind, questionEntities.contains(id) { return false }
                let spanWords = folded(span.text)
                return !spanWords.isEmpty && !asked.contains(spanWords)
            }
            askedNames = Set(
                candidate.spans.compactMap { span in
                    guard case .entity(_, let id) = span.kind, questionEntities.contains(id) else { return nil }
                    return span.text.lowercased()
                })
            words = Phrase.words(candidate.text)
            matched = Phrase.matched(words, question: question, relatives: relatives)
            let tagged = tagger.map {
                TaggedSentence(candidate.text, tagger: $0, question: question, relatives: relatives)
            }
            self.tagged = tagged
            named = tagged.flatMap { tagged in
                question.askedNoun.flatMap { ShortAnswer.naming($0, in: tagged, kindOnly: question.asksForKind) }
            }
        }

        /// Whether `phrase`, perhaps after an article, is a name the question says in other
        /// words: what the question asks about is not its answer.
        func namesAsked(_ phrase: String) -> Bool {
            guard !askedNames.isEmpty else { return false }
            var words = phrase.lowercased().split(separator: " ", omittingEmptySubsequences: true)
            if let first = words.first, AnswerPhrases.articles.contains(String(first)) { words.removeFirst() }
            return askedNames.contains(words.joined(separator: " "))
        }
    }

    /// The rules' choice: a recognised name, date or quantity of the kind asked for, the nearest
    /// the question's words; else a phrase of that kind. Never a name the question says.
    static func rules(_ reading: Reading) -> String? {
        guard let choice = kindRules(reading), !reading.namesAsked(choice) else { return nil }
        return choice
    }

    /// The rules' choice before the names the question says are left out.
    private static func kindRules(_ reading: Reading) -> String? {
        let question = reading.question
        let fresh = reading.fresh
        let words = reading.words
        let matched = reading.matched
        let tagged = reading.tagged
        // Of several, the one nearest the question's words ("pledged allegiance to al-Qaeda in
        // 2004", not "in 1999"), then the first.
        func first(_ spans: [AnswerSpan]) -> AnswerSpan? {
            spans.min { a, b in
                let (first, second) = (place(of: a), place(of: b))
                return (first.distance, first.index) < (second.distance, second.index)
            }
        }
        func place(of span: AnswerSpan) -> (distance: Int, index: Int) {
            let spanWords = Phrase.words(span.text)
            guard let head = spanWords.first?.lower,
                let index = words.indices.first(where: { words[$0].lower == head })
            else { return (Int.max, Int.max) }
            let length = spanWords.count
            let distance =
                matched.map { $0 < index ? index - $0 : max(0, $0 - (index + length - 1)) }.min() ?? Int.max
            return (distance, index)
        }
        func names(_ kind: String) -> [AnswerSpan] {
            fresh.filter { if case .entity(kind, _) = $0.kind { return true } else { return false } }
        }
        // With the tagger, phrases of the kind asked for; without it, the words near the question's.
        let phrase = { (kind: PhraseKind) -> String? in
            if let tagged {
                if kind == .any {
                    if let cued = Phrase.cued(in: words, matched: matched, to: question, byAskedNoun: false) {
                        return cued
                    }
                    if let named = reading.named { return named }
                }
                return nearest(in: tagged, kind: kind, counted: question.counted)
            }
            return Phrase.nearest(in: words, matched: matched, to: question)
        }
        switch question.answerType {
        case .person: return first(names("person"))?.text ?? first(names("organisation"))?.text ?? phrase(.name)
        case .organisation: return first(names("organisation"))?.text ?? phrase(.name)
        case .place: return first(names("place"))?.text ?? phrase(.name)
        case .date: return first(fresh.filter { $0.kind == .date })?.text ?? phrase(.date)
        case .quantity:
            let quantities = fresh.filter { if case .quantity = $0.kind { return true } else { return false } }
            let counting = quantities.filter { span in
                guard case .quantity(let unit) = span.kind, let counted = question.counted else { return false }
                return !unit.isEmpty && TermExtractor.term(unit) == counted
            }
            // "How many fighters": "2,000"; "How long is the river": "1,230 kilometres".
            guard let best = first(counting.isEmpty ? quantities : counting) else { return phrase(.number) }
            return counting.isEmpty ? best.text : number(best)
        case .fact:
            return phrase(.any)
        case .reason, .manner, .polar:
            return nil
        }
    }

    /// The kinds of phrase a question may want when no recognised name, date or quantity answers it.
    enum PhraseKind {
        /// A noun phrase headed by a proper noun.
        case name
        /// A noun phrase holding a year, a decade or a century.
        case date
        /// A noun phrase holding a number.
        case number
        /// Any noun phrase the question does not say.
        case any
    }

    /// "What method is used…", "Which task force…": the noun phrase whose noun is the one asked
    /// about, without the words the question says ("the d'Hondt method", "The Sexual Ethics Task
    /// Force of the United Methodist Church"). Nil when it says nothing more than the question.
    ///
    /// With `kindOnly` ("What type of sanctions…"), the words before the noun that say which kind
    /// ("economic" of "US economic sanctions"), when there are such words.
    static func naming(_ noun: String, in sentence: TaggedSentence, kindOnly: Bool = false) -> String? {
        for phrase in sentence.phrases where phrase.kind == .noun {
            guard
                let named = phrase.range.first(where: {
                    sentence.asked[$0] && [.noun, .properNoun].contains(sentence.tags[$0])
                        && sentence.stems[$0] == noun
                })
            else { continue }
            // Not of a name ("Associate Membership"), nor of a word joined by a hyphen ("pseudo-sciences").
            if kindOnly, sentence.tags[named] == .noun, sentence.words[named].text.first?.isUppercase == false,
                named > 0, sentence.tags[named - 1] != .punctuation
            {
                let modifiers = sentence.trimmed(phrase.range.lowerBound..<named)
                if !modifiers.isEmpty, !modifiers.allSatisfy(sentence.isSaid) { return sentence.text(modifiers) }
            }
            var range = sentence.trimmed(phrase.range)
            // "What profession…": "journalism" in "the profession of journalism".
            if range.allSatisfy(sentence.isSaid), let complement = sentence.complement(of: range) {
                range = complement
            }
            range = sentence.withComplement(range)
            if !range.isEmpty, range.count <= 2 * Phrase.longest, !range.allSatisfy({ sentence.asked[$0] }) {
                return sentence.text(range)
            }
        }
        return nil
    }

    /// The noun phrase of `kind` nearest the words the question says (of two as near, the one
    /// after them, then the first); none of that kind within ``Phrase/reach`` words.
    static func nearest(in sentence: TaggedSentence, kind: PhraseKind, counted: String?) -> String? {
        let candidates = sentence.openNounPhrases().filter { range in
            guard range.count <= Phrase.longest, sentence.distance(range) <= Phrase.reach else { return false }
            switch kind {
            case .any: return true
            case .name: return sentence.tags[range.upperBound - 1] == .properNoun
            case .date: return range.contains { sentence.isYearLike($0) }
            case .number: return range.contains { sentence.isNumber($0) }
            }
        }
        guard
            let best = candidates.min(by: { a, b in
                let (first, second) = (sentence.distance(a), sentence.distance(b))
                return (first, sentence.follows(a) ? 0 : 1, a.lowerBound)
                    < (second, sentence.follows(b) ? 0 : 1, b.lowerBound)
            })
        else { return nil }
        // "How many fighters": the number, when the phrase counts what the question counts.
        if kind == .number, let counted,
            sentence.stems[best.upperBound - 1] == counted,
            let numbers = best.firstIndex(where: { sentence.isNumber($0) })
        {
            let end = best[numbers...].firstIndex { !sentence.isNumber($0) } ?? best.upperBound
            return sentence.text(numbers..<end)
        }
        let whole = sentence.withComplement(best)
        return sentence.text(kind == .any && whole.count <= 2 * Phrase.longest ? whole : best)
    }

    /// A quantity without the noun it counts ("2,000 fighters" → "2,000"): the question named that.
    static func number(_ span: AnswerSpan) -> String {
        guard case .quantity(let unit) = span.kind, !unit.isEmpty, unit != "percent", span.text.hasSuffix(unit) else {
            return span.text
        }
        let number = span.text.dropLast(unit.count).reversed().drop { $0 == " " }.reversed()
        return number.isEmpty ? span.text : String(number)
    }
}

/// The run of words in a sentence that the question leaves open: words the question does not
/// say, between punctuation and small words, as close as can be to the words it does say. "What
/// is the most basic method of checking primality?" leaves "trial division" open in "The most
/// basic method of checking the primality of a given integer n is called trial division."
enum Phrase {
    /// Runs further than this many words from the question's words are not its answer.
    static let reach = 3
    /// A run longer than this is not a short answer.
    static let longest = 6

    struct Word {
        var text: String
        var lower: String
        /// Punctuation after the word ends a run.
        var endsRun: Bool
        /// Punctuation before the word ("(", a quotation mark) starts one.
        var startsRun: Bool
    }

    static func words(_ sentence: String) -> [Word] {
        sentence.split(whereSeparator: { $0.isWhitespace }).compactMap { raw in
            let leading = raw.prefix { !$0.isLetter && !$0.isNumber }
            let rest = raw.dropFirst(leading.count)
            var core = String(
                rest.reversed().drop { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "’" }.reversed())
            // "Elizabeth's" keeps its possessive; a closing quote does not stay.
            if core.hasSuffix("'") || core.hasSuffix("’") { core.removeLast() }
            guard !core.isEmpty else { return nil }
            let trailing = rest.dropFirst(core.count)
            return Word(
                text: core, lower: core.lowercased(), endsRun: !trailing.isEmpty, startsRun: !leading.isEmpty)
        }
    }

    /// The places of the words the question says, or relatives of them.
    static func matched(_ words: [Word], question: Question, relatives: [String: Set<String>]) -> [Int] {
        let asked = Set(question.terms).union(relatives.values.joined())
        let askedWords = Set(question.words)
        return words.indices.filter { index in
            let word = words[index].lower
            return askedWords.contains(word) || TermExtractor.terms(word).contains { asked.contains($0) }
        }
    }

    static func nearest(in sentence: String, to question: Question, relatives: [String: Set<String>]) -> String? {
        let words = words(sentence)
        return nearest(in: words, matched: matched(words, question: question, relatives: relatives), to: question)
    }

    /// The same, over the sentence's `words` and the places of those the question says.
    static func nearest(in words: [Word], matched matchedIndices: [Int], to question: Question) -> String? {
        let matchedSet = Set(matchedIndices)
        let matched = words.indices.map { matchedSet.contains($0) }
        guard !matchedIndices.isEmpty else { return nil }
        // Runs of words the question does not say, small words and punctuation between them.
        var runs: [Range<Int>] = []
        var start: Int?
        for index in words.indices {
            let small = Stopwords.english.contains(words[index].lower)
            if let open = start, matched[index] || small || words[index].startsRun {
                runs.append(open..<index)
                start = nil
            }
            if start == nil, !matched[index], !small { start = index }
            if let open = start, words[index].endsRun {
                runs.append(open..<(index + 1))
                start = nil
            }
        }
        if let open = start { runs.append(open..<words.count) }
        func distance(_ run: Range<Int>) -> Int {
            matchedIndices.map { $0 < run.lowerBound ? run.lowerBound - $0 : $0 - run.upperBound + 1 }.min() ?? .max
        }
        if let cued = cued(in: words, matched: matchedIndices, to: question) { return cued }
        // A lone word in -ed is a verb ("received", "titled"): what is done, not what is asked for.
        runs = runs.filter { $0.count > 1 || !words[$0.lowerBound].lower.hasSuffix("ed") }
        // The nearest run; of two as near, the one after the question's words, then the first.
        let best = runs.filter { $0.count <= longest && distance($0) <= reach }
            .min {
                (distance($0), follows($0) ? 0 : 1, $0.lowerBound) < (distance($1), follows($1) ? 0 : 1, $1.lowerBound)
            }
        func follows(_ run: Range<Int>) -> Bool { matchedIndices.contains { $0 < run.lowerBound } }
        return best.map { words[$0].map(\.text).joined(separator: " ") }
    }

    /// The words the sentence's cues point at: what fills a fill-in question's gap, what the
    /// sentence calls something when the question asks for a name, the words before the noun a
    /// what-question asks about. Nil when no cue points.
    static func cued(in words: [Word], matched matchedIndices: [Int], to question: Question, byAskedNoun: Bool = true)
        -> String?
    {
        // "Telnet was sold to": the words after "sold to" in the sentence, up to what follows the gap.
        if let gap = question.gap, !gap.before.isEmpty {
            return filling(gap, in: words)
        }
        // "What is the name of the process…": the words after "called", "known as".
        if question.words.contains(where: { ["name", "called", "term", "known", "named"].contains($0) }),
            let naming = namingRun(in: words)
        {
            return naming
        }
        // "What method is used…": the words right before the method's name in the sentence name it
        // ("the d'Hondt method").
        let matched = Set(matchedIndices)
        if byAskedNoun, let noun = question.askedNoun,
            let head = words.indices.first(where: {
                matched.contains($0) && TermExtractor.term(words[$0].lower) == noun
            }),
            head > 0, !words[head - 1].endsRun, !matched.contains(head - 1),
            !Stopwords.english.contains(words[head - 1].lower)
        {
            var start = head - 1
            while start > 0, head - start < longest, !words[start - 1].endsRun, !matched.contains(start - 1),
                !Stopwords.english.contains(words[start - 1].lower), !words[start].startsRun
            {
                start -= 1
            }
            return words[start...head].map(\.text).joined(separator: " ")
        }
        return nil
    }

    /// The words a sentence names something with: after "called", "named", "known as",
    /// "referred to as", "termed", to the next punctuation or small word.
    static func namingRun(in words: [Word]) -> String? {
        let lower = words.map(\.lower)
        for index in lower.indices {
            var start: Int
            switch lower[index] {
            case "called", "named", "termed", "dubbed": start = index + 1
            case "as" where index > 0 && ["known", "referred", "described"].contains(lower[index - 1]):
                start = index + 1
            default: continue
            }
            guard !words[index].endsRun else { continue }
            while start < words.count, ["the", "a", "an"].contains(lower[start]) { start += 1 }
            var end = start
            while end < words.count, end - start < longest, !Stopwords.english.contains(lower[end]) || end == start {
                end += 1
                if words[end - 1].endsRun { break }
            }
            if end > start { return words[start..<end].map(\.text).joined(separator: " ") }
        }
        return nil
    }

    /// The words a fill-in question's gap stands for: after the words before the gap (stem for
    /// stem), through the next punctuation, the words after the gap, or ``longest`` words.
    static func filling(_ gap: (before: [String], after: [String]), in words: [Word]) -> String? {
        let before = gap.before.map(TermExtractor.term)
        let stems = words.map { TermExtractor.term($0.lower) }
        guard before.count <= stems.count,
            let start = (0...(stems.count - before.count)).last(where: {
                Array(stems[$0..<($0 + before.count)]) == before
            })
        else { return nil }
        var index = start + before.count
        // "sold to the Pacific company": the article belongs to the answer only inside it.
        while index < words.count, ["the", "a", "an"].contains(words[index].lower) { index += 1 }
        var end = index
        let stop = gap.after.first.map(TermExtractor.term)
        while end < words.count, end - index < longest, stems[end] != stop {
            end += 1
            if words[end - 1].endsRun { break }
        }
        guard end > index else { return nil }
        return words[index..<end].map(\.text).joined(separator: " ")
    }
}
