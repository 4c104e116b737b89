"""`supplyline draft` through its real entry point: text and HTML, the review-then-ingest
workflow, the log it writes to (documents, never events), mistakes, the running service."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import Result
from tests.service_helpers import running_service

DATA = Path(__file__).resolve().parent / "data" / "drafting"
ARTICLE = DATA / "synthetic" / "s09_kyiv_counts.txt"
PAGE = DATA / "synthetic" / "s07_danish_funding.html"
Cli = Callable[..., Result]


def lines(out: str) -> list[Any]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_draft_a_text_file_on_a_new_log(cli: Cli, db: Path, tmp_path: Path) -> None:
    """A .txt article on a log file that does not exist yet: JSON Lines of candidates in
    text order, quotes cut from the text; the file is registered as a document and no
    event is appended."""
    article = shutil.copy(ARTICLE, tmp_path / "kyiv.txt")
    r = cli("draft", str(article), "--reported-on", "2024-02-10", "--via", "Kyiv Wire")
    assert r.code == 0, r.err
    found = lines(r.out)
    text = Path(article).read_text("utf-8")
    assert len(found) >= 3
    assert [c["span"][0] for c in found] == sorted(c["span"][0] for c in found)
    for c in found:
        assert set(c) == {"record", "span", "missing", "confidence", "why"}
        assert c["record"]["quote"] == text[c["span"][0]:c["span"][1]]
        assert c["record"]["document"] == "kyiv.txt" and c["record"]["via"] == "Kyiv Wire"
    first = found[0]["record"]
    assert (first["type"], first["supplier"], first["recipient"], first["quantity"]) == (
        "shipment", "EU", "UA", 524000)
    assert "kyiv.txt: document kyiv.txt;" in r.err
    docs = cli("documents", "--json").json()
    assert [(d["document_id"], d["has_text"], d["outlet"]) for d in docs] == [
        ("kyiv.txt", True, "Kyiv Wire")]
    assert cli("verify", "--json").json()["events"] == 0


def test_draft_a_saved_web_page(cli: Cli, tmp_path: Path) -> None:
    """An .html page is turned into its text (no scripts, menus or footers); the date
    line of the page gives reported_on."""
    r = cli("draft", str(PAGE), "--json")
    assert r.code == 0, r.err
    found = json.loads(r.out)
    assert found and all(c["record"]["reported_on"] == "2025-01-22" for c in found)
    quotes = " ".join(c["record"]["quote"] for c in found)
    assert "tracking" not in quotes and "Home" not in quotes
    pledge = found[0]["record"]
    assert (pledge["type"], pledge["unit"], pledge["quantity"], pledge["supplier"]) == (
        "pledge", "EUR", 1.3e9, "DK")


def test_records_ingest_after_the_analyst_grades_them(cli: Cli, tmp_path: Path) -> None:
    """--records prints only complete records; graded by the analyst, they ingest (every
    quote checked against the registered document)."""
    r = cli("draft", str(ARTICLE), "--reported-on", "2024-02-10", "--via", "Kyiv Wire",
            "--records")
    assert r.code == 0, r.err
    records = lines(r.out)
    complete = [c for c in lines(cli("draft", str(ARTICLE), "--reported-on", "2024-02-10",
                                     "--via", "Kyiv Wire").out) if not c["missing"]]
    assert records == [c["record"] for c in complete] and records
    graded = tmp_path / "reviewed.jsonl"
    graded.write_text("".join(json.dumps({**rec, "reliability": "B", "credibility": 2}) + "\n"
                              for rec in records), "utf-8")
    r = cli("ingest", str(graded), "--json")
    assert r.code == 0, r.err
    assert r.json()["appended"] == len(records)
    events = cli("events", "--json").json()
    assert {e["quote"] for e in events} == {rec["quote"] for rec in records}


def test_drafting_never_changes_the_events(cli: Cli, seeded: Path) -> None:
    """On a log with events, drafting registers a document and appends nothing."""
    before = cli("verify", "--json").json()
    r = cli("draft", str(ARTICLE), "--reported-on", "2024-02-10", "--records", "--json")
    assert r.code == 0, r.err
    assert isinstance(json.loads(r.out), list)
    after = cli("verify", "--json").json()
    assert (after["events"], after["head_hash"], after["ok"]) == (
        before["events"], before["head_hash"], True)


def test_mistakes_exit_2_without_a_traceback(cli: Cli, tmp_path: Path) -> None:
    r = cli("draft", str(tmp_path / "missing.txt"))
    assert r.code == 2 and "missing.txt: no such file" in r.err
    r = cli("draft", str(ARTICLE), str(PAGE), "--document", "x")
    assert r.code == 2 and "one FILE" in r.err
    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe\x00")
    r = cli("draft", str(tmp_path / "bin.txt"))
    assert r.code == 2 and "not UTF-8" in r.err
    r = cli("draft", str(ARTICLE), "--reported-on", "2024-13-01")
    assert r.code == 2 and "Traceback" not in r.err
    other = tmp_path / "other.txt"
    other.write_text("Poland sent 40,000 shells to Ukraine so far.\n", "utf-8")
    assert cli("draft", str(ARTICLE), "--document", "taken").code == 0
    r = cli("draft", str(other), "--document", "taken")
    assert r.code == 2 and "already registered with other content" in r.err
    assert "Traceback" not in r.err


def test_through_the_running_service(cli: Cli, db: Path, tmp_path: Path) -> None:
    """While the service holds the log, draft goes through it (the bearer token when the
    service has one) and gives the same candidates."""
    token = {"SUPPLYLINE_TOKEN": "t0ken"}
    with running_service(db, env=token):
        r = cli("draft", str(ARTICLE), "--reported-on", "2024-02-10", "--via", "Kyiv Wire",
                env=token)
        assert r.code == 0, r.err
        remote = lines(r.out)
        assert remote and remote[0]["record"]["document"] == "s09_kyiv_counts.txt"
        r = cli("draft", str(ARTICLE), env={"SUPPLYLINE_TOKEN": "wrong"})
        assert r.code != 0 and "Traceback" not in r.err
    env = {k: v for k, v in os.environ.items() if k != "SUPPLYLINE_TOKEN"}
    local = lines(cli("draft", str(ARTICLE), "--reported-on", "2024-02-10", "--via",
                      "Kyiv Wire", env=env).out)
    assert local == remote
    assert cli("verify", "--json").json()["events"] == 0
