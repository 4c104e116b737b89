"""Invariants of method version 2 that hold for any log (Hypothesis): grade filters only
ever remove claims, explanations add up and agree with full recomputation, and the
incremental catch-up gives the rows and provenance of a rebuild."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supplyline.events import Catalogue, EventLog, PartialDate
from supplyline.projections import Window, catch_up, compute_timeline, load_events
from supplyline.projections.explain import explain, explain_many
from supplyline.projections.frames import acting_on_flow
from supplyline.projections.grades import Grades
from tests.projection_helpers import conv, frame, retract, ship, validated
from tests.reference_timeline import reference_rows

FLOW = ("KP", "RU", "shell_152mm")
qty = st.integers(min_value=0, max_value=5_000_000).map(float)
month = st.integers(min_value=0, max_value=29).map(lambda m: f"{2022 + m // 12}-{m % 12 + 1:02d}")
grade = st.tuples(st.sampled_from("ABCDEF"), st.integers(1, 6))
filters = st.builds(Grades, st.none() | st.sampled_from("ABCDEF"), st.none() | st.integers(1, 6))


@st.composite
def graded_logs(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Two flows, every grade, conversions, reported any time after the period began;
    corrections and retractions refer back to earlier claims."""
    recs: list[dict[str, Any]] = [conv("k", factor_low=300, factor_high=500,
                                       day="2022-01-01")]
    shipped: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 14))):
        lo, hi = sorted(draw(st.lists(qty, min_size=2, max_size=2)))
        q = draw(st.sampled_from([{"quantity": lo}, {"quantity_low": lo, "quantity_high": hi},
                                  {"quantity_low": lo}, {"quantity_high": hi}]))
        end = draw(month)
        late = draw(st.integers(0, 400))
        kw: dict[str, Any] = {
            "end": end, "unit": draw(st.sampled_from(["rounds", "rounds", "containers",
                                                    "metric_tons"])),
            "supplier": draw(st.sampled_from(["KP", "KP", "IR"])),
            "day": (PartialDate(end).first + dt.timedelta(days=late)).isoformat()}
        if draw(st.booleans()):
            kw.update(measure="increment", start=draw(month.filter(end.__ge__)))
        r, c = draw(grade)
        shipped.append({**ship(f"s{i}", **kw, **q), "reliability": r, "credibility": c})
    recs += shipped
    for i in range(draw(st.integers(0, 2))):
        fix = dict(draw(st.sampled_from(shipped)))
        fix.update(event_id=f"c{i}", supersedes=fix["event_id"], quantity=draw(qty))
        fix.pop("quantity_low", None)
        fix.pop("quantity_high", None)
        recs.append(fix)
    for i in range(draw(st.integers(0, 2))):
        target = draw(st.sampled_from(shipped))
        recs.append(retract(f"r{i}", target["event_id"], day=target["reported_on"]))
    # later conversions, some for the flow's item and units, some for others (which an
    # explanation may take in without recomputing the flow), some retracted again
    converted = []
    for i in range(draw(st.integers(0, 3))):
        day = (dt.date(2022, 1, 1) + dt.timedelta(days=draw(st.integers(0, 1000)))).isoformat()
        converted.append(conv(
            f"k{i}", day=day, from_unit=draw(st.sampled_from(["containers", "metric_tons"])),
            item=draw(st.sampled_from(["shell_152mm", "shell_artillery", None])),
            start=draw(st.none() | month), factor=float(draw(st.integers(100, 900)))))
    recs += converted
    for i, target in enumerate(draw(st.lists(st.sampled_from(converted), max_size=1, unique_by=id))
                               if converted else []):
        recs.append(retract(f"rk{i}", target["event_id"], day=target["reported_on"]))
    return recs


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graded_logs(), filters)
def test_graded_rows_and_ids_match_the_claim_by_claim_reading(
        recs: list[dict[str, Any]], grades: Grades) -> None:
    """With any grade filter, every row, id and exclusion is what the plain transcription
    of SPEC §5 (steps 1-11) gives."""
    events, cat = frame(recs)
    want_rows, want_excluded = reference_rows(events, cat, FLOW, grades.min_reliability,
                                              grades.min_credibility)
    tl = compute_timeline(events, cat, *FLOW, grades=grades)
    assert tl.as_dict()["rows"] == want_rows
    assert tl.excluded == want_excluded


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graded_logs(), filters)
def test_grade_filters_only_remove_claims(recs: list[dict[str, Any]], grades: Grades) -> None:
    """The filtered timeline is the timeline of the log without the claims the filter
    leaves out (a retraction of such a claim goes with it; a correction of it stays, as a
    correction takes its target out either way)."""
    events, cat = frame(recs)
    dropped = {r["event_id"] for r in recs if r["type"] == "shipment" and (
        (grades.min_reliability and r["reliability"] > grades.min_reliability)
        or (grades.min_credibility and r["credibility"] > grades.min_credibility))}
    kept = []
    for r in recs:
        if r["event_id"] in dropped or r.get("target") in dropped:
            continue
        if r.get("supersedes") in dropped:
            r = {k: v for k, v in r.items() if k != "supersedes"}
        kept.append(r)
    fewer, _ = frame(kept)
    filtered = compute_timeline(events, cat, *FLOW, grades=grades).as_dict()["rows"]
    plain = compute_timeline(fewer, cat, *FLOW).as_dict()["rows"]
    assert filtered == plain


def _row(events: Any, cat: Catalogue, day: dt.date, grades: Grades) -> dict[str, Any]:
    tl = compute_timeline(events, cat, *FLOW, grades=grades)
    row = tl.value_at(day)
    if row is None:
        return {"low": 0.0, "central": 0.0, "high": None}
    return {k: row[k] for k in ("low", "central", "high")}


def _minus(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    return {k: None if a[k] is None or b[k] is None else a[k] - b[k] for k in a}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graded_logs(), st.integers(0, 1400), st.integers(1, 500), filters)
def test_explanations_agree_with_recomputing_after_every_event(
        recs: list[dict[str, Any]], start: int, span: int, grades: Grades) -> None:
    """from, to and every contribution equal the rows recomputed from scratch after each
    newly visible event in log order; the contributions add up to the change; events that
    change nothing are left out."""
    d1 = dt.date(2022, 1, 1) + dt.timedelta(days=start)
    d2 = d1 + dt.timedelta(days=span)
    events, cat = frame(recs, Window(as_of=d2))
    got = explain(events, cat, FLOW, d1, d2, grades)
    known = events.filter(events["reported_on"] <= d1)
    arriving = events.filter(events["reported_on"] > d1).sort("position")
    before = _row(known, cat, d2, grades)
    assert got["from"] == before
    want = []
    for i in range(arriving.height):
        now = known.vstack(arriving.head(i + 1)).sort("position")
        after = _row(now, cat, d2, grades)
        if after != before:
            event = arriving.row(i, named=True)
            want.append((event["event_id"], _minus(after, before)))
        before = after
    assert got["to"] == before
    assert [(c["event_id"], {k: c[k] for k in ("low", "central", "high")})
            for c in got["contributions"]] == want
    for bound in ("low", "central", "high"):
        steps = [c[bound] for c in got["contributions"]]
        if got["change"][bound] is not None and None not in steps:
            assert abs(sum(steps) - got["change"][bound]) <= 1e-6 * max(
                1.0, abs(got["to"][bound] or 0), abs(got["from"][bound] or 0))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graded_logs(), st.integers(0, 1400), st.integers(1, 500), filters)
def test_explaining_many_flows_at_once_gives_each_flow_s_own_explanation(
        recs: list[dict[str, Any]], start: int, span: int, grades: Grades) -> None:
    """The report explains every flow in one pass (``explain_many``): for each flow, the
    same answer as ``explain`` on that flow's events alone."""
    d1 = dt.date(2022, 1, 1) + dt.timedelta(days=start)
    d2 = d1 + dt.timedelta(days=span)
    events, cat = frame(recs, Window(as_of=d2))
    flows = [FLOW, ("IR", "RU", "shell_152mm")]
    mine = {flow: acting_on_flow(events, flow) for flow in flows}
    assert explain_many(mine, cat, d1, d2, grades) == {
        flow: explain(mine[flow], cat, flow, d1, d2, grades) for flow in flows}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graded_logs(), st.lists(st.integers(1, 4), min_size=1, max_size=6))
def test_catch_up_after_each_batch_equals_a_rebuild_with_provenance(
        recs: list[dict[str, Any]], sizes: list[int]) -> None:
    """Appending in batches (back-dated claims, corrections and retractions among them)
    with a catch-up after each gives the same timeline rows and ids, exclusions and pledge
    status as one rebuild."""
    cat = Catalogue.builtin()
    events = validated(recs, cat)
    today = dt.date(2025, 6, 1)
    with tempfile.TemporaryDirectory() as tmp, EventLog(Path(tmp) / "c.duckdb") as log:
        done = 0
        for n in sizes:
            if done < len(events):
                log.append(events[done:done + n])
                done += n
                catch_up(log.con, cat, today)
        if done < len(events):
            log.append(events[done:])
            catch_up(log.con, cat, today)
        tables = {"timeline": "supplier, recipient, item, date",
                  "timeline_excluded": "supplier, recipient, item, event_id",
                  "pledge_status": "event_id"}
        incremental = {t: log.con.execute(f"SELECT * FROM {t} ORDER BY {o}").fetchall()
                       for t, o in tables.items()}
        catch_up(log.con, cat, today, full=True)
        assert {t: log.con.execute(f"SELECT * FROM {t} ORDER BY {o}").fetchall()
                for t, o in tables.items()} == incremental
        # and the view equals the in-memory computation of the same events
        mine = log.con.execute("SELECT date, low, central, high, conflict, low_from, "
                               "central_from, high_from FROM timeline WHERE supplier = 'KP' "
                               "AND recipient = 'RU' AND item = 'shell_152mm' ORDER BY date"
                               ).fetchall()
        rows = compute_timeline(load_events(log.con), cat, *FLOW).as_dict()["rows"]
        assert [(r[0].isoformat(), *r[1:]) for r in mine] == [
            (r["date"], r["low"], r["central"], r["high"], r["conflict"], r["low_from"],
             r["central_from"], r["high_from"]) for r in rows]
