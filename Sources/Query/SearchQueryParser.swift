import Ingest

/// Parses the search language:
///
/// - words (stemmed and diacritic-insensitive by the index), `"exact phrases"`, `prefix*`;
/// - `AND` (the default between words), `OR`, `NOT` and `-word`, written in capitals, and parentheses;
/// - `title:`, `entity:`, `path:` and `lang:` followed by a word or a phrase.
///
/// Anything else a user may type (punctuation, lower-case "or", `10:30`, unknown `field:`s) is
/// read as plain words. What cannot be read (an unclosed quote or parenthesis, an operator with
/// nothing beside it) is an error that says where.
public enum SearchQueryParser {
    /// Longer queries are refused rather than searched.
    public static let maximumLength = 4096
    /// Parentheses nest no deeper than this.
    public static let maximumDepth = 32

    public static func parse(_ text: String) throws(SearchQuerySyntaxError) -> SearchQuery {
        guard text.count <= maximumLength else {
            throw SearchQuerySyntaxError(
                "the query is longer than \(maximumLength) characters", column: maximumLength + 1)
        }
        var parser = Parser(tokens: try Lexer.tokens(text))
        guard !parser.tokens.isEmpty else {
            throw SearchQuerySyntaxError("the query has no words to search for", column: 1)
        }
        let query = try parser.parseAny(depth: 0)
        if let extra = parser.peek {
            throw SearchQuerySyntaxError("a closing parenthesis without an opening one", column: extra.column)
        }
        return query
    }

    struct Token: Equatable {
        enum Kind: Equatable {
            case word(String, prefix: Bool)
            case phrase(String, prefix: Bool)
            case field(SearchField)
            case open, close, and, or, not
        }
        var kind: Kind
        var column: Int
    }

    enum Lexer {
        static let quotes: Set<Character> = ["\"", "“", "”", "„"]

        static func tokens(_ text: String) throws(SearchQuerySyntaxError) -> [Token] {
            let characters = Array(text)
            var tokens: [Token] = []
            var index = 0
            func hasWords(_ text: some StringProtocol) -> Bool { text.unicodeScalars.contains(where: \.isWordScalar) }
            func prefixStar() -> Bool {
                guard index < characters.count, characters[index] == "*" else { return false }
                while index < characters.count, characters[index] == "*" { index += 1 }
                return true
            }
            while index < characters.count {
                let character = characters[index]
                let column = index + 1
                if character.isWhitespace
                    || character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control })
                {
                    index += 1
                } else if character == "(" {
                    tokens.append(Token(kind: .open, column: column))
                    index += 1
                } else if character == ")" {
                    tokens.append(Token(kind: .close, column: column))
                    index += 1
                } else if quotes.contains(character) {
                    guard let end = characters[(index + 1)...].firstIndex(where: { quotes.contains($0) }) else {
                        throw SearchQuerySyntaxError("this quotation mark is never closed", column: column)
                    }
                    let phrase = String(characters[(index + 1)..<end].filter { $0 != "\u{0}" })
                    index = end + 1
                    let prefix = prefixStar()
                    if hasWords(phrase) { tokens.append(Token(kind: .phrase(phrase, prefix: prefix), column: column)) }
                } else if character == "-", index + 1 < characters.count,
                    !characters[index + 1].isWhitespace, characters[index + 1] != "-",
                    characters[index + 1] != ")"
                {
                    tokens.append(Token(kind: .not, column: column))
                    index += 1
                } else {
                    let start = index
                    while index < characters.count, !characters[index].isWhitespace, characters[index] != "\u{0}",
                        characters[index] != "(",
                        characters[index] != ")", !quotes.contains(characters[index])
                    {
                        index += 1
                    }
                    var word = String(characters[start..<index])
                    switch word {
                    case "AND": tokens.append(Token(kind: .and, column: column))
                    case "OR": tokens.append(Token(kind: .or, column: column))
                    case "NOT": tokens.append(Token(kind: .not, column: column))
                    default:
                        if let colon = word.firstIndex(of: ":"),
                            let field = SearchField(rawValue: word[..<colon].lowercased())
                        {
                            tokens.append(Token(kind: .field(field), column: column))
                            word = String(word[word.index(after: colon)...])
                            if word.isEmpty { continue }
                        }
                        var prefix = false
                        while word.hasSuffix("*") {
                            word.removeLast()
                            prefix = true
                        }
                        if hasWords(word) { tokens.append(Token(kind: .word(word, prefix: prefix), column: column)) }
                    }
                }
            }
            return tokens
        }
    }

    struct Parser {
        var tokens: [Token]
        var position = 0

        var peek: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func next() -> Token? {
            defer { position += 1 }
            return peek
        }

        mutating func parseAny(depth: Int) throws(SearchQuerySyntaxError) -> SearchQuery {
            var parts = [try parseAll(depth: depth)]
            while let token = peek, token.kind == .or {
                position += 1
                guard let next = peek, next.kind != .close, next.kind != .or, next.kind != .and else {
                    throw SearchQuerySyntaxError("OR needs a word after it", column: token.column)
                }
                parts.append(try parseAll(depth: depth))
            }
            return parts.count == 1 ? parts[0] : .any(parts)
        }

        mutating func parseAll(depth: Int) throws(SearchQuerySyntaxError) -> SearchQuery {
            var parts = [try parseUnary(depth: depth)]
            while let token = peek, token.kind != .or, token.kind != .close {
                if token.kind == .and {
                    position += 1
                    guard let next = peek, next.kind != .close, next.kind != .or, next.kind != .and else {
                        throw SearchQuerySyntaxError("AND needs a word after it", column: token.column)
                    }
                }
                parts.append(try parseUnary(depth: depth))
            }
            return parts.count == 1 ? parts[0] : .all(parts)
        }

        mutating func parseUnary(depth: Int) throws(SearchQuerySyntaxError) -> SearchQuery {
            guard let token = peek, token.kind == .not else { return try parsePrimary(depth: depth) }
            position += 1
            guard let next = peek, next.kind != .close, next.kind != .or, next.kind != .and else {
                throw SearchQuerySyntaxError("NOT needs a word after it", column: token.column)
            }
            return .not(try parseUnary(depth: depth), position: token.column)
        }

        mutating func parsePrimary(depth: Int) throws(SearchQuerySyntaxError) -> SearchQuery {
            guard let token = next() else {
                throw SearchQuerySyntaxError("the query ends too early", column: (tokens.last?.column ?? 0) + 1)
            }
            switch token.kind {
            case .word(let word, let prefix):
                return .term(word, prefix: prefix)
            case .phrase(let phrase, let prefix):
                return .phrase(phrase, prefix: prefix)
            case .field(let field):
                switch next()?.kind {
                case .word(let value, let prefix), .phrase(let value, let prefix):
                    return .field(field, value, prefix: prefix, position: token.column)
                default:
                    throw SearchQuerySyntaxError(
                        "\(field.rawValue): needs a word or a \"phrase\" right after it", column: token.column)
                }
            case .open:
                guard depth < SearchQueryParser.maximumDepth else {
                    throw SearchQuerySyntaxError(
                        "parentheses nest deeper than \(SearchQueryParser.maximumDepth)", column: token.column)
                }
                guard let inner = peek, inner.kind != .close else {
                    throw SearchQuerySyntaxError("empty parentheses", column: token.column)
                }
                let query = try parseAny(depth: depth + 1)
                guard next()?.kind == .close else {
                    throw SearchQuerySyntaxError("this parenthesis is never closed", column: token.column)
                }
                return query
            case .close:
                throw SearchQuerySyntaxError("a closing parenthesis without an opening one", column: token.column)
            case .and, .or:
                throw SearchQuerySyntaxError(
                    "\(token.kind == .and ? "AND" : "OR") needs a word before it", column: token.column)
            case .not:
                preconditionFailure("parseUnary reads NOT")
            }
        }
    }
}
