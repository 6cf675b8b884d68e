import ArgumentParser

/// A query in the search language made of a command's words and its `--path`.
enum QueryTerms {
    /// `terms` and, for `path`, a `path:` term in whichever quotes the path does not hold; nil
    /// when there is neither. `queryName` says where a path holding both quotes may be written.
    static func query(_ terms: [String], path: String?, queryName: String) throws -> String? {
        var terms = terms
        if let path {
            guard let quote = ["\"", "'"].first(where: { !path.contains($0) }) else {
                throw ValidationError("--path cannot hold both kinds of quotation mark: write path: in \(queryName)")
            }
            terms.append("path:\(quote)\(path)\(quote)")
        }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }
}
