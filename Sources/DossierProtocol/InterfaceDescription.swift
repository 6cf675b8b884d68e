extension DossierAPI {
    /// The interface description served by `org.varlink.service.GetInterfaceDescription`. Its
    /// methods, types, fields and errors are those of the types in this module, as a test checks.
    public static let interfaceDescription = """
        # dossier: a document-understanding daemon. It watches a folder, keeps a cached model
        # of every document in it (text, sections, sentences) and answers questions about them.
        # Every path is relative to the watched folder; absolute paths inside it are accepted too.
        # A document inside a file has the file's path and its name after a "#": a mailbox's
        # messages ("archive.mbox#3"), a message's attachments ("note.eml#report.docx").
        interface io.dossier

        # Counters since the daemon started.
        type Counters (
          # Files looked at (a stat) by scans.
          scanned: int,
          # Files whose contents were read.
          read: int,
          # Documents written to the cache.
          processed: int,
          # Files that could not be read.
          failed: int
        )

        type DaemonStatus (
          # Documents in the cached model.
          documents: int,
          # Files that are not documents dossier can read (binary, unknown format).
          unsupported: int,
          # Files that could not be read.
          failed: int,
          # Words in all documents.
          words: int,
          # Changes waiting to be processed.
          pending: int,
          # Bumped once for every change to the cached model.
          generation: int,
          # The watched folder.
          root: string,
          version: string,
          # scanning, indexing or idle.
          phase: string,
          # Whether the first comparison of the folder with the cache is done.
          initialScanComplete: bool,
          # Why the cache cannot be written (a full disk…); null when it can. Queries are
          # answered from what it holds; the folder is compared with it again until it can.
          cacheError: ?string,
          # The watched folder is missing; the cache keeps serving until it is back.
          rootMissing: bool,
          watchedFolders: int,
          # Folders that could not be watched (inotify limit); rescanned periodically.
          unwatchedFolders: int,
          # Times events were lost and a rescan was scheduled.
          overflows: int,
          rescans: int,
          # Files the periodic check of the folder found changed, added or removed where no
          # event had said so (each is processed when found, and the journal says which).
          missedChanges: int,
          # Clients following the change feed (Subscribe).
          subscribers: int,
          # Queries waiting for their turn.
          queriesWaiting: int,
          # Data sets for typing names that are not installed (package and path): names are then
          # typed by the built-in lists and by context alone.
          missingData: []string,
          # Helper programs not installed (package, program, what goes unread): PDFs need
          # poppler-utils, the text in images and scanned PDFs tesseract-ocr and its languages.
          missingPrograms: []string,
          counters: Counters,
          uptimeSeconds: float,
          # Corrections to names in force.
          corrections: int,
          # Why the corrections file could not be read at start: it was set aside (never
          # overwritten) and the daemon serves without its corrections. Null when it could.
          correctionsProblem: ?string
        )

        # Reports what the daemon holds and does.
        method Status() -> (status: DaemonStatus)

        # Limits on requests, each refused with org.varlink.service.InvalidParameter naming the
        # parameter, with limit and reason: query and question at most 2000 bytes and 64 words;
        # entity and speaker at most 256 bytes; path at most 4096 bytes, without control
        # characters (else InvalidPath). A whole message at most 65536 bytes, complete within 10
        # seconds of its first byte; past either, org.varlink.service.InvalidMessage says which
        # and the connection is closed. Queries run a few at a
        # time; when more wait, the clients (users, then connections) that used the least query
        # time lately go first, and a query that runs past the time bound gets QueryTimedOut.

        type DocumentSummary (
          path: string,
          # indexed, unsupported or failed.
          status: string,
          title: string,
          # A category the source glued to its title.
          category: ?string,
          # The day it says it was published (metadata or a date line), YYYY-MM-DD.
          published: ?string,
          # text, markdown, html, rtf, pdf, docx, odt, epub, email, mailbox or image.
          format: ?string,
          words: int,
          size: ?int,
          # Seconds since the epoch.
          indexedAt: float,
          # Why the file is unsupported or failed.
          reason: ?string
        )

        # Lists documents in path order; failed lists only those that could not be indexed.
        method ListDocuments(limit: ?int, offset: ?int, failed: ?bool) -> (
          documents: []DocumentSummary,
          total: int
        )

        type Section (
          heading: ?string,
          paragraphs: []string
        )

        type Document (
          path: string,
          status: string,
          title: string,
          category: ?string,
          published: ?string,
          format: ?string,
          words: int,
          size: ?int,
          indexedAt: float,
          reason: ?string,
          # Problems that did not stop processing (invalid bytes replaced, text cut).
          warnings: []string,
          sections: []Section,
          # Hash of the contents (XXH64, hex).
          hash: ?string,
          # A web page's site name, as the page states it.
          siteName: ?string,
          # Who wrote it, as the document states: a web page's byline, an office document's or a
          # book's author, a message's sender.
          byline: ?string,
          # How many words the whole web page has; `words` of them were kept as its article.
          pageWords: ?int,
          # The text was recognised in images (OCR: a picture, a scanned PDF), not read from text.
          ocr: bool,
          # The document's language (ISO 639-1), when it can be told.
          language: ?string,
          # Fragments in another language.
          foreignSpans: ?[]ForeignSpan,
          # The names it mentions, in order of first mention.
          entities: ?[]Entity,
          dates: ?[]WrittenDate,
          numbers: ?[]Number,
          quotes: ?[]Quote
        )

        type ForeignSpan (text: string, language: string)

        type Entity (
          # The fullest name, without titles.
          name: string,
          # person, organisation, place or other.
          kind: string,
          # Other names the text uses for it, as written: a last name, an acronym.
          aliases: []string,
          # Titles, ranks and roles written before a person's name ("General", "Prime Minister").
          titles: []string,
          mentions: int,
          documents: int
        )

        # A date as written; year, month and day as far as it says. When the text leaves the
        # year or the day to the document's own date ("August 26", "yesterday", "last year"),
        # they are filled in from the published date and resolved is true.
        type WrittenDate (
          text: string,
          startYear: ?int,
          endYear: ?int,
          month: ?int,
          day: ?int,
          resolved: ?bool
        )

        # A quantity as written ("2,000 fighters", "$1.5 billion", "40 percent"), its value, and
        # what it counts or measures when the text says. A rough count ("dozens of people") is
        # approximate, and its value is the least it can mean.
        type Number (
          text: string,
          value: float,
          unit: ?string,
          approximate: bool
        )

        type Quote (
          text: string,
          # Who said it, when the text says.
          speaker: ?string,
          path: string,
          title: string
        )

        type Relation (
          entity: Entity,
          # Sentences that name both.
          weight: int,
          evidence: []Evidence
        )

        type Evidence (path: string, sentence: string)

        # Returns one document with its structure.
        method GetDocument(path: string) -> (document: Document)

        # A stretch of text, in Unicode code points from 0; end is exclusive.
        type TextRange (start: int, end: int)

        type SearchHit (
          path: string,
          title: string,
          category: ?string,
          # Text around the matches.
          snippet: string,
          # Where the matched words stand in the snippet.
          highlights: []TextRange,
          # BM25 relevance, title weighted; higher is better. 0 when only filters were given.
          score: float
        )

        # Finds documents, best first. The query language: words (all must match; stemmed,
        # accents ignored), "exact phrases", prefix*, OR, NOT or -word, AND, parentheses, and
        # the filters title:, entity:, path: (contains, or a glob with * ? [) and lang:. A
        # query that cannot be read gets InvalidQuery with the column of the problem.
        method Search(query: string, limit: ?int, offset: ?int) -> (hits: []SearchHit, total: int)

        type Answer (
          path: string,
          title: string,
          # The heading of the section the answer stands in.
          heading: ?string,
          # The answer: the best sentence, with the next one when it is too short alone.
          text: string,
          # The sentence that best answers the question.
          sentence: string,
          # The paragraph around the answer.
          context: string,
          # Where text stands in context.
          span: TextRange,
          # Confidence from 0 to 1.
          score: float,
          # The words that answer the question, from the sentence: a name of the kind asked for,
          # a date, a number; null when the question asks for something else (a reason, a fact)
          # or they cannot be told.
          shortAnswer: ?string
        )

        # Returns the passages that answer a question, best first, and the kind of answer the
        # question asks for (person, organisation, place, date, quantity, reason, manner,
        # polar or fact). answers is empty when nothing in the collection answers it.
        method Ask(question: string, limit: ?int) -> (answers: []Answer, expects: string)

        type SimilarDocument (
          path: string,
          title: string,
          # 0 to 1: the cosine of the two documents' tf-idf term vectors, lifted by shared entities.
          score: float,
          # Words both documents use, the most telling first.
          terms: []string,
          # Entities both name.
          entities: []string
        )

        # Documents whose content is most like that of the document at path, best first.
        method Similar(path: string, limit: ?int) -> (similar: []SimilarDocument)

        # Names across the collection, most mentioned first; kind and path narrow the list, and
        # name to the names written so (their name or an alias, in any case).
        method Entities(kind: ?string, path: ?string, limit: ?int, name: ?string) -> (entities: []Entity)

        # The entities named in the same sentences as this one (by name or alias), with evidence;
        # with a name in with, only the relation with that one (none when no sentence names
        # both), and up to limit of the sentences that name both, in the order they stand.
        method Related(entity: string, limit: ?int, with: ?string) -> (entity: Entity, related: []Relation)

        # Two names in one sentence: their places in the nodes, and the sentences that hold both.
        type NetworkEdge (source: int, target: int, weight: int)

        # The most mentioned names (of kind, when given; limit of them, 50 unless said) and the
        # edges among them of at least minWeight sentences (1 unless said), heaviest first.
        method Network(limit: ?int, kind: ?string, minWeight: ?int) -> (nodes: []Entity, edges: []NetworkEdge)

        # Direct quotations, optionally those of one speaker.
        method Quotes(speaker: ?string, limit: ?int) -> (quotes: []Quote)

        type DatedStatement (
          # ISO 8601: 2015, 2021-08, 2021-08-26, a span of years 2019/2021, or --08-26 for a day
          # of no known year.
          date: string,
          # day, month or year.
          precision: string,
          # The date as written.
          written: string,
          # Part of the date came from the document's own date.
          resolved: bool,
          sentence: string,
          path: string,
          title: string,
          heading: ?string,
          # The names the sentence holds.
          names: []string,
          # The day the document says it was published.
          published: ?string
        )

        type PeriodCount (
          # 2021, 2021-08 or 2021-08-26.
          period: string,
          statements: int
        )

        # The dated statements of the collection, earliest first (those of no known year last): only
        # sentences that name every one of entities (at most 4), whose date overlaps from..to (YYYY,
        # YYYY-MM or YYYY-MM-DD), that match query (the search language; path: and entity: narrow
        # the documents). With by (day, month or year), how many statements fall in each period
        # instead: a date less precise than the period is not counted.
        method Timeline(entities: ?[]string, from: ?string, to: ?string, query: ?string, by: ?string,
          limit: ?int) -> (statements: []DatedStatement, periods: ?[]PeriodCount)

        # Streams every row of a kind (documents, entities, mentions, quotes, timeline, relations, or
        # network: the entities, then the relations), all from one view of the cache; call it with
        # "more": true. The first reply has the generation every row is from; then each table its
        # name and columns, and its rows, each an object of the columns; the last reply counts the
        # rows. query keeps the rows of documents that match it (for the timeline, of sentences),
        # entity the rows about that entity, entityKind the entities of that kind, from and to the
        # dates of the timeline that overlap the span.
        method Export(kind: string, query: ?string, entity: ?string, entityKind: ?string, from: ?string,
          to: ?string) -> (generation: ?int, table: ?string, columns: ?[]string, rows: ?[]object, count: ?int)

        # Processes a file again, or every file when no path is given, whatever the cache says.
        method Reindex(path: ?string) -> (queued: bool)

        type Change (
          # added, updated, moved, removed or failed; corrected or reverted for a correction to
          # names made or undone (path is then empty).
          kind: string,
          path: string,
          # For a move: where the document was.
          previousPath: ?string,
          # When following names: the sentences of the document that name them and were not there
          # before.
          sentences: ?[]string,
          # The correction made or undone.
          correction: ?Correction
        )

        # Streams changes to the cached model; call it with "more": true. The first reply has
        # the current generation and no change; then every change comes in a reply of its own,
        # with the generation it produced. With since, the changes after that generation are
        # sent first, so a client that reconnects misses nothing. When the daemon stops, the
        # stream ends with a reply that has stopping: true and the last generation sent.
        # With entities (at most 4), only the documents added or updated with sentences that name
        # one of them (by name, alias or a person's last name) that were not there before, each
        # with those sentences.
        method Subscribe(since: ?int, entities: ?[]string) -> (generation: int, change: ?Change, stopping: ?bool)

        type EntityReference (name: string, kind: string)

        # A correction to names, kept in a file of its own (the user's, not the cache's): applied
        # to every document there is and to every one that comes later, by every method that
        # shows or matches names.
        type Correction (
          # Never given twice.
          number: int,
          # merge, rename, kind, hide or split.
          action: string,
          entity: EntityReference,
          # merge: the entity it was merged into.
          into: ?EntityReference,
          # rename: the new name.
          name: ?string,
          # kind: the new kind; split: the kind of the new entity.
          kind: ?string,
          # split: the alias that became an entity of its own.
          alias: ?string,
          # What it does, in words.
          summary: string,
          # Who made it (the caller's user name, or uid).
          user: string,
          # When, ISO 8601 in UTC.
          at: string
        )

        # Each correction names an entity by its name or any alias, in any case, with its kind
        # when two entities share the name (AmbiguousEntity lists them); the reply has the
        # correction and the generation of its change (kind corrected) in the feed. Only users
        # the daemon lets correct may (--allow-correct-user, --allow-correct-group); others get
        # org.varlink.service.PermissionDenied.

        # entity and into are one entity: into's name and kind stand, entity's names become aliases.
        method MergeEntities(entity: string, kind: ?string, into: string, intoKind: ?string) -> (
          correction: Correction, generation: int)

        # The name shown is name; the old one stays an alias.
        method RenameEntity(entity: string, kind: ?string, name: string) -> (correction: Correction, generation: int)

        # The entity is of kind to: person, organisation, place or other.
        method SetEntityKind(entity: string, kind: ?string, to: string) -> (correction: Correction, generation: int)

        # The entity is not a name: gone from entities, relations, filters, answers and documents'
        # names; a quote keeps its speaker's words as text.
        method HideEntity(entity: string, kind: ?string) -> (correction: Correction, generation: int)

        # Where the entity is written as alias, that is an entity of its own, of aliasKind (or the
        # entity's kind).
        method SplitEntity(entity: string, kind: ?string, alias: string, aliasKind: ?string) -> (
          correction: Correction, generation: int)

        # The corrections in force, in the order made; file is where they are kept, problem why it
        # could not be read at start.
        method ListCorrections() -> (corrections: []Correction, file: string, problem: ?string)

        # Takes back a correction, a middle one too: the others apply again, in order. The change
        # in the feed has kind reverted.
        method UndoCorrection(number: int) -> (correction: Correction, generation: int)

        # No document at that path.
        error DocumentNotFound (path: string)

        # No entity by that name or alias.
        error EntityNotFound (entity: string)

        # The path is outside the watched folder or malformed.
        error InvalidPath (path: string, reason: string)

        # The query or question cannot be read; column (from 1) says where.
        error InvalidQuery (query: string, reason: string, column: int)

        # Subscribe's since is older than the change log keeps: list the documents again.
        error GenerationTooOld (since: int, oldest: int)

        # Subscribe's since is newer than the cache (it was rebuilt): list the documents again.
        error GenerationUnknown (since: int, current: int)

        # The subscriber fell too far behind and was cut off; resubscribe with since: generation.
        error SubscriptionOverflow (generation: int)

        # A query ran past the daemon's time bound (--query-timeout, seconds) and was cut off.
        error QueryTimedOut (seconds: float)

        # Something failed inside the daemon; its journal says what (the reply never carries
        # an engine's text).
        error InternalError (description: string)

        # More than one entity goes by that name: say which with its kind.
        error AmbiguousEntity (entity: string, candidates: []EntityReference)

        # The correction cannot be made: an entity merged into itself (or into one merged into
        # it), a name it already has, an alias it does not have.
        error InvalidCorrection (reason: string)

        # No correction in force has that number.
        error CorrectionNotFound (number: int)

        """
}
