import Foundation

/// Reads an EPUB book: its package file (the OPF) gives the title, author, date and the reading
/// order; each chapter in that order is XHTML, read whole (a chapter has no site chrome to leave out).
enum EPUBReader {
    static let mimetype = "application/epub+zip"
    /// Chapters read at most: a book of more is cut, with a warning from the size cap first.
    static let maximumChapters = 2_000

    static func recognizes(_ package: inout ZIPPackage) -> Bool {
        guard let declared = try? package.optionalPart("mimetype") else {
            return package.contains("META-INF/container.xml")
        }
        return String(decoding: declared, as: UTF8.self).hasPrefix(mimetype)
    }

    static func read(_ package: inout ZIPPackage) throws(ZIPPackage.Failure) -> BlockSequence {
        let container = XMLTree(parsing: try package.part("META-INF/container.xml"))
        guard let containerRoot = container.root,
            let rootFile = container.descendants(of: containerRoot, named: "rootfile").compactMap({
                container[$0].attributes["full-path"]
            }).first
        else {
            throw .damagedPart("META-INF/container.xml")
        }
        let opf = XMLTree(parsing: try package.part(rootFile))
        guard let root = opf.root, let manifest = opf.child(root, "manifest"), let spine = opf.child(root, "spine")
        else {
            throw .damagedPart(rootFile)
        }
        let folder = rootFile.contains("/") ? String(rootFile[...rootFile.lastIndex(of: "/")!]) : ""
        var items: [String: (href: String, type: String, properties: String)] = [:]
        for item in opf.elements(of: manifest) {
            let attributes = opf[item].attributes
            guard let id = attributes["id"], let href = attributes["href"] else { continue }
            items[id] = (href, attributes["media-type"] ?? "", attributes["properties"] ?? "")
        }
        var blocks: [Block] = []
        for reference in opf.elements(of: spine).prefix(maximumChapters) {
            guard let id = opf[reference].attributes["idref"], let item = items[id],
                item.type.contains("html"), !item.properties.split(separator: " ").contains("nav")
            else { continue }
            let path = resolve(item.href, in: folder)
            guard let chapter = try package.optionalPart(path), !isFrontMatter(chapter) else { continue }
            let tree = HTMLTree(parsing: String(decoding: chapter, as: UTF8.self))
            if let body = tree.body { blocks += HTMLBlockWriter.blocks(tree, from: body) }
        }
        let date = opf.firstText(named: "date").flatMap { PublicationDate.inFrontMatter($0.prefix(10)) }
        return BlockSequence(
            declaredTitle: opf.firstText(named: "title"), blocks: blocks, declaredDate: date,
            author: opf.firstText(named: "creator"))
    }

    /// A title page or a cover (marked `epub:type="titlepage"` or `"cover"`): it repeats the
    /// title and the author, which the package file gives.
    static func isFrontMatter(_ chapter: [UInt8]) -> Bool {
        let xhtml = XMLTree(parsing: chapter)
        guard let root = xhtml.root, let body = xhtml.child(root, "body") else { return false }
        let marked = [body] + xhtml.elements(of: body).prefix(3)
        return marked.contains { element in
            let types = (xhtml[element].attributes["type"] ?? "").split(separator: " ")
            return types.contains("titlepage") || types.contains("cover")
        }
    }

    /// A manifest's `href` (relative to the package file, percent-encoded) as a path in the archive.
    static func resolve(_ href: String, in folder: String) -> String {
        let path = (href.split(separator: "#").first.map(String.init) ?? href).removingPercentEncoding ?? href
        var parts: [Substring] = []
        for part in (folder + path).split(separator: "/") {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }
}
