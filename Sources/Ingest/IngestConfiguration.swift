/// How Ingest treats its input.
public struct IngestConfiguration: Sendable, Equatable {
    /// Bytes beyond this are not read; the document says it was cut.
    public var maximumBytes: Int

    public init(maximumBytes: Int = 16 * 1024 * 1024) {
        self.maximumBytes = maximumBytes
    }
}
