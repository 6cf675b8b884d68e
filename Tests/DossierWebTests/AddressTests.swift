import DossierProtocol
import Testing

@testable import DossierWeb

@Suite struct FormDataTests {
    @Test func decodesPlusesPercentsAndRepeatedFields() {
        let form = FormData("q=Haqqani+network%21&entity=A%2BB&entity=%E2%80%9CC%E2%80%9D&empty=&bad=%ZZ%4&flag")
        #expect(form["q"] == "Haqqani network!")
        #expect(form.all("entity") == ["A+B", "“C”"])
        #expect(form["empty"] == nil)
        #expect(form["bad"] == "%ZZ%4")
        #expect(form["flag"] == nil)
        #expect(FormData("x=%FF%FE")["x"] == "\u{FFFD}\u{FFFD}")
        #expect(FormData("n=12&m=-3&o=x").integer("n", in: 1...20) == 12)
        #expect(FormData("n=12&m=-3&o=x").integer("m", in: 1...20) == nil)
        #expect(FormData("n=12&m=-3&o=x").integer("o", in: 1...20) == nil)
    }
}

@Suite struct LinksTests {
    @Test func documentsAndNamesArePercentEncodedAndComeBack() {
        let path = "notes/a b#1/<x>?.txt"
        let link = Links.document(path)
        #expect(link == "/doc/notes/a%20b%231/%3Cx%3E%3F.txt")
        #expect(Links.remainder(of: link, after: "/doc/") == path)
        let name = "Smith, Jones & Co/“Ltd”"
        #expect(Links.remainder(of: Links.entity(name), after: "/entity/") == name)
        #expect(Links.remainder(of: "/entity/a+b", after: "/entity/") == "a+b")
        #expect(Links.remainder(of: "/entity/", after: "/entity/") == nil)
        #expect(Links.document("a.txt", mark: "it's") == "/doc/a.txt?mark=it%27s#mark")
        #expect(Links.page("/search", [("q", "a&b=c"), ("page", nil)]) == "/search?q=a%26b%3Dc")
        #expect(Links.entityTerm(#"The "Group""#) == #"entity:"The  Group ""#)
    }

    @Test func searchFieldsBecomeTermsAndCannotAddTermsOfTheirOwn() {
        let filters = SearchFilters(FormData("from=2021-08&to=2021-09+OR+x&date=2021)&kind=place&entity=Kabul"))
        #expect(filters.query(adding: "attack") == "attack after:2021-08 before:2021-09 date:2021")
        #expect(filters.kind == "place")
        #expect(SearchFilters(FormData("kind=wizard")).kind == nil)
    }
}

@Suite struct AccessGuardTests {
    let lock = AccessGuard(token: String(repeating: "a", count: 64), formToken: "f0rm", host: "127.0.0.1", port: 8750)

    @Test func aRightTokenSignsInAndLeavesTheAddress() {
        let verdict = lock.check(
            host: "127.0.0.1:8750", cookies: nil, path: "/search",
            query: FormData("q=kabul&token=" + String(repeating: "a", count: 64)))
        #expect(verdict == .signIn(location: "/search?q=kabul"))
        #expect(lock.cookie.contains("HttpOnly"))
        #expect(lock.cookie.contains("SameSite=Strict"))
    }

    @Test func theCookieLetsIn() {
        let cookies = "other=1; dossier_token_8750=" + String(repeating: "a", count: 64)
        #expect(lock.check(host: "localhost:8750", cookies: cookies, path: "/", query: FormData("")) == .allow)
        #expect(lock.check(host: "127.0.0.1:8750", cookies: cookies, path: "/", query: FormData("")) == .allow)
    }

    @Test func noTokenOrAWrongOneIsRefused() {
        #expect(lock.check(host: "127.0.0.1:8750", cookies: nil, path: "/", query: FormData("")) == .unauthorized)
        let wrong = "dossier_token_8750=" + String(repeating: "b", count: 64)
        #expect(lock.check(host: "127.0.0.1:8750", cookies: wrong, path: "/", query: FormData("")) == .unauthorized)
        #expect(
            lock.check(host: "127.0.0.1:8750", cookies: nil, path: "/", query: FormData("token=aaa")) == .unauthorized)
        // Another server's cookie on the same host (cookies ignore ports) is not this one's.
        let other = "dossier_token_9000=" + String(repeating: "a", count: 64)
        #expect(lock.check(host: "127.0.0.1:8750", cookies: other, path: "/", query: FormData("")) == .unauthorized)
    }

    @Test func anotherHostNameIsMisdirectedEvenWithTheToken() {
        let cookies = "dossier_token_8750=" + String(repeating: "a", count: 64)
        for host in ["attacker.example:8750", "127.0.0.1:8751", "127.0.0.1", "", "localhost.attacker.example:8750"] {
            #expect(lock.check(host: host, cookies: cookies, path: "/", query: FormData("")) == .misdirected)
        }
        #expect(lock.check(host: nil, cookies: cookies, path: "/", query: FormData("")) == .misdirected)
        #expect(
            lock.check(host: "127.0.0.1:8750", cookies: nil, path: "/static/style.css", query: FormData("")) == .allow)
    }

    @Test func changesNeedTheFormToken() {
        #expect(lock.acceptsChange(formToken: "f0rm"))
        #expect(!lock.acceptsChange(formToken: "f0rn"))
        #expect(!lock.acceptsChange(formToken: nil))
        #expect(!lock.acceptsChange(formToken: ""))
    }

    @Test func listenAddresses() {
        #expect(ListenAddress(parsing: "127.0.0.1:8750") == ListenAddress(host: "127.0.0.1", port: 8750))
        #expect(ListenAddress(parsing: "[::1]:0") == ListenAddress(host: "::1", port: 0))
        #expect(ListenAddress(parsing: "0.0.0.0:80")?.isLoopback == false)
        #expect(ListenAddress(parsing: "::1:80") == nil)
        #expect(ListenAddress(parsing: "host") == nil)
        #expect(ListenAddress(parsing: "host:99999") == nil)
        #expect(AccessGuard(token: "t", formToken: "f", host: "::1", port: 8750).hosts.contains("[::1]:8750"))
        #expect(AccessGuard.randomToken().count == 64)
        #expect(AccessGuard.randomToken() != AccessGuard.randomToken())
    }
}

@Suite struct CorrectionRequestTests {
    @Test func readsEachActionAndRefusesWhatIsNotOne() throws {
        let rename = try CorrectionRequest.read(FormData("action=rename&entity=Kenneth+McKenzie&kind=person&to=Frank"))
            .get()
        #expect(rename.question == "Rename “Kenneth McKenzie” to “Frank”, in every document?")
        #expect(rename.destination == "/entity/Frank")
        #expect(rename.fields.map(\.value) == ["rename", "Kenneth McKenzie", "person", "Frank"])
        let undo = try CorrectionRequest.read(FormData("action=undo&number=3")).get()
        #expect(undo.number == 3)
        #expect(undo.destination == "/corrections")
        #expect(try CorrectionRequest.read(FormData("action=hide&entity=X")).get().destination == "/entities")
        for bad in [
            "", "action=drop&entity=X", "action=rename&entity=X", "action=kind&entity=X&to=wizard",
            "action=undo", "action=undo&number=-1", "action=merge&to=Y",
        ] {
            #expect(throws: PageError.self) { try CorrectionRequest.read(FormData(bad)).get() }
        }
    }
}
