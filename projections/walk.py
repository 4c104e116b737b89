"""Steps 5-7 and 10 of the timeline method (SPEC §5): the walk through each flow's dates
(the states it emits), then the envelope, the clip and where each value comes from."""

from __future__ import annotations

import bisect
import datetime as dt
from typing import NamedTuple

import polars as pl

from supplyline.events.dates import EPOCH

from .frames import FLOW_KEYS


class WalkState(NamedTuple):
    """A state the walk emitted: its date, L, C and H, and the claim L comes from."""

    date: dt.date
    low: float | None
    central: float | None
    high: float | None
    low_from: str | None


def walk_frame(claims: pl.DataFrame,
               history: dict[tuple[str, str, str], list[WalkState]] | None = None
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
            days = [(h.date - EPOCH).days for h in past]
            s_low = [h.low for h in past]
            s_cen = [h.central for h in past]
            s_high = [h.high for h in past]
            L = s_low[-1] if past else None
            L_row = None
            if past and past[-1].low_from is not None:
                L_row = n_claims + len(past_ids)
                past_ids.append(past[-1].low_from)
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
