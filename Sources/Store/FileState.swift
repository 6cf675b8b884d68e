/// What the cache remembers of a file to tell, without reading it, whether it changed.
public struct FileState: Sendable, Equatable {
    public var size: Int64
    /// Modification time in nanoseconds since the epoch.
    public var modificationTime: Int64
    public var inode: UInt64
    /// A hash of the full contents (hex); compared when size or time differ.
    public var contentHash: String

    public init(size: Int64, modificationTime: Int64, inode: UInt64, contentHash: String) {
        self.size = size
        self.modificationTime = modificationTime
        self.inode = inode
        self.contentHash = contentHash
    }

    /// Same size, time and inode: the contents are taken as unchanged without reading them.
    public func matchesMetadata(of other: FileState) -> Bool {
        size == other.size && modificationTime == other.modificationTime && inode == other.inode
    }
}
