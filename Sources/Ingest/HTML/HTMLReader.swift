/// Reads a saved web page: libxml2 parses it into a tree (``HTMLTree``), the page's metadata gives
/// the title, site, byline and language (``HTMLPageMetadata``), and the article is told from the
/// rest of the page (``ArticleExtractor``) and written as blocks (``HTMLBlockWriter``).
enum HTMLReader {
    static func read(_ html: String) -> BlockSequence {
        let tree = HTMLTree(parsing: html)
        let metadata = HTMLPageMetadata(tree)
        var blocks: [Block] = []
        var chromeTail = 0
        var byline = metadata.byline
        if let article = ArticleExtractor(title: metadata.title ?? "").extract(tree) {
            (blocks, chromeTail) = HTMLBlockWriter.written(article.tree, from: article.container)
            byline = byline ?? article.byline
        }
        if let marked = markedArticle(in: tree, metadata: metadata, words: blocks) {
            (blocks, chromeTail) = marked
        }
        let page = PageFacts(
            siteName: metadata.siteName, byline: byline, language: metadata.language,
            // Counted as the article is, block by block: text nodes glued together ("09:00North",
            // a table's cells) would count fewer words than the article keeps.
            wordCount: tree.body.map { body in
                HTMLBlockWriter.blocks(tree, from: body).reduce(0) { $0 + WordCounter.count($1.text) }
            } ?? 0)
        var sequence = BlockSequence(
            declaredTitle: metadata.title, blocks: blocks, declaredDate: PublicationDate.inHTML(html), page: page)
        sequence.chromeTail = chromeTail
        return sequence
    }

    /// The article as the page marks it (an element with `itemprop="articleBody"`, or JSON-LD
    /// `articleBody`) when that holds more than twice the words of what the extractor found: a
    /// teaser kept and the article lost, or an article the scoring could not see.
    private static func markedArticle(in tree: HTMLTree, metadata: HTMLPageMetadata, words found: [Block])
        -> (blocks: [Block], chromeTail: Int)?
    {
        let foundWords = found.reduce(0) { $0 + WordCounter.count($1.text) }
        if let root = tree.root,
            let marked = tree.descendants(of: root).first(where: {
                tree[$0].attributes.itemprop.split(separator: " ").contains("articleBody")
            })
        {
            let written = HTMLBlockWriter.written(tree, from: marked)
            if written.blocks.reduce(0, { $0 + WordCounter.count($1.text) }) > 2 * foundWords { return written }
        }
        if let body = metadata.articleBody, WordCounter.count(body) > 2 * foundWords {
            let blocks: [Block] = body.split(separator: "\n").map {
                TextNormalizer.collapseWhitespace(HTMLEntities.decode(String($0)))
            }
            .filter { !$0.isEmpty }.map { .paragraph($0) }
            return (blocks, 0)
        }
        return nil
    }
}

/// HTML character references: the common named ones and all numeric ones.
enum HTMLEntities {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "hellip": "…", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»",
        "copy": "©", "reg": "®", "trade": "™", "middot": "·", "bull": "•", "deg": "°", "euro": "€",
        "pound": "£", "yen": "¥", "cent": "¢", "sect": "§", "para": "¶", "times": "×", "divide": "÷",
        "eacute": "é", "egrave": "è", "ecirc": "ê", "euml": "ë", "aacute": "á", "agrave": "à", "acirc": "â",
        "auml": "ä", "atilde": "ã", "aring": "å", "oacute": "ó", "ograve": "ò", "ocirc": "ô", "ouml": "ö",
        "otilde": "õ", "uacute": "ú", "ugrave": "ù", "ucirc": "û", "uuml": "ü", "iacute": "í", "igrave": "ì",
        "icirc": "î", "iuml": "ï", "ccedil": "ç", "ntilde": "ñ", "szlig": "ß", "Eacute": "É", "Agrave": "À",
        "Ccedil": "Ç", "Ouml": "Ö", "Uuml": "Ü", "Auml": "Ä", "thinsp": " ", "ensp": " ", "emsp": " ",
        "zwj": "\u{200D}", "zwnj": "\u{200C}", "shy": "",
    ]

    static func decode(_ text: String) -> String {
        guard text.utf8.containsByte(UInt8(ascii: "&")) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let afterAmpersand = rest.index(after: ampersand)
            let candidate = rest[afterAmpersand...].prefix(12)
            if let semicolon = candidate.firstIndex(of: ";"),
                let decoded = decodeReference(rest[afterAmpersand..<semicolon])
            {
                output += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                output += "&"
                rest = rest[afterAmpersand...]
            }
        }
        output += rest
        return output
    }

    private static func decodeReference(_ name: Substring) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(scalarText)
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst()).flatMap(scalarText)
        }
        return named[String(name)]
    }

    private static func scalarText(_ value: UInt32) -> String? {
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return String(Character(scalar))
    }
}
