/// Finds the article in a saved web page and drops the rest of the page, by the method of the
/// Readability family of extractors: chrome is pruned by its class, id and role; every paragraph
/// of 25 characters or more scores by its length and commas, and passes that score up to its
/// ancestors (halving, then a third per level); a container's score shrinks with the share of its
/// text that is links; the best container is widened to the ancestor that holds its close rivals,
/// and joined by the siblings that score near it; the result is cleaned of link lists, forms and
/// widgets. When that leaves less than ``minimumArticleLength`` characters, the page is read again
/// with fewer rules, and the longest reading wins.
///
/// No element is chrome by its name alone: a `<form>` or `<header>` that holds the article is
/// scored like any other container.
struct ArticleExtractor {
    struct Rules: OptionSet {
        let rawValue: Int
        static let stripUnlikely = Rules(rawValue: 1)
        static let weightClasses = Rules(rawValue: 2)
        static let cleanConditionally = Rules(rawValue: 4)
    }

    /// The article found: the pruned tree, and the element that holds the article's nodes.
    struct Article {
        var tree: HTMLTree
        var container: HTMLTree.NodeID
        var byline: String?
        var textLength: Int
    }

    static let minimumArticleLength = 500

    /// The page's title, to drop a heading that repeats it.
    let title: String

    func extract(_ page: HTMLTree) -> Article? {
        guard let body = page.body else { return nil }
        var rules: Rules = [.stripUnlikely, .weightClasses, .cleanConditionally]
        var readings: [Article] = []
        for relaxed in [Rules(), .stripUnlikely, .weightClasses, .cleanConditionally] {
            rules.subtract(relaxed)
            var reading = ArticleReading(tree: page, body: body, rules: rules, title: title)
            let article = reading.read()
            if article.textLength >= Self.minimumArticleLength { return article }
            readings.append(article)
        }
        return readings.max { $0.textLength < $1.textLength }
    }
}

extension HTMLTree {
    /// The `<body>` element.
    var body: NodeID? {
        guard let root else { return nil }
        if nodes[root].name == "body" { return root }
        return elementChildren(of: root).first { nodes[$0].name == "body" }
            ?? descendants(of: root).first { nodes[$0].name == "body" }
    }
}

/// One reading of a page under one set of rules: the state Readability keeps while it prunes and
/// scores (the tree changes as it goes).
struct ArticleReading {
    typealias NodeID = HTMLTree.NodeID
    typealias Rules = ArticleExtractor.Rules

    var tree: HTMLTree
    let body: NodeID
    let rules: Rules
    let title: String
    var byline: String?
    var scores: [NodeID: Double] = [:]
    /// Every element's text stats while the tree stands still, from scoring to gathering.
    var stats: [TextStats] = []

    init(tree: HTMLTree, body: NodeID, rules: Rules, title: String) {
        self.tree = tree
        self.body = body
        self.rules = rules
        self.title = title
    }

    static let scoredElements: Set<String> = ["section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"]
    static let emptyWhenBlank: Set<String> = ["div", "section", "header", "h1", "h2", "h3", "h4", "h5", "h6"]
    static let blockChildren: Set<String> = ["blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"]
    static let phrasing: Set<String> = [
        "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn", "em", "embed", "i",
        "img", "input", "kbd", "label", "mark", "math", "meter", "noscript", "object", "output", "progress", "q",
        "ruby", "samp", "script", "select", "small", "span", "strong", "sub", "sup", "textarea", "time", "var", "wbr",
    ]
    static let keptSiblingNames: Set<String> = ["div", "article", "section", "p"]

    mutating func read() -> ArticleExtractor.Article {
        replaceBreakChains(in: body)
        let candidatesToScore = prune()
        stats = TextStats.table(tree)
        let top = bestCandidate(scoring: candidatesToScore)
        let container = gatherSiblings(of: top)
        clean(container)
        let length = TextStats(tree, container).length
        return ArticleExtractor.Article(tree: tree, container: container, byline: byline, textLength: length)
    }

    // MARK: Pruning

    /// Walks the page once, dropping what is hidden, chrome, the byline and the heading that repeats
    /// the title, and turning `<div>`s used as paragraphs into `<p>`s; returns the elements to score.
    private mutating func prune() -> [NodeID] {
        var toScore: [NodeID] = []
        var titleHeadingRemoved = false
        var current: NodeID? = tree.root
        while let node = current {
            let element = tree[node]
            let match = element.attributes.className + " " + element.attributes.id
            if !isProbablyVisible(node) || (element.attributes.ariaModal && element.attributes.role == "dialog") {
                current = removeAndNext(node)
                continue
            }
            if byline == nil, isByline(node, match) {
                byline = tree.innerText(node)
                current = removeAndNext(node)
                continue
            }
            if !titleHeadingRemoved, headingRepeatsTitle(node) {
                titleHeadingRemoved = true
                current = removeAndNext(node)
                continue
            }
            if rules.contains(.stripUnlikely) {
                if ClassPatterns.unlikely.matches(match), !ClassPatterns.maybeContent.matches(match),
                    !tree.hasAncestor(node, named: "table"), !tree.hasAncestor(node, named: "code"),
                    element.name != "body", element.name != "a"
                {
                    current = removeAndNext(node)
                    continue
                }
                if ClassPatterns.unlikelyRoles.contains(element.attributes.role) {
                    current = removeAndNext(node)
                    continue
                }
            }
            if Self.emptyWhenBlank.contains(element.name), isWithoutContent(node) {
                current = removeAndNext(node)
                continue
            }
            if Self.scoredElements.contains(element.name) { toScore.append(node) }
            var next = node
            if element.name == "div" {
                wrapPhrasingRuns(in: node)
                let children = tree.elementChildren(of: node)
                if children.count == 1, tree.isElement(children[0], "p"), !hasTextOfItsOwn(node),
                    TextStats(tree, node).linkDensity < 0.25
                {
                    tree.replace(node, with: children[0])
                    next = children[0]
                    toScore.append(next)
                } else if !hasBlockChild(node) {
                    tree.rename(node, to: "p")
                    toScore.append(node)
                }
            }
            current = tree.nextElement(after: next)
        }
        return toScore
    }

    private mutating func removeAndNext(_ node: NodeID) -> NodeID? {
        let next = tree.nextElement(after: node, skippingChildren: true)
        tree.remove(node)
        return next
    }

    private func isProbablyVisible(_ node: NodeID) -> Bool {
        let attributes = tree[node].attributes
        if attributes.hidden { return false }
        if attributes.ariaHidden, !attributes.className.contains("fallback-image") { return false }
        guard !attributes.style.isEmpty else { return true }
        let style = attributes.style.lowercased().filter { !$0.isWhitespace }
        return !style.contains("display:none") && !style.contains("visibility:hidden")
    }

    private func isByline(_ node: NodeID, _ match: String) -> Bool {
        let attributes = tree[node].attributes
        guard
            attributes.rel == "author" || attributes.itemprop.lowercased().contains("author")
                || ClassPatterns.byline.matches(match)
        else { return false }
        let text = tree.innerText(node)
        return !text.isEmpty && text.count < 100
    }

    private func headingRepeatsTitle(_ node: NodeID) -> Bool {
        guard tree.isElement(node, "h1") || tree.isElement(node, "h2"), !title.isEmpty else { return false }
        return Self.similarity(title, tree.innerText(node)) > 0.75
    }

    /// How much of `b`'s words `a` holds, by the length of the words `a` lacks.
    static func similarity(_ a: String, _ b: String) -> Double {
        let words = { (text: String) in
            text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "_" }.map(String.init)
        }
        let first = Set(words(a))
        let second = words(b)
        guard !second.isEmpty else { return 0 }
        let unique = second.filter { !first.contains($0) }
        return 1 - Double(unique.joined(separator: " ").count) / Double(second.joined(separator: " ").count)
    }

    private func isWithoutContent(_ node: NodeID) -> Bool {
        guard TextStats(tree, node).visible == 0 else { return false }
        let children = tree.elementChildren(of: node)
        return children.allSatisfy { tree.isElement($0, "br") || tree.isElement($0, "hr") }
    }

    private func hasTextOfItsOwn(_ node: NodeID) -> Bool {
        tree[node].children.contains { tree[$0].isText && !tree.isBlankText($0) }
    }

    private func hasBlockChild(_ node: NodeID) -> Bool {
        tree.elementChildren(of: node).contains { Self.blockChildren.contains(tree[$0].name) || hasBlockChild($0) }
    }

    private func isPhrasing(_ node: NodeID) -> Bool {
        let element = tree[node]
        if element.isText || Self.phrasing.contains(element.name) { return true }
        guard element.name == "a" || element.name == "del" || element.name == "ins" else { return false }
        return element.children.allSatisfy(isPhrasing)
    }

    private func isWhitespace(_ node: NodeID) -> Bool {
        let element = tree[node]
        return element.isText ? element.measure.visible == 0 : element.name == "br"
    }

    /// Puts each run of text and inline elements in a `<div>` into a `<p>` of its own.
    private mutating func wrapPhrasingRuns(in node: NodeID) {
        var index = 0
        while index < tree[node].children.count {
            let child = tree[node].children[index]
            guard isPhrasing(child), !isWhitespace(child) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < tree[node].children.count, isPhrasing(tree[node].children[end]) { end += 1 }
            var last = end
            while last > index + 1, isWhitespace(tree[node].children[last - 1]) { last -= 1 }
            tree.wrap(childrenOf: node, in: index..<last, into: "p")
            index += 1
        }
    }

    /// `<br><br>` (and longer runs) ends a paragraph: the text after it becomes a `<p>`.
    private mutating func replaceBreakChains(in root: NodeID) {
        for br in tree.descendants(of: root, named: ["br"]) where tree[br].parent != nil {
            guard let parent = tree[br].parent else { continue }
            var chained = false
            while let next = nextNonBlankSibling(of: br), tree.isElement(next, "br") {
                chained = true
                tree.remove(next)
            }
            guard chained, let index = tree[parent].children.firstIndex(of: br) else { continue }
            var end = index + 1
            while end < tree[parent].children.count {
                let sibling = tree[parent].children[end]
                if tree.isElement(sibling, "br"), let after = nextNonBlankSibling(of: sibling),
                    tree.isElement(after, "br")
                {
                    break
                }
                end += 1
            }
            tree.remove(br)
            if end - 1 > index { tree.wrap(childrenOf: parent, in: index..<(end - 1), into: "p") }
            if tree.isElement(parent, "p") { tree.rename(parent, to: "div") }
        }
    }

    private func nextNonBlankSibling(of node: NodeID) -> NodeID? {
        guard let parent = tree[node].parent, let index = tree[parent].children.firstIndex(of: node) else {
            return nil
        }
        for sibling in tree[parent].children[(index + 1)...] {
            if tree.isBlankText(sibling) { continue }
            return sibling
        }
        return nil
    }

    // MARK: Scoring

    func classWeight(_ node: NodeID) -> Double {
        guard rules.contains(.weightClasses) else { return 0 }
        let attributes = tree[node].attributes
        var weight = 0.0
        for value in [attributes.className, attributes.id] where !value.isEmpty {
            if ClassPatterns.negative.matches(value) || ClassPatterns.hasHidWord(value) { weight -= 25 }
            if ClassPatterns.positive.matches(value) { weight += 25 }
        }
        return weight
    }

    private mutating func initialize(_ node: NodeID) {
        var score: Double
        switch tree[node].name {
        case "div": score = 5
        case "pre", "td", "blockquote": score = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": score = -5
        default: score = 0
        }
        scores[node] = score + classWeight(node)
    }

    /// Scores the paragraphs into their ancestors and returns the best container: an element, or
    /// nil when the best is the body itself.
    private mutating func bestCandidate(scoring elements: [NodeID]) -> NodeID? {
        var candidates: [NodeID] = []
        for element in elements {
            guard let parent = tree[element].parent, !tree[parent].isText else { continue }
            let stats = stats[element]
            guard stats.length >= 25 else { continue }
            let ancestors = tree.ancestors(of: element, limit: 5)
            let score = 1 + Double(stats.commas + 1) + Double(min(stats.length / 100, 3))
            for (level, ancestor) in ancestors.enumerated() {
                guard tree[ancestor].parent != nil else { break }
                if scores[ancestor] == nil {
                    initialize(ancestor)
                    candidates.append(ancestor)
                }
                let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level * 3)
                scores[ancestor, default: 0] += score / divider
            }
        }
        var top: [NodeID] = []
        for candidate in candidates {
            let scaled = scores[candidate, default: 0] * (1 - stats[candidate].linkDensity)
            scores[candidate] = scaled
            let position = top.firstIndex { scaled > scores[$0, default: 0] } ?? top.count
            if position < 5 {
                top.insert(candidate, at: position)
                if top.count > 5 { top.removeLast() }
            }
        }
        guard var best = top.first, best != body else { return nil }

        // Close rivals share an ancestor: the article is more likely that ancestor.
        let rivals = top.dropFirst().filter { scores[$0, default: 0] / scores[best, default: 1] >= 0.75 }
            .map { Set(tree.ancestors(of: $0)) }
        if rivals.count >= 3 {
            var parent = tree[best].parent
            while let ancestor = parent, ancestor != body {
                if rivals.filter({ $0.contains(ancestor) }).count >= 3 {
                    best = ancestor
                    break
                }
                parent = tree[ancestor].parent
            }
        }
        if scores[best] == nil { initialize(best) }

        // A parent that scores higher than the best holds more of the article.
        var parent = tree[best].parent
        var lastScore = scores[best, default: 0]
        let threshold = lastScore / 3
        while let ancestor = parent, ancestor != body {
            guard let score = scores[ancestor] else {
                parent = tree[ancestor].parent
                continue
            }
            if score < threshold { break }
            if score > lastScore {
                best = ancestor
                break
            }
            lastScore = score
            parent = tree[ancestor].parent
        }
        // An only child stands for its parent, so that the parent's siblings are looked at.
        while let parent = tree[best].parent, parent != body, tree.elementChildren(of: parent).count == 1 {
            best = parent
        }
        if scores[best] == nil { initialize(best) }
        return best
    }

    /// Moves the best container and the siblings that belong with it into a new element.
    private mutating func gatherSiblings(of top: NodeID?) -> NodeID {
        let container = tree.appendElement("div", parent: nil)
        guard let top, let parent = tree[top].parent else {
            for child in tree[body].children { tree.move(child, to: container) }
            return container
        }
        let topScore = scores[top, default: 0]
        let threshold = max(10, topScore * 0.2)
        let topClass = tree[top].attributes.className
        for sibling in tree.elementChildren(of: parent) {
            var append = sibling == top
            if !append {
                let bonus = !topClass.isEmpty && tree[sibling].attributes.className == topClass ? topScore * 0.2 : 0
                if let score = scores[sibling], score + bonus >= threshold {
                    append = true
                } else if tree.isElement(sibling, "p") {
                    let stats = stats[sibling]
                    let text = tree.innerText(sibling)
                    if stats.length > 80, stats.linkDensity < 0.25 {
                        append = true
                    } else if stats.length < 80, stats.length > 0, stats.linkDensity == 0,
                        text.contains(". ") || text.hasSuffix(".")
                    {
                        append = true
                    }
                }
            }
            guard append else { continue }
            if !Self.keptSiblingNames.contains(tree[sibling].name) { tree.rename(sibling, to: "div") }
            tree.move(sibling, to: container)
        }
        return container
    }
}
