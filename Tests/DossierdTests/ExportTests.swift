import DossierTesting
import Foundation
import Testing
import Varlink

/// `dossier export` against the real daemon: every kind in both formats, read back by Python's
/// csv and json modules and the sqlite3 shell, and the network by networkx.
@Suite(.serialized) struct ExportTests {
    static let note = """
        # Briefing, "Kabul"

        Published August 27, 2021

        General Kenneth McKenzie warned on August 26 that the threat from ISIS-K was real, in Kabul.
        """

    func dossier(_ arguments: [String], _ daemon: DaemonProcess) throws -> CommandLineTests.Result {
        try CommandLineTests().dossier(arguments, socket: daemon.socketPath)
    }

    @Test func everyKindInBothFormatsReadsBack() async throws {
        let fixture = try DaemonFixture()
        try fixture.write("note.md", Self.note)
        let daemon = try await fixture.start()
        let out = fixture.work.subpath("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for kind in ["documents", "entities", "mentions", "quotes", "timeline", "relations"] {
            for format in ["csv", "jsonl"] {
                let result = try dossier(
                    ["export", kind, "--format", format, "--output", "\(out)/\(kind).\(format)"], daemon)
                #expect(result.status == 0, "\(kind) \(format): \(result.error)")
            }
        }
        for format in ["graphml", "gexf"] {
            let result = try dossier(
                ["export", "network", "--format", format, "--output", "\(out)/network.\(format)"], daemon)
            #expect(result.status == 0, "\(result.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(out)/entities.csv.partial"))
        let entities = try daemon.call("Entities", ["limit": 1000]).parameters["entities"]?.arrayValue?.count ?? 0
        try MadeFiles.python(
            """
            import csv, json, sys, sqlite3, subprocess
            import networkx
            out = sys.argv[1] + "/out"
            expected = {
                "documents": ["path", "status", "title", "format", "published", "author", "site", "words", "reason"],
                "entities": ["id", "name", "kind", "aliases", "titles", "mentions", "documents"],
                "mentions": ["entity", "kind", "text", "path", "sentence", "sentence_text"],
                "quotes": ["speaker", "text", "path", "title", "sentence"],
                "timeline": ["date", "precision", "written", "resolved", "sentence", "path", "title", "heading", "names", "published"],
                "relations": ["source_id", "source", "source_kind", "target_id", "target", "target_kind", "sentences",
                              "documents", "evidence", "evidence_path", "evidence_sentence"],
            }
            for kind, columns in expected.items():
                with open(f"{out}/{kind}.csv", newline="", encoding="utf-8") as handle:
                    rows = list(csv.reader(handle))
                assert rows[0] == columns, (kind, rows[0])
                with open(f"{out}/{kind}.jsonl", encoding="utf-8") as handle:
                    objects = [json.loads(line) for line in handle]
                assert len(objects) == len(rows) - 1 > 0, (kind, len(objects), len(rows))
                for row, obj in zip(rows[1:], objects):
                    assert list(obj.keys()) == columns, (kind, list(obj.keys()))
                    for field, value in zip(row, (obj[c] for c in columns)):
                        if isinstance(value, list):
                            value = "; ".join(value)
                        elif value is None:
                            value = ""
                        elif isinstance(value, bool):
                            value = "true" if value else "false"
                        assert field == str(value), (kind, field, value)
                shell = subprocess.run(["sqlite3", ":memory:", f".import --csv {out}/{kind}.csv t", "SELECT count(*) FROM t"],
                                       capture_output=True, text=True, check=True)
                assert int(shell.stdout) == len(objects), (kind, shell.stdout, shell.stderr)
            documents = [json.loads(line) for line in open(f"{out}/documents.jsonl", encoding="utf-8")]
            assert {d["path"] for d in documents} == {"note.md", "000_8ce81ff0f6d118bf.txt"}
            note = next(d for d in documents if d["path"] == "note.md")
            assert note["title"] == 'Briefing, "Kabul"' and note["published"] == "2021-08-27", note
            timeline = [json.loads(line) for line in open(f"{out}/timeline.jsonl", encoding="utf-8")]
            assert timeline[0]["date"] == "2015" and timeline[-1]["date"] == "--08-26", timeline
            assert any("Kenneth McKenzie" in t["names"] for t in timeline)
            for graph in (networkx.read_graphml(f"{out}/network.graphml"), networkx.read_gexf(f"{out}/network.gexf")):
                assert graph.number_of_nodes() == \(entities), graph.number_of_nodes()
                assert graph.number_of_edges() > 5, graph.number_of_edges()
                labels = {data.get("label") for _, data in graph.nodes(data=True)}
                assert "Kenneth McKenzie" in labels and "Taliban" in labels, labels
                assert all(data["weight"] >= 1 and data["sentence"] for _, _, data in graph.edges(data=True))
            """, in: fixture.work.path)
        await fixture.tearDown()
    }

    @Test func filtersAReaderThatGoesAwayAndBadInput() async throws {
        let fixture = try DaemonFixture()
        try fixture.write("note.md", Self.note)
        let daemon = try await fixture.start()
        var result = try dossier(["export", "mentions", "--format", "jsonl", "--entity", "McKenzie"], daemon)
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 2, "one in the seed, one in the note")
        #expect(lines.allSatisfy { $0.contains(#""entity":"Kenneth McKenzie""#) })
        result = try dossier(["export", "documents", "--format", "csv", "--path", "note"], daemon)
        #expect(result.output.split(separator: "\r\n").count == 2)
        result = try dossier(["export", "timeline", "--format", "csv", "--from", "2021-08", "--to", "2021-08"], daemon)
        #expect(result.output.contains("2021-08-26"))
        #expect(!result.output.contains("--08-26"))
        result = try dossier(["export", "entities", "--format", "csv", "--kind", "person"], daemon)
        #expect(result.output.contains("Kenneth McKenzie"))
        #expect(!result.output.contains("Taliban"))

        // A reader that stops reading: the export ends, quietly.
        let pipe = try runCommand([
            "bash", "-c",
            "\"$0\" --socket \"$1\" export mentions --format csv | head -c 100 >/dev/null; echo \"${PIPESTATUS[0]}\"",
            DaemonProcess.executable("dossier"), daemon.socketPath,
        ])
        #expect(pipe.status == 0)
        #expect(["0", "141"].contains(pipe.output.trimmingCharacters(in: .whitespacesAndNewlines)), "\(pipe.output)")

        for (arguments, message) in [
            (["export", "planets", "--format", "csv"], "kind"),
            (["export", "entities", "--format", "gexf"], "csv or jsonl"),
            (["export", "entities", "--format", "csv", "--kind", "planet"], "entityKind"),
            (["export", "timeline", "--format", "csv", "--from", "2022", "--to", "2021"], "to"),
            (["export", "documents", "--format", "csv", "--query", "(kabul"], "column"),
        ] {
            result = try dossier(arguments, daemon)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.error.contains(message), "\(arguments): \(result.error)")
        }
        let client = try daemon.client()
        try client.send(VarlinkCall(method: "io.dossier.Export", parameters: ["kind": "planets"], more: true))
        #expect(try client.receive().error == "org.varlink.service.InvalidParameter")
        #expect(try daemon.status()["documents"] == 2, "still serving")
        await fixture.tearDown()
    }
}
