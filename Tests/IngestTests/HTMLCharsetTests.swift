import DossierTesting
import Foundation
import Testing

@testable import Ingest

/// Pages saved in the charset they declare, converted with glibc's `iconv` command.
@Suite struct HTMLCharsetTests {
    static let japanese = "港の灯台は百年前に建てられた。漁師たちは毎朝その光を見て船を出す。"

    /// `html` written in `charset` by iconv.
    static func saved(_ html: String, in charset: String) throws -> [UInt8] {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        _ = try folder.write("page.html", html)
        let (status, _) = try runCommand([
            "iconv", "-f", "UTF-8", "-t", charset, folder.subpath("page.html"), "-o", folder.subpath("converted.html"),
        ])
        try #require(status == 0)
        return Array(try Data(contentsOf: URL(fileURLWithPath: folder.subpath("converted.html"))))
    }

    static func page(head: String, title: String = "灯台", body: String) -> String {
        "<!DOCTYPE html><html><head>\(head)<title>\(title)</title></head><body><article><p>\(body)</p></article></body></html>"
    }

    static func document(_ bytes: [UInt8]) throws -> Document {
        guard case .document(let document) = Ingestor().ingest(bytes, fileName: "page.html") else {
            throw CancellationError()
        }
        return document
    }

    @Test(arguments: [
        ("SHIFT_JIS", #"<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">"#),
        ("EUC-JP", #"<meta charset="euc-jp">"#), ("ISO-2022-JP", "<meta charset=iso-2022-jp>"),
    ])
    func aDeclaredCharsetIsHonoured(charset: String, declaration: String) throws {
        let bytes = try Self.saved(Self.page(head: declaration, body: Self.japanese), in: charset)
        let document = try Self.document(bytes)
        #expect(document.body.contains(Self.japanese), "\(document.body)")
        #expect(document.title == "灯台")
        #expect(!document.body.contains("\u{FFFD}"))
        #expect(document.warnings.isEmpty)
    }

    @Test func latin1IsReadAsWindows1252() throws {
        let bytes = try Self.saved(
            Self.page(head: #"<meta charset="iso-8859-1">"#, title: "Quay", body: "Café on the quay – “quoted”"),
            in: "WINDOWS-1252")
        #expect(try Self.document(bytes).body.contains("Café on the quay – “quoted”"))
    }

    @Test func aPageResavedAsUTF8WithItsOldDeclarationIsUTF8() throws {
        let bytes = Array(Self.page(head: #"<meta charset="iso-8859-1">"#, body: "Café déjà vu").utf8)
        let document = try Self.document(bytes)
        #expect(document.body.contains("Café déjà vu"))
        #expect(document.warnings == ["declares iso-8859-1 but is UTF-8: read as UTF-8"])
    }

    @Test func aCharsetThatCannotBeConvertedIsAWarningNotGarbage() throws {
        let bytes = Array(Self.page(head: #"<meta charset="x-no-such-charset">"#, body: "Plain words.").utf8)
        let document = try Self.document(bytes)
        #expect(document.body.contains("Plain words."))
        #expect(document.warnings.contains { $0.contains("x-no-such-charset") })
    }

    @Test func theDeclarationIsFoundInEitherForm() {
        #expect(HTMLCharset.declared(in: Array(#"<html><meta charset = 'Shift_JIS' />"#.utf8)) == "shift_jis")
        #expect(
            HTMLCharset.declared(
                in: Array(#"<META HTTP-EQUIV="content-type" CONTENT="text/html;charset=gb2312">"#.utf8))
                == "gb2312")
        #expect(HTMLCharset.declared(in: Array(#"<meta name="description" content="x">"#.utf8)) == nil)
    }
}
