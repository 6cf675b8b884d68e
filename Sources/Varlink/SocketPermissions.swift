import CLinux

#if canImport(Glibc)
    import Glibc
#endif

/// Who the kernel lets connect to a socket the server binds itself: its owner, and the users and
/// groups listed, each given read and write (what connect(2) asks of a Unix socket) by a POSIX
/// ACL; nobody else. Where the file system keeps no ACLs, one listed group can still be given
/// the socket's group; more than that cannot be said with a file mode, and is reported.
public struct SocketPermissions: Sendable, Equatable {
    public var users: Set<UInt32>
    public var groups: Set<UInt32>

    public init(users: Set<UInt32>, groups: Set<UInt32>) {
        self.users = users
        self.groups = groups
    }

    /// What applying the permissions could not do, for the log; empty when all was done.
    public struct Shortfall: Sendable, Equatable {
        public var users: [UInt32]
        public var groups: [UInt32]
    }

    /// Sets the file at `path` (owned by this process) to these permissions.
    func apply(to path: String) throws(VarlinkServerError) -> Shortfall? {
        guard chmod(path, 0o600) == 0 else { throw Self.failure(path, "chmod") }
        let owner = geteuid()
        // Root passes the kernel's check anyway; the owner has its own entry.
        let users = users.subtracting([0, owner]).sorted()
        let groups = groups.sorted()
        if users.isEmpty && groups.isEmpty { return nil }
        let acl = Self.accessACL(users: users, groups: groups)
        let set = acl.withUnsafeBytes { setxattr(path, "system.posix_acl_access", $0.baseAddress, $0.count, 0) }
        if set == 0 { return nil }
        guard errno == ENOTSUP || errno == EOPNOTSUPP else { throw Self.failure(path, "setxattr") }
        // No ACLs here: one group can be the socket's own.
        var missing = Shortfall(users: users, groups: groups)
        if let group = groups.first, chown(path, UInt32.max, group) == 0, chmod(path, 0o660) == 0 {
            missing.groups.removeFirst()
        }
        return missing.users.isEmpty && missing.groups.isEmpty ? nil : missing
    }

    /// The extended attribute that holds an access ACL (Linux's `posix_acl_xattr` layout: a version,
    /// then entries of tag, permissions and id, little-endian, sorted by tag and id).
    static func accessACL(users: [UInt32], groups: [UInt32]) -> [UInt8] {
        let readWrite: UInt16 = 6
        let undefined = UInt32.max
        var entries: [(tag: UInt16, permissions: UInt16, id: UInt32)] = [(0x01, readWrite, undefined)]
        entries += users.map { (0x02, readWrite, $0) }
        entries.append((0x04, 0, undefined))
        entries += groups.map { (0x08, readWrite, $0) }
        entries.append((0x10, readWrite, undefined))
        entries.append((0x20, 0, undefined))
        var bytes: [UInt8] = []
        func append<Value: FixedWidthInteger>(_ value: Value) {
            withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
        }
        append(UInt32(2))
        for entry in entries {
            append(entry.tag)
            append(entry.permissions)
            append(entry.id)
        }
        return bytes
    }

    private static func failure(_ path: String, _ call: String) -> VarlinkServerError {
        VarlinkServerError(path: path, reason: "\(call): \(String(cString: strerror(errno)))")
    }
}
