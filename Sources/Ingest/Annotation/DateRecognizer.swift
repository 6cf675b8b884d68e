/// Finds dates: years (1000–2099, and earlier ones the era says: "AD 14", "300 CE"), "between
/// 2019 and 2021" and "2019–2021" ranges, decades ("the 1870s", "the mid-1960s") and centuries
/// ("the 17th century", "late 19th-century"), "August 26", "26 August 2021", "August 2021",
/// "2021-08-27". "Early", "mid" and "late" narrow a decade or a century to its first, middle or
/// last third.
///
/// With the document's own date as `reference`, it also resolves what the text leaves to it: the
/// year of "August 26" (the one nearest the document's date), "yesterday", "last year", "this
/// month", "on Tuesday" (the latest Tuesday up to the document's date), "next Friday", "three
/// years ago", "two weeks ago".
enum DateRecognizer {
    static func recognise(_ sentence: String, index: Int, reference: CalendarDate? = nil) -> [DateMention] {
        guard mayHaveDates(sentence, reference: reference) else { return [] }
        return recognise(TokenizedSentence(sentence), index: index, reference: reference)
    }

    /// Dates in the text have digits, and relative ones name a day, week, month or year: most
    /// sentences need no closer look.
    static func mayHaveDates(_ sentence: String, reference: CalendarDate?) -> Bool {
        let bytes = sentence.utf8
        return bytes.contains(where: { (0x30...0x39).contains($0) })
            || (reference != nil && Self.relativeCues.contains { bytes.containsIgnoringCase($0) })
    }

    /// Dates in a sentence already tokenized (see `mayHaveDates`).
    static func recognise(_ sentence: TokenizedSentence, index: Int, reference: CalendarDate?) -> [DateMention] {
        let tokens = sentence.tokens
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
        func text(_ from: Int, _ to: Int) -> String { sentence.text.string(tokens[from].start..<tokens[to].end) }
        /// "AD 14", "14 AD", "1066 CE": a year of 1 to 2099 its era marks as one.
        func eraYear(at position: Int) -> (year: Int, from: Int, to: Int)? {
            func number(_ token: Token?) -> Int? {
                guard let token, token.text.count <= 4, token.text.allSatisfy(\.isASCII),
                    let value = Int(token.text), (1...2099).contains(value)
                else { return nil }
                return value
            }
            if Self.eras.contains(tokens[position].text), let year = number(tokens[safe: position + 1]) {
                return (year, position, position + 1)
            }
            if let year = number(tokens[position]), let next = tokens[safe: position + 1],
                Self.eras.contains(next.text)
            {
                return (year, position, position + 1)
            }
            return nil
        }
        /// "August 26" or "26 August", starting at `position`, with the year that may follow at
        /// `position + 2`; moves `position` past it.
        func dayAndMonth(day: Int, month: Int) {
            let yearValue = year(tokens[safe: position + 2])
            let end = position + (yearValue == nil ? 1 : 2)
            var mention = DateMention(
                text: text(position, end), startYear: yearValue, endYear: yearValue, month: month, day: day,
                sentence: index)
            if yearValue == nil, let reference, let resolved = Self.nearest(month: month, day: day, to: reference) {
                mention.startYear = resolved.year
                mention.endYear = resolved.year
                mention.resolved = true
            }
            dates.append(mention)
            position = end + 1
        }
        func day(_ date: CalendarDate, from: Int, to: Int) {
            dates.append(
                DateMention(
                    text: text(from, to), startYear: date.year, endYear: date.year, month: date.month, day: date.day,
                    sentence: index, resolved: true))
            position = to + 1
        }
        while position < tokens.count {
            let token = tokens[position]
            if token.text.utf8.count == 10, let date = CalendarDate(iso: token.text) {
                dates.append(
                    DateMention(
                        text: token.text, startYear: date.year, endYear: date.year, month: date.month, day: date.day,
                        sentence: index))
                position += 1
                continue
            }
            if let reference {
                let word = token.text.lowercased()
                if let ago = Self.ago(count: word, unit: tokens[safe: position + 1], ago: tokens[safe: position + 2]) {
                    // "three years ago", "two weeks ago": counted back from the document's date.
                    let from = reference.adding(days: -ago.days).adding(months: -ago.months)
                    dates.append(
                        DateMention(
                            text: text(position, position + 2), startYear: from.year, endYear: from.year,
                            month: ago.precision == .year ? nil : from.month,
                            day: ago.precision == .day ? from.day : nil, sentence: index, resolved: true))
                    position += 3
                    continue
                }
                if let offset = Self.relativeDays[word] {
                    day(reference.adding(days: offset), from: position, to: position)
                    continue
                }
                if let shift = Self.relativeShifts[word], let unit = tokens[safe: position + 1]?.text.lowercased() {
                    if unit == "year" {
                        let year = reference.year + shift
                        dates.append(
                            DateMention(
                                text: text(position, position + 1), startYear: year, endYear: year, sentence: index,
                                resolved: true))
                        position += 2
                        continue
                    }
                    if unit == "month" {
                        let month = reference.adding(months: shift)
                        dates.append(
                            DateMention(
                                text: text(position, position + 1), startYear: month.year, endYear: month.year,
                                month: month.month, sentence: index, resolved: true))
                        position += 2
                        continue
                    }
                }
                if let weekday = Gazetteer.weekdays[token.text] {
                    // "last Tuesday" and "next Tuesday" count from the day before or after the
                    // document's; "on Tuesday" and a bare "Tuesday" mean the latest one up to it.
                    let modifier = position > 0 ? tokens[position - 1].text.lowercased() : ""
                    let shift = Self.relativeShifts[modifier]
                    let date: CalendarDate
                    if shift == 1 {
                        let ahead = (weekday - reference.weekday + 7) % 7
                        date = reference.adding(days: ahead == 0 ? 7 : ahead)
                    } else if shift == -1 {
                        let back = (reference.weekday - weekday + 7) % 7
                        date = reference.adding(days: -(back == 0 ? 7 : back))
                    } else {
                        date = reference.adding(days: -((reference.weekday - weekday + 7) % 7))
                    }
                    let from = shift == nil ? position : position - 1
                    day(date, from: from, to: position)
                    continue
                }
            }
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
            // "1200 BC": years before the era are not kept (the timeline counts years of the era);
            // the number is not read as a year of it either. A century or decade is checked below.
            if let next = tokens[safe: position + 1], Self.beforeTheEra.contains(next.text), year(token) != nil {
                position += 2
                continue
            }
            if let era = eraYear(at: position) {
                dates.append(
                    DateMention(
                        text: text(era.from, era.to), startYear: era.year, endYear: era.year, sentence: index))
                position = era.to + 1
                continue
            }
            if let period = Self.period(tokens[position].text) {
                // "the late 1960s", "the early 17th century": the word before narrows the period.
                var from = position
                var third = period.third
                if third == nil, position > 0, let before = Self.thirds[tokens[position - 1].text.lowercased()],
                    tokens[position].start == tokens[position - 1].end + 1
                {
                    from = position - 1
                    third = before
                }
                // "the 17th century": the word that says it is one.
                var to = position
                if period.needsCentury {
                    guard let next = tokens[safe: position + 1], next.text.lowercased() == "century" else {
                        position += 1
                        continue
                    }
                    to = position + 1
                }
                if let after = tokens[safe: to + 1], Self.beforeTheEra.contains(after.text) {
                    position = to + 2
                    continue
                }
                let years = Self.narrowed(period.years, to: third)
                // A sentence's dot after "1870s" reads as an abbreviation's ("U.S."): not the date's.
                var written = text(from, to)
                if written.hasSuffix(".") { written.removeLast() }
                dates.append(
                    DateMention(
                        text: written, startYear: years.lowerBound, endYear: years.upperBound, sentence: index))
                position = to + 1
                continue
            }
            if let first = year(token) {
                // "2019–2021" or "2019-2021"
                if let next = tokens[safe: position + 1], let last = year(next),
                    sentence.text.string(token.end..<next.start).trimmingCharacters(in: " ")
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

    /// The year that puts a day and month nearest the document's date.
    static func nearest(month: Int, day: Int, to reference: CalendarDate) -> CalendarDate? {
        [reference.year - 1, reference.year, reference.year + 1]
            .compactMap { CalendarDate(year: $0, month: month, day: day) }
            .min { abs($0.dayNumber - reference.dayNumber) < abs($1.dayNumber - reference.dayNumber) }
    }

    /// The markers of the common era, written before or after the year.
    private static let eras: Set<String> = ["AD", "A.D.", "CE", "C.E."]

    /// The markers of years before the common era.
    private static let beforeTheEra: Set<String> = ["BC", "B.C.", "BCE", "B.C.E."]

    /// "Early", "mid" and "late": the first, middle or last third of a decade or century.
    private static let thirds = ["early": 0, "mid": 1, "late": 2]

    /// The years of a decade ("1870s") or a century ("17th", "19th-century") a word names, the
    /// third of it a prefix names ("mid-1960s"), and whether the word "century" must follow.
    static func period(_ word: String) -> (years: ClosedRange<Int>, third: Int?, needsCentury: Bool)? {
        guard word.utf8.contains(where: { (0x30...0x39).contains($0) }) else { return nil }
        var rest = Substring(word)
        var third: Int?
        if let hyphen = rest.firstIndex(of: "-"), let prefix = Self.thirds[rest[..<hyphen].lowercased()] {
            third = prefix
            rest = rest[rest.index(after: hyphen)...]
        }
        if rest.hasSuffix(".") { rest = rest.dropLast() }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        let suffix = rest.dropFirst(digits.count).lowercased()
        guard let value = Int(digits) else { return nil }
        if digits.count == 4, suffix == "s", value % 10 == 0, (1000...2090).contains(value) {
            return (value...value + 9, third, false)
        }
        guard (1...21).contains(value), digits.count <= 2 else { return nil }
        let ordinal = NumberWords.ordinalSuffix(value)
        let years = (value - 1) * 100 + 1...value * 100
        if suffix == ordinal { return (years, third, true) }
        if suffix == ordinal + "-century" { return (years, third, false) }
        return nil
    }

    /// The third of `years` that `third` names (0, 1 or 2), or all of them.
    static func narrowed(_ years: ClosedRange<Int>, to third: Int?) -> ClosedRange<Int> {
        guard let third else { return years }
        let count = years.count
        return years.lowerBound + count * third / 3...years.lowerBound + count * (third + 1) / 3 - 1
    }

    /// How far back "N days, weeks, months or years ago" goes, and how precise the date it names
    /// is, for `count` (lower-cased: digits, a number word, "a", "an"), `unit` and `ago`.
    static func ago(count: String, unit: Token?, ago: Token?) -> (days: Int, months: Int, precision: Precision)? {
        // Checked first, and by its length before its letters: most words have no "ago" two after.
        guard let unit, let ago, ago.text.utf8.count == 3, ago.text.lowercased() == "ago" else { return nil }
        let number: Int
        if count.utf8.allSatisfy({ (0x30...0x39).contains($0) }), count.utf8.count <= 3, let value = Int(count) {
            number = value
        } else if let value = NumberRecognizer.numberWords[count], value < 100 {
            number = Int(value)
        } else if ["a", "an", "one"].contains(count) {
            number = 1
        } else {
            return nil
        }
        switch unit.text.lowercased() {
        case "day", "days": return (number, 0, .day)
        case "week", "weeks": return (7 * number, 0, .day)
        case "month", "months": return (0, number, .month)
        case "year", "years": return (0, 12 * number, .year)
        default: return nil
        }
    }

    enum Precision { case day, month, year }

    private static let relativeCues = ["day", "tomorrow", "month", "year", "ago"]
    private static let relativeDays = ["today": 0, "yesterday": -1, "tomorrow": 1]
    private static let relativeShifts = ["last": -1, "this": 0, "next": 1]
}

extension String.UTF8View {
    /// Whether `needle`, ASCII in lower case, occurs here, ignoring the case of ASCII letters.
    func containsIgnoringCase(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        func search(_ haystack: UnsafeBufferPointer<UInt8>) -> Bool {
            guard haystack.count >= pattern.count else { return false }
            outer: for start in 0...(haystack.count - pattern.count) {
                for (offset, expected) in pattern.enumerated() {
                    let byte = haystack[start + offset]
                    if ((0x41...0x5A).contains(byte) ? byte | 0x20 : byte) != expected { continue outer }
                }
                return true
            }
            return false
        }
        return withContiguousStorageIfAvailable(search) ?? Array(self).withUnsafeBufferPointer(search)
    }
}
