"""Drafting event records from an article, for an analyst to review (docs/drafting.md).

``draft_text`` proposes one candidate record per claim of a text, with the sentence it
comes from; ``html_to_text`` turns a saved web page into that text; ``register`` makes
the text a document of the log, so every quote is checked against it. dateparser and
Beautiful Soup load on first use, never when this package is imported.
"""

from .document import register
from .drafter import draft_text
from .text import html_to_text

__all__ = ["draft_text", "html_to_text", "register"]
