/// Splits text into words the way the Universal Dependencies English treebanks do, so that a
/// tagger trained on them meets the words it knows: punctuation apart, hyphens apart ("Al - Zaman"),
/// clitics apart ("do n't", "Smith 's", "they 're"), numbers ("1,000.5"), abbreviations ("U.S.")
/// and addresses kept whole. Each word keeps where it stands in the text, in Unicode scalars.
public enum WordSplitter {
    public struct Word: Sendable, Equatable {
        public var text: String
        /// Scalar offsets in the text split.
        public var range: Range<Int>
    }

    public static func words(_ text: String) -> [Word] { words(ScalarText(text)) }

    /// The words of the runs of non-space scalars that start before `limit`, a scalar offset.
    static func words(_ text: ScalarText, before limit: Int = .max) -> [Word] {
        let scalars = text.scalars
        var words: [Word] = []
        var index = 0
        func add(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            words.append(Word(text: text.string(range), range: range))
        }
        while index < min(scalars.count, limit) {
            if scalars[index].isSpace {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, !scalars[end].isSpace { end += 1 }
            split(scalars, index..<end, into: add)
            index = end
        }
        return words
    }

    /// One run of non-space scalars as words.
    private static func split(_ scalars: [Unicode.Scalar], _ run: Range<Int>, into add: (Range<Int>) -> Void) {
        // Most runs are a plain word of ASCII letters and digits, or one followed by a comma:
        // no clitic, address, hyphen or abbreviation can be in them ("cannot" aside).
        let plainEnd = scalars[run].last == "," ? run.upperBound - 1 : run.upperBound
        if plainEnd > run.lowerBound, scalars[run.lowerBound..<plainEnd].allSatisfy(\.isASCIILetterOrDigit),
            plainEnd - run.lowerBound != 6 || cliticLength(scalars[run.lowerBound..<plainEnd]) == 0
        {
            add(run.lowerBound..<plainEnd)
            if plainEnd < run.upperBound { add(plainEnd..<run.upperBound) }
            return
        }
        // A clitic already apart ("Smith 's", as news wires and treebanks write it) is one word.
        if cliticLength(scalars[run]) == run.count {
            add(run)
            return
        }
        var start = run.lowerBound
        var end = run.upperBound
        // Web addresses and e-mail addresses are one word.
        if isAddress(scalars[run]) {
            var trimmed = end
            while trimmed > start + 1, ",.;:!?)\"'”’".unicodeScalars.contains(scalars[trimmed - 1]) { trimmed -= 1 }
            add(start..<trimmed)
            for index in trimmed..<end { add(index..<(index + 1)) }
            return
        }
        // Leading punctuation, one mark a word.
        while start < end, isPunctuation(scalars[start]) {
            add(start..<(start + 1))
            start += 1
        }
        // Trailing punctuation, kept aside until the rest is out; the dot of an abbreviation stays.
        var trailing: [Range<Int>] = []
        while end > start, isPunctuation(scalars[end - 1]) {
            if scalars[end - 1] == ".", isAbbreviation(scalars[start..<end]) { break }
            trailing.insert((end - 1)..<end, at: 0)
            end -= 1
        }
        // Clitics at the end: n't, 's, 're, 've, 'll, 'd, 'm; "cannot" is "can not".
        var clitic: Range<Int>?
        let length = cliticLength(scalars[start..<end])
        if length > 0, end - start > length {
            clitic = (end - length)..<end
            end -= length
        }
        // Inner hyphens and slashes are words of their own (not the slash of "1/2").
        var piece = start
        var index = start + 1
        while index < end - 1 {
            let scalar = scalars[index]
            if scalar == "-" || scalar == "–" || scalar == "—"
                || (scalar == "/" && !(scalars[index - 1].isDigit && scalars[index + 1].isDigit))
            {
                add(piece..<index)
                add(index..<(index + 1))
                piece = index + 1
            }
            index += 1
        }
        add(piece..<end)
        if let clitic { add(clitic) }
        trailing.forEach(add)
    }

    /// How many scalars of a clitic end `word`, 0 for none.
    private static func cliticLength(_ word: ArraySlice<Unicode.Scalar>) -> Int {
        func lower(_ offset: Int) -> Unicode.Scalar? {
            guard offset <= word.count else { return nil }
            let scalar = word[word.endIndex - offset]
            if scalar == "’" { return "'" }
            return scalar.lowercasedASCII
        }
        if lower(3) == "n", lower(2) == "'", lower(1) == "t" { return 3 }
        if lower(2) == "'", let last = lower(1), ["s", "d", "m"].contains(last) { return 2 }
        if lower(3) == "'", let first = lower(2), let last = lower(1),
            (first == "r" && last == "e") || (first == "v" && last == "e") || (first == "l" && last == "l")
        {
            return 3
        }
        if word.count == 6, word.map(\.lowercasedASCII).elementsEqual("cannot".unicodeScalars) { return 3 }
        return 0
    }

    private static func isAddress(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        guard word.count > 4 else { return false }
        let start = word.prefix(8).lazy.map(\.lowercasedASCII)
        for scheme in ["http://", "https://", "www."] where start.starts(with: scheme.unicodeScalars) { return true }
        guard let at = word.firstIndex(of: "@"), at > word.startIndex else { return false }
        return word[at...].dropLast().contains(".")
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            switch scalar.value {
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
            default: return false
            }
        }
        switch scalar.properties.generalCategory {
        case .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .dashPunctuation, .connectorPunctuation, .currencySymbol, .mathSymbol:
            return true
        default: return false
        }
    }

    /// "U.S.", "e.g.", "Mr.", "a.m.": a word whose dot belongs to it.
    private static func isAbbreviation(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        guard scalars.count <= 8 else { return false }
        let word = String(String.UnicodeScalarView(scalars))
        let letters = word.filter { $0 != "." }
        if word.dropLast().contains("."), letters.count <= 4 { return true }
        return abbreviations.contains(word.lowercased())
    }

    static let abbreviations: Set<String> = [
        "mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "jr.", "sr.", "gen.", "col.", "lt.", "sgt.", "capt.",
        "gov.", "sen.", "rep.", "rev.", "inc.", "co.", "corp.", "ltd.", "no.", "vs.", "etc.", "jan.", "feb.",
        "mar.", "apr.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.", "mt.", "ft.",
    ]
}

extension Unicode.Scalar {
    fileprivate var isDigit: Bool { (0x30...0x39).contains(value) }

    fileprivate var isASCIILetterOrDigit: Bool {
        (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }

    /// An ASCII capital in lower case; any other scalar as it is.
    fileprivate var lowercasedASCII: Unicode.Scalar {
        (0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value | 0x20)) : self
    }
}
