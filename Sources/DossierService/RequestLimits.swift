import Ingest
import Varlink

/// How large the text of a request may be: generous for people, small enough that no one request
/// costs more than a moment of the daemon's time. A parameter past its limit is refused with
/// `org.varlink.service.InvalidParameter`, naming the parameter, the limit and why.
struct RequestLimits: Sendable {
    /// Bytes (UTF-8) of a search query or a question.
    var textBytes = 2_000
    /// Words of a search query or a question.
    var textWords = 64
    /// Bytes of an entity's or a speaker's name.
    var nameBytes = 256
    /// Bytes of a path (Linux's PATH_MAX).
    var pathBytes = 4_096

    func checkText(_ value: String, parameter: String) throws(VarlinkError) {
        try check(value.utf8.count <= textBytes, parameter, limit: textBytes, "longer than \(textBytes) bytes")
        try check(
            WordCounter.count(value, upTo: textWords + 1) <= textWords, parameter, limit: textWords,
            "more than \(textWords) words")
    }

    func checkName(_ value: String, parameter: String) throws(VarlinkError) {
        try check(value.utf8.count <= nameBytes, parameter, limit: nameBytes, "longer than \(nameBytes) bytes")
    }

    func checkPath(_ value: String, parameter: String) throws(VarlinkError) {
        try check(value.utf8.count <= pathBytes, parameter, limit: pathBytes, "longer than \(pathBytes) bytes")
    }

    private func check(_ condition: Bool, _ parameter: String, limit: Int, _ reason: String) throws(VarlinkError) {
        guard !condition else { return }
        throw VarlinkError(
            "org.varlink.service.InvalidParameter",
            parameters: ["parameter": .string(parameter), "limit": .int(Int64(limit)), "reason": .string(reason)])
    }
}
