"""Registering the drafted text as a document of the log, so quotes are checked against it.

Registering writes the document (sealed, like the catalogue) and appends no event. The
same text registered again under the same id is a no-op; other text under a taken id is
refused.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .text import text_title


def document_digest(text: str) -> str:
    """SHA-256 of the text as UTF-8: for a ``.txt`` file read as is, the file's digest."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_id(text: str) -> str:
    """An id for a text given without one: the same text always gets the same id."""
    return f"doc-{document_digest(text)[:16]}"


def register(log: Any, text: str, document_id: str | None = None, *, title: str | None = None,
             outlet: str | None = None) -> dict[str, Any]:
    """Register ``text`` in ``log`` (an ``EventLog``); returns ``{"document_id", "sha256",
    "title", "registered"}`` (``registered`` false when it was already there).

    :raises LogError: the id is taken by a document with other content.
    """
    sha = document_digest(text)
    document_id = document_id or default_id(text)
    title = title or text_title(text)
    added = log.add_document(document_id, sha, title=title, outlet=outlet, text=text)
    return {"document_id": document_id, "sha256": sha, "title": title, "registered": added}
