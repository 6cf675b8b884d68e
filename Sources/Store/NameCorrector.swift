import Corrections
import GRDB
import Ingest

/// Applies corrections to names in the cache, inside the writer's transaction.
///
/// Rows that name an entity (mentions, aliases, titles, pronouns, quotes) are moved to the
/// entity the rules make of their origin (see `NameRules`), or set aside when it is hidden.
/// A row keeps its origin once a correction is about it, so that the rows can be placed again
/// when a correction is undone, without reading any document again. The origin's own name
/// becomes an alias of each document that names it, so that it is found by that name wherever
/// its rows go.
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

    /// Makes a cache that holds the corrections `old` hold `new`: the added ones one by one when
    /// `new` only adds to `old` (a correction made), else every row they are about placed again
    /// (an undo; a file that says otherwise than the cache).
    static func change(from old: [CorrectionAction], to new: [CorrectionAction], in db: Database) throws {
        var left: Set<Int64> = []
        if new.starts(with: old) {
            for count in old.count..<new.count {
                left.formUnion(try NameCorrector(db: db, rules: NameRules(Array(new[...count]))).applyLast())
            }
        } else {
            let subjects = NameRules(old).subjects.union(NameRules(new).subjects)
            left = try NameCorrector(db: db, rules: NameRules(new)).applyAll(subjects: subjects)
        }
        try dropUnnamed(left, in: db)
    }

    /// Applies the last of the rules, just added: only rows shown as its entity can move.
    /// Returns the entities rows left.
    private func applyLast() throws -> Set<Int64> {
        guard let action = rules.actions.last, let shown = try entity(action.entity) else { return [] }
        _ = try claim(action.entity)
        var origins: Set<Int64> = []
        for table in Self.tables {
            origins.formUnion(
                try Int64.fetchAll(
                    db, sql: "SELECT DISTINCT origin FROM \(table.name) WHERE entity_id = ? AND origin IS NOT NULL",
                    arguments: [shown.id]))
        }
        var left: Set<Int64> = []
        for origin in origins.sorted() {
            guard let name = try originName(origin) else { continue }
            try place(origin: origin, as: name, leaving: &left)
        }
        return left
    }

    /// Places every row of `subjects` again under the rules: after an undo, or when the cache
    /// was corrected otherwise than the file says. Returns the entities rows left.
    private func applyAll(subjects: Set<EntityName>) throws -> Set<Int64> {
        // Every subject's own rows first: a row that came from elsewhere keeps its origin.
        var origins: [(Int64, EntityName)] = []
        for subject in subjects.sorted(by: { ($0.kind.rawValue, $0.key) < ($1.kind.rawValue, $1.key) }) {
            let id = try claim(subject)
            origins.append((id, try originName(id) ?? subject))
        }
        var left: Set<Int64> = []
        for (id, name) in origins {
            try unhide(origin: id, as: name, leaving: &left)
            try place(origin: id, as: name, leaving: &left)
        }
        return left
    }

    /// Gives the rows shown as `name` that have no origin yet the origin `name`, and the
    /// documents that name it an alias of that name. Returns the origin.
    private func claim(_ name: EntityName) throws -> Int64 {
        let shown = try entity(name)
        let id = try origin(EntityName(name: shown?.name ?? name.name, kind: name.kind))
        guard let shown else { return id }
        for table in Self.tables {
            try db.execute(
                sql: "UPDATE \(table.name) SET origin = ? WHERE entity_id = ? AND origin IS NULL",
                arguments: [id, shown.id])
        }
        let own = try originName(id) ?? name
        try db.execute(
            sql: """
                INSERT INTO aliases (entity_id, document_id, alias, key, origin)
                SELECT DISTINCT ?, m.document_id, ?, ?, ? FROM mentions m
                WHERE m.origin = ? AND NOT EXISTS (
                    SELECT 1 FROM aliases a WHERE a.origin = ? AND a.document_id = m.document_id AND a.key = ?)
                """, arguments: [shown.id, own.name, own.key, id, id, id, own.key])
        return id
    }

    /// Brings the hidden rows of origin `id` back to its own entity, to be placed again.
    private func unhide(origin id: Int64, as name: EntityName, leaving left: inout Set<Int64>) throws {
        let rows = try HiddenRow.fetchAll(
            db, sql: "SELECT document_id, part, sentence, text, row FROM hidden_names WHERE origin = ?",
            arguments: [id])
        guard !rows.isEmpty else { return }
        let entity = try entityID(name, named: false)
        left.insert(entity)
        for row in rows {
            try insert(row, entity: entity, origin: id)
        }
        try db.execute(sql: "DELETE FROM hidden_names WHERE origin = ?", arguments: [id])
    }

    /// Moves the rows of origin `id` (named `name`) to where the rules put them.
    private func place(origin id: Int64, as name: EntityName, leaving left: inout Set<Int64>) throws {
        for table in Self.tables {
            left.formUnion(
                try Int64.fetchAll(
                    db,
                    sql: "SELECT DISTINCT entity_id FROM \(table.name) WHERE origin = ? AND entity_id IS NOT NULL",
                    arguments: [id]))
            let written: [String?] =
                try table.written.map {
                    try String?.fetchAll(
                        db, sql: "SELECT DISTINCT \($0) FROM \(table.name) WHERE origin = ?", arguments: [id])
                } ?? [nil]
            for words in written {
                let rows = table.written.map { "origin = ? AND \($0) IS ?" } ?? "origin = ?"
                let arguments: StatementArguments = table.written == nil ? [id] : [id, words]
                switch rules.resolve(name, written: words) {
                case .hidden where table.name == Self.quotes.name:
                    try db.execute(sql: "UPDATE quotes SET entity_id = NULL WHERE \(rows)", arguments: arguments)
                case .hidden:
                    try db.execute(
                        sql: """
                            INSERT INTO hidden_names (origin, document_id, part, sentence, text, row)
                            SELECT origin, document_id, '\(table.name)', \(table.sentence ?? "NULL"), \(table.text), rowid
                            FROM \(table.name) WHERE \(rows)
                            """, arguments: arguments)
                    try db.execute(sql: "DELETE FROM \(table.name) WHERE \(rows)", arguments: arguments)
                case .shown(let target):
                    let unchanged = target.isWritten(like: name)
                    let entity = try entityID(target, named: !unchanged)
                    // Rows no correction moves need no origin: they are their entity's own.
                    try db.execute(
                        sql: "UPDATE \(table.name) SET entity_id = ?, origin = ? WHERE \(rows)",
                        arguments: [entity, unchanged ? nil : id] + arguments)
                }
            }
        }
    }

    /// Puts a hidden row back in its table, under its old id when no row took it since.
    private func insert(_ row: HiddenRow, entity: Int64, origin: Int64) throws {
        let table = Self.tables.first { $0.name == row.part } ?? Self.mentions
        var columns = ["rowid", "entity_id", "document_id", table.text, "origin"]
        var values: [(any DatabaseValueConvertible)?] = [row.row, row.row, entity, row.documentID, row.text, origin]
        if let sentence = table.sentence {
            columns.append(sentence)
            values.append(row.sentence ?? 0)
        }
        if table.name == Self.aliases.name {
            columns.append("key")
            values.append(EntityName.key(row.text))
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
        // The origin's own name is an alias where its rows go elsewhere.
        if !aliases.contains(name.name), try place(written: name.name, corrector).origin != nil {
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
        switch table.name {
        case NameCorrector.mentions.name, NameCorrector.coreferences.name:
            try db.cachedStatement(
                sql: "INSERT INTO \(table.name) (entity_id, document_id, sentence, text, origin) VALUES (?, ?, ?, ?, ?)"
            ).execute(arguments: [entity, documentID, sentence ?? 0, text, origin])
        case NameCorrector.aliases.name:
            try db.cachedStatement(
                sql: "INSERT INTO aliases (entity_id, document_id, alias, key, origin) VALUES (?, ?, ?, ?, ?)"
            ).execute(arguments: [entity, documentID, text, EntityName.key(text), origin])
        default:
            try db.cachedStatement(
                sql: "INSERT INTO titles (entity_id, document_id, title, origin) VALUES (?, ?, ?, ?)"
            ).execute(arguments: [entity, documentID, text, origin])
        }
    }
}
