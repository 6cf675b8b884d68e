import GRDB
import GRDBSQLite

/// One prepared insert, run for every row of a batch with its values bound straight to SQLite.
///
/// GRDB's statement arguments box every value and check every run; for the small rows the
/// writer stores by the hundred thousand (sentences, index entries, terms, mentions) that costs
/// more than SQLite's own work. The statement is GRDB's cached one, so it is prepared once per
/// connection.
struct RowInserter {
    private let statement: Statement

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
    }

    /// Binds the row's values in order (`bind`) and runs the statement.
    func insert(_ bind: (inout Values) -> Void) throws {
        let handle = statement.sqliteStatement
        var values = Values(handle: handle)
        bind(&values)
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
                sql: statement.sql)
        }
    }

    /// The values of one row, bound by position.
    struct Values {
        fileprivate let handle: OpaquePointer
        private var index: Int32 = 0

        fileprivate init(handle: OpaquePointer) {
            self.handle = handle
        }

        mutating func add(_ value: Int64) {
            index += 1
            sqlite3_bind_int64(handle, index, value)
        }

        mutating func add(_ value: Int) {
            add(Int64(value))
        }

        mutating func add(_ value: Bool) {
            add(Int64(value ? 1 : 0))
        }

        mutating func add(_ value: Double) {
            index += 1
            sqlite3_bind_double(handle, index, value)
        }

        mutating func add(_ value: Int64?) {
            guard let value else { return addNull() }
            add(value)
        }

        mutating func add(_ value: Int?) {
            guard let value else { return addNull() }
            add(value)
        }

        mutating func add(_ value: String?) {
            guard var value else { return addNull() }
            index += 1
            let index = index
            value.withUTF8 { bytes in
                guard let start = bytes.baseAddress, !bytes.isEmpty else {
                    // A null pointer would bind NULL, not the empty string.
                    sqlite3_bind_text(handle, index, "", 0, nil)
                    return
                }
                start.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    _ = sqlite3_bind_text(handle, index, $0, Int32(bytes.count), sqliteTransient)
                }
            }
        }

        mutating func add(blob value: [UInt8]) {
            index += 1
            let index = index
            value.withUnsafeBytes { bytes in
                // A null pointer would bind NULL, not an empty blob.
                guard let start = bytes.baseAddress, !bytes.isEmpty else {
                    sqlite3_bind_zeroblob(handle, index, 0)
                    return
                }
                sqlite3_bind_blob(handle, index, start, Int32(bytes.count), sqliteTransient)
            }
        }

        private mutating func addNull() {
            index += 1
            sqlite3_bind_null(handle, index)
        }
    }
}

/// SQLite's `SQLITE_TRANSIENT`, which the C macro gives and Swift cannot import: SQLite copies
/// the bytes bound or returned before the call returns.
let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
