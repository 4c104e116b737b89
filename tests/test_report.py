"""The weekly report: deterministic, golden, week boundaries, contents and the command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import shipment, write_jsonl

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_golden_report_matches(tmp_path: Path) -> None:
    """The seed log's reports equal the committed golden files (regenerate: make golden)."""
    code = ("import sys; sys.path.insert(0, 'tools'); from pathlib import Path; "
            f"import golden; golden.build(Path({str(tmp_path)!r}))")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    for week in ("2024-W25", "2023-W43"):
        got, want = _files(tmp_path / week), _files(GOLDEN / week)
        assert sorted(got) == sorted(want)
        for name in want:
            assert got[name] == want[name], f"{week}/{name} differs; run `make golden` if the " \
                                            "change is intended"


def test_same_position_and_week_give_identical_bytes(cli, seeded: Path, tmp_path: Path) -> None:
    """Two runs in two processes, and a run after more appends at the old position, agree."""
    a = cli("report", "--week", "2024-W25", "--out", str(tmp_path / "a"), "--json").json()
    b = cli("report", "--week", "2024-W25", "--out", str(tmp_path / "b"), "--json").json()
    assert _files(Path(a["directory"])) == _files(Path(b["directory"]))
    extra = write_jsonl(tmp_path / "x.jsonl", [shipment(reported_on="2024-06-18",
                                                        period_end="2024-06-18",
                                                        quantity=9e6)])
    assert cli("ingest", str(extra)).code == 0
    c = cli("report", "--week", "2024-W25", "--at-position", "37", "--out",
            str(tmp_path / "c"), "--json").json()
    assert _files(Path(c["directory"])) == _files(Path(a["directory"]))
    d = cli("report", "--week", "2024-W25", "--out", str(tmp_path / "d"), "--json").json()
    assert _files(Path(d["directory"])) != _files(Path(a["directory"]))


def test_week_boundaries(cli, tmp_path: Path) -> None:
    """A claim reported on Sunday is in that week's report; one reported Monday, the next."""
    recs = [shipment(event_id="sun", reported_on="2024-06-23", period_end="2024-06-20",
                     quantity=10),
            shipment(event_id="mon", reported_on="2024-06-24", period_end="2024-06-21",
                     quantity=20)]
    cli("ingest", str(write_jsonl(tmp_path / "w.jsonl", recs)))
    w25 = cli("report", "--week", "2024-W25", "--out", str(tmp_path / "r"), "--json").json()
    w26 = cli("report", "--week", "2024-W26", "--out", str(tmp_path / "r"), "--json").json()
    j25 = json.loads((Path(w25["directory"]) / "report.json").read_text())
    j26 = json.loads((Path(w26["directory"]) / "report.json").read_text())
    assert [c["event_id"] for c in j25["claims_this_week"]] == ["sun"]
    assert [c["event_id"] for c in j26["claims_this_week"]] == ["mon"]
    assert (j25["as_of"], j26["as_of"]) == ("2024-06-23", "2024-06-30")
    assert j25["flows"][0]["central"] == 10.0 and j26["flows"][0]["central"] == 20.0
    assert j26["flows"][0]["change"] == 10.0


def test_report_json_carries_provenance_and_numbers(cli, seeded: Path, tmp_path: Path) -> None:
    """report.json has week, as_of, log_position, head_hash and the numbers shown."""
    out = cli("report", "--week", "2024-W25", "--out", str(tmp_path), "--json").json()
    data = json.loads((Path(out["directory"]) / "report.json").read_text())
    head = cli("verify", "--json").json()["head_hash"]
    assert (data["week"], data["as_of"], data["log_position"], data["head_hash"]) == (
        "2024-W25", "2024-06-23", 37, head)
    kp = next(f for f in data["flows"] if f["item"] == "shell_152mm")
    assert (kp["low"], kp["central"], kp["high"]) == (4928000.0, 5104000.0, None)
    assert kp["change"] == 5104000.0 - 4640000.0
    assert kp["conflict_dates"] == ["2023-10-13", "2023-10-26"]
    md = (Path(out["directory"]) / "report.md").read_text()
    for heading in ("Headline numbers", "Pledges", "Claims reported this week", "Meetings",
                    "Where sources disagree", "Excluded claims", "Method"):
        assert f"## {heading}" in md
    assert md.index("## Headline") < md.index("## Pledges") < md.index("## Claims reported")


def test_report_command_paths_and_errors(cli, seeded: Path, tmp_path: Path) -> None:
    """It prints the paths it wrote; a malformed week is bad input."""
    r = cli("report", "--week", "latest", "--out", str(tmp_path))
    paths = r.out.splitlines()
    assert r.code == 0 and str(tmp_path / "2024-W41" / "report.html") in paths
    assert all(Path(p).exists() for p in paths)
    bad = cli("report", "--week", "2024-25", "--out", str(tmp_path))
    assert bad.code == 2 and "not an ISO week" in bad.err
    assert cli("report", "--week", "2023-W53", "--out", str(tmp_path)).code == 2


def test_default_week_is_the_last_complete_one() -> None:
    """Without --week: the ISO week before the current one."""
    import datetime as dt

    from supplyline.reports import last_complete_week

    assert last_complete_week(dt.date(2024, 6, 24)) == (2024, 25)  # a Monday
    assert last_complete_week(dt.date(2024, 6, 30)) == (2024, 25)  # a Sunday
    assert last_complete_week(dt.date(2024, 1, 3)) == (2023, 52)


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="make test installs it")
def test_html_report_in_headless_chromium(tmp_path: Path) -> None:
    """Offline in Chromium: no console errors, every chart drawn, screenshot kept."""
    sys.path.insert(0, str(ROOT / "tools"))
    from playwright.sync_api import sync_playwright
    from screenshot import ARGS, CHROMIUM

    html = GOLDEN / "2024-W25" / "report.html"
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    errors: list[str] = []
    blocked: list[str] = []
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": 390, "height": 844})  # a phone
        ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                  else (blocked.append(r.request.url), r.abort()))
        page = ctx.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(html.as_uri())
        charts = page.locator("figure.flow-chart svg")
        n = json.loads((GOLDEN / "2024-W25" / "report.json").read_text())["flows"]
        assert charts.count() == len(n) == 5
        for i in range(charts.count()):
            box = charts.nth(i).bounding_box()
            assert box and box["width"] > 300 and box["height"] > 100
            assert charts.nth(i).locator("polyline").count() == 1
            assert charts.nth(i).locator("polygon").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
        page.screenshot(path=str(artifacts / "report-phone.png"), full_page=True)
        ctx.close()
    assert errors == [] and blocked == []


def test_report_flows_agree_with_the_claims_command(cli, seeded: Path, tmp_path: Path) -> None:
    """Each flow's claims in use, and their spread, are what `claims` lists for the flow
    (the report compares every flow in one pass; the command, one flow)."""
    first = cli("claims", "--supplier", "KP", "--recipient", "RU", "--item", "shell_152mm",
                "--as-of", "2024-06-23", "--json").json()["claims"][0]["event_id"]
    gone = {"event_id": "r1", "type": "retraction", "reported_on": "2024-06-01",
            "source": "test", "reliability": "B", "credibility": 2, "target": first,
            "reason": "a test"}
    assert cli("ingest", str(write_jsonl(tmp_path / "r.jsonl", [gone]))).code == 0
    r = cli("report", "--week", "2024-W25", "--out", str(tmp_path / "r"), "--json").json()
    flows = json.loads((Path(r["directory"]) / "report.json").read_text())["flows"]
    assert len(flows) == 5 and any(f["points"] for f in flows)
    for f in flows:
        c = cli("claims", "--supplier", f["supplier"], "--recipient", f["recipient"],
                "--item", f["item"], "--as-of", "2024-06-23", "--json").json()
        in_use = [x for x in c["claims"] if x["state"] == "in_use"]
        assert f["points"] == [{k: x[k] for k in ("date", "central", "low", "high",
                                                  "event_id", "measure")} for x in in_use]
        assert f["claims_in_use"] == len(in_use)
        assert (f["claims_min"], f["claims_median"], f["claims_max"]) == (
            c["min"], c["median"], c["max"])
    # claims converted from containers and tonnes are among them
    kp = next(f for f in flows if (f["supplier"], f["item"]) == ("KP", "shell_152mm"))
    c = cli("claims", "--supplier", "KP", "--recipient", "RU", "--item", "shell_152mm",
            "--as-of", "2024-06-23", "--json").json()
    assert {x["claim_unit"] for x in c["claims"] if x["conversion"]} >= {"containers"}
    assert [x["state"] for x in c["claims"]].count("retracted") == 1
    assert len(kp["points"]) == len(c["claims"]) - 1


def test_chart_marks_only_the_latest_meetings(cli, seeded: Path, tmp_path: Path) -> None:
    """Past ``MAX_MEETINGS`` meetings in a chart's span, the chart marks the latest ones
    and its legend says how many there are; the JSON keeps every meeting."""
    from supplyline.reports.svg import MAX_MEETINGS

    many = [{"event_id": f"m{i:02}", "type": "meeting", "reported_on": "2024-06-20",
             "source": "test", "reliability": "B", "credibility": 2,
             "title": f"Meeting number {i:02}", "participants": ["KP", "RU"],
             "period_start": f"2024-05-{i + 1:02}"} for i in range(MAX_MEETINGS + 6)]
    assert cli("ingest", str(write_jsonl(tmp_path / "m.jsonl", many))).code == 0
    r = cli("report", "--week", "2024-W25", "--out", str(tmp_path / "r"), "--json").json()
    directory = Path(r["directory"])
    data = json.loads((directory / "report.json").read_text())
    kp = next(f for f in data["flows"] if (f["supplier"], f["item"]) == ("KP", "shell_152mm"))
    # every meeting is in the report's JSON once; a flow carries those its chart marks
    assert {f"m{i:02}" for i in range(MAX_MEETINGS + 6)} <= {m["event_id"]
                                                            for m in data["meetings"]}
    marked = [m["event_id"] for m in kp["meetings"]]
    assert len(marked) == MAX_MEETINGS and kp["meetings_in_span"] > MAX_MEETINGS
    assert f"m{MAX_MEETINGS + 5}" in marked and "m05" not in marked
    html = (directory / "report.html").read_text()
    start = html.index(f"North Korea → Russia: {kp['item_name']}</h3>")
    figure = html[start:html.index("</figure>", start)]
    assert figure.count('stroke="#6b2f6b"') == MAX_MEETINGS  # one rule per marked meeting
    assert "Meeting number 29" in figure and "Meeting number 05" not in figure
    assert f"<li>M{MAX_MEETINGS}: " in figure and f"<li>M{MAX_MEETINGS + 1}: " not in figure
    assert f"The latest {MAX_MEETINGS} of " in figure


def _drawn(points: str) -> set[tuple[int, int]]:
    """The grid points (tenths) an SVG polyline of axis-aligned segments passes through."""
    vs = [tuple(round(float(c) * 10) for c in p.split(",")) for p in points.split()]
    cells = {vs[0]}
    for (ax, ay), (bx, by) in zip(vs, vs[1:], strict=False):
        assert ax == bx or ay == by
        for x in range(min(ax, bx), max(ax, bx) + 1):
            for y in range(min(ay, by), max(ay, by) + 1):
                cells.add((x, y))
    return cells


def test_chart_lines_leave_out_only_vertices_that_draw_nothing() -> None:
    """A chart's band and line keep their shape exactly, with fewer vertices: the same
    points drawn, in the same order of first and last vertex."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from supplyline.reports.svg import _n, _path

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), min_size=1, max_size=40))
    def check(steps: list[tuple[int, int]]) -> None:
        # a step line as the chart draws one: across, then up or down (steps of 0.35 px,
        # so rounding to tenths merges some vertices)
        pts: list[tuple[float, float]] = []
        x = y = 0.0
        for dx, dy in steps:
            pts.append((x, y))
            x += dx * 0.35
            pts.append((x, y))
            y += (dy - 3) * 0.35
        full = " ".join(f"{_n(a)},{_n(b)}" for a, b in pts)
        short = _path(pts)
        assert _drawn(short) == _drawn(full)
        assert short.split()[0] == full.split()[0] and short.split()[-1] == full.split()[-1]
        assert len(short.split()) <= len(full.split())

    check()


def test_markdown_cells_cannot_inject_html_links_or_headings(cli, db: Path,
                                                            tmp_path: Path) -> None:
    """Event text in report.md tables: <, >, & as entities; |, [, ], backslash escaped; a
    carriage return or newline cannot end the row or start a heading."""
    record = {"type": "shipment", "reported_on": "2024-06-19", "source": "<script>x()</script>",
              "via": "Wire\r## injected|cell [link](http://a.example) & \\", "supplier": "KP",
              "recipient": "RU", "item": "shell_152mm", "quantity": 5, "unit": "rounds",
              "measure": "cumulative", "period_end": "2024-06"}
    (tmp_path / "e.jsonl").write_text(json.dumps(record) + "\n")
    assert cli("ingest", str(tmp_path / "e.jsonl")).code == 0
    out = cli("report", "--week", "2024-W25", "--out", str(tmp_path / "r"), "--json").json()
    md = (Path(out["directory"]) / "report.md").read_text()
    assert "<script>" not in md and "&lt;script&gt;x()&lt;/script&gt;" in md
    assert not any(line.startswith("## injected") for line in md.splitlines())
    assert "\r" not in md
    row = next(line for line in md.splitlines() if "&lt;script&gt;" in line)
    assert "Wire ## injected\\|cell \\[link\\](http://a.example) &amp; \\\\" in row
    header = md.splitlines()[md.splitlines().index(row) - 1]
    while not header.startswith("| ---") and not header.startswith("|---"):
        header = md.splitlines()[md.splitlines().index(header) - 1]
    assert row.count(" | ") == header.count("|") - 2  # as many cells as the table has
