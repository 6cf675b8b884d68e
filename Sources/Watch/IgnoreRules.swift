#if canImport(Glibc)
    import Glibc
#endif

/// Which names are never documents: hidden files and folders, editor and tool temporaries,
/// and the user's own globs (matched against the name and the relative path).
public struct IgnoreRules: Sendable, Equatable {
    public var patterns: [String]
    public var ignoreHidden: Bool

    /// Editor temporaries: vim swap files and its write test "4913", backup copies, emacs lock
    /// and autosave files, partial downloads.
    public static let defaultPatterns = [
        "*.swp", "*.swo", "*.swx", "*~", ".#*", "#*#", "4913", "*.tmp", "*.part", "*.crdownload", "*.kate-swp",
    ]

    public init(patterns: [String] = [], ignoreHidden: Bool = true) {
        self.patterns = Self.defaultPatterns + patterns
        self.ignoreHidden = ignoreHidden
    }

    /// Whether `relativePath` (or its last component) is ignored.
    public func ignores(_ relativePath: String) -> Bool {
        // Every file of every scan asks: no Foundation string search, no array of components.
        let slash = UInt8(ascii: "/")
        let name =
            relativePath.utf8.lastIndex(of: slash).map { String(relativePath[relativePath.index(after: $0)...]) }
            ?? relativePath
        if ignoreHidden, name.utf8.first == UInt8(ascii: ".") { return true }
        for pattern in patterns {
            if fnmatch(pattern, name, 0) == 0 { return true }
            if pattern.utf8.contains(slash), fnmatch(pattern, relativePath, FNM_PATHNAME) == 0 { return true }
        }
        return false
    }
}
