"""The catalogue as `catalogue list` and `GET /api/catalogue` show it."""

from __future__ import annotations

from typing import Any

import click

from supplyline.events import Catalogue, EventLog

from .output import emit_table


def catalogue_json(cat: Catalogue, log: EventLog | None, kind: str | None,
                   search: str | None) -> dict[str, Any]:
    """The listing (``Catalogue.listing``) and, with a log, which catalogue validated which
    of its positions: ``validated``, spans of ``catalogue_version`` and ``catalogue_seq``
    (the log's own entries 1..seq). Positions appended before versions were recorded were
    validated with version 1, the only one before; the entries in force then are unknown
    (null)."""
    data = cat.listing(kind, search)
    validated: list[dict[str, Any]] = []
    if log is not None:
        head = log.head().position
        uses = [u.as_dict() for u in log.catalogue_uses()]
        first = uses[0]["first_position"] if uses else head + 1
        if first > 1:
            validated.append({"first_position": 1, "last_position": first - 1,
                              "catalogue_version": 1, "catalogue_seq": None,
                              "recorded_at": None})
        validated += uses
    data["validated"] = validated
    return data


def print_catalogue(data: dict[str, Any]) -> None:
    rows: list[tuple[str, ...]] = []
    for p in data["parties"]:
        news = [w for w in p["places"] if w not in p["aliases"]]
        rows.append(("party", p["code"], p["name"], "-",
                     "; ".join([*p["aliases"], *p["demonyms"]]), "; ".join(news)))
    for i in data["items"]:
        rows.append(("item", i["code"], i["name"], i["unit"], "; ".join(i["aliases"]), ""))
    for u in data["units"]:
        rows.append(("unit", u["code"], u["code"], "-", "; ".join(u["aliases"]), ""))
    if rows:
        emit_table(["kind", "code", "name", "unit", "also accepted", "news only"], rows)
    else:
        click.echo("nothing matches")
    extra = f" and {data['additions']} entries of this log" if data["additions"] else ""
    click.echo(f"\nbuilt-in catalogue version {data['version']}{extra}; shown: parties "
               f"{len(data['parties'])}, items {len(data['items'])}, units "
               f"{len(data['units'])}")
    for v in data["validated"]:
        span = f"positions {v['first_position']}-{v['last_position']}"
        if v["catalogue_seq"] is None:
            click.echo(f"{span}: validated with version {v['catalogue_version']} (appended "
                       "before versions were recorded)")
        else:
            own = (f" and this log's entries 1-{v['catalogue_seq']}" if v["catalogue_seq"]
                   else "")
            click.echo(f"{span}: validated with version {v['catalogue_version']}{own}")
