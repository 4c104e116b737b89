"""A real server on loopback: concurrent appends, the command line beside it, pages."""

from __future__ import annotations

import http.client
import json
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
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
        assert rep.code == 0 and any(p.endswith("/reports/2024-W25/report.html")
                                     for p in rep.out.split())
        assert cli("seed", "--json").json()["appended"] == 0
        # a dry run goes through the service too: same answers as on the file, nothing lands
        r = cli("ingest", "--dry-run", str(good))
        assert r.code == 0 and r.out.startswith("would append 0 event(s); 1 duplicate(s)")
        fresh = write_jsonl(tmp_path / "fresh.jsonl", [shipment(quantity=11.0)])
        r = cli("ingest", "--dry-run", "--json", str(fresh))
        assert r.json() == {"appended": 1, "duplicates": 0, "first_position": 39,
                            "last_position": 39}
        r = cli("ingest", "--dry-run", str(bad))
        assert r.code == 2 and f"{bad}:2: unit: unknown unit 'crates'" in r.err
        assert cli("events", "--since-position", "38", "--json").json() == []
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
        page.locator("a", has_text="North Korea → Russia").first.click()
        page.wait_for_load_state()
        assert "/flow/KP/RU/" in page.url
        assert page.locator("svg polyline").count() == 1
        assert page.locator("table").count() >= 2
        page.locator("nav a", has_text="Pledges").click()
        page.wait_for_load_state()
        assert page.locator("td", has_text="1,000,000 rounds of artillery shell, calibre "
                            "unstated by 2024-12").count() == 1
        page.locator("nav a", has_text="Reports").click()
        page.wait_for_load_state()
        page.locator("a", has_text="report.html").first.click()
        page.wait_for_load_state()
        assert "weekly report" in page.title()
        assert page.evaluate("document.documentElement.scrollWidth") <= 391
        ctx.close()
    assert errors == [] and outside == []


class _References(HTMLParser):
    """Every URL a page loads or links to: attributes that name one, CSS url() and @import.
    (``xmlns`` names an XML namespace; nothing is fetched from it.)"""

    ATTRIBUTES = {"src", "href", "action", "formaction", "poster", "data", "srcset",
                  "background", "manifest", "cite", "longdesc", "ping", "xlink:href"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            if name in self.ATTRIBUTES:
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]
            if name == "style":
                self._css(value)
            if tag == "meta" and name == "content" and "url=" in value.lower():
                self.urls.append(value.lower().split("url=", 1)[1])

    def handle_data(self, data: str) -> None:
        if self._style:
            self._css(data)

    def _css(self, text: str) -> None:
        import re

        self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", text)
        self.urls += re.findall(r"@import\s+['\"]([^'\"]+)", text)


def _other_hosts(html: str, origin: str) -> list[str]:
    refs = _References()
    refs.feed(html)
    return [u for u in refs.urls
            if "//" in u.split("?")[0] and not u.startswith(origin + "/")
            and not u.startswith(("data:", "#"))]


def test_no_page_references_another_host(seeded: Path) -> None:
    """Every page the service serves (flows, pledges, archive, a report, the API docs and its
    assets' HTML) loads and links only the service itself."""
    with running_service(seeded, "--no-scheduler") as url:
        make = urllib.request.Request(url + "/api/reports", data=b'{"week": "2024-W25"}',
                                      headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(make) as r:
            assert r.status == 201
        pages = ["/", "/flow/KP/RU/shell_152mm", "/flow/KP/RU/missile_srbm", "/pledges",
                 "/reports", "/docs", "/reports/2024-W25/report.html"]
        for path in pages:
            with urllib.request.urlopen(url + path) as r:
                html = r.read().decode()
            assert "<html" in html
            assert _other_hosts(html, url) == [], path
        # the scan finds what it is meant to find
        assert _other_hosts('<script src="https://cdn.example/x.js"></script>'
                            '<style>a{background:url(//fonts.example/f.woff)}</style>', url) == [
            "https://cdn.example/x.js", "//fonts.example/f.woff"]
        for gone in ("/redoc", "/docs/oauth2-redirect"):
            try:
                urllib.request.urlopen(url + gone)
                raise AssertionError(f"{gone} should not exist")
            except urllib.error.HTTPError as exc:
                with exc:
                    assert exc.code == 404


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="make test installs it")
def test_api_docs_work_offline_in_headless_chromium(seeded: Path, tmp_path: Path) -> None:
    """/docs with every other host blocked: Swagger UI draws the API from /openapi.json,
    with no console error and no request leaving the service."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    from playwright.sync_api import sync_playwright
    from screenshot import ARGS, CHROMIUM

    with running_service(seeded, "--no-scheduler") as url, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=ARGS)
        outside: list[str] = []
        ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url)
                  else (outside.append(r.request.url), r.abort()))
        page = ctx.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/docs")
        page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)
        assert "supplyline" in page.locator(".swagger-ui .info .title").inner_text()
        page.locator(".opblock-summary-path", has_text="/api/events").first.wait_for(
            timeout=30_000)
        assert page.locator(".opblock").count() >= 10
        ctx.close()
    assert errors == [] and outside == []
