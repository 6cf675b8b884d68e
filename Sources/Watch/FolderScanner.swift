#if canImport(Glibc)
    import Glibc
#endif

/// A file found by a scan, with what a stat says of it.
public struct ScannedFile: Sendable, Equatable {
    /// What kind of entry it is: only regular files with readable names are documents.
    public enum Kind: Sendable, Equatable {
        case regular
        /// A FIFO, socket or device: never opened, reported as not a document.
        case special(String)
        /// The name is not valid UTF-8; the path holds it with U+FFFD for the invalid bytes.
        case undecodableName
    }

    public var path: String
    public var size: Int64
    public var modificationTime: Int64
    public var inode: UInt64
    public var kind: Kind = .regular

    /// Why this entry is not a document, or nil when it is one.
    public var notADocument: String? {
        switch kind {
        case .regular: nil
        case .special(let what): "\(what) is not a document"
        case .undecodableName: Kind.undecodableNameReason
        }
    }
}

extension ScannedFile.Kind {
    public static let undecodableNameReason = "the file name is not valid UTF-8; rename the file to index it"
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
            let (name, decodable) = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = raw.prefix { $0 != 0 }
                let name = String(decoding: bytes, as: UTF8.self)
                return (name, name.utf8.elementsEqual(bytes))
            }
            if name == "." || name == ".." { continue }
            let path = folder.isEmpty ? name : folder + "/" + name
            if ignore.ignores(path) { continue }
            if !decodable {
                // It cannot be opened by the path it would have here: say so, and go no further.
                files.append(
                    ScannedFile(
                        path: path, size: 0, modificationTime: 0, inode: UInt64(entry.pointee.d_ino),
                        kind: .undecodableName))
                continue
            }
            guard var status = Self.status(absolute(path), follow: false) else { continue }
            if status.st_mode & S_IFMT == S_IFLNK {
                guard followSymlinks, let target = Self.status(absolute(path), follow: true) else { continue }
                status = target
            }
            if status.st_mode & S_IFMT == S_IFDIR {
                if seen.insert([UInt64(status.st_dev), UInt64(status.st_ino)]).inserted { folders.append(path) }
                continue
            }
            files.append(Self.scannedFile(path, status))
        }
        return (files, folders)
    }

    /// What lstat (or stat, when following links) says of one file, or nil if there is none (or it is a folder).
    public func statFile(_ relativePath: String) -> ScannedFile? {
        guard followSymlinks || folderIsInside(relativePath) else { return nil }
        guard var status = Self.status(absolute(relativePath), follow: false) else { return nil }
        if status.st_mode & S_IFMT == S_IFLNK {
            guard followSymlinks, let target = Self.status(absolute(relativePath), follow: true) else { return nil }
            status = target
        }
        guard status.st_mode & S_IFMT != S_IFDIR else { return nil }
        return Self.scannedFile(relativePath, status)
    }

    /// A file as a stat describes it; FIFOs, sockets and devices are marked as such.
    public static func scannedFile(_ path: String, _ status: stat) -> ScannedFile {
        var file = ScannedFile(
            path: path, size: Int64(status.st_size),
            modificationTime: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec),
            inode: UInt64(status.st_ino))
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFIFO: file.kind = .special("a FIFO (named pipe)")
        case S_IFSOCK: file.kind = .special("a socket")
        case S_IFCHR: file.kind = .special("a character device")
        case S_IFBLK: file.kind = .special("a block device")
        default: file.kind = .special("a special file")
        }
        return file
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
