"""An article's text: a saved web page turned into plain text, its title, its date line.

The text returned here is the document's text: candidates' spans index into it, and their
quotes are cut from it, so nothing later may change it.
"""

from __future__ import annotations

import re
from typing import Any

# elements whose content is never article text
_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "form", "button",
         "select", "nav", "canvas", "object", "embed", "head")
# elements that start a new line of text (paragraphs, headings, list items, cells...)
_BLOCK = frozenset(("address", "article", "aside", "blockquote", "br", "dd", "details",
                    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
                    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
                    "main", "ol", "p", "pre", "section", "summary", "table", "tbody",
                    "td", "tfoot", "th", "thead", "time", "tr", "ul"))
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def html_to_text(html: str) -> str:
    """The readable text of a web page: one line per paragraph, heading or list item;
    scripts, styles, navigation and forms left out; spaces within a line collapsed."""
    from bs4 import BeautifulSoup  # only drafting from HTML needs it
    from bs4.element import Comment, NavigableString, Tag

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    root = soup.body or soup
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                # a line break inside a paragraph is a space; blocks make the lines
                parts.append(str(child) if child.find_parent("pre") else
                             re.sub(r"[\r\n]+", " ", str(child)))
            elif isinstance(child, Tag):
                block = child.name in _BLOCK
                if block:
                    parts.append("\n")
                walk(child)
                if block:
                    parts.append("\n")

    walk(root)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def html_title(html: str) -> str | None:
    """A page's title: its first ``<h1>``, else its ``<title>``."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in (soup.find("h1"), soup.title):
        if tag is not None:
            title = _SPACES.sub(" ", tag.get_text(" ")).strip()
            if title:
                return title[:200]
    return None


def text_title(text: str) -> str | None:
    """A plain text's title: its first non-empty line, shortened to 200 characters."""
    for line in text.splitlines():
        line = _SPACES.sub(" ", line).strip()
        if line:
            return line if len(line) <= 200 else line[:197].rsplit(" ", 1)[0] + " ..."
    return None
