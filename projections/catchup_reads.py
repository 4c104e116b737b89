"""What the timeline and pledge catch-ups (``catchup_timeline``, ``catchup_pledges``) read
from the typed tables during one catch-up, read once and shared."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import polars as pl

from supplyline.events.connection import over, registered

from .conversion import MODIFIER_COLUMNS, Factors, conversions_of, modifiers_of
from .frames import TAKERS, out_events

Flow = tuple[str, str, str]


class Reads:
    """What both projections read from the typed tables during one catch-up, read once:
    the events after a position (and those they retract or supersede), and every event
    that can take another out or convert a claim (from ``events_side``). The timeline step
    also leaves here what the pledge step may skip (``steady``)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._touched: dict[int, pl.DataFrame] = {}
        self._takers: pl.DataFrame | None = None
        self._out: tuple[dict[str, tuple[str, str]], Any] | None = None
        self._convs: list[Factors] | None = None  # for modifiers_for
        # set by a resume from position ``steady_since``: flows whose finished timeline rows
        # before their resume date kept their values, each with that date
        self.steady: dict[Flow, dt.date] = {}
        self.steady_since: int | None = None

    def touched(self, since: int) -> pl.DataFrame:
        if since not in self._touched:
            self._touched[since] = read_touched(self.con, since)
        return self._touched[since]

    def takers(self) -> pl.DataFrame:
        """Conversions, retractions and corrections (of any type), in no set order (what
        needs log order sorts what it keeps)."""
        if self._takers is None:
            # only what ``modifiers_of`` reads of them
            cols = ", ".join(MODIFIER_COLUMNS)
            self._takers = self.con.sql(f"SELECT {cols} FROM events_side WHERE {TAKERS}").pl()
        return self._takers

    def out_and_conversions(self) -> tuple[dict[str, tuple[str, str]], Any]:
        """What can take a claim out or convert it, from the whole log."""
        if self._out is None:
            self._out = modifiers_of(self.takers().sort("position"))
        return self._out

    def modifiers_for(self, ids: pl.Series) -> tuple[dict[str, tuple[str, str]], Any]:
        """``out_and_conversions`` for the events ``ids`` only: what takes one of them out,
        and the conversions. The same answer for those ids, from fewer rows: only the
        takers that retract or supersede one of them, in log order (so ``out_events``
        applies the same precedence). A catch-up that walks a thousand claims again looks
        at a thousand takers, not all 16,000 (at 1M events)."""
        if self._out is not None:  # the whole log's, already made
            return self._out
        if self._convs is None:
            convs = self.takers().filter(pl.col("type") == "conversion")
            self._convs = conversions_of(convs, self._out_of(convs["event_id"]))
        return self._out_of(ids), self._convs

    def _out_of(self, ids: pl.Series) -> dict[str, tuple[str, str]]:
        wanted = ids.cast(pl.String).implode()
        return out_events(self.takers().filter(
            ((pl.col("type") == "retraction") & pl.col("target").is_in(wanted))
            | pl.col("supersedes").is_in(wanted)).sort("position"))


def read_touched(con: duckdb.DuckDBPyConnection, since: int) -> pl.DataFrame:
    """Events after position ``since``, and the events they retract or supersede."""
    cols = "event_id, type, supplier, recipient, item, end_date, target, supersedes"
    new: pl.DataFrame = con.sql(
        f"SELECT {cols} FROM events_flat WHERE position > {int(since)}").pl()
    refs = sorted({x for x in (*new["target"].to_list(), *new["supersedes"].to_list()) if x})
    if not refs:
        return new
    with registered(con, "_refs", pl.DataFrame({"event_id": refs})):
        old: pl.DataFrame = con.sql(
            f"SELECT {cols} FROM events_flat JOIN _refs USING (event_id)").pl()
    return pl.concat([new, old])


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Insert ``frame``'s rows into ``table``, columns by name."""
    if frame.height:  # through a relation: freed at once, also inside the transaction
        over(con, "_frame", frame, f"INSERT INTO {table} BY NAME SELECT * FROM _frame")
