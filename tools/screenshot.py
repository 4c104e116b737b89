"""Open an HTML file in headless Chromium (Debian's package) with the network blocked,
and save a screenshot.

    python tools/screenshot.py REPORT.html OUT.png [WIDTH [HEIGHT]]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def screenshot(html: Path, png: Path, width: int = 1000, height: int = 0) -> list[str]:
    """Render ``html`` and save ``png`` (the whole page, or the top ``height`` pixels);
    returns console errors (empty when clean)."""
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": width, "height": height or 900})
        ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
            "file:") else route.abort())
        page = ctx.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(html.resolve().as_uri())
        page.screenshot(path=str(png), full_page=not height)
        ctx.close()
    return errors


if __name__ == "__main__":
    size = [int(x) for x in sys.argv[3:5]]
    errs = screenshot(Path(sys.argv[1]), Path(sys.argv[2]), *size)
    for e in errs:
        print("console error:", e, file=sys.stderr)
    sys.exit(1 if errs else 0)
