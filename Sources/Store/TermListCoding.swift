/// How `document_vectors` writes its lists of words and of counts: entries separated by spaces,
/// a run of equal entries once with its length. Counts come most frequent first, so most runs
/// are long ("2*24" for twenty-four 2s), and most words are left empty (they are their term):
/// a run of empty words is "*" and its length.
///
/// Lists written before runs ("2 2 2", and empty words as nothing between two spaces) read the
/// same: no entry of theirs holds a "*", since words are letters and digits.
enum TermListCoding {
    static func encode(counts: [Int]) -> String {
        runs(of: counts).map { $0.length == 1 ? String($0.value) : "\($0.value)*\($0.length)" }
            .joined(separator: " ")
    }

    /// The counts `text` holds; nil when an entry is not a count.
    static func decodeCounts(_ text: Substring) -> [Int]? {
        var counts: [Int] = []
        for entry in text.split(separator: " ") {
            let parts = entry.split(separator: "*", maxSplits: 1, omittingEmptySubsequences: false)
            guard let value = Int(parts[0]), value > 0 else { return nil }
            let length = parts.count == 2 ? Int(parts[1]) : 1
            guard let length, length > 0, length <= maximumRun else { return nil }
            counts.append(contentsOf: repeatElement(value, count: length))
        }
        return counts
    }

    static func encode(words: [String]) -> String {
        runs(of: words).flatMap { run -> [String] in
            run.value.isEmpty
                ? [run.length == 1 ? "*" : "*\(run.length)"] : Array(repeating: run.value, count: run.length)
        }
        .joined(separator: " ")
    }

    /// The words `text` holds, empty where the word is its term; nil when a run is not a length.
    static func decodeWords(_ text: Substring) -> [Substring]? {
        var words: [Substring] = []
        for entry in text.split(separator: " ", omittingEmptySubsequences: false) {
            if entry.first == "*" {
                let length = entry.count == 1 ? 1 : Int(entry.dropFirst())
                guard let length, length > 0, length <= maximumRun else { return nil }
                words.append(contentsOf: repeatElement("", count: length))
            } else {
                words.append(entry)
            }
        }
        return words
    }

    private static func runs<Value: Equatable>(of values: [Value]) -> [(value: Value, length: Int)] {
        var runs: [(value: Value, length: Int)] = []
        for value in values {
            if let last = runs.last, last.value == value {
                runs[runs.count - 1].length += 1
            } else {
                runs.append((value, 1))
            }
        }
        return runs
    }

    /// No vector is longer: a damaged row asks for no more than this.
    static let maximumRun = 4096
}
