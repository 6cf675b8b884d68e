import Varlink

/// Who may query the daemon, besides what the socket's file mode allows: listed users, and
/// members (primary or supplementary) of listed groups.
public struct AccessPolicy: Sendable, Equatable {
    public var users: Set<UInt32>
    public var groups: Set<UInt32>

    public init(users: Set<UInt32>, groups: Set<UInt32>) {
        self.users = users
        self.groups = groups
    }

    public func allows(_ peer: VarlinkPeer) -> Bool {
        users.contains(peer.uid) || groups.contains(peer.gid) || peer.groups.contains(where: groups.contains)
    }
}
