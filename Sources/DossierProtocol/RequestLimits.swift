import Varlink

/// How large the text of a request may be: generous for people, small enough that no one request
/// costs more than a moment of the daemon's time. A parameter past its limit is refused with
/// `org.varlink.service.InvalidParameter`, naming the parameter, the limit and why.
public enum RequestLimits {
    /// Bytes (UTF-8) of a search query or a question.
    public static let textBytes = 2_000
    /// Words (runs between white space) of a search query or a question.
    public static let textWords = 64
    /// Bytes of an entity's or a speaker's name.
    public static let nameBytes = 256
    /// Bytes of a path (Linux's PATH_MAX).
    public static let pathBytes = 4_096
    /// Names a timeline, or a subscription, may be narrowed to.
    public static let timelineEntities = 4

    /// Bytes of a whole request message: every parameter a call takes at its limit, each byte
    /// written as a JSON escape (`\u0000`, six bytes), fits with room to spare, so that nothing the
    /// protocol can use is refused; anything larger is refused as soon as it passes this, rather
    /// than held until it ends.
    public static let messageBytes = 64 * 1024
    /// A message once begun must be complete within this many seconds.
    public static let messageSeconds = 10
    /// What all connections together may hold of messages not yet complete.
    public static let bufferedBytes = 16 * 1024 * 1024

    static func checkText(_ value: String, _ key: some CodingKey) throws(VarlinkError) {
        try check(value.utf8.count <= textBytes, key, limit: textBytes, "longer than \(textBytes) bytes")
        try check(
            words(in: value, upTo: textWords + 1) <= textWords, key, limit: textWords, "more than \(textWords) words")
    }

    static func checkName(_ value: String, _ key: some CodingKey) throws(VarlinkError) {
        try check(value.utf8.count <= nameBytes, key, limit: nameBytes, "longer than \(nameBytes) bytes")
    }

    static func checkPath(_ value: String, _ key: some CodingKey) throws(VarlinkError) {
        try check(value.utf8.count <= pathBytes, key, limit: pathBytes, "longer than \(pathBytes) bytes")
    }

    static func checkCount(_ count: Int, _ limit: Int, _ key: some CodingKey) throws(VarlinkError) {
        try check(count <= limit, key, limit: limit, "more than \(limit) values")
    }

    /// Bytes of a date parameter (YYYY-MM-DD is the longest a date is written).
    public static let dateBytes = 10

    /// Whether the date is a real one, and whether a span ends before it begins, is the daemon's
    /// to say (it reads dates one way, for these parameters and the search language alike); the
    /// protocol bounds their length.
    static func checkDate(_ value: String?, _ key: some CodingKey) throws(VarlinkError) {
        guard let value else { return }
        try check(value.utf8.count <= dateBytes, key, limit: dateBytes, "longer than \(dateBytes) bytes")
    }

    /// A date parameter that is not a date.
    public static func notADate(_ parameter: String) -> VarlinkError {
        refusal(parameter, "not a date: YYYY, YYYY-MM or YYYY-MM-DD, years 1 to 9999")
    }

    /// A span whose end, `to`, comes before its beginning, `from`.
    public static func spanEndsBeforeItBegins(from: String) -> VarlinkError {
        refusal("to", "before from (\(from))")
    }

    /// `InvalidParameter` naming `parameter`, with why.
    static func refusal(_ parameter: String, _ reason: String) -> VarlinkError {
        VarlinkError(
            VarlinkError.invalidParameterName, parameters: ["parameter": .string(parameter), "reason": .string(reason)])
    }

    /// The runs of text between white space, counted up to `limit`.
    static func words(in text: String, upTo limit: Int) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
                if count == limit { break }
            }
        }
        return count
    }

    private static func check(_ condition: Bool, _ key: some CodingKey, limit: Int, _ reason: String)
        throws(VarlinkError)
    {
        guard !condition else { return }
        throw VarlinkError(
            VarlinkError.invalidParameterName,
            parameters: [
                "parameter": .string(key.stringValue), "limit": .int(Int64(limit)), "reason": .string(reason),
            ])
    }
}
