/// Which short lines are repeated across the cache's documents (the site's chrome, which Ingest
/// leaves out), and which lines must be counted again after a run of changes.
///
/// It does no I/O: the indexer tells it what was ingested and dropped, asks what to count, counts
/// in the cache, and hands the counts back to learn which lines changed.
struct RepeatedLineTracker: Equatable {
    /// What the next count must cover.
    enum Count: Equatable {
        /// Nothing changed since the last count.
        case nothing
        /// Only these lines.
        case among(Set<Int64>)
        /// Every line in the cache: too many changed to list them.
        case all
    }

    /// The lines in enough documents to be the site's, as last counted.
    private(set) var repeated: Set<Int64>
    /// Lines of documents ingested since the last count; nil when there were too many to keep.
    private var uncounted: Set<Int64>? = []
    /// Repeated lines of documents removed or replaced since the last count: with fewer documents
    /// holding them, they may no longer be repeated.
    private var dropped: Set<Int64> = []
    /// Beyond this many uncounted lines (a large first scan), counting every line is cheaper.
    let maximumUncounted: Int

    init(repeated: Set<Int64>, maximumUncounted: Int = 50_000) {
        self.repeated = repeated
        self.maximumUncounted = maximumUncounted
    }

    /// The next count covers every line (after a first scan, every line is new).
    mutating func countAllNext() {
        uncounted = nil
    }

    /// A document with these line fingerprints was ingested.
    mutating func ingested(_ fingerprints: [Int64]) {
        uncounted?.formUnion(fingerprints)
        if (uncounted?.count ?? 0) > maximumUncounted { uncounted = nil }
    }

    /// Whether the lines of documents about to be removed or replaced are wanted (see `dropping`):
    /// not when there are no repeated lines, nor when every line will be counted anyway.
    var wantsDroppedLines: Bool { !repeated.isEmpty && uncounted != nil }

    /// Documents holding these lines are about to be removed or replaced.
    mutating func dropping(_ fingerprints: Set<Int64>) {
        dropped.formUnion(fingerprints.intersection(repeated))
    }

    var nextCount: Count {
        guard let uncounted else { return .all }
        let candidates = uncounted.union(dropped)
        return candidates.isEmpty ? .nothing : .among(candidates)
    }

    /// Takes the count made for `count`: `found` are the lines counted that are repeated. Returns
    /// the lines that became repeated or stopped being, whose documents must be ingested again.
    mutating func counted(_ found: Set<Int64>, for count: Count) -> Set<Int64> {
        let changed: Set<Int64>
        switch count {
        case .nothing:
            changed = []
        case .among(let candidates):
            changed = candidates.filter { found.contains($0) != repeated.contains($0) }
            repeated = repeated.subtracting(candidates).union(found)
        case .all:
            changed = found.symmetricDifference(repeated)
            repeated = found
        }
        forgetChanges()
        return changed
    }

    /// Nothing is left to count: documents ingested again give the same lines.
    mutating func forgetChanges() {
        uncounted = []
        dropped = []
    }
}
