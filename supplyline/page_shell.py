"""The service's page shell (the HTML report's, with a navigation bar and form styles) and
the small helpers every page module uses."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

from fastapi.responses import HTMLResponse

from supplyline.reports.render import page

NAV = ('<nav aria-label="Pages"><a href="/">Flows</a> · <a href="/pledges">Pledges</a> · '
       '<a href="/events">Events</a> · <a href="/review">Review an article</a> · '
       '<a href="/events/new">Add an event</a> · <a href="/reports">Reports</a> · '
       '<a href="/docs">API</a></nav>')
SCRIPT = "/static/forms.js"
EXTRA_CSS = (
    "nav{margin:.3rem 0 1rem}nav a{margin-right:.2rem}a{color:#0b4f8a}"
    "form.inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.5rem 0}"
    "form.inline label{display:flex;flex-direction:column;font-size:.85rem}"
    ".fields{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:.6rem}"
    ".field{display:flex;flex-direction:column;min-width:0}"
    ".field label{font-weight:600;font-size:.9rem}"
    ".field input,.field select,.field textarea,textarea.article{font:inherit;padding:.35rem;"
    "border:1px solid #8a94a3;border-radius:4px;width:100%;max-width:100%;"
    "box-sizing:border-box}"
    "textarea.article{width:100%}"
    ".field.bad input,.field.bad select,.field.bad textarea{border:2px solid #b00020}"
    ".hint{color:#555;font-size:.78rem}.req{color:#b00020}"
    ".error{color:#b00020;font-weight:600;margin:.2rem 0}"
    ".notice{background:#eef6ee;border-left:4px solid #2e7d32;padding:.5rem .8rem}"
    ".warning{background:#fff4e5;border-left:4px solid #b26a00;padding:.5rem .8rem}"
    ".problem{background:#fdecee;border-left:4px solid #b00020;padding:.5rem .8rem}"
    "button,.button{font:inherit;padding:.45rem .9rem;border-radius:4px;border:1px solid "
    "#0b4f8a;background:#0b4f8a;color:#fff;cursor:pointer;text-decoration:none;"
    "display:inline-block}button.quiet,.button.quiet{background:#fff;color:#0b4f8a}"
    "a.action{font-size:.85rem;margin-right:.4rem;white-space:nowrap;display:inline-block}"
    "small.code{word-break:break-all}"
    "fieldset{border:1px solid #d6dbe3;border-radius:6px;margin:.8rem 0;padding:.6rem}"
    "legend{font-weight:600;padding:0 .3rem}details.more{grid-column:1/-1}"
    "details.more summary{cursor:pointer;color:#0b4f8a;margin:.2rem 0}"
    ":focus-visible{outline:3px solid #f9a825;outline-offset:2px}"
    ".pager{margin:.6rem 0}.pager a{margin-right:.6rem}"
    ".multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));"
    "gap:10px}.multiples figure{margin:0;border:1px solid #e2e6ec;border-radius:6px;"
    "padding:6px}.multiples figcaption{font-size:.85rem}.spark{width:100%;height:auto}"
    "@media (max-width:600px){.fields{grid-template-columns:1fr}}"
    # the review page: the article beside its drafts (one column on a phone)
    ".review{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.3fr);gap:1rem}"
    ".article-text .text{background:#fafbfc;border:1px solid #e2e6ec;padding:.6rem;"
    "border-radius:6px;max-height:80vh;overflow:auto;position:sticky;top:0}"
    "mark{background:#fff3b0}mark.active{background:#ffd54f;outline:2px solid #b26a00}"
    "fieldset.draft.rejected{opacity:.75}label.accept{font-weight:600;display:block;"
    "margin:.3rem 0}@media (max-width:800px){.review{grid-template-columns:1fr}"
    ".article-text .text{position:static;max-height:none}}")


def html_page(title: str, body: str, status: int = 200, *, script: bool = False
              ) -> HTMLResponse:
    """A page in the shared shell; ``script``: load the forms' small script."""
    return HTMLResponse(page(f"{title} · supplyline",
                             f"<h1>{escape(title)}</h1>{NAV}{body}", EXTRA_CSS,
                             (SCRIPT,) if script else ()), status_code=status)


def flow_url(f: Any) -> str:
    """The flow page of a flow (a mapping with supplier, recipient and item)."""
    return "/flow/" + "/".join(quote(str(f[k]), safe="") for k in
                               ("supplier", "recipient", "item"))


def link(href: str, text: str, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<a href="{escape(href)}"{klass}>{escape(text)}</a>'


def event_actions(event_id: str, kind: str) -> str:
    """Correct and Retract links for an event (a retraction can itself be neither)."""
    if kind == "retraction":
        return ""
    eid = quote(event_id, safe="")
    return (f'<a class="action" href="/events/{eid}/correct" data-action="correct">Correct</a>'
            f'<a class="action" href="/events/{eid}/retract" data-action="retract">Retract</a>')
