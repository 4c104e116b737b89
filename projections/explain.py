"""Why a flow's timeline changed between two as-of dates (SPEC §5 step 12).

``from`` is the flow's row on or before D2's date computed from the events visible at D1,
``to`` the same from the events visible at D2. The events newly visible at D2 are added to
the D1 set one at a time, in log-position order; each one's contribution is the change it
makes to that row, so the contributions add up to the change.

Recomputing the whole timeline after every event would cost a week's report at 1M events
thousands of timeline computations. Instead the flow's claims and emitted states are
computed once (with the vectorised walk), and each event changes them in place: a new or
corrected claim is converted, inserted and the walk resumed from its date; a retracted or
superseded claim is removed and the walk resumed from its date. Only an event that
changes conversions (a conversion, or the retraction of one) recomputes the flow's claims.
The states are the walk's (step 5); the row read at D2 applies the envelope and clip
(steps 6-7) to it, as ``finish`` does.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

import polars as pl

from supplyline.events import Catalogue
from supplyline.events.dates import EPOCH

from .conversion import CONVERSION_FIELDS, Factors, factors_of, modifiers_of
from .frames import FLOW_KEYS, flow_frame
from .grades import Grades
from .timeline import GRADED_SCHEMA, canonical_unit, claims_frame
from .walk import walk_frame

Triple = tuple[float | None, float | None, float | None]
_NO_ROW: Triple = (0.0, 0.0, None)
EFFECTS = {"shipment": "new claim", "retraction": "retracted", "conversion": "conversion"}


def explain(events: pl.DataFrame, catalogue: Catalogue, flow: tuple[str, str, str],
            d1: dt.date, d2: dt.date, grades: Grades | None = None, *,
            sources: bool = False) -> dict[str, Any]:
    """The explanation of §5.12 as the JSON of ``supplyline explain``. ``events`` are the
    events visible at D2 (as-of D2 and any at-position), ordered by position; they must
    carry the grade columns (``reliability``, ``credibility``). With ``sources``, each
    contribution also says who made the claim (``source``, ``via``, ``reliability``,
    ``credibility``, ``reported_on``), for pages and the text output."""
    if d1 >= d2:
        raise ValueError(f"--from ({d1}) must be before --to ({d2})")
    before = events.filter(pl.col("reported_on") <= d1)
    state = _FlowState(before, catalogue, flow, grades or Grades())
    return _explain(state, events, d1, d2, sources)


def explain_many(flow_events: dict[tuple[str, str, str], pl.DataFrame], catalogue: Catalogue,
                 d1: dt.date, d2: dt.date, grades: Grades | None = None, *,
                 sources: bool = False) -> dict[tuple[str, str, str], dict[str, Any]]:
    """``explain`` for several flows, each with its events as ``explain`` takes them (for
    example ``acting_on_flow``): the same answers, but the flows' states at D1 come from
    one vectorised pass over all of them, not one per flow (a week's report explains
    hundreds of flows)."""
    if d1 >= d2:
        raise ValueError(f"--from ({d1}) must be before --to ({d2})")
    if not flow_events:
        return {}
    grades = grades or Grades()
    befores = {flow: ev.filter(pl.col("reported_on") <= d1) for flow, ev in flow_events.items()}
    union = pl.concat(list(befores.values())).unique("position", keep="first",
                                                     maintain_order=False).sort("position")
    out, convs = modifiers_of(union)
    ships = union.filter(pl.col("type") == "shipment").join(
        flow_frame(set(flow_events)), on=FLOW_KEYS, how="semi")
    claims, _ = claims_frame(ships.select(list(GRADED_SCHEMA)), catalogue, convs, out, grades)
    claims = claims.sort(*FLOW_KEYS, "day", "increment", "position")
    states = walk_frame(claims) if claims.height else claims.clear()
    by_claims = claims.partition_by(FLOW_KEYS, as_dict=True, maintain_order=True)
    by_states = states.partition_by(FLOW_KEYS, as_dict=True, maintain_order=True) \
        if states.height else {}
    units = dict(ships.group_by(FLOW_KEYS).agg(pl.col("unit").unique()).select(
        pl.concat_list(FLOW_KEYS).list.join("\x1f"), "unit").iter_rows())
    foreign = _foreign(ships, catalogue, out, grades).partition_by(
        FLOW_KEYS, as_dict=True, maintain_order=True)
    found = {}
    for flow, events in flow_events.items():
        raw = foreign.get(flow)
        state = _FlowState(befores[flow], catalogue, flow, grades, ready=(
            list(convs), set(units.get("\x1f".join(flow), [])),
            by_claims.get(flow, claims.clear()), by_states.get(flow),
            {} if raw is None else {r["event_id"]: r for r in raw.to_dicts()}))
        found[flow] = _explain(state, events, d1, d2, sources)
    return found


def _explain(state: _FlowState, events: pl.DataFrame, d1: dt.date, d2: dt.date,
             sources: bool) -> dict[str, Any]:
    """§5.12 from the flow's state at D1: the events visible at D2 but not at D1 taken in
    one at a time in log order."""
    flow = state.flow
    arriving = events.filter(pl.col("reported_on") > d1).sort("position")
    start = current = state.row_at(d2)
    contributions = []
    for event in arriving.iter_rows(named=True):
        if not state.add(event):
            continue
        after = state.row_at(d2)
        if after != current:
            effect = ("correction" if event["type"] == "shipment" and event["supersedes"]
                      else EFFECTS[event["type"]])
            contributions.append({"event_id": event["event_id"], "type": event["type"],
                                  "effect": effect, **_bounds(_minus(after, current))})
            if sources:
                contributions[-1].update(
                    {k: event.get(k) for k in ("source", "via", "reliability", "credibility")},
                    reported_on=event["reported_on"].isoformat())
            current = after
    return {"supplier": flow[0], "recipient": flow[1], "item": flow[2], "unit": state.canon,
            "from": _bounds(start), "to": _bounds(current),
            "change": _bounds(_minus(current, start)), "contributions": contributions}


def _minus(a: Triple, b: Triple) -> Triple:
    return tuple(None if x is None or y is None else x - y  # type: ignore[return-value]
                 for x, y in zip(a, b, strict=True))


def _bounds(t: Triple) -> dict[str, float | None]:
    return {"low": t[0], "central": t[1], "high": t[2]}


class _FlowState:
    """One flow's claims in use (in walk order) and the states the walk emitted from them,
    changed one event at a time."""

    def __init__(self, events: pl.DataFrame, catalogue: Catalogue,
                 flow: tuple[str, str, str], grades: Grades,
                 ready: tuple[list[Factors], set[str], pl.DataFrame, pl.DataFrame | None,
                              dict[str, dict[str, Any]]] | None = None) -> None:
        """``events``: the flow's events so far. ``ready``: what ``_rebuild`` would compute
        from them (conversions, units, claims in walk order, states, claims in other
        units), made elsewhere."""
        self.catalogue, self.flow, self.grades = catalogue, flow, grades
        self.canon = catalogue.items[flow[2]].unit
        self.rows: list[dict[str, Any]] = []  # the flow's shipments and every taker, so far
        self.frame = events
        if ready is None:
            self._rebuild()
        else:
            self._adopt(*ready)

    # -- the whole flow, from the events ---------------------------------------------
    def _rebuild(self) -> None:
        events = self.frame
        if self.rows:
            events = pl.concat([events, pl.DataFrame(self.rows, schema=events.schema)]
                               ).sort("position")
            self.frame, self.rows = events, []
        out, convs = modifiers_of(events)
        supplier, recipient, item = self.flow
        ships = events.filter((pl.col("type") == "shipment") & (pl.col("supplier") == supplier)
                              & (pl.col("recipient") == recipient) & (pl.col("item") == item))
        claims, _ = claims_frame(ships.select(list(GRADED_SCHEMA)), self.catalogue, convs,
                                 out, self.grades)
        claims = claims.sort("day", "increment", "position")
        raw = _foreign(ships, self.catalogue, out, self.grades)
        self._adopt(convs, set(ships["unit"].to_list()), claims,
                    walk_frame(claims) if claims.height else None,
                    {r["event_id"]: r for r in raw.to_dicts()})

    def _adopt(self, convs: list[Factors], units: set[str], claims: pl.DataFrame,
               states: pl.DataFrame | None, raw: dict[str, dict[str, Any]]) -> None:
        """Take the flow's conversions, the units of its shipments, its claims (in walk
        order), the states the walk emitted from them, and its claims (in use, passing
        the grade filter) given in another unit than the item's, converted or not."""
        self.convs = convs
        self.raw = raw
        # every unit the flow's claims were given in, in use or not: a conversion from any
        # other unit cannot change a claim of the flow (only claims arriving later)
        self.units = units
        self.keys = [(d, inc, p) for d, inc, p in zip(
            _days(claims["day"]), claims["increment"].to_list(), claims["position"].to_list(),
            strict=True)]
        self.values = list(zip(claims["event_id"].to_list(), _days(claims["start"]),
                               claims["low"].to_list(), claims["central"].to_list(),
                               claims["high"].to_list(), strict=True))
        self.days = [] if states is None else _days(states["date"])
        self.low = [] if states is None else states["raw_low"].to_list()
        self.central = [] if states is None else states["raw_central"].to_list()
        self.high = [] if states is None else states["raw_high"].to_list()

    # -- one event at a time -----------------------------------------------------------
    def add(self, event: dict[str, Any]) -> bool:
        """Take ``event`` in; False when it cannot change this flow's timeline."""
        kind = event["type"]
        if kind not in EFFECTS:  # pledges, estimates, meetings
            return False
        self.rows.append(event)
        if kind == "conversion":
            if event["supersedes"]:
                self._rebuild()
                return True
            conv = factors_of(*(event[f] for f in CONVERSION_FIELDS))
            self.convs.append(conv)
            # only the flow's claims in its unit can change (a week's report had recomputed
            # every flow for every conversion of any item)
            return self._bears_on(conv) and self._reconvert(conv)
        if kind == "retraction":
            target = event["target"]
            gone = next((c for c in self.convs if c.event_id == target), None)
            if gone is not None:
                self.convs.remove(gone)
                return self._bears_on(gone) and self._reconvert(gone)
            return self._remove(target)
        if kind != "shipment":
            return False
        changed = False
        if event["supersedes"]:
            changed = self._remove(event["supersedes"])
        if (event["supplier"], event["recipient"], event["item"]) == self.flow:
            self.units.add(event["unit"])
            changed = self._insert(event) or changed
        return changed

    def _bears_on(self, conv: Factors) -> bool:
        """Whether ``conv`` can convert one of the flow's claims so far (step 3)."""
        return (conv.to_unit == self.canon and conv.item in (self.flow[2], None)
                and conv.from_unit in self.units)

    def _reconvert(self, changed: Factors) -> bool:
        """Convert the flow's claims again that conversion ``changed`` (added or
        retracted) may concern: those in its unit dated from its start. Those whose bounds
        differ (or that can now, or no longer, be converted) are taken out and put back,
        and the walk resumes from the earliest of them."""
        unit = changed.from_unit
        pool = [c for c in self.convs if c.from_unit == unit and c.to_unit == self.canon
                and c.item in (self.flow[2], None)]
        where = {v[0]: v[2:] for v in self.values}
        moved = {}
        for event_id, event in self.raw.items():
            if event["unit"] != unit or (changed.start is not None
                                         and event["end_date"] < changed.start):
                continue
            now = self._bounds(event, pool)
            if where.get(event_id) != now:
                moved[event_id] = (event, now)
        if not moved:
            return False
        keep = [i for i, v in enumerate(self.values) if v[0] not in moved]
        self.keys = [self.keys[i] for i in keep]
        self.values = [self.values[i] for i in keep]
        for event, now in moved.values():
            if now is not None:
                self._place(event, now)
        self._walk_from(min((e["end_date"] - EPOCH).days for e, _ in moved.values()))
        return True

    def _remove(self, event_id: str) -> bool:
        self.raw.pop(event_id, None)
        for i, value in enumerate(self.values):
            if value[0] == event_id:
                day = self.keys[i][0]
                del self.keys[i], self.values[i]
                self._walk_from(day)
                return True
        return False

    def _insert(self, event: dict[str, Any]) -> bool:
        if self.grades.active and (
                (self.grades.min_reliability is not None
                 and event["reliability"] > self.grades.min_reliability)
                or (self.grades.min_credibility is not None
                    and event["credibility"] > self.grades.min_credibility)):
            return False
        if event["unit"] != self.canon:
            self.raw[event["event_id"]] = event
        bounds = self._bounds(event)
        if bounds is None:
            return False  # excluded until a conversion arrives (see _reconvert)
        self._walk_from(self._place(event, bounds))
        return True

    def _bounds(self, event: dict[str, Any], convs: list[Factors] | None = None
                ) -> Triple | None:
        """Steps 3-4 for one claim: its bounds in the item's unit (None: no conversion),
        picking from ``convs`` (by default all the flow's conversions)."""
        bounds = _claim_bounds(event["quantity"], event["quantity_low"],
                               event["quantity_high"])
        if event["unit"] == self.canon:
            return bounds
        conv = _choose(self.convs if convs is None else convs, event["unit"], self.canon,
                       self.flow[2], event["end_date"])
        if conv is None:
            return None
        return tuple(None if v is None or k is None else v * k  # type: ignore[return-value]
                     for v, k in zip(bounds, conv.factors, strict=True))

    def _place(self, event: dict[str, Any], bounds: Triple) -> int:
        """Put a claim among the flow's claims in walk order; its day."""
        day: int = (event["end_date"] - EPOCH).days
        key = (day, event["measure"] == "increment", event["position"])
        start = None if event["start_date"] is None else (event["start_date"] - EPOCH).days
        i = bisect.bisect(self.keys, key)
        self.keys.insert(i, key)
        self.values.insert(i, (event["event_id"], start, *bounds))
        return day

    # -- the walk (step 5), resumed -----------------------------------------------------
    def _walk_from(self, day: int) -> None:
        """Re-walk the claims dated ``day`` or later, from the states emitted before it."""
        cut = bisect.bisect_left(self.days, day)
        del self.days[cut:], self.low[cut:], self.central[cut:], self.high[cut:]
        L = self.low[-1] if self.low else None
        C = H = None
        first = bisect.bisect_left(self.keys, (day,))
        for i in range(first, len(self.keys)):
            d, increment, _ = self.keys[i]
            _, start, low, central, high = self.values[i]
            if increment:
                j = bisect.bisect_left(self.days, start) if start is not None else len(
                    self.days)
                if j:
                    b0, b1, b2 = self.low[j - 1], self.central[j - 1], self.high[j - 1]
                    low = None if low is None or b0 is None else b0 + low
                    central = None if central is None or b1 is None else b1 + central
                    high = None if high is None or b2 is None else b2 + high
            if low is not None and (L is None or low > L):
                L = low
            C, H = central, high
            if i + 1 == len(self.keys) or self.keys[i + 1][0] != d:
                self.days.append(d)
                self.low.append(L)
                self.central.append(C)
                self.high.append(H)

    def row_at(self, day: dt.date) -> Triple:
        """The finished row on or before ``day`` (steps 6-7); no row: 0, 0, unbounded."""
        i = bisect.bisect_right(self.days, (day - EPOCH).days)
        if not i:
            return _NO_ROW
        highs = [h for h in self.high[i - 1:] if h is not None]
        low, central = self.low[i - 1], self.central[i - 1]
        high = min(highs) if highs else None
        if central is not None:
            if low is not None and central < low:
                central = low
            if high is not None and central > high:
                central = high
        return low, central, high


def _foreign(ships: pl.DataFrame, catalogue: Catalogue, out: dict[str, tuple[str, str]],
             grades: Grades) -> pl.DataFrame:
    """Of ``ships``, the claims in use and passing the grade filter whose unit is not their
    item's: those a change of conversions can change."""
    keep = (pl.col("unit") != canonical_unit(catalogue, pl.col("item"))) & ~pl.col(
        "event_id").is_in(pl.Series(list(out), dtype=pl.String).implode())
    if grades.active:
        keep = keep & ~grades.below().fill_null(False)
    return ships.filter(keep).select(*FLOW_KEYS, *_RAW_COLUMNS)


_RAW_COLUMNS = ("event_id", "unit", "end_date", "start_date", "measure", "position",
                "quantity", "quantity_low", "quantity_high")


def _days(column: pl.Series) -> list[Any]:
    """Dates as day numbers (None stays None)."""
    return column.cast(pl.Date).cast(pl.Int32).to_list()


def _claim_bounds(q: float | None, lo: float | None, hi: float | None) -> Triple:
    """Step 4 for one claim (as ``timeline.bounds`` does for a column)."""
    if lo is None and hi is None:
        return q, q, q
    central = q if q is not None else ((lo + hi) / 2 if lo is not None and hi is not None
                                       else lo if lo is not None else hi)
    return lo, central, hi


def _choose(convs: list[Factors], from_unit: str, to_unit: str, item: str,
            day: dt.date) -> Factors | None:
    """Step 3 for one claim (as ``timeline.pick_factors`` does for a column):
    item-specific before generic; then the latest valid-from not after ``day`` (absent:
    valid always); ties go to the higher position."""
    valid = [c for c in convs if c.from_unit == from_unit and c.to_unit == to_unit
             and c.item in (item, None) and (c.start is None or c.start <= day)]
    pool = [c for c in valid if c.item == item] or [c for c in valid if c.item is None]
    return max(pool, key=lambda c: (c.start or dt.date.min, c.position)) if pool else None


__all__ = ["FLOW_KEYS", "explain", "explain_many"]
