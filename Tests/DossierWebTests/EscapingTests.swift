import DossierProtocol
import Testing

@testable import DossierWeb

/// A document's text is hostile: whatever it holds shows as text, in the markup this module
/// makes and in the templates.
@Suite struct EscapingTests {
    static let hostile = #"<script>alert("x")</script> & 'quotes' </textarea><img src=x onerror=alert(1)>"#

    @Test func textIsEscapedAndControlCharactersReplaced() {
        let html = HTML(text: "a<b>&\"'\u{1B}[31m\u{7}\tz\n")
        #expect(html.markup == "a&lt;b&gt;&amp;&quot;&#39;\u{FFFD}[31m\u{FFFD}\tz\n")
    }

    @Test func elementsEscapeTheirAttributesAndText() {
        let link = HTML.element("a", ["href": "/x?a=\"><script>"], text: Self.hostile)
        #expect(!link.markup.contains("<script>"))
        #expect(link.markup.hasPrefix(#"<a href="/x?a=&quot;&gt;&lt;script&gt;">"#))
        #expect(link.markup.hasSuffix("</a>"))
    }

    @Test func templatesEscapeEverythingButMarkup() throws {
        struct View {
            var frame: Frame
            var detail: String
            var retry: Int?
        }
        var frame = Frame(title: Self.hostile, section: "/search", query: Self.hostile, message: Self.hostile)
        frame.refresh = nil
        let page = try Templates().render(View(frame: frame, detail: Self.hostile, retry: nil), template: "message")
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<img src=x"))
        #expect(!page.contains("</textarea><"))
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(page.contains(#"<a href="/search" aria-current="page">Search</a>"#))
    }

    @Test func searchHitsMarkTheirHighlightsAndEscapeTheRest() {
        let snippet = "<b>Haqqani</b> network — “Kabul”"
        // Code points: "Haqqani" is 3..<10 and "Kabul" 26..<31 ("—" and the quotes are one each).
        let html = Highlighter.mark(snippet, ranges: [3..<10, 26..<31, 100..<120, 4..<6])
        #expect(html.markup == "&lt;b&gt;<mark>Haqqani</mark>&lt;/b&gt; network — “<mark>Kabul</mark>”")
    }

    @Test func anAnswerSetsItsSentenceApartAndMarksTheShortAnswer() {
        let answer = DossierAPI.Answer(
            path: "a.txt", title: "A", heading: nil, text: "Indirectly <i>related</i>.", sentence: "",
            context: "Before. Indirectly <i>related</i>. After.", span: .init(start: 8, end: 34), score: 0.8,
            shortAnswer: "related")
        let html = AnswerMarkup.context(of: answer)
        #expect(
            html.markup
                == #"Before. <span class="sentence">Indirectly &lt;i&gt;<mark>related</mark>&lt;/i&gt;.</span> After."#)
    }

    @Test func aChartEscapesItsLabels() throws {
        let chart = try #require(
            BarChart(bars: [.init(label: "<2021>", value: 3, link: "/timeline?from=\"x")], title: "t&t").html)
        #expect(chart.markup.contains("&lt;2021&gt;: 3"))
        #expect(chart.markup.contains(#"href="/timeline?from=&quot;x""#))
        #expect(!chart.markup.contains("<2021>"))
        #expect(BarChart(bars: [], title: "none").html == nil)
    }
}

@Suite struct TextMarkerTests {
    func marker() -> TextMarker {
        var marker = TextMarker()
        marker.add("Haqqani network", as: .name(link: "/entity/Haqqani%20network", kind: "organisation"))
        marker.add("Haqqani", as: .name(link: "/entity/Haqqani", kind: "person"))
        marker.add("ISIS", as: .name(link: "/entity/ISIS", kind: "organisation"))
        marker.add("August 26", as: .date)
        marker.add("$1.5 billion", as: .number)
        return marker
    }

    @Test func marksWholeWordsLongestFirst() {
        var found = false
        let html = marker().mark("The Haqqani network, not ISIS-K's ISISland, met on August 26.", passageFound: &found)
        #expect(
            html.markup
                == #"The <a class="name kind-organisation" href="/entity/Haqqani%20network">Haqqani network</a>, not "#
                + #"<a class="name kind-organisation" href="/entity/ISIS">ISIS</a>-K&#39;s ISISland, met on "#
                + #"<time class="date">August 26</time>."#)
        #expect(!found)
    }

    @Test func marksWhatStartsWithPunctuation() {
        var found = false
        let html = marker().mark("It cost $1.5 billion.", passageFound: &found)
        #expect(html.markup == #"It cost <data class="number" value="$1.5 billion">$1.5 billion</data>."#)
    }

    @Test func quotationsAndThePassageHoldMarks() {
        var marker = marker()
        marker.addQuotation("Haqqani network is <strong>")
        marker.setPassage("met on August 26")
        var found = false
        let html = marker.mark("“Haqqani network is <strong>”, they met on August 26.", passageFound: &found)
        #expect(found)
        #expect(
            html.markup
                == #"“<q class="quotation"><a class="name kind-organisation" href="/entity/Haqqani%20network">"#
                + #"Haqqani network</a> is &lt;strong&gt;</q>”, they <mark id="mark" class="passage">met on "#
                + #"<time class="date">August 26</time></mark>."#)
        // The passage is marked once, in the first paragraph that holds it.
        let again = marker.mark("They met on August 26.", passageFound: &found)
        #expect(!again.markup.contains("passage"))
    }

    @Test func aMarkAcrossAQuotationsEdgeIsLeftOut() {
        var marker = TextMarker()
        marker.add("Kabul airport", as: .date)
        marker.addQuotation("said Kabul")
        var found = false
        let html = marker.mark("He said Kabul airport fell.", passageFound: &found)
        #expect(html.markup == #"He <q class="quotation">said Kabul</q> airport fell."#)
    }

    @Test func hostileNamesAreText() {
        var marker = TextMarker()
        marker.add("<script>x</script>", as: .name(link: "/entity/%3Cscript%3E", kind: "person"))
        var found = false
        let html = marker.mark("A <script>x</script> here.", passageFound: &found)
        #expect(!html.markup.contains("<script>"))
        #expect(html.markup.contains(#"href="/entity/%3Cscript%3E">&lt;script&gt;x&lt;/script&gt;</a>"#))
    }
}
