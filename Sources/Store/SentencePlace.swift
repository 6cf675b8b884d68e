import GRDB

/// A sentence by its document and its place in it: how annotations (mentions, dates, numbers)
/// name the sentence they stand in.
struct SentencePlace: Hashable {
    var document: Int64
    var ordinal: Int

    /// A `WITH wanted(document, sentence)` clause holding `places`, to join annotations to, and
    /// its one argument: the clause is the same whatever the count, so that its statement is kept.
    static func wanted(_ places: some Collection<SentencePlace>) -> (sql: String, arguments: StatementArguments) {
        (
            """
            WITH wanted(document, sentence) AS (
                SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))
            """,
            ["[" + places.map { "[\($0.document),\($0.ordinal)]" }.joined(separator: ",") + "]"]
        )
    }
}
