/// Runs work on many elements at once and hands the results back in the elements' order.
///
/// At most `width` elements are worked on at a time, and at most `width` finished results wait
/// for a slower one before them: memory stays bounded however long the list and however slow
/// one element (a large PDF) is.
enum OrderedWork {
    static func forEach<Element: Sendable, Result: Sendable>(
        _ elements: [Element], width: Int, work: @escaping @Sendable (Element) async throws -> Result,
        isolation: isolated (any Actor)? = #isolation, inOrder handle: (Int, Result) async throws -> Void
    ) async throws {
        let width = max(1, width)
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var started = 0
            var handled = 0
            var finished: [Int: Result] = [:]
            func startMore(_ group: inout ThrowingTaskGroup<(Int, Result), any Error>) {
                // Working and waiting together stay within twice the width.
                while started < elements.count, started - handled < 2 * width,
                    started - handled - finished.count < width
                {
                    let index = started
                    let element = elements[index]
                    group.addTask { (index, try await work(element)) }
                    started += 1
                }
            }
            startMore(&group)
            while let (index, result) = try await group.next() {
                finished[index] = result
                while let next = finished.removeValue(forKey: handled) {
                    try await handle(handled, next)
                    handled += 1
                }
                startMore(&group)
            }
        }
    }
}
