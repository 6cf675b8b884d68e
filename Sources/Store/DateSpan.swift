import Ingest

/// A span of days between two partial dates, each as precise as it is written: "2021" is the
/// whole year, "2021-08" the whole month, "2021-08-26" one day.
public struct DateSpan: Sendable, Equatable {
    /// How precise a date or a period is.
    public enum Unit: String, Sendable, CaseIterable {
        case year, month, day
    }

    /// One day of the span, as a number that sorts as the day does (YYYYMMDD).
    public struct Day: Sendable, Equatable, Comparable {
        public var year: Int
        public var month: Int
        public var day: Int

        var key: Int { year * 10_000 + month * 100 + day }

        /// YYYY-MM-DD, as documents' published dates are stored (the last day of a month may be
        /// its 31st: it still sorts after every day of the month and before the next).
        var iso: String {
            func padded(_ number: Int, _ width: Int) -> String {
                let digits = String(number)
                return String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
            return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
        }

        public static func < (left: Day, right: Day) -> Bool { left.key < right.key }

        static let earliest = Day(year: 1, month: 1, day: 1)
        static let latest = Day(year: 9999, month: 12, day: 31)
    }

    public var first: Day
    public var last: Day

    /// From the first day of `from` to the last of `to`; either may be left open. Nil when
    /// neither is given, a date cannot be read (see ``init(of:)``), or `from` begins after `to` ends.
    public init?(from: String?, to: String?) {
        guard from != nil || to != nil else { return nil }
        let start = from.map(DateSpan.init(of:)) ?? DateSpan(first: .earliest, last: .earliest)
        let end = to.map(DateSpan.init(of:)) ?? DateSpan(first: .latest, last: .latest)
        guard let start, let end, start.first <= end.last else { return nil }
        self.init(first: start.first, last: end.last)
    }

    /// The first and last day of a partial date "YYYY", "YYYY-MM" or "YYYY-MM-DD" (years 1 to
    /// 9999, a real day of that month); nil when it is not one.
    public init?(of text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), (1...9999).contains(year)
        else { return nil }
        guard parts.count > 1, let month = Int(parts[1]) else {
            self.init(first: Day(year: year, month: 1, day: 1), last: Day(year: year, month: 12, day: 31))
            return
        }
        guard (1...12).contains(month) else { return nil }
        guard parts.count > 2, let day = Int(parts[2]) else {
            self.init(first: Day(year: year, month: month, day: 1), last: Day(year: year, month: month, day: 31))
            return
        }
        guard CalendarDate(year: year, month: month, day: day) != nil else { return nil }
        self.init(first: Day(year: year, month: month, day: day), last: Day(year: year, month: month, day: day))
    }

    init(first: Day, last: Day) {
        self.first = first
        self.last = last
    }

    /// An SQL condition: the date of the `dates` row `row`, from its first possible day to its
    /// last, overlaps the span (and has a year). The span's days are numbers, written as they are.
    func overlapped(by row: String) -> String {
        """
        \(row).start_year IS NOT NULL
        AND \(row).end_year * 10000 + coalesce(\(row).month, 12) * 100 + coalesce(\(row).day, 31) >= \(first.key)
        AND \(row).start_year * 10000 + coalesce(\(row).month, 1) * 100 + coalesce(\(row).day, 1) <= \(last.key)
        """
    }
}
