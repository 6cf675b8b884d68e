import Foundation
import GRDB

/// The cache's tables. The cache can always be rebuilt from the folder, so a schema this code
/// does not know is dropped rather than migrated.
enum Schema {
    /// Marks the SQLite file as a dossier cache ("DOSS").
    static let applicationID: Int32 = 0x444F_5353

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value) WITHOUT ROWID;
                    INSERT INTO meta (key, value) VALUES ('generation', 0);

                    CREATE TABLE documents (
                        id INTEGER PRIMARY KEY,
                        path TEXT NOT NULL UNIQUE,
                        status TEXT NOT NULL CHECK (status IN ('indexed', 'unsupported', 'failed')),
                        reason TEXT,
                        format TEXT,
                        title TEXT NOT NULL DEFAULT '',
                        category TEXT,
                        body TEXT NOT NULL DEFAULT '',
                        word_count INTEGER NOT NULL DEFAULT 0,
                        warnings TEXT NOT NULL DEFAULT '[]',
                        size INTEGER,
                        mtime_ns INTEGER,
                        inode INTEGER,
                        content_hash TEXT,
                        indexed_at REAL NOT NULL
                    );

                    CREATE TABLE sections (
                        id INTEGER PRIMARY KEY,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        ordinal INTEGER NOT NULL,
                        heading TEXT
                    );
                    CREATE INDEX sections_document ON sections(document_id, ordinal);

                    CREATE TABLE paragraphs (
                        id INTEGER PRIMARY KEY,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
                        ordinal INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        text TEXT NOT NULL
                    );
                    CREATE INDEX paragraphs_document ON paragraphs(document_id, ordinal);
                    CREATE INDEX paragraphs_section ON paragraphs(section_id);

                    CREATE TABLE sentences (
                        id INTEGER PRIMARY KEY,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
                        paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
                        ordinal INTEGER NOT NULL,
                        text TEXT NOT NULL
                    );
                    CREATE INDEX sentences_document ON sentences(document_id);
                    CREATE INDEX sentences_section ON sentences(section_id);
                    CREATE INDEX sentences_paragraph ON sentences(paragraph_id);

                    CREATE TABLE changes (
                        generation INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        path TEXT NOT NULL,
                        previous_path TEXT,
                        at REAL NOT NULL
                    );
                    """)
            try createFullTextIndex(db, table: "documents", columns: ["title", "body"])
            // Headings on their own (a heading that asks the question lifts its section's answers),
            // sentences without them: every piece of text is tokenised once per index.
            try createFullTextIndex(db, table: "sections", columns: ["heading"])
            try createFullTextIndex(db, table: "sentences", columns: ["text"])
        }
        migrator.registerMigration("v2: annotations") { db in
            try db.execute(
                sql: """
                    ALTER TABLE documents ADD COLUMN language TEXT;
                    ALTER TABLE documents ADD COLUMN foreign_spans TEXT NOT NULL DEFAULT '[]';

                    -- Entities are shared by every document that names them.
                    CREATE TABLE entities (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        name TEXT NOT NULL,
                        key TEXT NOT NULL,
                        UNIQUE (kind, key)
                    );
                    CREATE TABLE aliases (
                        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        alias TEXT NOT NULL
                    );
                    CREATE INDEX aliases_entity ON aliases(entity_id);
                    CREATE INDEX aliases_key ON aliases(lower(alias));
                    CREATE INDEX aliases_document ON aliases(document_id);
                    CREATE TABLE mentions (
                        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        sentence INTEGER NOT NULL,
                        text TEXT NOT NULL
                    );
                    CREATE INDEX mentions_entity ON mentions(entity_id, document_id, sentence);
                    CREATE INDEX mentions_document ON mentions(document_id, sentence);

                    CREATE TABLE quotes (
                        id INTEGER PRIMARY KEY,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
                        speaker TEXT,
                        text TEXT NOT NULL,
                        sentence INTEGER NOT NULL
                    );
                    CREATE INDEX quotes_document ON quotes(document_id);
                    CREATE INDEX quotes_entity ON quotes(entity_id);

                    CREATE TABLE dates (
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        text TEXT NOT NULL,
                        start_year INTEGER,
                        end_year INTEGER,
                        month INTEGER,
                        day INTEGER,
                        sentence INTEGER NOT NULL
                    );
                    CREATE INDEX dates_document ON dates(document_id);
                    CREATE INDEX sentences_ordinal ON sentences(document_id, ordinal);
                    """)
        }
        migrator.registerMigration("v3: terms") { db in
            try db.execute(
                sql: """
                    -- Each document's most frequent stemmed terms: the vectors similar documents are ranked by.
                    CREATE TABLE document_terms (
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        term TEXT NOT NULL,
                        word TEXT NOT NULL,
                        count INTEGER NOT NULL,
                        PRIMARY KEY (document_id, term)
                    ) WITHOUT ROWID;
                    CREATE INDEX document_terms_term ON document_terms(term);

                    -- How many sentences hold each indexed term: how rare a question's words are.
                    CREATE VIRTUAL TABLE sentences_vocab USING fts5vocab(sentences_fts, 'row');

                    -- Documents stored before have no terms: forget them, and the folder scan reads them again.
                    DELETE FROM documents;

                    -- Rank by BM25 with the title weighted five times the body, so that ORDER BY
                    -- rank lets FTS5 sort and compute snippets for the returned rows only.
                    INSERT INTO documents_fts(documents_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)');

                    DROP TRIGGER documents_fts_insert;
                    DROP TRIGGER documents_fts_delete;
                    DROP TRIGGER documents_fts_update;
                    """)
            // Only indexed documents are searchable (not the names of failed files), so the
            // full-text index alone counts a search's matches.
            try createFullTextTriggers(
                db, table: "documents", columns: ["title", "body"], onlyWhere: ("status", "indexed"))
        }
        migrator.registerMigration("v4: publication dates and repeated lines") { db in
            try db.execute(
                sql: """
                    -- The day the document says it was published, as YYYY-MM-DD.
                    ALTER TABLE documents ADD COLUMN published TEXT;
                    -- 1 when part of the date came from the document's own date ("August 26", "yesterday").
                    ALTER TABLE dates ADD COLUMN resolved INTEGER NOT NULL DEFAULT 0;

                    -- Fingerprints of each document's short lines: a line in many documents is the
                    -- site's chrome, and is left out of all of them.
                    CREATE TABLE document_lines (
                        fingerprint INTEGER NOT NULL,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        PRIMARY KEY (fingerprint, document_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX document_lines_document ON document_lines(document_id);

                    -- Documents stored before have neither: forget them, and the folder scan reads them again.
                    DELETE FROM documents;
                    """)
        }
        migrator.registerMigration("v5: numbers") { db in
            try db.execute(
                sql: """
                    -- Quantities the text names: "2,000 fighters", "$1.5 billion", "dozens of people".
                    CREATE TABLE numbers (
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        text TEXT NOT NULL,
                        value REAL NOT NULL,
                        unit TEXT,
                        -- 1 for a rough count ("dozens of"), whose value is the least it can mean.
                        approximate INTEGER NOT NULL DEFAULT 0,
                        sentence INTEGER NOT NULL
                    );
                    CREATE INDEX numbers_document ON numbers(document_id, sentence);

                    -- Documents stored before have no numbers: forget them, and the folder scan reads them again.
                    DELETE FROM documents;
                    """)
        }
        migrator.registerMigration("v6: web page facts and titles of people") { db in
            try db.execute(
                sql: """
                    -- What a web page says of itself: the site's name, the byline, and how many
                    -- words the whole page has (the document's word_count is what was kept).
                    ALTER TABLE documents ADD COLUMN site_name TEXT;
                    ALTER TABLE documents ADD COLUMN byline TEXT;
                    ALTER TABLE documents ADD COLUMN page_words INTEGER;

                    -- Titles, ranks and roles written before a person's name ("General", "British
                    -- Prime Minister"): the person's, kept apart from the names it goes by.
                    CREATE TABLE titles (
                        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        title TEXT NOT NULL
                    );
                    CREATE INDEX titles_entity ON titles(entity_id);
                    CREATE INDEX titles_document ON titles(document_id);

                    -- Status counts documents and words on every call: from this index alone, it
                    -- need not read past each document's body to its word count.
                    CREATE INDEX documents_status_words ON documents(status, word_count);

                    -- Pages stored before were read without telling the article from the page:
                    -- forget them all, and the folder scan reads them again.
                    DELETE FROM documents;
                    """)
        }
        migrator.registerMigration("v7: office documents, books, messages, mailboxes and recognised text") { db in
            try db.execute(
                sql: """
                    -- The text was recognised in images (OCR), not read from the file.
                    ALTER TABLE documents ADD COLUMN recognized INTEGER NOT NULL DEFAULT 0;

                    -- A document inside another file: a message of a mailbox ("archive.mbox#3"),
                    -- an attachment ("message.eml#report.docx"). It has no file state of its own;
                    -- it goes when its file's document goes.
                    ALTER TABLE documents ADD COLUMN parent_id INTEGER REFERENCES documents(id) ON DELETE CASCADE;
                    CREATE INDEX documents_parent ON documents(parent_id) WHERE parent_id IS NOT NULL;

                    -- Office documents, books, messages and images were unsupported before:
                    -- forget what was not indexed, and the folder scan reads it again.
                    DELETE FROM documents WHERE status != 'indexed';
                    """)
        }
        migrator.registerMigration("v8: words that stand for names") { db in
            try db.execute(
                sql: """
                    -- A pronoun or description that stands for an entity ("It", "this terrorist
                    -- group"): what a sentence is about when it does not say the name.
                    CREATE TABLE coreferences (
                        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        sentence INTEGER NOT NULL,
                        text TEXT NOT NULL
                    );
                    CREATE INDEX coreferences_entity ON coreferences(entity_id, document_id, sentence);
                    CREATE INDEX coreferences_document ON coreferences(document_id, sentence);

                    -- Documents stored before have none: the folder scan reads them again.
                    DELETE FROM documents;
                    """)
        }
        migrator.registerMigration("v9: text stored once") { db in
            try storeTextOnce(db)
        }
        migrator.registerMigration("v10: the writer indexes what it stores") { db in
            // A trigger that writes to a full-text index makes every statement that fires it a
            // savepoint, and FTS5 writes its pending terms to disk at each: one small segment per
            // document, merged again and again. The writer inserts the index entries itself, and
            // they are written once a transaction. The entries are the same: nothing is read again.
            //
            // An alias is found by its key, lower-cased as Swift does it: SQLite's lower() folds
            // only ASCII, so "ŌKUBO" never found "Ōkubo". Aliases stored before have no key:
            // forget every document, and the folder scan reads them again.
            try db.execute(
                sql: """
                    DROP TRIGGER texts_fts_insert;
                    DROP TRIGGER sections_fts_insert;
                    DROP INDEX aliases_key;
                    ALTER TABLE aliases ADD COLUMN key TEXT NOT NULL DEFAULT '';
                    CREATE INDEX aliases_key ON aliases(key);
                    DELETE FROM documents;
                    DELETE FROM entities;
                    """)
        }
        migrator.registerMigration("v11: corrections") { db in
            try db.execute(sql: corrections)
        }
        // Foreign keys on, so that what belongs to the documents goes with them.
        migrator.registerMigration("v12: names read with a tagger", foreignKeyChecks: .immediate) { db in
            // Names are now read with the part-of-speech tagger: the names of documents stored
            // before are not those the same files give now. Forget every document; the folder
            // scan reads them again, and the corrections, kept apart, apply to them as they come.
            try db.execute(
                sql: """
                    DELETE FROM documents;
                    DELETE FROM entities;
                    """)
        }
        migrator.registerMigration("v13: texts compressed") { db in
            try compressTexts(db)
        }
        migrator.registerMigration("v14: sentences indexed without positions") { db in
            // Which sentences hold a word, not where in them: half the index, and answers are
            // ranked by `SentenceRanking`, which needs no more. A new cache has it from v9 on.
            let index = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'sentences_fts'")
            guard index?.contains("detail=none") == false else { return }
            try db.execute(
                sql: """
                    DROP TABLE sentences_vocab;
                    DROP TABLE sentences_fts;
                    \(sentencesIndex)
                    INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild');
                    """)
        }
        migrator.registerMigration("v15: texts stored tighter") { db in
            // The words a collection's texts share, made from the texts (`TextDictionary`): the
            // last one is what new texts are compressed with. Texts stored before need none.
            //
            // A quotation is a range of its document's text, as sentences are, and keeps a text
            // of its own only when it is not there word for word. Quotations stored before keep
            // theirs, and their ids (corrections set rows aside by id).
            try db.execute(
                sql: """
                    CREATE TABLE text_dictionaries (
                        id INTEGER PRIMARY KEY,
                        checksum INTEGER NOT NULL UNIQUE,
                        bytes BLOB NOT NULL
                    );
                    CREATE TABLE quotes_ranged (
                        id INTEGER PRIMARY KEY,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
                        speaker TEXT,
                        -- NULL when the quotation is the text's bytes start..<start + length.
                        text TEXT,
                        sentence INTEGER NOT NULL,
                        origin INTEGER,
                        start INTEGER,
                        length INTEGER,
                        CHECK (text IS NOT NULL OR (start IS NOT NULL AND length IS NOT NULL))
                    );
                    INSERT INTO quotes_ranged (id, document_id, entity_id, speaker, text, sentence, origin)
                        SELECT id, document_id, entity_id, speaker, text, sentence, origin FROM quotes;
                    DROP TABLE quotes;
                    ALTER TABLE quotes_ranged RENAME TO quotes;
                    CREATE INDEX quotes_document ON quotes(document_id);
                    CREATE INDEX quotes_entity ON quotes(entity_id);
                    CREATE INDEX quotes_origin ON quotes(origin) WHERE origin IS NOT NULL;
                    """)
        }
        return migrator
    }

    /// Sections and paragraphs are identified by their document and their place in it:
    /// `documentID << placeBits | ordinal`. A document's parts are then one range of a table's
    /// primary key, and no secondary index is needed to find them. A document's sentences take
    /// consecutive ids from `texts.first_sentence` instead: sentence ids are the full-text index's
    /// row ids, which it stores as differences, and dense ids keep those small.
    static let placeBits: Int64 = 24
    /// Sentences, paragraphs and sections of one document beyond this many are not stored.
    static let maximumPlaces = 1 << placeBits

    /// The id of a document's section or paragraph.
    static func placeID(document: Int64, ordinal: Int) -> Int64 {
        document << placeBits | Int64(ordinal)
    }

    /// The document and ordinal of a section or paragraph.
    static func place(_ id: Int64) -> (document: Int64, ordinal: Int) {
        (id >> placeBits, Int(id & Int64(maximumPlaces - 1)))
    }

    /// `placeID(document:ordinal:)` in SQL, of two SQL expressions.
    static func placeID(document: String, ordinal: String) -> String {
        "((\(document) << \(placeBits)) | \(ordinal))"
    }

    /// The document of the section or paragraph whose id is the SQL expression `place`.
    static func document(ofPlace place: String) -> String {
        "(\(place) >> \(placeBits))"
    }

    /// Schema v9: each document's text is stored once (`texts.body`); its sections, paragraphs
    /// and sentences are ranges of it, and the full-text indexes read their text from there.
    /// Everything else is as before, with only the indexes its queries use. Every table but the
    /// generation and the change log is made anew: the folder scan reads the documents again.
    private static func storeTextOnce(_ db: Database) throws {
        for table in [
            "sentences_vocab", "terms_vocab", "documents_fts", "sections_fts", "sentences_fts", "terms_fts",
            "document_vectors", "coreferences", "titles", "numbers",
            "document_lines", "document_terms", "dates", "quotes", "mentions", "aliases", "entities", "sentences",
            "paragraphs", "sections", "documents",
        ] {
            try db.execute(sql: "DROP TABLE IF EXISTS \(table)")
        }
        try db.execute(
            sql: """
                CREATE TABLE documents (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE,
                    -- A document inside another file: a message of a mailbox ("archive.mbox#3"), an
                    -- attachment ("message.eml#report.docx"). It has no file state of its own; it
                    -- goes when its file's document goes.
                    parent_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
                    status TEXT NOT NULL CHECK (status IN ('indexed', 'unsupported', 'failed')),
                    reason TEXT,
                    format TEXT,
                    title TEXT NOT NULL DEFAULT '',
                    category TEXT,
                    -- The day the document says it was published, as YYYY-MM-DD.
                    published TEXT,
                    word_count INTEGER NOT NULL DEFAULT 0,
                    warnings TEXT NOT NULL DEFAULT '[]',
                    size INTEGER,
                    mtime_ns INTEGER,
                    inode INTEGER,
                    content_hash TEXT,
                    indexed_at REAL NOT NULL,
                    language TEXT,
                    foreign_spans TEXT NOT NULL DEFAULT '[]',
                    -- What a web page says of itself: the site's name, the byline, and how many
                    -- words the whole page has (word_count is what was kept).
                    site_name TEXT,
                    byline TEXT,
                    page_words INTEGER,
                    -- The text was recognised in images (OCR), not read from the file.
                    recognized INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX documents_parent ON documents(parent_id) WHERE parent_id IS NOT NULL;
                -- Status counts documents and words on every call, from this index alone.
                CREATE INDEX documents_status_words ON documents(status, word_count);

                -- An indexed document's text, kept apart from its file state so that comparing the
                -- folder with the cache reads no text: paragraphs separated by blank lines,
                -- headings on lines of their own. Its sentences' ids run from first_sentence.
                CREATE TABLE texts (
                    id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
                    body TEXT NOT NULL,
                    first_sentence INTEGER NOT NULL,
                    sentence_count INTEGER NOT NULL
                );

                -- Places in a text (see placeBits). start and length are UTF-8 byte offsets in the
                -- body; first_sentence is the ordinal in the document of the first sentence inside.
                CREATE TABLE sections (
                    id INTEGER PRIMARY KEY,
                    heading TEXT,
                    first_sentence INTEGER NOT NULL
                );
                CREATE TABLE paragraphs (
                    id INTEGER PRIMARY KEY,
                    section INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    start INTEGER NOT NULL,
                    length INTEGER NOT NULL,
                    first_sentence INTEGER NOT NULL,
                    sentence_count INTEGER NOT NULL
                );
                -- text is set only for a sentence that is not a range of its paragraph.
                CREATE TABLE sentences (
                    id INTEGER PRIMARY KEY,
                    document INTEGER NOT NULL,
                    section INTEGER NOT NULL,
                    paragraph INTEGER NOT NULL,
                    start INTEGER NOT NULL,
                    length INTEGER NOT NULL,
                    text TEXT
                );

                -- The texts the full-text indexes read (for snippets, and to take a row out).
                \(textViews)

                -- Porter stemming over unicode61 with diacritics removed: "attacks" finds
                -- "attack", "cafe" finds "café". Documents rank by BM25 with the title weighted
                -- five times the body.
                CREATE VIRTUAL TABLE documents_fts USING fts5(
                    title, body, content='document_texts', content_rowid='id',
                    tokenize='porter unicode61 remove_diacritics 2'
                );
                INSERT INTO documents_fts(documents_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)');
                -- Headings on their own (a heading that asks the question lifts its section's
                -- answers), sentences without them.
                CREATE VIRTUAL TABLE sections_fts USING fts5(
                    heading, content='sections', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
                );
                \(sentencesIndex)

                -- Only an indexed document has a text, and it is indexed as it is stored; its
                -- sentences are indexed by the writer, which has their text at hand.
                CREATE TRIGGER texts_fts_insert AFTER INSERT ON texts BEGIN
                    INSERT INTO documents_fts(rowid, title, body)
                    VALUES (new.id, (SELECT title FROM documents WHERE id = new.id), new.body);
                END;
                CREATE TRIGGER sections_fts_insert AFTER INSERT ON sections WHEN new.heading IS NOT NULL BEGIN
                    INSERT INTO sections_fts(rowid, heading) VALUES (new.id, new.heading);
                END;
                \(documentsDeleteTrigger)

                -- Entities are shared by every document that names them.
                CREATE TABLE entities (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    key TEXT NOT NULL,
                    UNIQUE (kind, key)
                );
                CREATE TABLE aliases (
                    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
                    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    alias TEXT NOT NULL
                );
                CREATE INDEX aliases_entity ON aliases(entity_id);
                CREATE INDEX aliases_key ON aliases(lower(alias));
                CREATE INDEX aliases_document ON aliases(document_id);
                CREATE TABLE mentions (
                    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
                    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    sentence INTEGER NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE INDEX mentions_entity ON mentions(entity_id, document_id, sentence);
                CREATE INDEX mentions_document ON mentions(document_id, sentence);
                -- Titles, ranks and roles written before a person's name ("General", "British Prime
                -- Minister"): the person's, kept apart from the names it goes by.
                CREATE TABLE titles (
                    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
                    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    title TEXT NOT NULL
                );
                CREATE INDEX titles_entity ON titles(entity_id);
                CREATE INDEX titles_document ON titles(document_id);
                -- A pronoun or description that stands for an entity ("It", "this terrorist
                -- group"): what a sentence is about when it does not say the name.
                CREATE TABLE coreferences (
                    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
                    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    sentence INTEGER NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE INDEX coreferences_entity ON coreferences(entity_id, document_id, sentence);
                CREATE INDEX coreferences_document ON coreferences(document_id, sentence);

                CREATE TABLE quotes (
                    id INTEGER PRIMARY KEY,
                    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
                    speaker TEXT,
                    text TEXT NOT NULL,
                    sentence INTEGER NOT NULL
                );
                CREATE INDEX quotes_document ON quotes(document_id);
                CREATE INDEX quotes_entity ON quotes(entity_id);
                CREATE TABLE dates (
                    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    text TEXT NOT NULL,
                    start_year INTEGER,
                    end_year INTEGER,
                    month INTEGER,
                    day INTEGER,
                    sentence INTEGER NOT NULL,
                    -- 1 when part of the date came from the document's own date ("August 26", "yesterday").
                    resolved INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX dates_document ON dates(document_id, sentence);
                -- Quantities the text names: "2,000 fighters", "$1.5 billion", "dozens of people".
                CREATE TABLE numbers (
                    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    text TEXT NOT NULL,
                    value REAL NOT NULL,
                    unit TEXT,
                    -- 1 for a rough count ("dozens of"), whose value is the least it can mean.
                    approximate INTEGER NOT NULL DEFAULT 0,
                    sentence INTEGER NOT NULL
                );
                CREATE INDEX numbers_document ON numbers(document_id, sentence);

                -- Each document's most frequent stemmed terms, the word shown for each (empty when it
                -- is the term) and its count, as lists separated by spaces: the vectors similar
                -- documents are ranked by.
                CREATE TABLE document_vectors (
                    id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
                    terms TEXT NOT NULL,
                    words TEXT NOT NULL,
                    counts TEXT NOT NULL
                );
                -- Which documents hold each of those terms, and how many do: an index of the term
                -- lists without their text, positions or lengths.
                CREATE VIRTUAL TABLE terms_fts USING fts5(
                    terms, content='', detail=none, columnsize=0, tokenize='unicode61 remove_diacritics 0'
                );
                CREATE VIRTUAL TABLE terms_vocab USING fts5vocab(terms_fts, 'row');
                -- Fingerprints of each document's short lines: a line in many documents is the
                -- site's chrome, and is left out of all of them.
                CREATE TABLE document_lines (
                    fingerprint INTEGER NOT NULL,
                    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    PRIMARY KEY (fingerprint, document_id)
                ) WITHOUT ROWID;
                CREATE INDEX document_lines_document ON document_lines(document_id);
                """)
    }

    /// Schema v11: what people said about names, applied in the cache (see `NameCorrector`).
    ///
    /// A row that names an entity (a mention, alias, title, pronoun or quote) keeps, once a
    /// correction is about its entity, its origin: the entity the recogniser made of it. Rows
    /// no correction is about have none (their origin is their entity), so that the column
    /// costs nothing until a correction is made. A hidden name's rows are kept aside, so that an
    /// undo brings them back without reading the documents again.
    private static let corrections = """
        CREATE TABLE origins (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            key TEXT NOT NULL,
            UNIQUE (kind, key)
        );
        ALTER TABLE mentions ADD COLUMN origin INTEGER;
        ALTER TABLE aliases ADD COLUMN origin INTEGER;
        ALTER TABLE titles ADD COLUMN origin INTEGER;
        ALTER TABLE coreferences ADD COLUMN origin INTEGER;
        ALTER TABLE quotes ADD COLUMN origin INTEGER;
        CREATE INDEX mentions_origin ON mentions(origin) WHERE origin IS NOT NULL;
        CREATE INDEX aliases_origin ON aliases(origin) WHERE origin IS NOT NULL;
        CREATE INDEX titles_origin ON titles(origin) WHERE origin IS NOT NULL;
        CREATE INDEX coreferences_origin ON coreferences(origin) WHERE origin IS NOT NULL;
        CREATE INDEX quotes_origin ON quotes(origin) WHERE origin IS NOT NULL;
        CREATE TABLE hidden_names (
            origin INTEGER NOT NULL,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            part TEXT NOT NULL CHECK (part IN ('mentions', 'aliases', 'titles', 'coreferences')),
            sentence INTEGER,
            text TEXT NOT NULL,
            -- The row's id in its table: put back in its place, it keeps its order.
            row INTEGER
        );
        CREATE INDEX hidden_names_origin ON hidden_names(origin);
        CREATE INDEX hidden_names_document ON hidden_names(document_id);
        -- A correction or an undo in the change log: the correction, as JSON.
        ALTER TABLE changes ADD COLUMN correction TEXT;
        -- The corrections applied to this cache, as JSON: compared with the file at start.
        INSERT INTO meta (key, value) VALUES ('corrections', '[]');
        """

    /// Schema v13: each document's text is stored compressed (``CompressedText``) and read through
    /// `body_text()` and `body_range()` (``StoredTextFunctions``). The views the full-text indexes
    /// read and the trigger that takes a document out read it so; the texts stored before are
    /// compressed where they are, and nothing else changes.
    private static func compressTexts(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP VIEW document_texts;
                DROP VIEW sentence_texts;
                DROP TRIGGER documents_delete;
                \(textViews)
                \(documentsDeleteTrigger)
                """)
        /// A text stored before, as it was stored.
        struct PlainText: Decodable, FetchableRecord {
            var id: Int64
            var body: String
        }
        var last: Int64 = 0
        while true {
            let texts = try PlainText.fetchAll(
                db, sql: "SELECT id, body FROM texts WHERE id > ? AND typeof(body) = 'text' ORDER BY id LIMIT 1000",
                arguments: [last])
            guard let final = texts.last else { break }
            last = final.id
            for text in texts {
                guard let stored = CompressedText.compress(text.body) else { continue }
                try db.execute(sql: "UPDATE texts SET body = ? WHERE id = ?", arguments: [Data(stored), text.id])
            }
        }
    }

    /// The sentence index since v14: no positions (`detail=none`), and no lengths
    /// (`columnsize=0`), which `SentenceRanking` takes from `sentences`.
    private static let sentencesIndex = """
        CREATE VIRTUAL TABLE sentences_fts USING fts5(
            text, content='sentence_texts', content_rowid='id', detail=none, columnsize=0,
            tokenize='porter unicode61 remove_diacritics 2'
        );
        -- How many sentences hold each indexed term: how rare a question's words are.
        CREATE VIRTUAL TABLE sentences_vocab USING fts5vocab(sentences_fts, 'row');
        """

    /// The texts the full-text indexes read (for snippets, and to take a row out).
    private static let textViews = """
        CREATE VIEW document_texts AS
            SELECT d.id AS id, d.title AS title, body_text(t.body) AS body FROM documents d JOIN texts t ON t.id = d.id;
        CREATE VIEW sentence_texts AS
            SELECT s.id AS id, \(sentenceText) AS text FROM sentences s JOIN texts t ON t.id = s.document;
        """

    /// A document takes its text, places and their index entries with it (a mailbox's messages
    /// too, through parent_id); the index entries go while the text is there.
    private static var documentsDeleteTrigger: String {
        let mask = maximumPlaces - 1
        // The place ids of document `old.id`.
        let places =
            "BETWEEN \(placeID(document: "old.id", ordinal: "0")) AND \(placeID(document: "old.id", ordinal: "\(mask)"))"
        // The sentence ids of document `old.id`.
        let sentences = """
            BETWEEN (SELECT first_sentence FROM texts WHERE id = old.id)
                AND (SELECT first_sentence + sentence_count - 1 FROM texts WHERE id = old.id)
            """
        return """
            CREATE TRIGGER documents_delete BEFORE DELETE ON documents WHEN old.status = 'indexed' BEGIN
                INSERT INTO documents_fts(documents_fts, rowid, title, body)
                    SELECT 'delete', old.id, old.title, body_text(body) FROM texts WHERE id = old.id;
                INSERT INTO sentences_fts(sentences_fts, rowid, text)
                    SELECT 'delete', id, text FROM sentence_texts WHERE id \(sentences);
                INSERT INTO sections_fts(sections_fts, rowid, heading)
                    SELECT 'delete', id, heading FROM sections WHERE id \(places) AND heading IS NOT NULL;
                INSERT INTO terms_fts(terms_fts, rowid, terms)
                    SELECT 'delete', id, terms FROM document_vectors WHERE id = old.id;
                DELETE FROM sentences WHERE id \(sentences);
                DELETE FROM paragraphs WHERE id \(places);
                DELETE FROM sections WHERE id \(places);
                DELETE FROM texts WHERE id = old.id;
            END;
            """
    }

    /// A sentence's text, in a query that joins `sentences s` to its document's `texts t`.
    static let sentenceText = "coalesce(s.text, \(range("t.body", start: "s.start", length: "s.length")))"

    /// A quotation's text, in a query that joins `quotes q` to its document's `texts qt`.
    static let quoteText = "coalesce(q.text, \(range("qt.body", start: "q.start", length: "q.length")))"

    /// The text of `paragraphs p`, in a query that joins it to its document's `texts pt`.
    static let paragraphText = range("pt.body", start: "p.start", length: "p.length")

    /// The text of bytes `start..<start + length` of the stored text `text`, in SQL.
    static func range(_ text: String, start: String, length: String) -> String {
        "body_range(\(text), \(start), \(length))"
    }

    /// An external-content FTS5 table over `table`, kept in step by triggers.
    /// Porter stemming over unicode61 with diacritics removed: "attacks" finds "attack", "cafe" finds "café".
    private static func createFullTextIndex(_ db: Database, table: String, columns: [String]) throws {
        let fts = "\(table)_fts"
        let list = columns.joined(separator: ", ")
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE \(fts) USING fts5(
                    \(list), content='\(table)', content_rowid='id',
                    tokenize='porter unicode61 remove_diacritics 2'
                );
                """)
        try createFullTextTriggers(db, table: table, columns: columns)
    }

    /// The triggers that keep `table`'s FTS5 index in step with it; with `onlyWhere`, only rows
    /// whose column holds that value are indexed.
    private static func createFullTextTriggers(
        _ db: Database, table: String, columns: [String], onlyWhere: (column: String, value: String)? = nil
    ) throws {
        let fts = "\(table)_fts"
        let list = columns.joined(separator: ", ")
        let newValues = columns.map { "new.\($0)" }.joined(separator: ", ")
        let oldValues = columns.map { "old.\($0)" }.joined(separator: ", ")
        func when(_ rows: String...) -> String {
            guard let onlyWhere else { return "" }
            return " WHEN " + rows.map { "\($0).\(onlyWhere.column) = '\(onlyWhere.value)'" }.joined(separator: " AND ")
        }
        try db.execute(
            sql: """
                CREATE TRIGGER \(table)_fts_insert AFTER INSERT ON \(table)\(when("new")) BEGIN
                    INSERT INTO \(fts)(rowid, \(list)) VALUES (new.id, \(newValues));
                END;
                CREATE TRIGGER \(table)_fts_delete AFTER DELETE ON \(table)\(when("old")) BEGIN
                    INSERT INTO \(fts)(\(fts), rowid, \(list)) VALUES ('delete', old.id, \(oldValues));
                END;
                CREATE TRIGGER \(table)_fts_update AFTER UPDATE OF \(list) ON \(table)\(when("old", "new")) BEGIN
                    INSERT INTO \(fts)(\(fts), rowid, \(list)) VALUES ('delete', old.id, \(oldValues));
                    INSERT INTO \(fts)(rowid, \(list)) VALUES (new.id, \(newValues));
                END;
                """)
    }
}
