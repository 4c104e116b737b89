"""The README's screenshots of the pages, from a real run: the review page with drafts, and
a flow page's claims with their Correct and Retract actions.

    python tools/screenshot_pages.py docs/

Seeds a fresh log, starts `supplyline serve` on loopback, and drives Debian's Chromium
(network blocked) as an analyst would: paste an article (a short one written for this,
not a seed article), draft, fill what the drafter could not, tick two drafts.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

NOW = "2024-06-24T09:00:00Z"
ARTICLE = """Seoul, 27 February 2024
North Korea has sent about 6,700 containers of munitions to Russia since last summer, South \
Korea's defence minister told reporters, enough for some three million 152 mm shells.
Factories in the North are working at full capacity to supply Russia, the minister added.
Ukraine's military intelligence said Iran had delivered at least 2,000 Shahed drones to \
Russia by January.
"""


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright
    from screenshot import ARGS, CHROMIUM

    from supplyline.events import EventLog
    from supplyline.ingest.seed import load_seed
    from tests.service_helpers import running_service

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "team.duckdb"
        with EventLog(db) as log:
            load_seed(log)
        # the clock a few days after the seed's last claims: the flow page's "what changed"
        # has something to say
        with running_service(db, "--no-scheduler", env={"SUPPLYLINE_NOW": NOW}) as url, \
                sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(
                str(Path(tmp) / "profile"), executable_path=CHROMIUM, headless=True,
                args=ARGS, viewport={"width": 1280, "height": 1500})
            ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url)
                      else r.abort())
            page = ctx.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(url + "/review")
            page.fill("textarea[name=text]", ARTICLE)
            page.fill("input[name=via]", "Example Wire")
            page.click("[data-action=draft]")
            drafts = page.locator("fieldset[data-draft]")
            for i in range(min(drafts.count(), 2)):
                n = drafts.nth(i).get_attribute("data-draft")
                if not page.input_value(f"[name='d{n}.source']"):
                    page.fill(f"[name='d{n}.source']", "Ukrainian military intelligence")
                page.check(f"#draft-{n} input[name=accept]")
            page.focus("[name='d0.quantity']")
            page.screenshot(path=str(out / "review.png"))
            page.set_viewport_size({"width": 1280, "height": 760})
            page.goto(url + "/flow/KP/RU/shell_152mm")
            top = page.evaluate("document.querySelector('h2:nth-of-type(2)') && "
                                "[...document.querySelectorAll('h2')].find(h => "
                                "h.textContent.startsWith('Claims side')).offsetTop")
            page.evaluate(f"window.scrollTo(0, {int(top) - 20})")
            page.screenshot(path=str(out / "flow-actions.png"))
            ctx.close()
    if errors:
        sys.exit("console errors: " + "; ".join(errors))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
