"""``POST /api/drafts``: draft event records from an article's text or HTML, as
``supplyline draft`` does; the browser's review page is built on it.

Registering the text as a document is a write (it needs the bearer token when the service
has one); it appends no event. The drafting runs on a worker thread, with our own tokenizer's
pipeline built once for the service's life.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException

from supplyline.events import LogError

from .service import Service

_FIELDS = ("text", "html", "reported_on", "source", "via", "url", "document")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
EXAMPLE = {"text": "Kyiv, 12 March 2025\nThe ministry said Ruritania had sent 40,000 "
                   "artillery shells to Ukraine so far.\n",
           "reported_on": "2025-03-12", "via": "Example Wire"}


def drafts_router(service: Service, require_token: Callable[..., Any]) -> APIRouter:
    router = APIRouter(tags=["drafts"])

    @router.post("/api/drafts", dependencies=[Depends(require_token)])
    def drafts(body: Any = Body(..., examples=[EXAMPLE])) -> dict[str, Any]:  # noqa: B008
        """Register the article (``text``, or ``html`` turned into text) as a document and
        draft its claims: ``{"document": {"document_id", "sha256", "title"}, "text",
        "candidates": [{"record", "span", "missing", "confidence", "why"}]}``. Spans
        index into ``text``. Optional: ``reported_on`` (else a date line in the text),
        ``source``, ``via``, ``url``, ``document`` (its id; default derived from the
        text). Appends no event."""
        from supplyline.ingest.draft import draft_text, register
        from supplyline.ingest.draft.text import html_title, html_to_text

        args = _checked(body)
        html = args.pop("html", None)
        text = html_to_text(html) if html is not None else args.pop("text")
        title = html_title(html) if html is not None else None
        document_id = args.pop("document", None)

        def add(log: Any) -> dict[str, Any]:
            return register(log, text, document_id, title=title, outlet=args.get("via"))

        try:
            doc = service.writer.call(add)
        except LogError as exc:
            raise HTTPException(422, str(exc)) from None
        candidates = draft_text(text, service.catalogue, document=doc["document_id"], **args)
        return {"document": {k: doc[k] for k in ("document_id", "sha256", "title")},
                "text": text, "candidates": candidates}

    return router


def _checked(body: Any) -> dict[str, Any]:
    """The request's fields, checked; 422 naming every problem otherwise."""
    problems: list[str] = []
    if not isinstance(body, dict):
        raise HTTPException(422, "the body must be a JSON object with 'text' or 'html'")
    problems += [f"{k}: unknown field (known: {', '.join(_FIELDS)})"
                 for k in body if k not in _FIELDS]
    given = [k for k in ("text", "html") if body.get(k) is not None]
    if len(given) != 1:
        problems.append("give one of 'text' or 'html'")
    for k in ("text", "html"):
        v = body.get(k)
        if v is not None and (not isinstance(v, str) or not v.strip()):
            problems.append(f"{k}: must be a non-empty string")
    for k in ("source", "via", "document"):
        v = body.get(k)
        if v is not None and (not isinstance(v, str) or not 1 <= len(v.strip()) <= 200):
            problems.append(f"{k}: must be a string of 1-200 characters")
    url = body.get("url")
    if url is not None and (not isinstance(url, str) or not _URL.match(url)):
        problems.append("url: must be an http(s) URL")
    out = {k: v for k, v in body.items() if k in _FIELDS and v is not None}
    day = body.get("reported_on")
    if day is not None:
        parsed = _date(day)
        if isinstance(parsed, str):
            problems.append(f"reported_on: {parsed}")
        else:
            out["reported_on"] = parsed
    if problems:
        raise HTTPException(422, "; ".join(problems))
    return out


def _date(value: Any) -> dt.date | str:
    from supplyline.events.limits import date_problem

    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "must be a date as YYYY-MM-DD"
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return f"not a real date: {value}"
    problem = date_problem(day)
    return problem if problem else day
