import Corrections
import GRDB
import Ingest

/// Applies corrections to names in the cache, inside the writer's transaction.
///
/// Rows that name an entity (mentions, aliases, titles, pronouns, quotes) are moved to the
/// entity the rules make of their origin (see `NameRules`), or set aside when it is hidden.
/// A row a correction moves keeps its origin, so that it can be placed again when the correction
/// is undone, without reading any document again; rows no correction moves carry none (their
/// origin is their entity). Where an origin's rows go to another name, its own name becomes an
/// alias of each document that names it, so that it is still found by that name.
struct NameCorrector {
    let db: Database
    let rules: NameRules

    /// A table of rows that name an entity.
    struct NamingTable: Sendable {
        var name: String
        /// The column with the words as written, that a split looks at.
        var written: String?
        /// The column of the sentence, and of the text kept when the row is hidden.
        var sentence: String?
        var text: String
    }

    static let mentions = NamingTable(name: "mentions", written: "text", sentence: "sentence", text: "text")
    static let aliases = NamingTable(name: "aliases", written: "alias", sentence: nil, text: "alias")
    static let titles = NamingTable(name: "titles", written: nil, sentence: nil, text: "title")
    static let coreferences = NamingTable(
        name: "coreferences", written: nil, sentence: "sentence", text: "text")
    /// A hidden speaker's quote stays, without its entity: the words as text.
    static let quotes = NamingTable(name: "quotes", written: "speaker", sentence: nil, text: "speaker")
    static let tables = [mentions, aliases, titles, coreferences, quotes]

    // MARK: Identities

    /// The id of origin `name`, made if needed.
    func origin(_ name: EntityName) throws -> Int64 {
        if let id = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM origins WHERE kind = ? AND key = ?"),
            arguments: [name.kind.rawValue, name.key])
        {
            return id
        }
        try db.cachedStatement(sql: "INSERT INTO origins (kind, name, key) VALUES (?, ?, ?)").execute(
            arguments: [name.kind.rawValue, name.name, name.key])
        return db.lastInsertedRowID
    }

    /// The name of origin `id`.
    func originName(_ id: Int64) throws -> EntityName? {
        try StoredName.fetchOne(
            db.cachedStatement(sql: "SELECT id, name, kind FROM origins WHERE id = ?"), arguments: [id]
        )?.entityName
    }

    /// The entity shown as `name`, if there is one.
    func entity(_ name: EntityName) throws -> StoredName? {
        try StoredName.fetchOne(
            db.cachedStatement(sql: "SELECT id, name, kind FROM entities WHERE kind = ? AND key = ?"),
            arguments: [name.kind.rawValue, name.key])
    }

    /// The id of the entity shown as `name`, made if needed; its name is written as `name` is
    /// when `named` (a correction said so).
    func entityID(_ name: EntityName, named: Bool) throws -> Int64 {
        if let found = try entity(name) {
            if named && found.name != name.name {
                try db.cachedStatement(sql: "UPDATE entities SET name = ? WHERE id = ?").execute(arguments: [
                    name.name, found.id,
                ])
            }
            return found.id
        }
        try db.cachedStatement(sql: "INSERT INTO entities (kind, name, key) VALUES (?, ?, ?)").execute(
            arguments: [name.kind.rawValue, name.name, name.key])
        return db.lastInsertedRowID
    }

    // MARK: Applying

    /// Makes a cache that holds the corrections `old` hold `new`: a few added ones one by one
    /// (a correction made: only the rows shown as its entity can move), else every row they are
    /// about placed once (many added, an undo, a file that says otherwise than the cache).
    static func change(from old: [CorrectionAction], to new: [CorrectionAction], in db: Database) throws {
        var left: Set<Int64> = []
        if new.starts(with: old) && new.count - old.count <= oneByOne {
            var rules = NameRules(old)
            for action in new[old.count...] {
                rules.append(action)
                left.formUnion(try NameCorrector(db: db, rules: rules).applyLast())
            }
        } else {
            // Rows all over the cache move: more of its pages are kept while they do.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = -8192") }
            let subjects = NameRules(old).subjects.union(NameRules(new).subjects)
            left = try NameCorrector(db: db, rules: NameRules(new)).applyAll(subjects: subjects)
        }
        try dropUnnamed(left, in: db)
    }

    /// Added corrections up to this many are applied one by one.
    static let oneByOne = 8

    /// Applies the last of the rules, just added: only rows shown as its entity can move.
    /// Returns the entities rows left.
    private func applyLast() throws -> Set<Int64> {
        guard let action = rules.actions.last, let shown = try entity(action.entity) else { return [] }
        var origins: Set<Int64> = [try origin(EntityName(name: shown.name, kind: action.entity.kind))]
        for table in Self.tables {
            origins.formUnion(
                try Int64.fetchAll(
                    db.cachedStatement(
                        sql: "SELECT DISTINCT origin FROM \(table.name) WHERE entity_id = ? AND origin IS NOT NULL"),
                    arguments: [shown.id]))
        }
        var left: Set<Int64> = []
        for origin in origins.sorted() {
            guard let name = try originName(origin) else { continue }
            try place(origin: origin, as: name, leaving: &left)
        }
        return left
    }

    /// Places every row of `subjects` again under the rules. Returns the entities rows left.
    private func applyAll(subjects: Set<EntityName>) throws -> Set<Int64> {
        var left: Set<Int64> = []
        for subject in subjects.sorted(by: { ($0.kind.rawValue, $0.key) < ($1.kind.rawValue, $1.key) }) {
            let id = try origin(EntityName(name: try entity(subject)?.name ?? subject.name, kind: subject.kind))
            let name = try originName(id) ?? subject
            try unhide(origin: id, as: name, leaving: &left)
            try place(origin: id, as: name, leaving: &left)
        }
        return left
    }

    /// Brings the hidden rows of origin `id` back to its own entity, to be placed again.
    private func unhide(origin id: Int64, as name: EntityName, leaving left: inout Set<Int64>) throws {
        let rows = try HiddenRow.fetchAll(
            db.cachedStatement(sql: "SELECT document_id, part, sentence, text, row FROM hidden_names WHERE origin = ?"),
            arguments: [id])
        guard !rows.isEmpty else { return }
        let entity = try entityID(name, named: false)
        left.insert(entity)
        for row in rows {
            try insert(row, entity: entity, origin: id)
        }
        try db.cachedStatement(sql: "DELETE FROM hidden_names WHERE origin = ?").execute(arguments: [id])
    }

    /// The rows of an origin: those that carry it (a correction moved them, or may), and those of
    /// its own entity that carry none (no correction moved them yet).
    private enum Rows {
        case carrying(Int64)
        case own(entity: Int64)

        var condition: String {
            switch self {
            case .carrying: "origin = ?"
            case .own: "entity_id = ? AND origin IS NULL"
            }
        }

        var argument: Int64 {
            switch self {
            case .carrying(let origin): origin
            case .own(let entity): entity
            }
        }
    }

    /// Moves the rows of origin `id` (named `name`) to where the rules put them.
    private func place(origin id: Int64, as name: EntityName, leaving left: inout Set<Int64>) throws {
        var selections = [Rows.carrying(id)]
        if let own = try entity(name) { selections.append(.own(entity: own.id)) }
        // Where the origin's name goes elsewhere, each document that names it keeps it as an alias.
        if case .shown(let target) = rules.resolve(name, written: name.name), target.key != name.key {
            let own = try entity(name)?.id
            for rows in selections {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO aliases (entity_id, document_id, alias, key, origin)
                        SELECT named.entity_id, named.document_id, ?, ?, ?
                        FROM (SELECT document_id, min(entity_id) AS entity_id FROM mentions WHERE \(rows.condition)
                              GROUP BY document_id) named
                        WHERE named.document_id NOT IN (
                            SELECT document_id FROM aliases
                            WHERE key = ? AND (origin = ? OR (entity_id IS ? AND origin IS NULL)))
                        """
                ).execute(arguments: [name.name, name.key, id, rows.argument, name.key, id, own])
            }
        }
        for table in Self.tables {
            for rows in selections {
                try place(table, rows, origin: id, as: name, leaving: &left)
            }
        }
    }

    /// Moves the `rows` of `table` of origin `id` to where the rules put them.
    private func place(
        _ table: NamingTable, _ rows: Rows, origin id: Int64, as name: EntityName, leaving left: inout Set<Int64>
    ) throws {
        let written: [String?] =
            try table.written.map {
                try String?.fetchAll(
                    db.cachedStatement(sql: "SELECT DISTINCT \($0) FROM \(table.name) WHERE \(rows.condition)"),
                    arguments: [rows.argument])
            } ?? [nil]
        let condition = rows.condition + (table.written.map { " AND \($0) IS ?" } ?? "")
        for words in written {
            let arguments: StatementArguments = table.written == nil ? [rows.argument] : [rows.argument, words]
            let resolution = rules.resolve(name, written: words)
            // Rows of its own entity that stay there need nothing.
            if case .own = rows, case .shown(let target) = resolution, target.isWritten(like: name) { continue }
            switch rows {
            case .own(let entity): left.insert(entity)
            case .carrying:
                left.formUnion(
                    try Int64.fetchAll(
                        db.cachedStatement(
                            sql:
                                "SELECT DISTINCT entity_id FROM \(table.name) WHERE \(condition) AND entity_id IS NOT NULL"
                        ),
                        arguments: arguments))
            }
            switch resolution {
            case .hidden where table.name == Self.quotes.name:
                try db.cachedStatement(sql: "UPDATE quotes SET entity_id = NULL, origin = ? WHERE \(condition)")
                    .execute(arguments: [id] + arguments)
            case .hidden:
                try db.cachedStatement(
                    sql: """
                        INSERT INTO hidden_names (origin, document_id, part, sentence, text, row)
                        SELECT ?, document_id, '\(table.name)', \(table.sentence ?? "NULL"), \(table.text), rowid
                        FROM \(table.name) WHERE \(condition)
                        """
                ).execute(arguments: [id] + arguments)
                try db.cachedStatement(sql: "DELETE FROM \(table.name) WHERE \(condition)").execute(
                    arguments: arguments)
            case .shown(let target):
                let unchanged = target.isWritten(like: name)
                let entity = try entityID(target, named: !unchanged)
                // Rows no correction moves need no origin: they are their entity's own.
                try db.cachedStatement(sql: "UPDATE \(table.name) SET entity_id = ?, origin = ? WHERE \(condition)")
                    .execute(arguments: [entity, unchanged ? nil : id] + arguments)
            }
        }
    }

    /// Puts a hidden row back in its table, under its old id when no row took it since.
    private func insert(_ row: HiddenRow, entity: Int64, origin: Int64) throws {
        try insert(
            into: Self.tables.first { $0.name == row.part } ?? Self.mentions, entity: entity,
            document: row.documentID, text: row.text, sentence: row.sentence, origin: origin, row: row.row)
    }

    /// Stores a row of `table` that names `entity`; under id `row` when no row has it.
    func insert(
        into table: NamingTable, entity: Int64, document: Int64, text: String, sentence: Int?, origin: Int64?,
        row: Int64? = nil
    ) throws {
        var columns = ["rowid", "entity_id", "document_id", table.text, "origin"]
        var values: [(any DatabaseValueConvertible)?] = [row, row, entity, document, text, origin]
        if let column = table.sentence {
            columns.append(column)
            values.append(sentence ?? 0)
        }
        if table.name == Self.aliases.name {
            columns.append("key")
            values.append(EntityName.key(text))
        }
        let free = "CASE WHEN EXISTS (SELECT 1 FROM \(table.name) WHERE rowid = ?) THEN NULL ELSE ? END"
        try db.cachedStatement(
            sql: """
                INSERT INTO \(table.name) (\(columns.joined(separator: ", ")))
                VALUES (\(free), \(SQL.placeholders(columns.count - 1)))
                """
        ).execute(arguments: StatementArguments(values))
    }

    /// Entities of `ids` that nothing names any more go: no mention, and no row a correction put
    /// there (an alias split off without a mention of its own is kept, to go back on an undo).
    static func dropUnnamed(_ ids: Set<Int64>, in db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                DELETE FROM entities WHERE id = ?1
                AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity_id = ?1)
                AND NOT EXISTS (SELECT 1 FROM aliases WHERE entity_id = ?1 AND origin IS NOT NULL)
                AND NOT EXISTS (SELECT 1 FROM titles WHERE entity_id = ?1 AND origin IS NOT NULL)
                AND NOT EXISTS (SELECT 1 FROM coreferences WHERE entity_id = ?1 AND origin IS NOT NULL)
                """)
        for id in ids.sorted() {
            try statement.execute(arguments: [id])
        }
    }

    // MARK: Records

    /// An entity or an origin: its id and name.
    struct StoredName: Decodable, FetchableRecord {
        var id: Int64
        var name: String
        var kind: String

        var entityName: EntityName? { Entity.Kind(rawValue: kind).map { EntityName(name: name, kind: $0) } }
    }

    private struct HiddenRow: Decodable, FetchableRecord {
        var documentID: Int64
        var part: String
        var sentence: Int?
        var text: String
        var row: Int64?

        enum CodingKeys: String, CodingKey {
            case part, sentence, text, row
            case documentID = "document_id"
        }
    }
}

extension NameCorrector {
    /// The name of entity `id`.
    func entityName(id: Int64) throws -> EntityName? {
        try StoredName.fetchOne(
            db.cachedStatement(sql: "SELECT id, name, kind FROM entities WHERE id = ?"), arguments: [id]
        )?.entityName
    }
}

/// A document's rows of a name some correction is about, stored where the rules put them.
struct CorrectedRows {
    let origin: Int64
    /// What the recogniser (and the kinds other documents give the name) made of it.
    let name: EntityName
    let documentID: Int64

    /// The entity rows written `written` go to (nil: hidden), and the origin they keep.
    func place(written: String?, _ corrector: NameCorrector) throws -> (entity: Int64?, origin: Int64?) {
        switch corrector.rules.resolve(name, written: written) {
        case .hidden:
            return (nil, origin)
        case .shown(let target):
            let unchanged = target.isWritten(like: name)
            return (try corrector.entityID(target, named: !unchanged), unchanged ? nil : origin)
        }
    }

    /// Stores the entity's mentions, aliases (its own name among them) and titles.
    func insert(_ entity: Entity, _ corrector: NameCorrector) throws {
        for mention in entity.mentions {
            try store(NameCorrector.mentions, written: mention.text, sentence: mention.sentence, corrector)
        }
        var aliases = entity.aliases
        // The origin's own name is an alias where its rows go to another name.
        if !aliases.contains(name.name), case .shown(let target) = corrector.rules.resolve(name, written: name.name),
            target.key != name.key
        {
            aliases.append(name.name)
        }
        for alias in aliases {
            try store(NameCorrector.aliases, written: alias, sentence: nil, corrector)
        }
        for title in entity.titles {
            try store(NameCorrector.titles, written: nil, text: title, sentence: nil, corrector)
        }
    }

    func insertReference(_ reference: Reference, _ corrector: NameCorrector) throws {
        try store(
            NameCorrector.coreferences, written: nil, text: reference.text, sentence: reference.sentence, corrector)
    }

    private func store(
        _ table: NameCorrector.NamingTable, written: String?, text: String? = nil, sentence: Int?,
        _ corrector: NameCorrector
    ) throws {
        let text = text ?? written ?? ""
        let db = corrector.db
        let (entity, origin) = try place(written: written, corrector)
        guard let entity else {
            try db.cachedStatement(
                sql: "INSERT INTO hidden_names (origin, document_id, part, sentence, text) VALUES (?, ?, ?, ?, ?)"
            ).execute(arguments: [origin, documentID, table.name, sentence, text])
            return
        }
        try corrector.insert(
            into: table, entity: entity, document: documentID, text: text, sentence: sentence, origin: origin)
    }
}
