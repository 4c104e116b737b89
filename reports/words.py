"""Numbers and events in words, for readers who are not analysts: one number formatter,
one quantity band, one event summary, and the names of parties, items and pledges."""

from __future__ import annotations

from typing import Any

from supplyline.events import Catalogue
from supplyline.events.describe import summarise
from supplyline.events.numbers import fmt_number

WEAK_RELIABILITY = "EF"
WEAK_CREDIBILITY = (5, 6)


def fmt(x: float | None) -> str:
    """A number for people: thousands separators, two decimals only when needed."""
    return fmt_number(x, missing="–")


def signed(x: float | None) -> str:
    if x is None:
        return "–"
    return "no change" if x == 0 else ("+" if x > 0 else "−") + fmt(abs(x))


def band(low: float | None, high: float | None) -> str:
    """A low–high range in words where a side is open."""
    if low is None and high is None:
        return "unbounded"
    if high is None:
        return f"at least {fmt(low)}"
    if low is None:
        return f"at most {fmt(high)}"
    return f"{fmt(low)} – {fmt(high)}"


def weak(reliability: str | None, credibility: int | None) -> bool:
    """A grade a headline should not rest on without a warning: E or F, or 5 or 6."""
    return (reliability or "F") in WEAK_RELIABILITY or (credibility or 6) in WEAK_CREDIBILITY


class Names:
    """Parties and items by name (the catalogue's), with the code kept for small print."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.cat = catalogue

    def party(self, code: str | None) -> str:
        return "" if code is None else self.cat.party_names.get(code, code)

    def item(self, code: str | None) -> str:
        if code is None:
            return ""
        item = self.cat.items.get(code)
        return item.name if item else code

    def flow(self, supplier: str, recipient: str) -> str:
        return f"{self.party(supplier)} → {self.party(recipient)}"

    def pledge(self, p: dict[str, Any], promised: str | None = None) -> str:
        """``European Union → Ukraine: 1,000,000 rounds of artillery shell by 2024-12``;
        ``promised`` says what was pledged when it cannot be converted."""
        amount = (f"{promised or 'an amount'} (not convertible to {p['unit']})"
                  if p["pledged"] is None else f"{fmt(p['pledged'])} {p['unit']}")
        return (f"{self.flow(p['supplier'], p['recipient'])}: {amount} of "
                f"{self.item(p['item'])} by {p['due_by']}")

    def summarise(self, r: dict[str, Any]) -> str:
        """One plain-English line for an event, with names instead of codes."""
        return summarise(r, fmt, party=self.party, item=self.item)


def projection(p: dict[str, Any], as_of: str) -> str:
    """A pledge's projected completion for people: a date already past without evidence
    of completion is said to be, never shown as if it were still ahead."""
    day = p.get("projected_completion")
    if not day:
        return "–"
    if day < as_of:
        return f"{day}, passed without evidence"
    return str(day)
