#!/usr/bin/env python3
"""Talks to dossierd with the Python `varlink` package (from PyPI), a client nobody here wrote.

It opens io.dossier (which fetches and parses the interface description), calls every method,
provokes the errors, and prints one JSON object with what it saw. Exits non-zero on any surprise.

    varlink_client.py SOCKET DOCUMENT_PATH
"""
import json
import os
import sys
import threading

import varlink


def main():
    socket_path, document = sys.argv[1], sys.argv[2]
    seen = {}
    with varlink.Client(address=f"unix:{socket_path}") as client:
        seen["interfaces"] = sorted(client.get_interfaces())
        with client.open("io.dossier", namespaced=False) as con:
            seen["status.documents"] = con.Status()["status"]["documents"]
            seen["list.total"] = con.ListDocuments(limit=10)["total"]
            seen["get.title"] = con.GetDocument(document)["document"]["title"]
            seen["search.total"] = con.Search("haqqani", 5)["total"]
            seen["ask.heading"] = con.Ask("Is ISIS-K related to the Taliban?", 1)["answers"][0]["heading"]
            seen["similar.count"] = len(con.Similar(document, 5)["similar"])
            seen["reindex.queued"] = con.Reindex(document)["queued"]
            # Corrections to names: made, listed, undone.
            merged = con.MergeEntities("IS", None, "ISIS", None)
            seen["merge.summary"] = merged["correction"]["summary"]
            renamed = con.RenameEntity("ISIS", "organisation", "Islamic State of Iraq and Syria")
            seen["list.corrections"] = [c["action"] for c in con.ListCorrections()["corrections"]]
            seen["undo.number"] = con.UndoCorrection(merged["correction"]["number"])["correction"]["number"]
            seen["entities.renamed"] = [e["name"] for e in con.Entities(None, None, 100)["entities"]
                                        if e["name"].startswith("Islamic State")]
            seen["renamed.generation"] = renamed["generation"] > 0
            for name, call in [
                ("DocumentNotFound", lambda: con.GetDocument("no-such-file.txt")),
                ("InvalidPath", lambda: con.GetDocument("../outside.txt")),
                ("InvalidQuery", lambda: con.Search("  ", None)),
                ("InvalidQuery.column", lambda: con.Search('kabul "airport', None)),
                ("ExpectedMore", lambda: con.Subscribe(None)),
                ("EntityNotFound", lambda: con.HideEntity("nobody at all", None)),
                ("CorrectionNotFound", lambda: con.UndoCorrection(999)),
                ("InvalidCorrection", lambda: con.MergeEntities("Taliban", None, "taliban", None)),
            ]:
                try:
                    call()
                    seen[name] = "no error"
                except varlink.VarlinkError as error:
                    seen[name] = error.parameters().get("column") if name.endswith(".column") else error.error()
        # Subscribe streams: the current generation, then a change made while listening.
        with client.open("io.dossier", namespaced=False) as con:
            replies = con.Subscribe(None, _more=True)
            first = next(replies)
            seen["subscribe.first"] = sorted(first.keys())
            threading.Timer(0.2, lambda: open(os.path.join(os.path.dirname(socket_path), "..", "root",
                                                         "python-wrote-this.txt"), "w").write("Penguins waddle.")).start()
            # The Reindex above may still report its update first.
            for _ in range(10):
                change = next(replies)["change"]
                if change["path"] == "python-wrote-this.txt":
                    break
            seen["subscribe.change"] = change["kind"] + " " + change["path"]
    print(json.dumps(seen, sort_keys=True))


if __name__ == "__main__":
    main()
