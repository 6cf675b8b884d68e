/// Finds dates: years (1000–2099), "between 2019 and 2021" and "2019–2021" ranges, "August 26",
/// "26 August 2021", "August 2021".
enum DateRecognizer {
    static func recognise(sentences: [String]) -> [DateMention] {
        var dates: [DateMention] = []
        for (index, sentence) in sentences.enumerated() {
            dates += recognise(sentence, index: index)
        }
        return dates
    }

    static func recognise(_ sentence: String, index: Int) -> [DateMention] {
        // Every date this finds has digits: most sentences need no closer look.
        guard sentence.utf8.contains(where: { (0x30...0x39).contains($0) }) else { return [] }
        let tokens = Tokenizer.tokens(sentence)
        let scalars = Array(sentence.unicodeScalars)
        var dates: [DateMention] = []
        var position = 0
        func year(_ token: Token?) -> Int? {
            guard let token, token.text.count == 4, let value = Int(token.text), (1000...2099).contains(value) else {
                return nil
            }
            return value
        }
        func day(_ token: Token?) -> Int? {
            guard let token else { return nil }
            let digits = token.text.prefix { $0.isNumber }
            let suffix = token.text.dropFirst(digits.count)
            guard let value = Int(digits), (1...31).contains(value), ["", "st", "nd", "rd", "th"].contains(suffix)
            else {
                return nil
            }
            return value
        }
        func text(_ from: Int, _ to: Int) -> String {
            String(String.UnicodeScalarView(scalars[tokens[from].start..<tokens[to].end]))
        }
        /// "August 26" or "26 August", starting at `position`, with the year that may follow at
        /// `position + 2`; moves `position` past it.
        func dayAndMonth(day: Int, month: Int) {
            let yearValue = year(tokens[safe: position + 2])
            let end = position + (yearValue == nil ? 1 : 2)
            dates.append(
                DateMention(
                    text: text(position, end), startYear: yearValue, endYear: yearValue, month: month, day: day,
                    sentence: index))
            position = end + 1
        }
        while position < tokens.count {
            let token = tokens[position]
            if token.text == "between", let first = year(tokens[safe: position + 1]),
                tokens[safe: position + 2]?.text == "and", let last = year(tokens[safe: position + 3])
            {
                dates.append(
                    DateMention(
                        text: text(position, position + 3), startYear: first, endYear: last, sentence: index))
                position += 4
                continue
            }
            if let month = Gazetteer.months[token.text], token.text.count > 3 || token.isCapitalised {
                if let dayValue = day(tokens[safe: position + 1]) {
                    dayAndMonth(day: dayValue, month: month)
                    continue
                }
                if let yearValue = year(tokens[safe: position + 1]) {
                    dates.append(
                        DateMention(
                            text: text(position, position + 1), startYear: yearValue, endYear: yearValue,
                            month: month, sentence: index))
                    position += 2
                    continue
                }
            }
            if let dayValue = day(token), let month = tokens[safe: position + 1].flatMap({ Gazetteer.months[$0.text] })
            {
                dayAndMonth(day: dayValue, month: month)
                continue
            }
            if let first = year(token) {
                // "2019–2021" or "2019-2021"
                if let next = tokens[safe: position + 1], let last = year(next),
                    String(String.UnicodeScalarView(scalars[token.end..<next.start])).trimmingCharacters(in: " ")
                        .allSatisfy({ "-–—".contains($0) }),
                    next.start > token.end, last > first
                {
                    dates.append(
                        DateMention(
                            text: text(position, position + 1), startYear: first, endYear: last, sentence: index))
                    position += 2
                    continue
                }
                dates.append(DateMention(text: token.text, startYear: first, endYear: first, sentence: index))
            }
            position += 1
        }
        return dates
    }
}
