import Ingest

/// Builds FTS5 match expressions from what people type. User text never reaches FTS5 as
/// syntax: every term is quoted, so no input can produce an FTS5 syntax error.
public struct FullTextQuery: Sendable, Equatable {
    public var terms: [String]

    /// Words that carry no meaning for ranking a question's answer.
    static let stopwords: Set<String> = [
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "to", "of",
        "in", "on", "at", "by", "for", "with", "from", "as", "and", "or", "but", "if", "then", "so", "than", "that",
        "this", "these", "those", "it", "its", "what", "which", "who", "whom", "whose", "when", "where", "why",
        "how", "can", "could", "should", "would", "will", "shall", "may", "might", "must", "has", "have", "had",
        "there", "their", "they", "them", "he", "she", "his", "her", "we", "our", "you", "your", "i", "me", "my",
        "about", "into", "any", "some", "not", "no",
    ]

    public init(terms: [String]) {
        self.terms = terms
    }

    /// The words of `text` (letters and digits), lower-cased, in order, without repeats.
    public init(text: String, droppingStopwords: Bool = false) {
        var seen: Set<String> = []
        var terms: [String] = []
        var word = String.UnicodeScalarView()
        func flush() {
            guard !word.isEmpty else { return }
            let term = String(word).lowercased()
            word.removeAll()
            guard !(droppingStopwords && Self.stopwords.contains(term)), seen.insert(term).inserted else { return }
            terms.append(term)
        }
        for scalar in text.unicodeScalars {
            if scalar.isWordScalar {
                word.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        self.terms = terms
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// Every term must match.
    public var allTermsExpression: String { terms.map(Self.quote).joined(separator: " ") }

    /// Any term may match; BM25 ranks those with more and rarer terms first.
    public var anyTermExpression: String { terms.map(Self.quote).joined(separator: " OR ") }

    static func quote(_ term: String) -> String {
        "\"" + term.replacing("\"", with: "\"\"") + "\""
    }
}
