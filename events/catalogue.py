"""Parties, items and units: codes, names and aliases, extensible without editing code.

The built-in catalogue lives in ``catalogue.json``; users add entries with
``supplyline catalogue add-party|add-item|add-alias``, stored in the log file so a log
always carries the catalogue its events were validated against.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

UNITS = ("rounds", "units", "containers", "metric_tons", "EUR", "USD", "percent")
_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")
_ITEM = re.compile(r"^[a-z][a-z0-9_]{1,63}$")


def _key(text: str) -> str:
    """Loose key for alias matching: case, dots, hyphens and spacing don't matter."""
    return re.sub(r"[\s._\-]+", " ", text.strip().casefold()).strip()


class UnknownCode(ValueError):
    """A party, item or unit that is not in the catalogue; the message names the closest ones."""


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    unit: str


@dataclass
class Catalogue:
    """Lookup tables for parties, items and units."""

    party_names: dict[str, str] = field(default_factory=dict)
    party_aliases: dict[str, str] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    item_aliases: dict[str, str] = field(default_factory=dict)
    unit_aliases: dict[str, str] = field(default_factory=dict)

    @classmethod
    def builtin(cls) -> Catalogue:
        data = json.loads(resources.files("events").joinpath("catalogue.json").read_text("utf-8"))
        cat = cls()
        for unit, aliases in data["units"].items():
            cat.unit_aliases[_key(unit)] = unit
            for alias in aliases:
                cat.unit_aliases[_key(alias)] = unit
        for code, spec in data["parties"].items():
            cat.add_party(code, spec["name"], spec.get("aliases", []))
        for code, spec in data["items"].items():
            cat.add_item(code, spec["name"], spec["unit"])
        return cat

    # -- extending -------------------------------------------------------------------
    def add_party(self, code: str, name: str, aliases: list[str] | tuple[str, ...] = ()) -> None:
        if not _CODE.match(code):
            raise ValueError(f"party code must be upper-case letters/digits, got {code!r}")
        self.party_names[code] = name
        for alias in (code, name, *aliases):
            self.party_aliases[_key(alias)] = code

    def add_item(self, code: str, name: str, unit: str) -> None:
        if not _ITEM.match(code):
            raise ValueError(f"item code must be lower-case letters, digits and _, got {code!r}")
        self.items[code] = Item(code, name, self.unit(unit))
        self.item_aliases[_key(code)] = code
        self.item_aliases[_key(name)] = code

    def add_alias(self, kind: str, alias: str, code: str) -> None:
        if kind == "party":
            self.party(code)
            self.party_aliases[_key(alias)] = self.party(code)
        elif kind == "item":
            self.item_aliases[_key(alias)] = self.item(code).code
        else:
            raise ValueError("alias kind must be 'party' or 'item'")

    def apply(self, entries: list[dict[str, Any]]) -> Catalogue:
        """Apply user entries (rows of the log's ``catalogue`` table) in order."""
        for e in entries:
            if e["kind"] == "party":
                self.add_party(e["code"], e["name"], json.loads(e["aliases"] or "[]"))
            elif e["kind"] == "item":
                self.add_item(e["code"], e["name"], e["unit"])
            elif e["kind"] in ("party_alias", "item_alias"):
                self.add_alias(e["kind"].split("_")[0], e["name"], e["code"])
        return self

    # -- resolving -------------------------------------------------------------------
    def unit(self, value: str) -> str:
        found = self.unit_aliases.get(value) or self.unit_aliases.get(_key(value))
        if found is None:
            raise UnknownCode(f"unknown unit {value!r} (known: {', '.join(UNITS)})")
        return found

    def party(self, value: str) -> str:
        if value in self.party_names:  # already a code: the common case, no normalising
            return value
        found = self.party_aliases.get(_key(value))
        if found is None:
            raise UnknownCode(_unknown("party", value, self.party_aliases, self.party_names))
        return found

    def item(self, value: str) -> Item:
        if value in self.items:
            return self.items[value]
        found = self.item_aliases.get(_key(value))
        if found is None:
            names = {c: i.name for c, i in self.items.items()}
            raise UnknownCode(_unknown("item", value, self.item_aliases, names))
        return self.items[found]


def _unknown(kind: str, value: str, aliases: dict[str, str], names: dict[str, str]) -> str:
    close = difflib.get_close_matches(_key(value), list(aliases), n=8, cutoff=0.6)
    codes = list(dict.fromkeys(aliases[a] for a in close))[:3]
    if not codes:
        return f"unknown {kind} {value!r} (known: {', '.join(sorted(names))})"
    hint = ", ".join(f"{c} ({names[c]})" for c in codes)
    return f"unknown {kind} {value!r} (closest known: {hint})"
