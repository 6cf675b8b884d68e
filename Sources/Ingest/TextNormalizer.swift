/// Small text helpers shared by the readers.
enum TextNormalizer {
    /// Collapses runs of white space (including non-breaking spaces) to one space and trims the ends.
    static func collapseWhitespace(_ text: some StringProtocol) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{00A0}" || scalar == "\u{FEFF}" {
                pendingSpace = !result.isEmpty
            } else if scalar.properties.generalCategory == .control {
                continue
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }

    static func isBlank(_ line: some StringProtocol) -> Bool {
        line.allSatisfy(\.isWhitespace)
    }
}

/// Counts words: runs of letters, digits and inner apostrophes or hyphens.
public enum WordCounter {
    public static func count(_ text: some StringProtocol) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isWordScalar = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWordScalar {
                if !inWord { count += 1 }
                inWord = true
            } else if inWord, scalar == "'" || scalar == "’" || scalar == "-" {
                continue
            } else {
                inWord = false
            }
        }
        return count
    }
}
