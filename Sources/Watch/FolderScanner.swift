#if canImport(Glibc)
    import Glibc
#endif

/// A file found by a scan, with what a stat says of it.
public struct ScannedFile: Sendable, Equatable {
    public var path: String
    public var size: Int64
    public var modificationTime: Int64
    public var inode: UInt64
}

/// Walks a folder tree with readdir and lstat: no file is opened. Ignored names are skipped;
/// symbolic links are skipped unless followed, and a folder already seen (by device and inode)
/// is never entered twice, so links cannot loop.
public struct FolderScanner: Sendable {
    public var root: String
    public var ignore: IgnoreRules
    public var followSymlinks: Bool

    public init(root: String, ignore: IgnoreRules, followSymlinks: Bool = false) {
        self.root = root
        self.ignore = ignore
        self.followSymlinks = followSymlinks
    }

    public struct Result: Sendable {
        public var files: [ScannedFile] = []
        public var folders: [String] = []
        /// Folders that could not be read, with errno.
        public var unreadable: [(path: String, errno: Int32)] = []
    }

    /// Scans the folder at `relativePath` ("" for the root) and everything below it.
    public func scan(_ relativePath: String = "", includeFiles: Bool = true) -> Result {
        var result = Result()
        var seen: Set<[UInt64]> = []
        guard let status = Self.status(absolute(relativePath), follow: true) else {
            result.unreadable.append((relativePath, errno))
            return result
        }
        seen.insert([UInt64(status.st_dev), UInt64(status.st_ino)])
        var stack = [relativePath]
        while let folder = stack.popLast() {
            result.folders.append(folder)
            guard let listing = list(folder, seen: &seen) else {
                result.unreadable.append((folder, errno))
                continue
            }
            if includeFiles { result.files += listing.files }
            stack += listing.folders.reversed()
        }
        return result
    }

    /// One folder's entries (not recursive). `seen` holds the folders already entered, by
    /// device and inode; folders in it are left out. Nil when the folder cannot be read.
    public func list(_ folder: String, seen: inout Set<[UInt64]>) -> (files: [ScannedFile], folders: [String])? {
        guard let directory = opendir(absolute(folder)) else { return nil }
        defer { closedir(directory) }
        var files: [ScannedFile] = []
        var folders: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = folder.isEmpty ? name : folder + "/" + name
            if ignore.ignores(path) { continue }
            guard var status = Self.status(absolute(path), follow: false) else { continue }
            if status.st_mode & S_IFMT == S_IFLNK {
                guard followSymlinks, let target = Self.status(absolute(path), follow: true) else { continue }
                status = target
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                if seen.insert([UInt64(status.st_dev), UInt64(status.st_ino)]).inserted { folders.append(path) }
            case S_IFREG:
                files.append(
                    ScannedFile(
                        path: path, size: Int64(status.st_size),
                        modificationTime: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec),
                        inode: UInt64(status.st_ino)))
            default:
                continue  // FIFOs, sockets and devices are not documents
            }
        }
        return (files, folders)
    }

    /// What lstat (or stat, when following links) says of one file, or nil if it is not a regular file.
    public func statFile(_ relativePath: String) -> ScannedFile? {
        guard followSymlinks || folderIsInside(relativePath) else { return nil }
        guard var status = Self.status(absolute(relativePath), follow: false) else { return nil }
        if status.st_mode & S_IFMT == S_IFLNK {
            guard followSymlinks, let target = Self.status(absolute(relativePath), follow: true) else { return nil }
            status = target
        }
        guard status.st_mode & S_IFMT == S_IFREG else { return nil }
        return ScannedFile(
            path: relativePath, size: Int64(status.st_size),
            modificationTime: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec),
            inode: UInt64(status.st_ino))
    }

    /// Whether the folder holding `relativePath` really is inside the root: a symbolic link to a
    /// folder elsewhere on the way ("notes" → /etc) is not.
    public func folderIsInside(_ relativePath: String) -> Bool {
        guard let slash = relativePath.lastIndex(of: "/") else { return true }
        guard let folder = Self.realPath(absolute(String(relativePath[..<slash]))),
            let resolvedRoot = Self.realPath(root)
        else { return false }
        return folder == resolvedRoot || folder.hasPrefix(resolvedRoot == "/" ? "/" : resolvedRoot + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether the root exists and is a folder.
    public var rootIsAvailable: Bool {
        guard let status = Self.status(root, follow: true) else { return false }
        return status.st_mode & S_IFMT == S_IFDIR
    }

    public func absolute(_ relativePath: String) -> String {
        relativePath.isEmpty ? root : root + "/" + relativePath
    }

    static func status(_ path: String, follow: Bool) -> stat? {
        var status = stat()
        let result = follow ? stat(path, &status) : lstat(path, &status)
        return result == 0 ? status : nil
    }
}
