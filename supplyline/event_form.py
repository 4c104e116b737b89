"""One editable event as HTML form fields, and the record a submitted form describes.

Every field of SPEC §2 for each type, labelled, with parties and items chosen from the
catalogue by name. The form sends what the user typed, as a CSV row would (an empty field
is an absent one, participants are joined with ';'), and the server validates it with the
command line's rules, so an error reads the same in both places. Browsers' own checks are
off (``novalidate``): they would stop a form with a message of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from supplyline.events import Catalogue
from supplyline.events.catalogue import UNITS

METRICS = ("stock", "production_rate", "consumption_rate", "capacity_utilisation",
           "supply_share")
PARTIAL = "YYYY, YYYY-MM or YYYY-MM-DD"


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str  # text, textarea, date, partial, number, party, item, unit, choice, list
    required: bool = False
    hint: str = ""
    choices: tuple[str, ...] = ()


COMMON = (
    Field("reported_on", "Reported on", "date", True, "the day the source made it public"),
    Field("source", "Source", "text", True, "who made the claim"),
    Field("via", "Outlet", "text", hint="who carried it, if not the source"),
    Field("url", "URL", "text"),
    Field("reliability", "Source reliability", "choice", hint="Admiralty A (reliable) to F "
          "(cannot be judged)", choices=tuple("ABCDEF")),
    Field("credibility", "Claim credibility", "choice", hint="1 (confirmed) to 6 (cannot be "
          "judged)", choices=tuple("123456")),
    Field("quote", "Quote", "textarea", hint="the words backing the claim"),
    Field("document", "Document", "text", hint="id of a source document the log knows"),
    Field("notes", "Notes", "textarea"),
)
_QUANTITY = (
    Field("quantity", "Quantity", "number", hint="central value"),
    Field("quantity_low", "At least", "number", hint="low bound ('more than')"),
    Field("quantity_high", "At most", "number", hint="high bound ('up to')"),
)
_FLOW = (Field("supplier", "Supplier", "party", True),
         Field("recipient", "Recipient", "party", True),
         Field("item", "Item", "item", True))
TYPES: dict[str, tuple[Field, ...]] = {
    "shipment": (*_FLOW, *_QUANTITY, Field("unit", "Unit", "unit", True),
                 Field("measure", "Measure", "choice", True, "cumulative: the total so far; "
                       "increment: what the period added", ("cumulative", "increment")),
                 Field("period_start", "Period from", "partial", hint="required for an "
                       f"increment; {PARTIAL}"),
                 Field("period_end", "Period to", "partial", True, PARTIAL)),
    "pledge": (*_FLOW, *_QUANTITY, Field("unit", "Unit", "unit", True),
               Field("period_start", "Pledged on", "partial", True, PARTIAL),
               Field("due_by", "Due by", "partial", True, PARTIAL)),
    "estimate": (Field("metric", "Metric", "choice", True, choices=METRICS),
                 *_QUANTITY, Field("unit", "Unit", "unit", True),
                 Field("per", "Per", "choice", hint="required for rates",
                       choices=("day", "week", "month", "year")),
                 Field("period_start", "Period from", "partial", hint=PARTIAL),
                 Field("period_end", "Period to", "partial", True, PARTIAL),
                 Field("subject", "Subject", "party", hint="whose stock or production"),
                 Field("item", "Item", "item"),
                 Field("supplier", "Supplier", "party", hint="for a supply share"),
                 Field("recipient", "Recipient", "party", hint="for a supply share")),
    "meeting": (Field("title", "Title", "text", True),
                Field("participants", "Participants", "list", True, "names or codes, "
                      "separated by ';'"),
                Field("period_start", "From", "partial", True, PARTIAL),
                Field("period_end", "To", "partial", hint=PARTIAL),
                Field("location", "Location", "text")),
    "conversion": (Field("from_unit", "From unit", "unit", True),
                   Field("to_unit", "To unit", "unit", True),
                   Field("factor", "Factor", "number", hint="to-units per from-unit"),
                   Field("factor_low", "Factor at least", "number"),
                   Field("factor_high", "Factor at most", "number"),
                   Field("item", "Item", "item", hint="empty: any item"),
                   Field("period_start", "Valid from", "partial", hint=PARTIAL)),
    "retraction": (Field("target", "Retracts event", "text", True),
                   Field("reason", "Reason", "textarea", True)),
}
TYPE_NAMES = {"shipment": "Shipment (supply that happened)", "pledge": "Pledge",
              "estimate": "Estimate (stock, production, consumption, share)",
              "meeting": "Meeting", "conversion": "Unit conversion",
              "retraction": "Retraction"}


def fields_of(kind: str) -> tuple[Field, ...]:
    """The type's own fields, then the common ones."""
    return (*TYPES[kind], *COMMON)


def _party_options(cat: Catalogue) -> str:
    return _cached(cat, "parties", _build_party_options)


def _item_options(cat: Catalogue) -> str:
    return _cached(cat, "items", _build_item_options)


_OPTIONS: dict[tuple[int, int, str], str] = {}


def _cached(cat: Catalogue, kind: str, build: Any) -> str:
    """Option lists per catalogue (a catalogue is not hashable; it changes only by adding
    entries, which ``additions`` counts)."""
    key = (id(cat), cat.additions, kind)
    if key not in _OPTIONS:
        if len(_OPTIONS) > 32:
            _OPTIONS.clear()
        _OPTIONS[key] = build(cat)
    return _OPTIONS[key]


def _build_party_options(cat: Catalogue) -> str:
    blocs = sorted((p for p in cat.parties.values() if p.kind != "state"),
                   key=lambda p: p.name.casefold())
    states = sorted((p for p in cat.parties.values() if p.kind == "state"),
                    key=lambda p: p.name.casefold())
    group = "".join(f'<option value="{escape(p.code)}">{escape(p.name)} ({escape(p.code)})'
                    "</option>" for p in blocs)
    return (f'<optgroup label="Blocs and groups">{group}</optgroup><optgroup label="States">'
            + "".join(f'<option value="{escape(p.code)}">{escape(p.name)}</option>'
                      for p in states) + "</optgroup>")


def _build_item_options(cat: Catalogue) -> str:
    return "".join(f'<option value="{escape(i.code)}">{escape(i.name)} ({escape(i.unit)})'
                   "</option>" for i in sorted(cat.items.values(), key=lambda i: i.name))


def _select(options: str, value: str, known: set[str], blank: str) -> str:
    """``options`` with ``value`` selected; a value the list lacks (a drafter's guess, a
    name typed elsewhere) is kept as an option of its own, so the server can say why."""
    extra = ""
    if value and value not in known:
        extra = f'<option value="{escape(value)}" selected>{escape(value)} (not in the ' \
                "catalogue)</option>"
    elif value:
        needle = f'<option value="{escape(value)}">'
        options = options.replace(needle, needle[:-1] + " selected>", 1)
    return f'<option value="">{blank}</option>{extra}{options}'


def render_fields(kind: str, values: Mapping[str, Any], cat: Catalogue, *, prefix: str = "",
                  errors: Mapping[str, list[str]] | None = None,
                  hidden: tuple[str, ...] = (), fold: tuple[str, ...] = ()) -> str:
    """The type's fields, filled with ``values``; each error is shown under its field
    (``aria-describedby``). ``hidden`` fields are carried as they are, not shown; ``fold``
    fields go in a closed "More fields" section (open when one of them has an error)."""
    errors = errors or {}
    out = []
    folded: list[str] = []
    for f in fields_of(kind):
        value = _text(values.get(f.name))
        name, fid = f"{prefix}{f.name}", f"f-{prefix}{f.name}".replace(".", "-")
        if f.name in hidden:
            out.append(f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">')
            continue
        problems = errors.get(f.name, [])
        described = f' aria-describedby="{fid}-e"' if problems else ""
        flag = ' aria-invalid="true"' if problems else ""
        req = ' aria-required="true"' if f.required else ""
        attrs = f'id="{fid}" name="{escape(name)}"{req}{flag}{described}'
        if f.kind == "textarea":
            control = f"<textarea {attrs} rows=\"2\">{escape(value)}</textarea>"
        elif f.kind in ("party", "item", "unit", "choice"):
            if f.kind == "party":
                opts = _select(_party_options(cat), value, set(cat.parties), "— choose —")
            elif f.kind == "item":
                opts = _select(_item_options(cat), value, set(cat.items), "— choose —")
            else:
                choices = UNITS if f.kind == "unit" else f.choices
                opts = _select("".join(f'<option value="{c}">{c.replace("_", " ")}</option>'
                                       for c in choices), value, set(choices),
                               "default" if f.name in ("reliability", "credibility")
                               else "— choose —")
            control = f"<select {attrs}>{opts}</select>"
        else:
            kind_attr = {"date": "date", "number": "text"}.get(f.kind, "text")
            mode = ' inputmode="decimal"' if f.kind == "number" else ""
            hint = f' placeholder="{PARTIAL}"' if f.kind == "partial" else ""
            control = (f'<input type="{kind_attr}" {attrs} value="{escape(value)}"'
                       f"{mode}{hint}>")
        label = escape(f.label) + (' <span class="req" aria-hidden="true">*</span>'
                                   if f.required else "")
        help_text = f'<small class="hint">{escape(f.hint)}</small>' if f.hint else ""
        err = (f'<p class="error" id="{fid}-e" data-field="{escape(f.name)}">'
               + "<br>".join(escape(p) for p in problems) + "</p>") if problems else ""
        (folded if f.name in fold else out).append(
            f'<div class="field{" bad" if problems else ""}"><label for="{fid}">'
            f"{label}</label>{control}{help_text}{err}</div>")
    if folded:
        opened = " open" if any(errors.get(name) for name in fold) else ""
        out.append(f'<details class="more"{opened}><summary>More fields: '
                   + ", ".join(f.label for f in fields_of(kind) if f.name in fold)
                   + f'</summary><div class="fields">{"".join(folded)}</div></details>')
    return "".join(out)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def record_from_form(kind: str, form: Mapping[str, str], prefix: str = "",
                     extra: tuple[str, ...] = ("supersedes",)) -> dict[str, Any]:
    """The record a submitted form describes: the type, and each non-empty field as typed
    (a CSV row's rules: participants split on ';'). ``extra`` fields are read too."""
    record: dict[str, Any] = {"type": kind}
    for name in (*(f.name for f in fields_of(kind)), *extra):
        raw = form.get(f"{prefix}{name}")
        if raw is None or not str(raw).strip():
            continue
        value = str(raw).strip()
        if name == "participants":
            record[name] = [p.strip() for p in value.replace("\n", ";").split(";")
                            if p.strip()]
        else:
            record[name] = value
    return record


def editable(record: Mapping[str, Any]) -> dict[str, Any]:
    """A stored event's fields as a form shows them (no log bookkeeping)."""
    keep = {f.name for f in fields_of(record["type"])}
    return {k: v for k, v in record.items() if k in keep and v is not None}
