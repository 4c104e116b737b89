"""A real server on loopback: concurrent appends, the command line beside it, pages."""

from __future__ import annotations

import http.client
import json
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.conftest import shipment, write_jsonl
from tests.service_helpers import running_service

CLIENTS, PER_CLIENT = 16, 500


def _append_many(url: str, client: int, results: list[Any]) -> None:
    u = urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    positions = []
    for i in range(PER_CLIENT):
        body = json.dumps(shipment(event_id=f"c{client}-{i}", quantity=float(i),
                                   source=f"client {client}"))
        conn.request("POST", "/api/events", body, {"Content-Type": "application/json"})
        resp = conn.getresponse()
        data = json.loads(resp.read())
        if resp.status != 201:
            results.append(("error", resp.status, data))
            return
        positions.append(data["first_position"])
    conn.close()
    results.append(("ok", client, positions))


def test_16_clients_append_500_single_events_each(db: Path, cli: Any) -> None:
    """No event lost or duplicated, positions gapless, the chain verifies."""
    with running_service(db, "--no-scheduler") as url:
        results: list[Any] = []
        threads = [threading.Thread(target=_append_many, args=(url, c, results))
                   for c in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert all(r[0] == "ok" for r in results), [r for r in results if r[0] != "ok"][:3]
        acked = sorted(p for r in results for p in r[2])
        assert acked == list(range(1, CLIENTS * PER_CLIENT + 1))
        # the command line works through the service while it holds the log
        check = cli("verify", "--json").json()
        assert check == {**check, "ok": True, "events": CLIENTS * PER_CLIENT}
    events = cli("events", "--json").json()
    ids = [e["event_id"] for e in events]
    assert len(ids) == len(set(ids)) == CLIENTS * PER_CLIENT
    assert [e["position"] for e in events] == list(range(1, CLIENTS * PER_CLIENT + 1))
    assert cli("verify", "--json").json()["ok"] is True


def test_command_line_beside_the_service(seeded: Path, cli: Any, tmp_path: Path) -> None:
    """Commands go through the service (found via its note); errors keep file:line."""
    with running_service(seeded, "--no-scheduler"):
        assert (seeded.parent / (seeded.name + ".service.json")).exists()
        good = write_jsonl(tmp_path / "good.jsonl", [shipment(quantity=7.0)])
        r = cli("ingest", "--json", str(good))
        assert r.code == 0, r.err
        assert r.json()["first_position"] == 38
        bad = write_jsonl(tmp_path / "bad.jsonl", [shipment(quantity=8.0),
                                                   shipment(unit="crates")])
        r = cli("ingest", str(bad))
        assert r.code == 2 and f"{bad}:2: unit: unknown unit 'crates'" in r.err
        assert cli("events", "--since-position", "37", "--json").json()[0]["quantity"] == 7.0
        tl = cli("timeline", "--supplier", "KP", "--recipient", "RU", "--item", "shell_152mm",
                 "--json").json()
        assert tl["rows"][-1]["low"] == 4928000.0
        assert cli("pledges", "--as-of", "2024-03-31", "--json").code == 0
        assert cli("claims", "--supplier", "KP", "--recipient", "RU", "--item",
                   "missile_srbm").code == 0
        assert cli("sql", "SELECT count(*) AS n FROM events", "--json").json() == [{"n": 38}]
        assert cli("sql", "DELETE FROM log").code == 2
        rep = cli("report", "--week", "2024-W25")
        assert rep.code == 0 and rep.out.strip().endswith("/reports/2024-W25/estimates.csv")
        assert cli("seed", "--json").json()["appended"] == 0
        r = cli("ingest", "--dry-run", str(good))
        assert r.code == 2 and "service holds it" in r.err
        r = cli("catalogue", "add-party", "HOUTHI", "Ansar Allah")
        assert r.code == 1 and "in use by" in r.err and "Traceback" not in r.err
        listed = cli("catalogue", "list", "--search", "czech", "--json").json()
        assert [p["code"] for p in listed["parties"]] == ["CZ"]  # through the service
        assert listed["validated"][-1]["last_position"] == 38
    assert not (seeded.parent / (seeded.name + ".service.json")).exists()


def test_busy_log_without_a_note_gives_one_clear_sentence(seeded: Path, cli: Any) -> None:
    """Another process holds the file and left no note: say how to proceed, exit 1."""
    import subprocess
    import sys

    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True);"
        " time.sleep(60)"), str(seeded)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "ready"
        r = cli("events")
        assert r.code == 1
        assert r.err.count("\n") == 1 and "in use by process" in r.err and "--url" in r.err
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()  # type: ignore[union-attr]


def test_token_protects_writes_on_a_real_server(seeded: Path, cli: Any, tmp_path: Path
                                                ) -> None:
    """With $SUPPLYLINE_TOKEN set on the service, the CLI needs it too."""
    with running_service(seeded, "--no-scheduler", env={"SUPPLYLINE_TOKEN": "t0k"}):
        good = write_jsonl(tmp_path / "g.jsonl", [shipment(quantity=9.0)])
        r = cli("ingest", str(good))
        assert r.code == 1 and "Bearer" in r.err
        assert cli("ingest", str(good), env={"SUPPLYLINE_TOKEN": "t0k"}).code == 0
        assert cli("events", "--type", "pledge").code == 0


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="make test installs it")
def test_pages_in_headless_chromium(seeded: Path, tmp_path: Path) -> None:
    """Each page loads with no console errors, charts render, links work (network blocked)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    from playwright.sync_api import sync_playwright
    from screenshot import ARGS, CHROMIUM

    artifacts = Path(__file__).resolve().parents[1] / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    with running_service(seeded) as url, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": 390, "height": 844})
        outside: list[str] = []
        ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url)
                  else (outside.append(r.request.url), r.abort()))
        page = ctx.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/")
        assert page.locator("figure.flow-chart svg polyline").count() == 5
        page.screenshot(path=str(artifacts / "front-phone.png"), full_page=True)
        page.locator("a", has_text="KP → RU").first.click()
        page.wait_for_load_state()
        assert "/flow/KP/RU/" in page.url
        assert page.locator("svg polyline").count() == 1
        assert page.locator("table").count() >= 2
        page.locator("nav a", has_text="Pledges").click()
        page.wait_for_load_state()
        assert page.locator("td", has_text="eu-2024-06-pledge-1m-by-end-2024").count() == 1
        page.locator("nav a", has_text="Reports").click()
        page.wait_for_load_state()
        page.locator("a", has_text="report.html").first.click()
        page.wait_for_load_state()
        assert "weekly report" in page.title()
        assert page.evaluate("document.documentElement.scrollWidth") <= 391
        ctx.close()
    assert errors == [] and outside == []
