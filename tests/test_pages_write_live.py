"""Analysts write from the pages: add, correct and retract in headless Chromium against a
real `supplyline serve` on loopback (network blocked); validation errors by their field;
the token asked once; CSRF-less posts refused; event text shown as text everywhere."""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.service_helpers import running_service

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                                reason="make test installs Debian's chromium")
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@contextmanager
def browser(url: str, profile: Path, width: int = 1000) -> Iterator[tuple[Any, list[str]]]:
    """A page in headless Chromium that may reach only ``url``; console errors, page
    errors and dialogs (an injected script's alert) are collected."""
    sys.path.insert(0, str(ROOT / "tools"))
    from playwright.sync_api import sync_playwright
    from screenshot import ARGS, CHROMIUM

    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": width, "height": 900})
        problems: list[str] = []
        ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url)
                  else (problems.append("outside: " + r.request.url), r.abort()))
        page = ctx.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))
        try:
            yield page, problems
        finally:
            ctx.close()


def _events(cli: Any, since: int) -> list[dict[str, Any]]:
    r = cli("events", "--since-position", str(since), "--json")
    assert r.code == 0, r.err
    return r.json()  # type: ignore[no-any-return]


def _post_json(url: str, body: Any) -> dict[str, Any]:
    req = urllib.request.Request(url, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())  # type: ignore[no-any-return]


def test_add_correct_and_retract_from_the_pages(seeded: Path, cli: Any, tmp_path: Path
                                                 ) -> None:
    """A claim added with the form, corrected from its flow page and retracted from the
    events page: each write says its position and links to the flow, and `supplyline
    events` lists all three with the links between them."""
    with running_service(seeded, "--no-scheduler") as url, \
            browser(url, tmp_path / "profile") as (page, problems):
        page.goto(url + "/events/new")
        page.get_by_role("link", name="Pledge", exact=True).click()
        assert page.locator("select[name=due_by], input[name=due_by]").count() == 1
        page.get_by_role("link", name="Shipment (supply that happened)").click()
        assert page.locator("input[name=due_by]").count() == 0
        page.fill("input[name=reported_on]", "2024-07-02")
        page.fill("input[name=source]", "Test ministry")
        page.select_option("select[name=supplier]", "IR")
        page.select_option("select[name=recipient]", "RU")
        page.select_option("select[name=item]", "drone_shahed")
        page.fill("input[name=quantity]", "4000")
        page.select_option("select[name=unit]", "units")
        page.select_option("select[name=measure]", "cumulative")
        page.fill("input[name=period_end]", "2024-06")
        page.select_option("select[name=reliability]", "B")
        page.select_option("select[name=credibility]", "2")
        page.click("[data-action=append]")
        assert "Appended 1 event(s) at position 38." in page.inner_text("main, body")
        page.locator("ul.appended a.action").first.click()
        assert "/flow/IR/RU/drone_shahed" in page.url
        assert "4,000" in page.inner_text("body")
        added = _events(cli, 37)
        assert [e["quantity"] for e in added] == [4000.0]
        page.get_by_role("link", name="Add a claim for this flow").click()
        assert [page.input_value(f"select[name={f}]") for f in
                ("supplier", "recipient", "item")] == ["IR", "RU", "drone_shahed"]
        page.go_back()
        # correct it from the flow page's claims table
        row = page.locator("tr", has_text="Test ministry")
        row.locator("[data-action=correct]").click()
        assert page.input_value("input[name=quantity]") == "4000"
        assert page.input_value("select[name=supplier]") == "IR"
        page.fill("input[name=quantity]", "4500")
        page.click("[data-action=append]")
        assert "position 39" in page.inner_text("body")
        corrected = _events(cli, 38)
        assert corrected[0]["quantity"] == 4500.0
        assert corrected[0]["supersedes"] == added[0]["event_id"]
        page.locator("ul.appended a.action").first.click()
        assert "4,500" in page.inner_text("body") and "superseded" in page.inner_text("body")
        # retract the correction from the events page: it asks why
        page.goto(url + "/events")
        page.locator("tr", has_text="4,500 units in total").locator("[data-action=retract]").click()
        page.fill("input[name=source]", "Analyst team")
        page.click("[data-action=append]")
        assert page.locator("#f-reason-e").inner_text() == "is required"
        assert len(_events(cli, 39)) == 0
        page.fill("textarea[name=reason]", "the ministry withdrew the figure")
        page.click("[data-action=append]")
        assert "position 40" in page.inner_text("body")
        page.locator("ul.appended a.action").first.click()
        assert "/flow/IR/RU/drone_shahed" in page.url
        assert "retracted" in page.inner_text("body")
    retraction = _events(cli, 39)
    assert retraction == [{**retraction[0], "type": "retraction",
                            "target": corrected[0]["event_id"],
                            "reason": "the ministry withdrew the figure"}]
    assert problems == []


def _cli_errors(cli: Any, tmp_path: Path, record: dict[str, Any]) -> dict[str, str]:
    """What `supplyline ingest` says of ``record``, by field."""
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(record) + "\n")
    r = cli("ingest", "--dry-run", str(path))
    assert r.code == 2
    return {parts[1]: parts[2] for parts in (line.split(": ", 2)
                                             for line in r.err.splitlines())
            if len(parts) == 3 and parts[0] == f"{path}:1"}


def test_a_bad_field_is_shown_by_it_and_nothing_is_appended(seeded: Path, cli: Any,
                                                            tmp_path: Path) -> None:
    """Each error sits under its own field with the command line's message; the values
    typed stay; nothing is appended until the form is right."""
    record = {"type": "shipment", "reported_on": "2024-07-02", "source": "S",
              "supplier": "KP", "recipient": "KP", "item": "shell_152mm", "quantity": "lots",
              "unit": "rounds", "measure": "cumulative", "period_end": "2024-06"}
    first = _cli_errors(cli, tmp_path, record)
    second = _cli_errors(cli, tmp_path, {**record, "quantity": "1000"})
    assert list(first) == ["quantity"] and list(second) == ["recipient"]
    with running_service(seeded, "--no-scheduler") as url, \
            browser(url, tmp_path / "profile") as (page, problems):
        page.goto(url + "/events/new?type=shipment")
        page.fill("input[name=reported_on]", "2024-07-02")
        page.fill("input[name=source]", "S")
        page.select_option("select[name=supplier]", "KP")
        page.select_option("select[name=recipient]", "KP")
        page.select_option("select[name=item]", "shell_152mm")
        page.fill("input[name=quantity]", "lots")
        page.select_option("select[name=unit]", "rounds")
        page.select_option("select[name=measure]", "cumulative")
        page.fill("input[name=period_end]", "2024-06")
        for errors, fix in ((first, ("input[name=quantity]", "1000")),
                            (second, ("select[name=recipient]", "RU"))):
            page.click("[data-action=append]")
            for field, message in errors.items():
                assert page.locator(f"#f-{field}-e").inner_text() == message
                assert page.get_attribute(f"[name={field}]", "aria-invalid") == "true"
            assert "nothing appended" in page.inner_text("[role=alert]")
            assert page.input_value("input[name=source]") == "S"  # what was typed stays
            assert len(_events(cli, 37)) == 0
            if fix[0].startswith("select"):
                page.select_option(*fix)
            else:
                page.fill(*fix)
        page.click("[data-action=append]")
        assert "position 38" in page.inner_text("body")
    assert len(_events(cli, 37)) == 1
    assert problems == []


def test_token_asked_once_and_csrf_less_posts_refused(seeded: Path, cli: Any,
                                                      tmp_path: Path) -> None:
    """With $SUPPLYLINE_TOKEN set, pages still read freely; the first write asks for the
    token and keeps a HttpOnly, SameSite=Strict session cookie, the second does not ask;
    a post without the form's CSRF token is refused, also with the session cookie."""
    env = {"SUPPLYLINE_TOKEN": "s3cret-t0ken"}
    with running_service(seeded, "--no-scheduler", env=env) as url, \
            browser(url, tmp_path / "profile") as (page, problems):
        page.goto(url + "/")
        assert "North Korea → Russia" in page.inner_text("body")
        # a retraction needs few fields: retract a seed event
        page.goto(url + "/events/lt-mfa-2023-10-26-kp-ru-350k/retract")
        assert page.locator("input[name=token]").count() == 1
        page.fill("input[name=source]", "Analyst team")
        page.fill("textarea[name=reason]", "double-counted")
        page.click("[data-action=append]")
        assert "token" in page.locator("#f-token-e").inner_text()
        assert page.input_value("textarea[name=reason]") == "double-counted"
        page.fill("input[name=token]", "wrong")
        page.click("[data-action=append]")
        assert page.locator("#f-token-e").inner_text() == "wrong token"
        assert len(_events(cli, 37)) == 0
        page.fill("input[name=token]", "s3cret-t0ken")
        page.click("[data-action=append]")
        assert "position 38" in page.inner_text("body")
        cookies = {c["name"]: c for c in page.context.cookies()}
        session = cookies["supplyline_session"]
        assert session["httpOnly"] and session["sameSite"] == "Strict"
        assert "s3cret-t0ken" not in session["value"]
        assert cookies["supplyline_browser"]["httpOnly"]
        page.goto(url + "/events/us-dia-2024-05-kp-ru-srbm-debris/retract")
        assert page.locator("input[name=token]").count() == 0  # asked once
        # the same browser's cookies without the form's CSRF token: refused
        jar = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
        form = urllib.parse.urlencode({"source": "x", "reason": "y",
                                       "reported_on": "2024-07-02"}).encode()
        for extra in ({}, {"csrf": "0" * 64}):
            body = form + (b"&" + urllib.parse.urlencode(extra).encode() if extra else b"")
            req = urllib.request.Request(
                url + "/events/us-dia-2024-05-kp-ru-srbm-debris/retract", data=body,
                headers={"Content-Type": "application/x-www-form-urlencoded",
                         "Cookie": jar})
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(req)
            with refused.value:
                assert refused.value.code == 403
        page.fill("input[name=source]", "Analyst team")
        page.fill("textarea[name=reason]", "debris count unverified")
        page.click("[data-action=append]")
        assert "position 39" in page.inner_text("body")
    assert [e["target"] for e in _events(cli, 37)] == [
        "lt-mfa-2023-10-26-kp-ru-350k", "us-dia-2024-05-kp-ru-srbm-debris"]
    assert problems == []


def test_event_text_is_shown_as_text_on_every_page(seeded: Path, tmp_path: Path) -> None:
    """Markup in every text field of events (source, outlet, URL, quote, notes, meeting
    title and location, retraction reason) shows as text on every page and form; no
    script runs and nothing logs an error."""
    with running_service(seeded, "--no-scheduler") as url:
        common = {"reported_on": "2024-06-25", "source": "src " + XSS, "via": "via " + XSS,
                  "url": 'https://example.org/"><script>alert(2)</script>',
                  "quote": "quote " + XSS, "notes": "notes " + XSS}
        _post_json(url + "/api/events", {"events": [
            {**common, "type": "shipment", "event_id": "x-ship", "supplier": "IR",
             "recipient": "RU", "item": "drone_shahed", "quantity": 5000, "unit": "units",
             "measure": "cumulative", "period_end": "2024-06-24"},
            {**common, "type": "meeting", "event_id": "x-meet", "title": "title " + XSS,
             "participants": ["IR", "RU"], "period_start": "2024-06-20",
             "location": "loc " + XSS},
            {**common, "type": "pledge", "event_id": "x-pledge", "supplier": "IR",
             "recipient": "RU", "item": "drone_shahed", "quantity": 9000, "unit": "units",
             "period_start": "2024-06", "due_by": "2025-06"},
            {**common, "type": "retraction", "event_id": "x-retract",
             "target": "ua-pgo-2024-kp-ru-50-srbm", "reason": "reason " + XSS}]})
        pages = ["/", "/flow/IR/RU/drone_shahed", "/flow/KP/RU/missile_srbm", "/pledges",
                 "/events", "/events/x-ship/correct", "/events/x-meet/correct",
                 "/events/x-pledge/retract", "/appended?first=38&last=41", "/review",
                 "/events/new"]
        with browser(url, tmp_path / "profile") as (page, problems):
            for path in pages:
                page.goto(url + path)
                text = page.inner_text("body")
                values = page.eval_on_selector_all(
                    "input, textarea", "els => els.map(e => e.value).join(' ')")
                if path in ("/events/x-ship/correct", "/events/x-meet/correct"):
                    assert values.count(XSS) >= 4, path  # source, via, quote, notes
                elif path not in ("/review", "/events/new", "/flow/KP/RU/missile_srbm",
                                  "/pledges"):
                    assert XSS in text, path
                assert page.locator("img[src=x]").count() == 0, path
                assert page.evaluate("document.querySelectorAll('script:not([src])').length"
                                     ) == 0, path
            page.goto(url + "/flow/IR/RU/drone_shahed")
            assert "title " + XSS in page.inner_text("figure")
            page.goto(url + "/events")
            assert "reason " + XSS in page.inner_text("body")
    assert problems == []


def test_forms_fit_a_phone_and_refuse_a_correction_that_changes_nothing(
        seeded: Path, cli: Any, tmp_path: Path) -> None:
    """At phone width the forms and the review page need no sideways scrolling, every
    field has a label, and the keyboard reaches the append button; a correction identical
    to its claim is refused, nothing appended."""
    with running_service(seeded, "--no-scheduler") as url, \
            browser(url, tmp_path / "profile", width=390) as (page, problems):
        for path in ("/events/new", "/events/new?type=meeting", "/review",
                     "/events/kr-nis-2023-11-01-kp-ru-1m/retract", "/flow/KP/RU/shell_152mm",
                     "/events", "/"):
            page.goto(url + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 391, path
            unlabelled = page.evaluate("""[...document.querySelectorAll(
                'input:not([type=hidden]), select, textarea')].filter(
                e => !(e.labels && e.labels.length)).map(e => e.name)""")
            assert unlabelled == [], path
        page.goto(url + "/events/kr-nis-2023-11-01-kp-ru-1m/correct")
        for _ in range(80):  # Tab from the top of the page reaches the button
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.dataset.action") == "append":
                break
        else:
            raise AssertionError("the append button is not reachable with Tab")
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        assert "nothing was changed" in page.inner_text("[role=alert]")
    assert _events(cli, 37) == []
    assert problems == []
