import Testing

@testable import Ingest

/// One small page for each rule of telling a saved page's article from the rest of the page.
@Suite struct ArticleExtractionTests {
    func document(_ html: String) throws -> Document {
        let result = Ingestor().ingest(Array(html.utf8), fileName: "page.html")
        guard case .document(let document) = result else {
            Issue.record("expected a document, got \(result)")
            throw CancellationError()
        }
        return document
    }

    /// Paragraphs of prose, long enough to be scored: `count` of them about `topic`.
    static func prose(_ topic: String, _ count: Int) -> String {
        (1...count).map { number in
            "<p>The \(topic) report, part \(number), says that the harbour, which reopened in spring, handled more"
                + " ships than ever, and that the town, its council and its traders all gained from it.</p>"
        }.joined(separator: "\n")
    }

    static func page(head: String = "<title>Harbour news</title>", _ body: String) -> String {
        "<!DOCTYPE html><html><head>\(head)</head><body>\(body)</body></html>"
    }

    @Test func menusCommentsAndTeasersAreDropped() throws {
        let html = Self.page(
            """
            <div id="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></div>
            <div class="main-column"><div class="article-body">\(Self.prose("harbour", 6))</div>
            <div id="comments"><div class="comment"><p>Ann on September 12, 2018 at 4:47 pm said: so true,
            absolutely, I agree, well written, thanks.</p></div></div>
            <div class="related-stories"><ul><li><a href="/a">Another story about ships and the sea</a></li>
            <li><a href="/b">Yet another story about the docks</a></li></ul></div></div>
            <div class="sidebar"><p>Got a tip for us? Write to tips at the paper, we read everything.</p></div>
            """)
        let body = try document(html).body
        #expect(body.contains("part 1, says that the harbour"))
        #expect(body.contains("part 6"))
        for chrome in ["Home", "September 12", "Another story", "Got a tip"] {
            #expect(!body.contains(chrome), "kept \(chrome)")
        }
    }

    /// Short lines at an article's end are chrome when the markup says so (links, the page's
    /// footer or navigation); a short last paragraph of its own text is the article's.
    @Test func trailingChromeIsToldByTheMarkupNotByShortness() throws {
        let html = Self.page(
            """
            <article>\(Self.prose("harbour", 5))
            <p>Ana Ruiz</p>
            <p><a href="/share">Share</a></p><footer><p>Most Viewed</p></footer></article>
            """)
        let body = try document(html).body
        #expect(body.hasSuffix("Ana Ruiz"), "\(body.suffix(80))")
        #expect(!body.contains("Share") && !body.contains("Most Viewed"))
    }

    @Test func aPageInsideOneFormKeepsItsArticle() throws {
        let html = Self.page(
            """
            <form method="post" action="./story.aspx" id="aspnetForm">
            <div class="nav"><a href="/">Home</a> <a href="/sport">Sport</a></div>
            <div id="story">\(Self.prose("form", 5))</div></form>
            """)
        let doc = try document(html)
        #expect(doc.body.contains("The form report, part 5"))
        #expect(!doc.body.contains("Sport"))
    }

    @Test func bareTextInAnArticleBodyIsKept() throws {
        let text = (1...8).map { "Sentence \($0) of the article, which is written without any paragraph tags." }
            .joined(separator: " ")
        let html = Self.page(
            """
            <div class="teaser"><p>A short teaser that links elsewhere.</p></div>
            <div itemprop="articleBody">\(text)<br><br>\(text)</div>
            """)
        let body = try document(html).body
        #expect(body.contains("Sentence 8 of the article"))
        #expect(body.components(separatedBy: "Sentence 1 of").count == 3, "both runs of text, as two paragraphs")
    }

    @Test func theArticleWinsOverATeaserMarkedAsAnArticle() throws {
        let html = Self.page(
            """
            <article class="teaser"><p>Twenty-three words of teaser, in an article element, say little of what
            the article says at all, as teasers do.</p></article>
            <div><div>\(Self.prose("long", 8))</div></div>
            """)
        let body = try document(html).body
        #expect(body.contains("The long report, part 8"))
        #expect(!body.contains("Twenty-three words"))
    }

    @Test func jsonLDArticleBodyStandsInForAnArticleTheMarkupHides() throws {
        let article = (1...30).map { "Line \($0) of the article body." }.joined(separator: "\\n")
        let html = Self.page(
            head: """
                <title>Harbour news</title><script type="application/ld+json">
                {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour news",
                 "articleBody": "\(article)"}</script>
                """,
            "<div id=\"app\"><p>Loading the story, please wait.</p></div>")
        let body = try document(html).body
        #expect(body.contains("Line 30 of the article body."))
        #expect(!body.contains("Loading"))
    }

    @Test func hiddenNodesAreDropped() throws {
        let html = Self.page(
            """
            <div class="entry">\(Self.prose("visible", 4))
            <p style="display: none">Hidden by style, a paragraph that nobody sees on the page at all.</p>
            <p hidden>Hidden by attribute, a paragraph that nobody sees on the page either.</p>
            <p aria-hidden="true">Hidden from readers of every kind, a paragraph for decoration.</p></div>
            """)
        let body = try document(html).body
        #expect(body.contains("The visible report"))
        #expect(!body.contains("Hidden"))
    }

    @Test func aHeaderInsideTheArticleIsNotChromeByItsName() throws {
        let html = Self.page(
            """
            <header class="site"><a href="/">The Harbour Gazette</a></header>
            <article><header><h1>Harbour news</h1><p>The standfirst, which says in one long sentence, with
            commas, what the story is about, stays with the story.</p></header>\(Self.prose("header", 5))</article>
            """)
        let body = try document(html).body
        #expect(body.contains("The standfirst"))
        #expect(body.contains("The header report, part 5"))
    }

    @Test func headingsListsQuotesAndTablesOfTheArticleStay() throws {
        let html = Self.page(
            """
            <div class="story-body">\(Self.prose("structure", 3))
            <h2>What the council said</h2>
            <blockquote><p>We are pleased, very pleased, with the harbour and its trade this year.</p></blockquote>
            <ul><li>Ships: more than ever, by far</li><li>Traders: busier, in every season</li></ul>
            <table><tr><th>Year</th><th>Ships</th></tr><tr><td>2023</td><td>410</td></tr></table>
            <figure><img src="a.jpg"><figcaption>The harbour at dawn, with the ferry coming in.</figcaption></figure>
            \(Self.prose("closing", 2))</div>
            """)
        let doc = try document(html)
        #expect(doc.sections.map(\.heading) == [nil, "What the council said"])
        let text = doc.body
        for kept in [
            "We are pleased", "Ships: more than ever", "Traders: busier", "Year | Ships", "2023 | 410",
            "The harbour at dawn",
        ] {
            #expect(text.contains(kept), "lost \(kept)")
        }
    }

    /// A page that is one timetable: its first row's date is the table's, not the page's, and the
    /// page's words are counted as the article's are.
    @Test func aTimetablePageTakesNoDateFromACell() throws {
        let rows = (1...12).map { "<tr><td>2021-08-\(10 + $0)</td><td>09:00</td><td>North quay</td></tr>" }.joined()
        let doc = try document(Self.page("<table><tr><th>Date</th><th>Time</th><th>From</th></tr>\(rows)</table>"))
        #expect(doc.date == nil)
        #expect(doc.body.contains("2021-08-11 | 09:00 | North quay"))
        #expect(doc.wordCount <= doc.page?.wordCount ?? 0, "kept \(doc.wordCount) of \(doc.page?.wordCount ?? 0)")
    }

    @Test func textStraightInTheBodyIsKept() throws {
        let doc = try document("<html><body>\n  Test\n</body></html>")
        #expect(doc.body == "Test")
    }

    @Test(arguments: [
        (
            "<title>Minecraft exploit crashes servers | Ars Technica</title>"
                + "<meta property=\"og:site_name\" content=\"Ars Technica\">",
            "Minecraft exploit crashes servers"
        ),
        (
            "<title>BBC News - Obama admits gun laws frustrate him</title><meta property=\"og:site_name\" content=\"BBC News\">",
            "Obama admits gun laws frustrate him"
        ),
        ("<title>Obama admits gun laws frustrate him - BBC News</title>", "Obama admits gun laws frustrate him"),
        (
            "<title>Site</title><meta property=\"og:title\" content=\"The declared title of the story\">",
            "The declared title of the story"
        ),
        ("<title>Spider-Man - A Life</title>", "Spider-Man - A Life"),
    ])
    func titlesLoseTheSiteName(head: String, title: String) throws {
        let doc = try document(Self.page(head: head, "<div class=\"content\">\(Self.prose("title", 5))</div>"))
        #expect(doc.title == title)
    }

    @Test(arguments: [
        // The site's logo in an <h1>: the other part of the <title> is the article's.
        ("<h1 class=\"logo\">The Gazette</h1>", "Ferry sails again after the storm"),
        // The article's own heading: that part is the title.
        ("<h1>Ferry sails again after the storm</h1>", "Ferry sails again after the storm"),
    ])
    func aHeadingNamesWhichPartOfTheTitleIsTheArticles(heading: String, title: String) throws {
        let doc = try document(
            Self.page(
                head: "<title>Ferry sails again after the storm | The Gazette</title>",
                "\(heading)<div class=\"content\">\(Self.prose("ferry", 5))</div>"))
        #expect(doc.title == title)
    }

    @Test func siteBylineLanguageAndPageSizeAreKept() throws {
        let html = """
            <html lang="en-GB"><head><title>Harbour news | The Gazette</title>
            <meta property="og:site_name" content="The Gazette"><meta name="author" content="Ann Lee">
            </head><body><nav><a href="/">Home</a> <a href="/a">A</a> <a href="/b">B</a></nav>
            <div class="article">\(Self.prose("facts", 5))</div></body></html>
            """
        let doc = try document(html)
        #expect(doc.title == "Harbour news")
        let page = try #require(doc.page)
        #expect(page.siteName == "The Gazette")
        #expect(page.byline == "Ann Lee")
        #expect(page.language == "en")
        #expect(page.wordCount > doc.wordCount, "the page has more words than its article")
        #expect(!doc.body.contains("Home"))
    }

    @Test func aBylineInTheMarkupIsAFieldNotText() throws {
        let html = Self.page(
            "<div class=\"post\"><p class=\"byline\">By Ann Lee</p>\(Self.prose("byline", 5))</div>")
        let doc = try document(html)
        #expect(doc.page?.byline == "By Ann Lee")
        #expect(!doc.body.contains("By Ann Lee"))
    }

    @Test func brokenMarkupIsRecovered() throws {
        let html =
            "<html><body><div class=article><p>Unclosed <b>bold &amp; <i>italic" + Self.prose("broken", 4)
            + "<p>Last words here, closing nothing at all</div></table></span>"
        let body = try document(html).body
        #expect(body.contains("Unclosed bold & italic"))
        #expect(body.contains("The broken report, part 4"))
    }

    @Test func deepNestingFinishes() throws {
        let depth = 20_000
        let html =
            String(repeating: "<div>", count: depth) + "<p>Deep inside, a paragraph.</p>"
            + String(repeating: "</div>", count: depth)
        _ = try document(html)
    }
}
