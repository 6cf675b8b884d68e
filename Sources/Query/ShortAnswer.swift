import Ingest
import Store

/// The words that answer a question, taken from the sentence that answers it: a name of the kind
/// the question asks for, a date, a quantity. Nil when the question asks for something else (a
/// reason, a manner, a fact) or the sentence holds none that the question does not already say.
enum ShortAnswer {
    static func of(_ candidate: AnswerCandidate, for question: Question, questionEntities: Set<Int64>) -> String? {
        let asked = question.text.lowercased()
        // What the question says already is not its answer.
        let fresh = candidate.spans.filter { span in
            if case .entity(_, let id) = span.kind, questionEntities.contains(id) { return false }
            return !span.text.isEmpty && !asked.contains(span.text.lowercased())
        }
        func first(_ spans: [AnswerSpan]) -> AnswerSpan? {
            spans.min { position(of: $0, in: candidate.text) < position(of: $1, in: candidate.text) }
        }
        func names(_ kind: String) -> [AnswerSpan] {
            fresh.filter { if case .entity(kind, _) = $0.kind { return true } else { return false } }
        }
        switch question.answerType {
        case .person: return first(names("person"))?.text ?? first(names("organisation"))?.text
        case .organisation: return first(names("organisation"))?.text
        case .place: return first(names("place"))?.text
        case .date: return first(fresh.filter { $0.kind == .date })?.text
        case .quantity:
            let quantities = fresh.filter { if case .quantity = $0.kind { return true } else { return false } }
            let counting = quantities.filter { span in
                guard case .quantity(let unit) = span.kind, let counted = question.counted else { return false }
                return !unit.isEmpty && TermExtractor.term(unit) == counted
            }
            return first(counting.isEmpty ? quantities : counting).map(number)
        case .reason, .manner, .polar, .fact:
            return nil
        }
    }

    /// Where the span's text first stands in the sentence (the end when it does not).
    private static func position(of span: AnswerSpan, in sentence: String) -> String.Index {
        sentence.range(of: span.text)?.lowerBound ?? sentence.endIndex
    }

    /// A quantity without the noun it counts ("2,000 fighters" → "2,000"): the question named that.
    private static func number(_ span: AnswerSpan) -> String {
        guard case .quantity(let unit) = span.kind, !unit.isEmpty, unit != "percent", span.text.hasSuffix(unit) else {
            return span.text
        }
        let number = span.text.dropLast(unit.count).reversed().drop { $0 == " " }.reversed()
        return number.isEmpty ? span.text : String(number)
    }
}
