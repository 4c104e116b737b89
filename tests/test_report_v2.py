"""The weekly report, version 2 (SPEC §7): one test per point, on the seed log (plus a few
claims of the test's own), and report revisions that never overwrite a publication."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from tests.conftest import shipment, write_jsonl


def report(cli: Any, out: Path, week: str = "2024-W25", *args: str) -> tuple[dict[str, Any],
                                                                            Path]:
    r = cli("report", "--week", week, "--out", str(out), "--json", *args)
    assert r.code == 0, r.err
    meta = r.json()
    return json.loads((Path(meta["directory"]) / "report.json").read_text()), Path(
        meta["directory"])


def flow(data: dict[str, Any], supplier: str, item: str) -> dict[str, Any]:
    return next(f for f in data["flows"] if (f["supplier"], f["item"]) == (supplier, item))


def test_it_opens_with_what_changed_and_why_in_plain_words(cli, seeded: Path,
                                                           tmp_path: Path) -> None:
    """The first section says which flows moved, by how much, and which report caused it."""
    data, d = report(cli, tmp_path)
    md = (d / "report.md").read_text()
    assert md.index("## This week") < md.index("## Headline numbers")
    kp = next(s for s in data["summary"] if s.startswith("North Korea → Russia, 152 mm"))
    assert "rose by 464,000 to 5,104,000 rounds" in kp
    assert "US Department of State (B2) reported a new figure (central +464,000)" in kp


def test_names_not_codes_and_codes_only_in_small_print(cli, seeded: Path,
                                                       tmp_path: Path) -> None:
    """Markdown tables use names; the HTML keeps codes in small print; JSON keeps both."""
    data, d = report(cli, tmp_path)
    md = (d / "report.md").read_text()
    headline = md[md.index("## Headline numbers"):md.index("## What changed")]
    assert "North Korea → Russia" in headline and "KP → RU" not in headline
    html = (d / "report.html").read_text()
    assert '<small class="code">KP → RU, shell_152mm' in html
    kp = flow(data, "KP", "shell_152mm")
    assert (kp["supplier_name"], kp["recipient_name"]) == ("North Korea", "Russia")


def test_a_quiet_flow_says_since_when_nothing_was_claimed(cli, seeded: Path,
                                                          tmp_path: Path) -> None:
    """EU → Ukraine's last claim was public on 2023-10-26: in June 2024 the report says 'no
    new claim since 2023-10-26' (not 'no change'), and lists it as quiet for > 4 weeks."""
    data, d = report(cli, tmp_path)
    eu = flow(data, "EU", "shell_artillery")
    assert (eu["status"], eu["latest_claim_reported"], eu["stale"]) == (
        "no new claim since 2023-10-26", "2023-10-26", True)
    quiet = next(s for s in data["summary"] if s.startswith("No new claim for more than"))
    assert "European Union → Ukraine, artillery shell, calibre unstated (since 2023-10-26)" \
        in quiet
    md = (d / "report.md").read_text()
    assert "no change on the week" not in md


def test_no_change_is_said_only_of_a_flow_with_new_claims(cli, seeded: Path,
                                                          tmp_path: Path) -> None:
    """A claim reported this week that repeats the known figure: 'no change on the week'."""
    same = shipment(event_id="repeat", supplier="EU", recipient="UA", item="shell_artillery",
                    reported_on="2024-06-20", period_end="2023-10-26", quantity=300000,
                    source="Repeat source", reliability="B", credibility=2)
    assert cli("ingest", str(write_jsonl(tmp_path / "r.jsonl", [same]))).code == 0
    data, _ = report(cli, tmp_path / "out")
    eu = flow(data, "EU", "shell_artillery")
    assert (eu["status"], eu["stale"]) == ("no change on the week", False)


def test_the_weeks_change_is_broken_into_its_events(cli, seeded: Path, tmp_path: Path) -> None:
    """Each flow's contributions add up to its change on the week, event by event."""
    data, d = report(cli, tmp_path)
    for f in data["flows"]:
        if f["change"] and f["explanation"]:
            steps = f["explanation"]["contributions"]
            assert abs(sum(c["central"] for c in steps) - f["change"]) < 1e-6
    kp = flow(data, "KP", "shell_152mm")
    assert [(c["event_id"], c["effect"], c["central"]) for c in
            kp["explanation"]["contributions"]] == [
        ("us-dos-2024-06-18-kp-ru-11000-containers", "new claim", 464000.0)]
    changes = list(csv.DictReader(io.StringIO((d / "changes.csv").read_text())))
    assert {"event_id": "us-dos-2024-06-18-kp-ru-11000-containers",
            "central": "464000.0"}.items() <= next(
        r for r in changes if r["item"] == "shell_152mm").items()


def test_every_headline_names_its_claim_and_a_weak_grade_is_flagged(cli, seeded: Path,
                                                                    tmp_path: Path) -> None:
    """The KP → RU headline rests on a named B2 claim; after an ungraded 'Analyst desk'
    claim (F6) becomes the headline, it is flagged in the table and the opening."""
    data, _ = report(cli, tmp_path / "a")
    kp = flow(data, "KP", "shell_152mm")
    assert (kp["rests_on"]["event_id"], kp["rests_on"]["grade"], kp["flagged"]) == (
        "us-dos-2024-06-18-kp-ru-11000-containers", "B2", False)
    desk = shipment(event_id="desk", reported_on="2024-06-21", period_end="2024-06-21",
                    quantity=9_000_000, source="Analyst desk")
    assert cli("ingest", str(write_jsonl(tmp_path / "d.jsonl", [desk]))).code == 0
    data, d = report(cli, tmp_path / "b")
    kp = flow(data, "KP", "shell_152mm")
    assert (kp["central_from"], kp["rests_on"]["grade"], kp["flagged"]) == ("desk", "F6", True)
    assert any(s.startswith("Caution: the North Korea → Russia headline rests on a claim "
                            "graded F6 (Analyst desk)") for s in data["summary"])
    assert "Analyst desk (F6), 2024-06-21 ⚠ weak grade" in (d / "report.md").read_text()


def test_the_eu_pledge_counts_what_arrived_after_it_was_made(cli, seeded: Path,
                                                             tmp_path: Path) -> None:
    """The revised EU pledge (made March 2023, a million rounds by end-2024): baseline 0,
    300,000 delivered by the evidence date 2023-10-26, behind; named in words."""
    data, d = report(cli, tmp_path)
    eu = next(p for p in data["pledges"] if p["event_id"] == "eu-2024-06-pledge-1m-by-end-2024")
    assert (eu["baseline_central"], eu["delivered_central"], eu["evidence_date"],
            eu["status"]) == (0.0, 300000.0, "2023-10-26", "behind")
    assert eu["name"] == ("European Union → Ukraine: 1,000,000 rounds of artillery shell, "
                          "calibre unstated by 2024-12")
    row = next(r for r in csv.DictReader(io.StringIO((d / "pledges.csv").read_text()))
               if r["event_id"] == eu["event_id"])
    assert (row["fulfilment"], row["delivered_central"], row["projected_completion"]) == (
        "0.3", "300000.0", "2025-05-06")


def test_disagreements_compare_like_with_like(cli, seeded: Path, tmp_path: Path) -> None:
    """A running total is never set against a later one (1 missile in January, 50 in June);
    a claim this week that contradicts a total of the same days is listed."""
    data, _ = report(cli, tmp_path / "a")
    assert all(p["item"] != "missile_srbm" for p in data["disagreements"])
    odd = shipment(event_id="odd", supplier="KP", item="missile_srbm", unit="units",
                   reported_on="2024-06-21", period_end="2024-06-19", quantity=5)
    assert cli("ingest", str(write_jsonl(tmp_path / "o.jsonl", [odd]))).code == 0
    data, d = report(cli, tmp_path / "b")
    pair = next(p for p in data["disagreements"] if p["item"] == "missile_srbm")
    assert (pair["a"]["event_id"], pair["b"]["event_id"], pair["why"]) == (
        "ua-pgo-2024-kp-ru-50-srbm", "odd", "their ranges do not overlap")


def test_a_flow_with_many_disagreements_lists_those_furthest_apart(
        cli, seeded: Path, tmp_path: Path) -> None:
    """Eight exact totals of the same days, each more than 20% from every other, make 28
    pairs: the report lists the 10 furthest apart (no listed pair closer than one left out)
    and says how many more there are, in words and in report.json."""
    qs = [10, 13, 17, 23, 31, 41, 57, 79]
    recs = [shipment(event_id=f"by{q}", supplier="BY", item="missile_srbm", unit="units",
                     reported_on="2024-06-20", period_end="2024-06-18", quantity=q)
            for q in qs]
    assert cli("ingest", str(write_jsonl(tmp_path / "by.jsonl", recs))).code == 0
    data, d = report(cli, tmp_path / "r")
    mine = [p for p in data["disagreements"] if p["supplier"] == "BY"]
    assert len(mine) == 10
    ratio = {frozenset((a, b)): max(a, b) / min(a, b) for a in qs for b in qs if a != b}
    shown = {frozenset((p["a"]["central"], p["b"]["central"])) for p in mine}
    assert min(ratio[k] for k in shown) >= max(v for k, v in ratio.items() if k not in shown)
    assert [(m["supplier"], m["item"], m["pairs"], m["shown"])
            for m in data["disagreements_not_shown"]] == [("BY", "missile_srbm", 28, 10)]
    md = (d / "report.md").read_text()
    assert "At most 10 pairs are listed per flow, those furthest apart; 18 more were " \
        "found in 1 flow" in md


def test_csv_files_hold_plain_numbers(cli, seeded: Path, tmp_path: Path) -> None:
    """No thousands separators, percent signs or dashes: numbers parse, nulls are empty."""
    _, d = report(cli, tmp_path)
    for name in ("headline.csv", "pledges.csv", "changes.csv"):
        text = (d / name).read_text()
        assert "–" not in text and "%" not in text
        for row in csv.DictReader(io.StringIO(text)):
            for key in ("central", "low", "high", "pledged", "fulfilment",
                        "delivered_central", "baseline_central"):
                if row.get(key):
                    float(row[key])
    head = {r["item"]: r for r in csv.DictReader(io.StringIO((d / "headline.csv").read_text()))}
    assert (head["shell_152mm"]["central"], head["shell_152mm"]["high"]) == ("5104000.0", "")


def test_charts_dash_carried_values_and_mark_pledge_starts(cli, seeded: Path,
                                                          tmp_path: Path) -> None:
    """The EU chart (last claim October 2023) draws June 2024 as a dashed, carried line,
    and a rule where the pledge was made."""
    _, d = report(cli, tmp_path)
    html = (d / "report.html").read_text()
    start = html.index("European Union → Ukraine: artillery shell, calibre unstated</h3>")
    eu = html[start:html.index("</figure>", start)]
    assert 'class="carried"' in eu and "no new claim since 2023-10-26" in eu
    assert 'class="pledge-start"' in eu and "pledge made 2023-03-01" in eu


def test_a_later_position_adds_a_revision_and_keeps_the_first(cli, seeded: Path,
                                                              tmp_path: Path) -> None:
    """Writing W25 again after an append adds revision 2 beside the first, which stays
    byte-identical; the same position again writes nothing; the archive lists both."""
    from supplyline.reports.archive import listing

    out = tmp_path / "archive"
    first = cli("report", "--week", "2024-W25", "--out", str(out), "--json").json()
    week = Path(first["directory"])
    before = {p: p.read_bytes() for p in week.iterdir() if p.is_file()}
    again = cli("report", "--week", "2024-W25", "--out", str(out), "--json")
    assert (again.json()["revision"], again.json()["written"]) == (1, False)
    late = shipment(event_id="late", reported_on="2024-06-20", period_end="2024-06-20",
                    quantity=6_000_000, source="Late source")
    assert cli("ingest", str(write_jsonl(tmp_path / "l.jsonl", [late]))).code == 0
    second = cli("report", "--week", "2024-W25", "--out", str(out))
    assert second.code == 0 and "wrote revision 2 beside it" in second.err
    assert str(week / "r2" / "report.html") in second.out.splitlines()
    assert {p: p.read_bytes() for p in week.iterdir() if p.is_file()} == before
    entry = listing(out)[0]
    assert (entry["week"], entry["newest"]) == ("2024-W25", 2)
    assert [(r["revision"], r["log_position"]) for r in entry["revisions"]] == [(1, 37), (2, 38)]


def test_a_projection_already_past_is_not_shown_as_ahead(cli, seeded: Path,
                                                         tmp_path: Path) -> None:
    """Late in 2026 the EU pledge's projection (2025-05-06, from evidence of October 2023)
    has passed with no claim since: the report says so; the JSON keeps SPEC's date."""
    data, d = report(cli, tmp_path, "2026-W48")
    eu = next(p for p in data["pledges"] if p["event_id"] == "eu-2024-06-pledge-1m-by-end-2024")
    assert (eu["status"], eu["projected_completion"]) == ("overdue", "2025-05-06")
    assert "| 2023-10-26 | 2025-05-06, passed without evidence |" in (d / "report.md").read_text()
