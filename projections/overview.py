"""Every flow at a glance, read from the materialised projections (materialise.py), so a
page over a log of millions of events costs milliseconds: each flow's latest timeline row,
its month grid for small charts, when its latest claim was made public and how many
claims arrived since a day.

The ``timeline`` view applies the envelope (SPEC §5 step 6) and the clip (step 7) to every
stored state, a window over all of them; here they are applied only where needed: at a
flow's last state the envelope is its own high, and at a month's last state it is the
lowest high of that state and of every later month. ``tests/test_overview.py`` checks
both against the view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb
import polars as pl

from supplyline.events.connection import registered

from .frames import TAKERS

# each flow's last stored state, finished as the timeline view finishes it
LATEST = """
SELECT supplier, recipient, item, any_value(unit) AS unit, max(date) AS date,
       arg_max_null(raw_low, date) AS low, arg_max_null(raw_central, date) AS raw_central,
       arg_max_null(raw_high, date) AS high, arg_max_null(raw_low_from, date) AS low_from,
       arg_max_null(raw_central_from, date) AS raw_central_from,
       arg_max_null(raw_high_from, date) AS high_from
FROM timeline_state GROUP BY supplier, recipient, item
"""
FINISHED = """
SELECT supplier, recipient, item, unit, date, low,
       least(greatest(raw_central, low), high) AS central, high,
       coalesce(low > high, false) AS conflict,
       CASE WHEN raw_central IS NULL THEN NULL
            WHEN high IS NOT NULL AND greatest(raw_central, low) > high THEN high_from
            WHEN low IS NOT NULL AND raw_central < low THEN low_from
            ELSE raw_central_from END AS central_from
FROM ({inner})
"""
# per flow and month: the month's last state, and the lowest high of every later month
MONTHS = """
WITH m AS (
    SELECT supplier, recipient, item, last_day(date) AS month, max(date) AS basis_date,
           arg_max_null(raw_low, date) AS low, arg_max_null(raw_central, date) AS raw_central,
           arg_max_null(raw_high, date) AS own_high, min(raw_high) AS month_high
    FROM timeline_state {where} GROUP BY ALL)
SELECT supplier, recipient, item, month, basis_date, low,
       least(greatest(raw_central, low), high) AS central, high
FROM (SELECT *, least(own_high, min(month_high) OVER (
          PARTITION BY supplier, recipient, item ORDER BY month
          ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)) AS high FROM m)
ORDER BY supplier, recipient, item, month
"""


Flow = tuple[str, str, str]


def _flows_in(flows: list[Flow] | None, alias: str = "") -> tuple[str, list[str]]:
    """A condition keeping only ``flows`` (all when None), with its parameters."""
    if flows is None:
        return "true", []
    if not flows:
        return "false", []
    p = f"{alias}." if alias else ""
    # ORs of equalities: DuckDB filters the scan with them (a tuple IN list it does not:
    # four times slower for one flow)
    return ("(" + " OR ".join(f"({p}supplier = ? AND {p}recipient = ? AND {p}item = ?)"
                              for _ in flows) + ")", [x for f in flows for x in f])


def latest_rows(con: duckdb.DuckDBPyConnection, flows: list[Flow] | None = None
                ) -> list[dict[str, Any]]:
    """Each flow's latest timeline row (as the ``timeline`` view has it), by flow; only
    ``flows`` when given."""
    cond, params = _flows_in(flows)
    inner = LATEST.replace("FROM timeline_state", f"FROM timeline_state WHERE {cond}")
    cur = con.execute(FINISHED.format(inner=inner) + " ORDER BY supplier, recipient, item",
                      params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def month_grid(con: duckdb.DuckDBPyConnection, flows: list[tuple[str, str, str]] | None = None
               ) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Each flow's timeline at the end of every month that has a row (the values of the
    month's last row, ``basis_date``); only ``flows`` when given."""
    if flows is not None and not flows:
        return {}
    cond, params = _flows_in(flows)
    cur = con.execute(MONTHS.format(where=f"WHERE {cond}"), params)
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for s, r, i, month, basis, low, central, high in cur.fetchall():
        out.setdefault((s, r, i), []).append(
            {"date": month, "basis_date": basis, "low": low, "central": central,
             "high": high})
    return out


def latest_claims(con: duckdb.DuckDBPyConnection, flows: list[Flow] | None = None
                  ) -> dict[Flow, dt.date]:
    """Per flow: the day its latest claim in use (not retracted or superseded) was made
    public; only ``flows`` when given."""
    cond, params = _flows_in(flows, "e")
    rows = con.execute(
        "WITH gone AS (SELECT target AS id FROM events_side WHERE type = 'retraction' "
        "UNION ALL SELECT supersedes FROM events_side WHERE supersedes IS NOT NULL) "
        "SELECT supplier, recipient, item, max(reported_on) FROM events_flat e "
        f"ANTI JOIN gone g ON e.event_id = g.id WHERE e.type = 'shipment' AND {cond} "
        "GROUP BY ALL", params).fetchall()
    return {(s, r, i): d for s, r, i, d in rows}


def new_claims(con: duckdb.DuckDBPyConnection, since: dt.date) -> dict[Flow, int]:
    """Per flow: how many shipment claims were made public on or after ``since``."""
    return {(s, r, i): n for s, r, i, n in con.execute(
        "SELECT supplier, recipient, item, count(*) FROM events_flat WHERE type = 'shipment' "
        "AND reported_on >= ? GROUP BY ALL", [since]).fetchall()}


def sources_of(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Who made each claim in ``ids``: source, outlet, grade, day made public."""
    if not ids:
        return {}
    cur = con.execute("SELECT event_id, source, via, reliability, credibility, reported_on "
                      "FROM events_flat WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
                      [sorted(set(ids))])
    return {r[0]: {"source": r[1], "via": r[2], "reliability": r[3], "credibility": r[4],
                   "reported_on": r[5]} for r in cur.fetchall()}


def events_since(con: duckdb.DuckDBPyConnection, since: dt.date) -> dict[str, int]:
    """How many events of each type were made public on or after ``since``."""
    return dict(con.execute("SELECT type, count(*) FROM events_flat WHERE reported_on >= ? "
                            "GROUP BY type", [since]).fetchall())


# -- every flow's headline, kept up to date ----------------------------------------------
@dataclass(frozen=True)
class Overview:
    """Every flow's headline at a log position: its latest timeline row, the day its latest
    claim in use was made public, and who made the claim the central value rests on.
    ``refresh`` brings it to the head reading only the flows new events can change."""

    position: int
    flows: dict[Flow, dict[str, Any]]


def projected_position(con: duckdb.DuckDBPyConnection) -> int:
    """The log position the materialised timeline was built from."""
    rows = con.execute("SELECT position FROM projection_state WHERE name = 'timeline'"
                       ).fetchall()
    return int(rows[0][0]) if rows else 0


def overview(con: duckdb.DuckDBPyConnection, flows: list[Flow] | None = None,
             position: int | None = None) -> Overview:
    """The headlines of every flow (only ``flows`` when given) from the projections."""
    rows = latest_rows(con, flows)
    if flows is None:
        latest = latest_claims(con)
        sources = sources_of(con, [r["central_from"] for r in rows if r["central_from"]])
    else:  # a few flows: their claims in one read
        latest, sources = _few_flows(con, flows, [r["central_from"] for r in rows
                                                  if r["central_from"]])
    out = {}
    for r in rows:
        key = (r["supplier"], r["recipient"], r["item"])
        out[key] = {**r, "latest_claim": latest.get(key),
                    "rests_on": sources.get(r["central_from"]) if r["central_from"] else None}
    return Overview(projected_position(con) if position is None else position, out)


def _few_flows(con: duckdb.DuckDBPyConnection, flows: list[Flow], ids: list[str]
               ) -> tuple[dict[Flow, dt.date], dict[str, dict[str, Any]]]:
    """``latest_claims`` and ``sources_of(ids)`` for a few flows, in one read."""
    cond, params = _flows_in(flows)
    claims = con.sql(
        "SELECT supplier, recipient, item, event_id, source, via, reliability, credibility, "
        f"reported_on FROM events_flat WHERE type = 'shipment' AND {cond}",
        params=params).pl()
    gone = con.sql("SELECT target AS event_id FROM events_side WHERE type = 'retraction' "
                   "UNION ALL SELECT supersedes FROM events_side WHERE supersedes IS NOT "
                   "NULL").pl()
    used = claims.join(gone, on="event_id", how="anti")
    latest = {(s, r, i): d for s, r, i, d in used.group_by("supplier", "recipient", "item")
              .agg(pl.col("reported_on").max()).iter_rows()}
    named = claims.filter(pl.col("event_id").is_in(ids)).select(
        "event_id", "source", "via", "reliability", "credibility", "reported_on")
    return latest, {r["event_id"]: {k: v for k, v in r.items() if k != "event_id"}
                    for r in named.iter_rows(named=True)}


def refresh(con: duckdb.DuckDBPyConnection, old: Overview) -> Overview:
    """``old`` brought to the projections' position: the flows of new shipments and of the
    claims new events retract or correct are read again, the others kept. A conversion
    (new, retracted or corrected) can change any flow: everything is read again."""
    head = projected_position(con)
    if head == old.position:
        return old
    if head < old.position:
        return overview(con, position=head)
    new = con.execute(
        "SELECT type, supplier, recipient, item, target, supersedes FROM events_flat "
        "WHERE position > ? AND position <= ?", [old.position, head]).fetchall()
    if any(t == "conversion" for t, *_ in new):
        return overview(con, position=head)
    touched = {(s, r, i) for t, s, r, i, _, _ in new if t == "shipment"}
    refs = sorted({x for *_, target, sup in new for x in (target, sup) if x})
    if refs:
        found = con.execute(
            "SELECT type, supplier, recipient, item FROM events_flat WHERE event_id IN "
            "(SELECT unnest(?::VARCHAR[]))", [refs]).fetchall()
        if any(t == "conversion" for t, *_ in found):
            return overview(con, position=head)
        touched |= {(s, r, i) for t, s, r, i in found if t == "shipment"}
    flows = {k: v for k, v in old.flows.items() if k not in touched}
    if touched:
        flows.update(overview(con, sorted(touched), head).flows)
    return Overview(head, dict(sorted(flows.items())))


# -- one flow, a page at a time -------------------------------------------------------------
class FlowReader:
    """One flow's claims as a page shows them: the flow's shipments (only the columns a
    claim table reads) and only the takers that can act on the flow (as ``acting_on_flow``
    keeps them), each read once."""

    def __init__(self, con: duckdb.DuckDBPyConnection, flow: tuple[str, str, str]) -> None:
        from .claims import CLAIM_ROW_COLUMNS
        from .conversion import MODIFIER_COLUMNS, modifiers_of

        self.con, self.flow = con, flow
        self.index: pl.DataFrame = con.sql(
            f"SELECT {', '.join(CLAIM_ROW_COLUMNS)} FROM events_flat WHERE "
            "type = 'shipment' AND supplier = ? AND recipient = ? AND item = ?",
            params=list(flow)).pl()
        cols = ", ".join(("position", "event_id", "reported_on", *MODIFIER_COLUMNS))
        with registered(con, "_mine", self.index.select("event_id")):
            takers: pl.DataFrame = con.sql(
                f"WITH acted AS (SELECT event_id FROM _mine UNION ALL SELECT event_id FROM "
                "events_side WHERE type = 'conversion') "
                f"SELECT {cols} FROM events_side WHERE {TAKERS} AND (type = 'conversion' OR "
                "target IN (SELECT event_id FROM acted) OR supersedes IN (SELECT event_id "
                "FROM acted)) ORDER BY position").pl()
        self.takers = takers
        self.out, self.convs = modifiers_of(takers)
        self.gone = set(self.out)

    @property
    def count(self) -> int:
        return self.index.height

    def source(self, event_id: str) -> dict[str, Any] | None:
        """Who made one of the flow's claims (as ``sources_of``)."""
        found = self.index.filter(pl.col("event_id") == event_id).select(
            "source", "via", "reliability", "credibility", "reported_on")
        return found.row(0, named=True) if found.height else None

    def latest_claim(self) -> dt.date | None:
        """The day the latest claim in use was made public."""
        kept = self.index.filter(~pl.col("event_id").is_in(sorted(self.gone)))
        return kept["reported_on"].max() if kept.height else None  # type: ignore[return-value]

    def page(self, limit: int, offset: int) -> pl.DataFrame:
        """A page of the flow's claims, the latest made public first."""
        return (self.index.sort(["reported_on", "position"], descending=True)
                .slice(offset, limit))

    def for_chart(self, most: int) -> pl.DataFrame:
        """At most ``most`` claims that are not out, evenly spaced in date order (as the
        chart thins them)."""
        kept = (self.index.filter(~pl.col("event_id").is_in(sorted(self.gone)))
                .sort(["end_date", "position"]))
        if kept.height > most:
            step = kept.height / most
            kept = kept[[int(i * step) for i in range(most)]]
        return kept

    def arriving(self, since: dt.date) -> int:
        """How many events made public after ``since`` can act on the flow: its claims and
        the takers kept (what ``explain`` walks one at a time)."""
        return (self.index.filter(pl.col("reported_on") > since).height
                + self.takers.filter(pl.col("reported_on") > since).height)


def flow_pledges(con: duckdb.DuckDBPyConnection, flow: tuple[str, str, str]
                 ) -> list[dict[str, Any]]:
    """The flow's pledges in force (``pledge_status``) with the day each was made."""
    rows = con.execute("SELECT p.event_id, p.pledged, p.due_by, e.start_date FROM "
                       "pledge_status p JOIN events_side e USING (event_id) WHERE "
                       "p.supplier = ? AND p.recipient = ? AND p.item = ? AND p.pledged > 0 "
                       "ORDER BY e.start_date, p.event_id", list(flow)).fetchall()
    return [{"event_id": i, "pledged": p, "due_by": d, "start": s.isoformat() if s else None}
            for i, p, d, s in rows]


def party_meetings(con: duckdb.DuckDBPyConnection, parties: tuple[str, str]
                   ) -> list[dict[str, Any]]:
    """Meetings either party took part in that are not retracted or superseded, in date
    order."""
    rows = con.execute(
        "WITH gone AS (SELECT target AS id FROM events_side WHERE type = 'retraction' "
        "UNION ALL SELECT supersedes FROM events_side WHERE supersedes IS NOT NULL) "
        "SELECT event_id, start_date, title FROM events_flat e ANTI JOIN gone g ON "
        "e.event_id = g.id WHERE type = 'meeting' AND (list_contains(participants, ?) OR "
        "list_contains(participants, ?)) ORDER BY start_date, position",
        list(parties)).fetchall()
    return [{"event_id": i, "date": d.isoformat(), "title": t} for i, d, t in rows]


def timeline_rows(con: duckdb.DuckDBPyConnection, flow: tuple[str, str, str]
                  ) -> list[dict[str, Any]]:
    """The flow's rows of the ``timeline`` view (SPEC §5 at the head, no grade filter)."""
    cur = con.execute("SELECT date, low, central, high, conflict, low_from, central_from, "
                      "high_from FROM timeline WHERE supplier = ? AND recipient = ? AND "
                      "item = ? ORDER BY date", list(flow))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
