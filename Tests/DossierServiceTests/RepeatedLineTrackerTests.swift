import Testing

@testable import DossierService

/// Which lines are counted again after a run of changes, without a cache.
@Suite struct RepeatedLineTrackerTests {
    @Test func theLinesOfIngestedDocumentsAreCountedAndTheChangedOnesReported() {
        var lines = RepeatedLineTracker(repeated: [1, 2])
        #expect(lines.nextCount == .nothing)
        lines.ingested([2, 3])
        lines.ingested([4])
        #expect(lines.nextCount == .among([2, 3, 4]))
        // 3 is now in enough documents; 2 still is; 4 is not.
        #expect(lines.counted([2, 3], for: .among([2, 3, 4])) == [3])
        #expect(lines.repeated == [1, 2, 3])
        #expect(lines.nextCount == .nothing)
    }

    @Test func aRepeatedLineOfADroppedDocumentIsCountedAgain() {
        var lines = RepeatedLineTracker(repeated: [1, 2])
        #expect(lines.wantsDroppedLines)
        lines.dropping([2, 9])
        #expect(lines.nextCount == .among([2]), "only lines that were repeated can stop being")
        #expect(lines.counted([], for: .among([2])) == [2])
        #expect(lines.repeated == [1])
    }

    @Test func tooManyNewLinesAreCountedAllAtOnce() {
        var lines = RepeatedLineTracker(repeated: [1], maximumUncounted: 3)
        lines.ingested([5, 6])
        #expect(lines.nextCount == .among([5, 6]))
        lines.ingested([7, 8])
        #expect(lines.nextCount == .all)
        #expect(!lines.wantsDroppedLines, "a full count needs no list of dropped lines")
        #expect(lines.counted([5, 6], for: .all) == [1, 5, 6])
        #expect(lines.repeated == [5, 6])
    }

    @Test func aFirstScanCountsEverything() {
        var lines = RepeatedLineTracker(repeated: [])
        lines.countAllNext()
        #expect(lines.nextCount == .all)
        #expect(!lines.wantsDroppedLines)
        lines.ingested([1])
        #expect(lines.counted([1], for: .all) == [1])
        lines.ingested([2])
        lines.forgetChanges()
        #expect(lines.nextCount == .nothing)
    }
}
