import GRDB

/// A sentence by its document and its place in it: how annotations (mentions, dates, numbers)
/// name the sentence they stand in.
struct SentencePlace: Hashable {
    var document: Int64
    var ordinal: Int

    /// A `WITH wanted(document, sentence)` clause holding `places`, to join annotations to, and
    /// its arguments.
    static func wanted(_ places: some Collection<SentencePlace>) -> (sql: String, arguments: StatementArguments) {
        (
            "WITH wanted(document, sentence) AS (VALUES "
                + Array(repeating: "(?, ?)", count: places.count).joined(separator: ", ") + ")",
            StatementArguments(places.flatMap { [$0.document, Int64($0.ordinal)] })
        )
    }
}
