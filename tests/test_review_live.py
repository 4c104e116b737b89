"""The review page on a real seed article with the real drafter, in headless Chromium
against a real `supplyline serve` on loopback (network blocked): paste, fix, tick, append;
errors by their field; a log that moved meanwhile (409) handled."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.service_helpers import running_service
from tests.test_pages_write_live import ROOT, _events, browser

SEEDS = Path("/work/shared/seeds")
ARTICLE = SEEDS / "001_64f7952fb5976206.txt"
pytestmark = [
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                       reason="make test installs Debian's chromium"),
    pytest.mark.skipif(not ARTICLE.exists(), reason=f"the seed article {ARTICLE} is not on "
                       "this machine (it lives in the project's shared folder)")]


def _submit(page: Any, action: str) -> None:
    """Press a form's button and wait until the page it leads to has loaded whole (a read
    straight after the click can see a page still being parsed, with only its first
    drafts)."""
    with page.expect_navigation(wait_until="load"):
        page.click(f"[data-action={action}]")


def _drafts(page: Any) -> list[dict[str, Any]]:
    """Each draft on the page: its number, type, item and source as the form holds them."""
    return page.eval_on_selector_all("fieldset[data-draft]", """els => els.map(e => {
        const i = e.dataset.draft, v = n => (e.querySelector(`[name="d${i}.${n}"]`) || {}).value;
        return {i: Number(i), type: v('type'), item: v('item'), source: v('source'),
                quantity_low: v('quantity_low'), supplier: v('supplier')};
    })""")


def test_review_a_seed_article_and_append_two_drafts(db: Path, cli: Any, tmp_path: Path
                                                     ) -> None:
    """A seed article pasted gives at least three drafts beside the highlighted text; a
    ticked draft with a missing field is refused by that field with nothing appended; once
    filled, the append meets a log another client moved (409): the page says so, lists
    the newcomer and keeps every edit; appended again, exactly the two ticked drafts land
    and the front page shows their numbers."""
    text = ARTICLE.read_text(encoding="utf-8")
    with running_service(db, "--no-scheduler") as url, \
            browser(url, tmp_path / "profile", width=1280) as (page, problems):
        page.goto(url + "/review")
        page.fill("textarea[name=text]", text)
        page.fill("input[name=reported_on]", "2024-03-01")
        _submit(page, "draft")
        drafts = _drafts(page)
        assert len(drafts) >= 3
        assert page.locator("mark[id^=span-]").count() >= 3  # each claim's sentence marked
        ship = next(d for d in drafts if d["type"] == "shipment"
                    and d["item"] == "shell_artillery" and d["supplier"] == "KP")
        unsourced = next(d for d in drafts if not d["source"])
        # the draft's sentence is highlighted where the draft points
        start = int(page.input_value(f"input[name='d{ship['i']}.span_start']"))
        end = int(page.input_value(f"input[name='d{ship['i']}.span_end']"))
        assert page.inner_text(f"#span-{ship['i']}") in text[start:end]
        page.check(f"#draft-{ship['i']} input[name=accept]")
        page.check(f"#draft-{unsourced['i']} input[name=accept]")
        _submit(page, "append")
        error = page.locator(f"#f-d{unsourced['i']}-source-e")
        assert error.inner_text() == "is required"
        assert "nothing appended" in page.inner_text("[role=alert]")
        assert _events(cli, 0) == []
        page.fill(f"[name='d{unsourced['i']}.source']", "Analyst desk")
        # another client appends while the drafts are being reviewed
        other = {"type": "shipment", "reported_on": "2024-03-02", "source": "Other analyst",
                 "supplier": "IR", "recipient": "RU", "item": "drone_shahed",
                 "quantity": 400, "unit": "units", "measure": "cumulative",
                 "period_end": "2024-02"}
        req = urllib.request.Request(url + "/api/events", data=json.dumps(other).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req) as answer:
            assert json.loads(answer.read())["first_position"] == 1
        _submit(page, "append")
        moved = page.locator("[data-conflict='409']")
        assert "Other analyst" in moved.inner_text() and "Nothing was appended" in \
            moved.inner_text()
        assert len(_events(cli, 0)) == 1
        assert page.input_value(f"[name='d{unsourced['i']}.source']") == "Analyst desk"
        assert page.is_checked(f"#draft-{ship['i']} input[name=accept]")
        page.screenshot(path=str(ROOT / "test-artifacts" / "review-409.png"), full_page=True)
        _submit(page, "append")
        assert "Appended 2 event(s) at positions 2–3." in page.inner_text("body")
        page.goto(url + "/")
        front = page.inner_text("body")
        assert "North Korea → Russia" in front and "1,000,000" in front
    appended = _events(cli, 1)  # in the order of the drafts on the page
    ticked = sorted([ship, unsourced], key=lambda d: d["i"])
    assert [e["type"] for e in appended] == [d["type"] for d in ticked]
    by_type = {e["type"]: e for e in appended}
    assert by_type["shipment"]["item"] == "shell_artillery"
    assert by_type["shipment"]["quantity_low"] == 1_000_000
    assert by_type[unsourced["type"]]["source"] == "Analyst desk"
    assert all(e["document"] and e["quote"] and e["quote"] in text for e in appended)
    assert problems == []


def test_review_a_saved_web_page(db: Path, tmp_path: Path) -> None:
    """A saved page uploaded instead of pasted text: its readable text is shown with the
    drafts, and the document takes the page's title."""
    text = ARTICLE.read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    saved = tmp_path / "article.html"
    saved.write_text(f"<html><head><title>Saved page</title><script>var x = 1;</script>"
                     f"</head><body><nav>Menu</nav>{paragraphs}</body></html>",
                     encoding="utf-8")
    with running_service(db, "--no-scheduler") as url, \
            browser(url, tmp_path / "profile") as (page, problems):
        page.goto(url + "/review")
        page.set_input_files("input[name=file]", str(saved))
        page.fill("input[name=reported_on]", "2024-03-01")
        _submit(page, "draft")
        assert len(_drafts(page)) >= 3
        assert "Saved page" in page.inner_text(".meta")
        shown = page.inner_text(".article-text")
        assert "var x" not in shown and "Menu" not in shown
    assert problems == []
