#if canImport(Glibc)
    import Glibc

    /// One inotify event as the kernel reports it.
    public struct InotifyEvent: Sendable, Equatable {
        public var watch: Int32
        public var mask: UInt32
        public var cookie: UInt32
        public var name: String

        public init(watch: Int32, mask: UInt32, cookie: UInt32 = 0, name: String = "") {
            self.watch = watch
            self.mask = mask
            self.cookie = cookie
            self.name = name
        }

        public func has(_ flag: Int32) -> Bool { mask & UInt32(bitPattern: flag) != 0 }
    }

    /// An inotify instance: a descriptor, watches added and removed, events read in batches.
    final class Inotify {
        let descriptor: Int32
        private var buffer = [UInt8](repeating: 0, count: 256 * 1024)

        /// What the watcher asks of every folder.
        static let folderMask: UInt32 = UInt32(
            bitPattern: IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE
                | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK)

        init() throws(WatchError) {
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard descriptor >= 0 else { throw WatchError(code: .inotifyUnavailable, path: "", errno: errno) }
        }

        deinit {
            close(descriptor)
        }

        func addWatch(_ path: String) throws(WatchError) -> Int32 {
            let watch = inotify_add_watch(descriptor, path, Self.folderMask)
            guard watch >= 0 else {
                let code: WatchError.Code = errno == ENOSPC ? .watchLimitReached : .addWatchFailed
                throw WatchError(code: code, path: path, errno: errno)
            }
            return watch
        }

        func removeWatch(_ watch: Int32) {
            inotify_rm_watch(descriptor, watch)
        }

        /// Reads what is queued; empty when nothing is. A failed read throws: events may be lost.
        func read() throws(WatchError) -> [InotifyEvent] {
            var count: Int
            repeat {
                count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            } while count < 0 && errno == EINTR
            if count < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK { return [] }
                throw WatchError(code: .readFailed, path: "", errno: errno)
            }
            guard count > 0 else { return [] }
            var events: [InotifyEvent] = []
            buffer.withUnsafeBytes { raw in
                var offset = 0
                let header = MemoryLayout<inotify_event>.size
                while offset + header <= count {
                    let watch = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let cookie = raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    var name = ""
                    if length > 0 {
                        let bytes = raw[(offset + header)..<(offset + header + length)]
                        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
                        name = String(decoding: raw[(offset + header)..<end], as: UTF8.self)
                    }
                    events.append(InotifyEvent(watch: watch, mask: mask, cookie: cookie, name: name))
                    offset += header + length
                }
            }
            return events
        }
    }
#endif
