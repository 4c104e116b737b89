"""The cumulative supply timeline of a flow, by the method of SPEC §5 (version 2).

Pure functions of an events frame (already filtered by as-of / at-position). Conversion and
exclusion run on every flow at once in polars; the walk is sequential by nature (increments
build on earlier emitted state), so it steps through each flow's dates in Python, over
plain column lists, and results come back as polars frames.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from events import Catalogue
from events.dates import EPOCH

from .frames import out_events
from .grades import Grades

ROW_SCHEMA = {"date": pl.Date, "low": pl.Float64, "central": pl.Float64, "high": pl.Float64,
              "conflict": pl.Boolean, "basis_date": pl.Date, "low_from": pl.String,
              "central_from": pl.String, "high_from": pl.String}
FLOW_SCHEMA = {"supplier": pl.String, "recipient": pl.String, "item": pl.String,
               "unit": pl.String, **ROW_SCHEMA}
Triple = tuple[float | None, float | None, float | None]


@dataclass
class Timeline:
    supplier: str
    recipient: str
    item: str
    unit: str
    rows: pl.DataFrame
    excluded: list[dict[str, str]] = field(default_factory=list)
    _dates: list[dt.date] | None = field(default=None, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "supplier": self.supplier, "recipient": self.recipient, "item": self.item,
            "unit": self.unit,
            "rows": [{"date": r["date"].isoformat(), "low": _f(r["low"]),
                      "central": _f(r["central"]), "high": _f(r["high"]),
                      "conflict": bool(r["conflict"]),
                      "basis_date": r["basis_date"].isoformat(), "low_from": r["low_from"],
                      "central_from": r["central_from"], "high_from": r["high_from"]}
                     for r in self.rows.iter_rows(named=True)],
            "excluded": self.excluded,
        }

    def value_at(self, day: dt.date) -> dict[str, Any] | None:
        """The last row on or before ``day`` (None if there is none)."""
        if self._dates is None:
            self._dates = self.rows["date"].to_list()
        i = bisect.bisect_right(self._dates, day)
        return self.rows.row(i - 1, named=True) if i else None


def _f(x: float | None) -> float | None:
    return None if x is None else float(x)


# -- step 3: conversion -------------------------------------------------------------------
@dataclass(frozen=True)
class Factors:
    """A visible conversion event as step 3 uses it: from which unit to which, for which
    item, valid from when, with its low, central and high factors."""

    event_id: str
    position: int
    from_unit: str
    to_unit: str
    item: str | None
    start: dt.date | None
    factors: Triple  # low, central, high; never None


_CONVERSION_FIELDS = ("event_id", "position", "from_unit", "to_unit", "item", "start_date",
                      "factor", "factor_low", "factor_high")
# What ``modifiers_of`` reads of the events: ``out_events`` and ``conversions_of``.
MODIFIER_COLUMNS = ("type", "target", "supersedes", *_CONVERSION_FIELDS)


def conversions_of(events: pl.DataFrame, out: dict[str, Any]) -> list[Factors]:
    # select before filtering: a filter copies every column it keeps
    convs = events.select("type", *_CONVERSION_FIELDS).filter(pl.col("type") == "conversion")
    result = []
    for eid, position, from_unit, to_unit, item, start, f, lo, hi in zip(
            *(convs[c].to_list() for c in _CONVERSION_FIELDS), strict=True):
        if eid in out:
            continue
        low = lo if lo is not None else f
        high = hi if hi is not None else f
        central = f if f is not None else (low + high) / 2
        result.append(Factors(eid, position, from_unit, to_unit, item, start,
                                 (low, central, high)))
    return result


def modifiers_of(events: pl.DataFrame) -> tuple[dict[str, tuple[str, str]], list[Factors]]:
    """What in ``events`` takes a claim out (``out_events``) or converts one."""
    out = out_events(events)
    return out, conversions_of(events, out)


# -- step 4: bounds of one claim, and the canonical unit -----------------------------------
def bounds(q: pl.Expr, lo: pl.Expr, hi: pl.Expr) -> dict[str, pl.Expr]:
    """low, central, high of claims: only quantity gives all three; otherwise the given
    bounds, the missing side unbounded (null); central is quantity, else the mean of both
    bounds, else the one bound."""
    only_q = lo.is_null() & hi.is_null()
    return {"low": pl.when(only_q).then(q).otherwise(lo),
            "central": pl.coalesce(q, (lo + hi) / 2, lo, hi),
            "high": pl.when(only_q).then(q).otherwise(hi)}


def canonical_unit(catalogue: Catalogue, item: pl.Expr) -> pl.Expr:
    """The catalogue's canonical unit of each item."""
    units = {code: it.unit for code, it in catalogue.items.items()}
    return item.replace_strict(units, return_dtype=pl.String)


SHIPMENT_COLUMNS = ["event_id", "position", "end_date", "measure", "start_date", "unit",
                    "quantity", "quantity_low", "quantity_high", "item"]
FLOW_KEYS = ["supplier", "recipient", "item"]
# What the walk reads of shipments, in any order (it sorts what it needs)
WALK_COLUMNS = ["type", "supplier", "recipient", *SHIPMENT_COLUMNS]
# An empty frame from DuckDB has null-typed columns: cast, so every step sees its types.
SHIPMENT_SCHEMA = pl.Schema({
    "supplier": pl.String, "recipient": pl.String, "item": pl.String, "event_id": pl.String,
    "position": pl.Int64, "end_date": pl.Date, "measure": pl.String, "start_date": pl.Date,
    "unit": pl.String, "quantity": pl.Float64, "quantity_low": pl.Float64,
    "quantity_high": pl.Float64})
# ... and what a grade filter reads besides
GRADED_SCHEMA = pl.Schema([*SHIPMENT_SCHEMA.items(), ("reliability", pl.String),
                           ("credibility", pl.Int32)])


def out_frame(out: dict[str, tuple[str, str]]) -> pl.DataFrame:
    """``out_events`` as a frame to join: event_id, how (retracted|superseded), by."""
    return pl.DataFrame({"event_id": list(out), "how": [h for h, _ in out.values()],
                         "by": [b for _, b in out.values()]},
                        schema={"event_id": pl.String, "how": pl.String, "by": pl.String})


def out_reasons(ids: pl.Series, out: dict[str, tuple[str, str]]) -> pl.Series:
    """Why each event of ``ids`` is out ("retracted by r1"), null if it is not: a lookup,
    cheaper than a join that keeps order. Only the ids present become reasons (one flow's
    claims, not every out event of the log)."""
    known = ids.filter(ids.is_in(pl.Series(list(out), dtype=pl.String).implode()))
    reasons = {e: "{} by {}".format(*out[e]) for e in known.to_list()}
    return ids.replace_strict(reasons, default=None, return_dtype=pl.String)


def _conversion_frame(convs: list[Factors]) -> pl.DataFrame:
    """One row per (from, to, item, valid-from): the highest position wins a tie (step 3);
    an absent valid-from sorts before every date."""
    frame = pl.DataFrame(
        [(c.from_unit, c.to_unit, c.item, c.start or dt.date.min, c.position, c.event_id,
          *c.factors) for c in convs], orient="row",
        schema={"from_unit": pl.String, "to_unit": pl.String, "conv_item": pl.String,
                "valid_from": pl.Date, "conv_position": pl.Int64, "conv_id": pl.String,
                "f_low": pl.Float64, "f_central": pl.Float64, "f_high": pl.Float64})
    return (frame.sort("valid_from", "conv_position")
            .group_by("from_unit", "to_unit", "conv_item", "valid_from", maintain_order=True)
            .last())


def pick_factors(need: pl.DataFrame, convs: list[Factors]) -> pl.DataFrame:
    """For each row of ``need`` (row, unit, canon, item, day): the event id and factors of
    the conversion step 3 picks, item-specific before generic (nulls: none visible)."""
    if need.height == 0 or not convs:
        return need.select("row", conv_id=pl.lit(None, pl.String),
                           **{f: pl.lit(None, pl.Float64) for f in ("f_low", "f_central",
                                                                    "f_high")})
    table = _conversion_frame(convs)
    need = need.sort("day")
    specific = need.join_asof(
        table.filter(pl.col("conv_item").is_not_null()).sort("valid_from"),
        left_on="day", right_on="valid_from", by_left=["unit", "canon", "item"],
        by_right=["from_unit", "to_unit", "conv_item"], strategy="backward",
        check_sortedness=False)
    generic = need.select("row").join(
        need.join_asof(table.filter(pl.col("conv_item").is_null()).sort("valid_from"),
                       left_on="day", right_on="valid_from", by_left=["unit", "canon"],
                       by_right=["from_unit", "to_unit"], strategy="backward",
                       check_sortedness=False).select("row", "conv_position", "conv_id",
                                                      "f_low", "f_central", "f_high"),
        on="row", how="left", maintain_order="left")
    has = pl.col("conv_position").is_not_null()
    return specific.select("row", *[
        pl.when(has).then(pl.col(f)).otherwise(generic[f]).alias(f)
        for f in ("conv_id", "f_low", "f_central", "f_high")])


def claims_frame(ships: pl.DataFrame, catalogue: Catalogue, convs: list[Factors],
                 out: dict[str, tuple[str, str]], grades: Grades | None = None
                 ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Steps 2-4 and 9 for every flow in ``ships`` at once: (claims in the canonical unit,
    exclusions with their reasons and positions). Both keep the shipments' order.
    With active ``grades``, ``ships`` carries ``reliability`` and ``credibility``."""
    schema = SHIPMENT_SCHEMA if not (grades and grades.active) else GRADED_SCHEMA
    f = ships.select(list(schema)).cast(schema).with_row_index("row")
    f = f.with_columns(canon=canonical_unit(catalogue, pl.col("item")),
                       out_reason=out_reasons(f["event_id"], out))  # null unless out
    if grades and grades.active:  # step 9: after visibility, before conversion
        f = f.with_columns(out_reason=pl.coalesce(
            "out_reason", pl.when(grades.below()).then(grades.reason())))
    convert = pl.col("out_reason").is_null() & (pl.col("unit") != pl.col("canon"))
    factors = pick_factors(f.filter(convert).select("row", "unit", "canon", "item",
                                                    day="end_date"), convs)
    # the rest as one lazy plan: each output takes only its own columns and rows
    f_lazy = f.lazy().join(factors.lazy(), on="row", how="left", maintain_order="left")
    f_lazy = f_lazy.with_columns(
        reason=pl.when(pl.col("out_reason").is_not_null()).then(pl.col("out_reason"))
        .when(convert & pl.col("f_central").is_null()).then(pl.format(
            "no visible conversion from {} to {} for {} valid on {}", "unit", "canon", "item",
            pl.col("end_date").cast(pl.String))))
    excluded = f_lazy.filter(pl.col("reason").is_not_null()).select(
        *FLOW_KEYS, date="end_date", event_id="event_id", reason="reason", position="position")
    step4 = bounds(pl.col("quantity"), pl.col("quantity_low"), pl.col("quantity_high"))
    claims = f_lazy.filter(pl.col("reason").is_null()).select(
        *FLOW_KEYS, day="end_date", increment=pl.col("measure") == "increment",
        position="position", start="start_date", event_id="event_id",
        **{b: pl.when(convert).then(step4[b] * pl.col(k)).otherwise(step4[b])
           for b, k in (("low", "f_low"), ("central", "f_central"), ("high", "f_high"))})
    claims_out, excluded_out = pl.collect_all([claims, excluded])
    return claims_out, excluded_out


# -- steps 5-7 and 10: walk, envelope, clip, provenance -----------------------------------
# A state the walk emitted: (date, L, C, H, the claim L comes from)
State = tuple[dt.date, float | None, float | None, float | None, str | None]


def walk_frame(claims: pl.DataFrame,
               history: dict[tuple[str, str, str], list[State]] | None = None
               ) -> pl.DataFrame:
    """Step 5 for every flow in ``claims``: the states each flow emitted (date, L, C, H)
    and the claims they come from (step 10: ``raw_low_from``, ``raw_central_from``,
    ``raw_high_from``), before the envelope and clipping, ordered by flow and date.

    ``history`` resumes flows: the states already emitted on dates before every claim of
    that flow in ``claims`` (ascending). Increments look their base up in it, and the
    running state starts from its last entry, exactly as if the walk had run over those
    dates again.

    The walk is sequential by nature (an increment builds on what was emitted before its
    period), but only from one date to the next: every claim of a date takes its base from
    states emitted before that date. So polars first reduces each date to what the walk
    needs of it, and Python steps through dates, not claims:

    - the date's last claim (an increment if the date has any, since increments sort after
      cumulative claims) gives C and H, and names both;
    - L takes the highest low of the date: of its cumulative claims, and of its increments
      grouped by period start (one base each), ``base + max(lows)``. Floating-point
      addition never decreases as a term grows, so that equals the highest ``base + low``
      exactly. L names the first claim in walk order that reaches it (cumulative claims
      before increments, then by position), and only if it rises above the L before: a
      later claim with an equal low does not take it over. (Two increments of one group
      whose different lows give the same float sum are told apart by their lows, not
      their sums; whole quantities below 2^53 never meet that case.)
    """
    # flows numbered in key order, so the sort is over numbers (strings cost ten times more)
    key_frame = claims.select(FLOW_KEYS).unique().sort(FLOW_KEYS)
    keys = key_frame.rows()
    fid, inc = pl.col("fid"), pl.col("increment")
    # days as integers (days since 1970): a hundred times cheaper to hand to Python
    day = pl.col("day").cast(pl.Int32)
    # one sort key: flow, then date (every date fits in 22 bits), then increments last
    date_key = fid.cast(pl.Int64) * (1 << 22) + (day - day.min())
    numbered = (claims.with_columns(fid=pl.lit(0, pl.UInt32)) if len(keys) == 1  # one flow
                else claims.join(key_frame.with_row_index("fid"), on=FLOW_KEYS, how="left"))
    # ``row``: the claim's row in ``claims``, which names it (event_id) at the end
    ordered = numbered.with_row_index("row").select(
        "fid", "row", "position", "low", "central", "high", "increment", day=day,
        start=pl.col("start").cast(pl.Int32), key=date_key * 2 + inc.cast(pl.Int64))
    # claims read by a plain scan come in log order: a stable sort on the key keeps it
    ordered = (ordered.sort("key", maintain_order=True) if ordered["position"].is_sorted()
               else ordered.sort("key", "position"))
    # g: the date's number in the walk
    date = pl.col("key") // 2
    ordered = ordered.with_columns(g=(date != date.shift(1)).fill_null(True).cum_sum())
    last = ordered.filter(pl.col("g") != pl.col("g").shift(-1).fill_null(-1))
    # the first claim of a group reaching its highest low (rows are in walk order)
    first_max = pl.col("low").arg_max()
    cum_low = ordered.filter(~inc).group_by("g").agg(
        cum_low=pl.col("low").max(), cum_row=pl.col("row").get(first_max))
    inc_low = ordered.filter(inc).group_by("g", "start").agg(
        inc_low=pl.col("low").max(), inc_row=pl.col("row").get(first_max),
        inc_pos=pl.col("position").get(first_max))
    # increments of a date with another period start than its last claim's (rare)
    others = inc_low.join(last.select("g", "start"), on=["g", "start"], how="anti",
                          nulls_equal=True).sort("g", "start")
    extra: dict[int, list[tuple[int | None, float | None, int, int]]] = {}
    for g, start, low, row, pos in others.select("g", "start", "inc_low", "inc_row",
                                                  "inc_pos").iter_rows():
        extra.setdefault(g, []).append((start, low, row, pos))
    cols = (last.join(cum_low, on="g", how="left", maintain_order="left")
            .join(inc_low, on=["g", "start"], how="left", nulls_equal=True,
                  maintain_order="left")
            .select("fid", first=(fid != fid.shift(1)).fill_null(True), g="g", day="day",
                    cum_low="cum_low", cum_row="cum_row", increment="increment",
                    start="start", inc_low="inc_low", inc_row="inc_row", inc_pos="inc_pos",
                    central="central", high="high"))
    history = history or {}
    n_claims = claims.height
    past_ids: list[str | None] = []  # claims named by resumed states: rows n_claims + i
    # one emitted state per date of ``cols``
    o_low: list[float | None] = []
    o_cen: list[float | None] = []
    o_high: list[float | None] = []
    o_lrow: list[int | None] = []
    # the flow's emitted states so far, one list per value: floats and ints are not tracked
    # by the cyclic garbage collector, tuples are (whose full passes would slow the walk)
    days: list[int] = []
    s_low: list[float | None] = []
    s_cen: list[float | None] = []
    s_high: list[float | None] = []
    L: float | None = None
    L_row: int | None = None
    for f, first, g, d, cum, cum_row, increment, start, low, low_row, low_pos, central, \
            high in zip(*(cols[c].to_list() for c in cols.columns), strict=True):
        if first:
            past = history.get(keys[f], [])
            days = [(h[0] - EPOCH).days for h in past]
            s_low = [h[1] for h in past]
            s_cen = [h[2] for h in past]
            s_high = [h[3] for h in past]
            L = s_low[-1] if past else None
            L_row = None
            if past and past[-1][4] is not None:
                L_row = n_claims + len(past_ids)
                past_ids.append(past[-1][4])
        if cum is not None and (L is None or cum > L):
            L, L_row = cum, cum_row
        if increment:
            # the state last emitted on a date before the increment's period start
            j = bisect.bisect_left(days, start) if start is not None else len(days)
            if j:
                b0, b1, b2 = s_low[j - 1], s_cen[j - 1], s_high[j - 1]
                low = None if low is None or b0 is None else b0 + low
                central = None if central is None or b1 is None else b1 + central
                high = None if high is None or b2 is None else b2 + high
            for start, other, row, pos in extra.get(g, ()):
                j = bisect.bisect_left(days, start) if start is not None else len(days)
                if j:
                    b0 = s_low[j - 1]
                    other = None if other is None or b0 is None else b0 + other
                if other is not None and (low is None or other > low
                                          or (other == low and pos < low_pos)):
                    low, low_row, low_pos = other, row, pos
            if low is not None and (L is None or low > L):
                L, L_row = low, low_row
        days.append(d)
        s_low.append(L)
        s_cen.append(central)
        s_high.append(high)
        o_low.append(L)
        o_cen.append(central)
        o_high.append(high)
        o_lrow.append(L_row)
    names = claims["event_id"]
    if past_ids:
        names = pl.concat([names, pl.Series(past_ids, dtype=pl.String)])
    last_row = last["row"]
    raw_central = pl.Series(o_cen, dtype=pl.Float64)
    raw_high = pl.Series(o_high, dtype=pl.Float64)
    return key_frame.select(pl.all().gather(cols["fid"])).with_columns(
        date=cols["day"].cast(pl.Date),
        raw_low=pl.Series(o_low, dtype=pl.Float64),
        raw_central=raw_central,
        raw_high=raw_high,
        raw_low_from=names.gather(pl.Series(o_lrow, dtype=pl.UInt32)),
        raw_central_from=names.gather(_where(raw_central.is_not_null(), last_row)),
        raw_high_from=names.gather(_where(raw_high.is_not_null(), last_row)))


def _where(mask: pl.Series, values: pl.Series) -> pl.Series:
    """``values`` where ``mask`` holds, else null."""
    return pl.select(pl.when(mask).then(values)).to_series()


def finish(states: pl.DataFrame) -> pl.DataFrame:
    """Steps 6, 7 and 10 on emitted states (as ``walk_frame`` emits them, or in any order
    that has each flow's rows by date): the upper envelope (highs never fall going
    forward), then clip central into [low, high] (nulls ignored); a row whose low exceeds
    its high is a conflict. ``high_from`` is the claim of the row the envelope takes the
    high from (the nearest row at or after this one with the lowest high: on equal highs
    the earlier row keeps it); ``central_from`` follows the clip to ``low_from`` or
    ``high_from``. Rows keep their order; ``basis_date`` is the row's own date."""
    raw_high = pl.col("raw_high")
    high = raw_high.reverse().cum_min().forward_fill().reverse().over(FLOW_KEYS)
    # a row sets the envelope for the rows before it where its high is the lowest from it on
    sets = raw_high.is_not_null() & (raw_high == pl.col("high"))
    high_from = (pl.when(sets).then(pl.col("raw_high_from")).reverse().forward_fill()
                 .reverse().over(FLOW_KEYS))
    lo, ce, hi = pl.col("raw_low"), pl.col("raw_central"), pl.col("high")
    raised = pl.max_horizontal(ce, lo)
    to_high = hi.is_not_null() & (raised > hi)
    to_low = lo.is_not_null() & (ce < lo)
    return states.with_columns(high=high).with_columns(high_from=high_from).select(
        *FLOW_KEYS, "date", low=lo,
        central=pl.when(ce.is_null()).then(None).otherwise(pl.min_horizontal(raised, hi)),
        high="high", conflict=(lo > hi).fill_null(False), basis_date="date",
        low_from="raw_low_from",
        central_from=pl.when(ce.is_null()).then(None).when(to_high).then(pl.col("high_from"))
        .when(to_low).then(pl.col("raw_low_from")).otherwise(pl.col("raw_central_from")),
        high_from="high_from")


# -- step 8: grids ------------------------------------------------------------------------
def period_start(day: dt.date, freq: str) -> dt.date:
    """The first day of the calendar week (Monday) or month holding ``day``."""
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def period_end(day: dt.date, freq: str) -> dt.date:
    """The last day of the calendar week (Sunday) or month holding ``day`` (the last date
    there is, past it)."""
    try:
        if freq == "week":
            return day + dt.timedelta(days=6 - day.weekday())
        nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    except OverflowError:  # December 9999, or its last week
        return dt.date.max
    return nxt - dt.timedelta(days=1)


def regrid(rows: pl.DataFrame, freq: str, until: dt.date | None) -> pl.DataFrame:
    """One row per calendar week/month, dated at its end, carrying the last event row."""
    if freq == "event" or rows.height == 0:
        return rows
    first = period_end(rows["date"][0], freq)
    last = period_end(until or rows["date"][-1], freq)
    if first > last:
        ends = pl.Series("date", [], pl.Date)
    elif freq == "week":
        ends = pl.date_range(first, last, "1w", eager=True)
    else:  # month ends: the first of each month through ``last``, moved to its last day
        ends = pl.date_range(first.replace(day=1), last, "1mo", eager=True).dt.month_end()
    grid = pl.DataFrame({"date": ends}, schema={"date": pl.Date})
    return grid.join_asof(rows.sort("date"), on="date", strategy="backward")


# -- putting it together ------------------------------------------------------------------
def timeline_frames(events: pl.DataFrame, catalogue: Catalogue,
                    only: set[tuple[str, str, str]] | None = None,
                    out: dict[str, tuple[str, str]] | None = None,
                    convs: list[Factors] | None = None,
                    history: dict[tuple[str, str, str], list[State]] | None = None,
                    grades: Grades | None = None,
                    ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Emitted states (flow, date, raw_low, raw_central, raw_high and the claims they come
    from) and exclusions (flow, date, event_id, reason) of every flow with a shipment claim
    in ``events`` (or of ``only``), computed in one pass.
    ``history`` resumes flows from states already emitted (see ``walk_frame``)."""
    out = out_events(events) if out is None else out
    convs = conversions_of(events, out) if convs is None else convs
    # only the columns the walk reads: filtering all of a wide frame's columns costs a report
    # time on every call
    schema = GRADED_SCHEMA if grades and grades.active else SHIPMENT_SCHEMA
    ships = events.lazy().filter(pl.col("type") == "shipment").select(list(schema))
    if only is not None:
        ships = ships.join(flow_frame(only).lazy(), on=FLOW_KEYS, how="semi",
                           maintain_order="left")
    claims, excluded = claims_frame(ships.collect(), catalogue, convs, out, grades)
    # by flow, then log position, whatever order the shipments came in
    return walk_frame(claims, history), excluded.sort(*FLOW_KEYS, "position").drop("position")


def all_timelines(events: pl.DataFrame, catalogue: Catalogue,
                  only: set[tuple[str, str, str]] | None = None, grades: Grades | None = None
                  ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Timelines of every flow (or of ``only``): (rows frame ``FLOW_SCHEMA``, excluded
    frame), sorted by flow then date (rows) or position (exclusions)."""
    states, excluded = timeline_frames(events, catalogue, only, grades=grades)
    rows = finish(states).with_columns(unit=canonical_unit(catalogue, pl.col("item")))
    return (rows.select(list(FLOW_SCHEMA)),
            excluded.select(*FLOW_KEYS, "event_id", "reason"))


def compute_timeline(events: pl.DataFrame, catalogue: Catalogue, supplier: str, recipient: str,
                     item: str, *, freq: str = "event", as_of: dt.date | None = None,
                     out: dict[str, tuple[str, str]] | None = None,
                     convs: list[Factors] | None = None,
                     grades: Grades | None = None) -> Timeline:
    """The timeline of one flow from already-visible events (SPEC §5)."""
    unit = catalogue.items[item].unit
    states, excluded = timeline_frames(events, catalogue, {(supplier, recipient, item)}, out,
                                       convs, grades=grades)
    rows = finish(states).select(list(ROW_SCHEMA))
    return Timeline(supplier, recipient, item, unit, regrid(rows, freq, as_of),
                    excluded.select("event_id", "reason").to_dicts())


def flow_frame(flows: set[tuple[str, str, str]]) -> pl.DataFrame:
    """``flows`` as a frame (supplier, recipient, item) to join on, sorted."""
    return pl.DataFrame(sorted(flows), schema=dict.fromkeys(FLOW_KEYS, pl.String),
                        orient="row")


def flows(events: pl.DataFrame) -> list[tuple[str, str, str]]:
    """Every (supplier, recipient, item) with at least one shipment claim, sorted."""
    ships = events.filter(pl.col("type") == "shipment")
    keys = ships.select(FLOW_KEYS).unique()
    return sorted(keys.iter_rows())
