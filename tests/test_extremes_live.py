"""Events with extreme but valid values (at the realistic ranges' bounds) never make the
service answer with a 5xx: every page, API route and report still works (issue 28, fix 3)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.service_helpers import serving

PARTIES = ["KP", "RU", "UA", "IR", "EU", "US"]
ITEMS = ["shell_152mm", "shell_155mm", "drone_shahed"]
QUANTITIES = st.sampled_from([0.0, 1e-4, 0.5, 1.0, 999_999.5, 1e9, 1e12])
# reported on a day no later than today (whatever day the test runs); periods within it
REPORTED = st.sampled_from(["1900-01-01", "1900-01-02", "1999-12-31", "2024-06-01"])
PAST = {"1900-01-01": ["1900", "1900-01", "1900-01-01"],
        "1900-01-02": ["1900-01-01", "1900-01-02"],
        "1999-12-31": ["1900", "1999-12-31", "1999"],
        "2024-06-01": ["1900", "2024-05", "2024-06-01"]}
FAR = st.sampled_from(["1900", "1900-01-01", "2200", "2200-12", "2200-12-31"])


@st.composite
def flows(draw: st.DrawFn) -> dict[str, str]:
    supplier, recipient = draw(st.lists(st.sampled_from(PARTIES), min_size=2, max_size=2,
                                        unique=True))
    return {"supplier": supplier, "recipient": recipient, "item": draw(st.sampled_from(ITEMS))}


@st.composite
def quantity(draw: st.DrawFn) -> dict[str, float]:
    lo, mid, hi = sorted(draw(st.lists(QUANTITIES, min_size=3, max_size=3)))
    return draw(st.sampled_from([{"quantity": mid}, {"quantity_low": lo},
                                 {"quantity_high": hi}, {"quantity_low": lo, "quantity_high": hi},
                                 {"quantity_low": lo, "quantity": mid, "quantity_high": hi}]))


@st.composite
def event(draw: st.DrawFn) -> dict[str, Any]:
    reported = draw(REPORTED)
    base = {"reported_on": reported, "source": draw(st.sampled_from(["A", "B " * 99 + "b"])),
            "reliability": draw(st.sampled_from("AF")),
            "credibility": draw(st.sampled_from([1, 6]))}
    kind = draw(st.sampled_from(["shipment", "shipment", "shipment", "pledge", "conversion",
                                 "estimate", "meeting"]))
    unit = draw(st.sampled_from(["rounds", "units", "containers", "metric_tons"]))
    if kind == "shipment":
        end = draw(st.sampled_from(PAST[reported]))
        measure = draw(st.sampled_from(["cumulative", "increment"]))
        extra = {"period_start": "1900"} if measure == "increment" else {}
        return {**base, "type": "shipment", **draw(flows()), **draw(quantity()), "unit": unit,
                "measure": measure, "period_end": end, **extra}
    if kind == "pledge":
        return {**base, "type": "pledge", **draw(flows()), **draw(quantity()), "unit": unit,
                "period_start": "1900-01", "due_by": draw(FAR)}
    if kind == "conversion":
        lo, hi = sorted(draw(st.lists(st.sampled_from([1e-9, 0.001, 1.0, 30.0, 1e9]),
                                      min_size=2, max_size=2)))
        factors = draw(st.sampled_from([{"factor": hi}, {"factor_low": lo, "factor_high": hi}]))
        return {**base, "type": "conversion", "from_unit": unit, "to_unit": "rounds"
                if unit != "rounds" else "units", **factors,
                **({"period_start": draw(FAR)} if draw(st.booleans()) else {})}
    if kind == "estimate":
        return {**base, "type": "estimate", "metric": "stock", **draw(quantity()),
                "unit": unit, "period_end": draw(st.sampled_from(PAST[reported]))}
    return {**base, "type": "meeting", "title": "t", "participants": ["KP", "RU"],
            "period_start": draw(FAR)}


def status_of(url: str, path: str, body: Any = None) -> tuple[int, bytes]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url + path, data=data,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        with exc:  # closes the error's connection at once, not when it is collected
            return exc.code, exc.read()


def test_extreme_valid_values_never_make_a_server_error(db: Path) -> None:
    """Append batches of extreme but valid events; after each, every page, API route, SQL
    over the projections and a report of the newest week answer below 500."""
    with serving(db, "--no-scheduler") as served:
        url = served.url

        @settings(max_examples=20, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow])
        @given(st.lists(event(), min_size=1, max_size=5))
        def check(events: list[dict[str, Any]]) -> None:
            status, body = status_of(url, "/api/events", {"events": events})
            assert status == 201, body
            paths = ["/", "/pledges", "/reports", "/api/pledges", "/api/pledges?as_of=2200-12-31",
                     "/api/pledges?as_of=1900-01-01", "/api/events?limit=5", "/api/verify"]
            for e in events:
                if "supplier" in e and e["type"] != "estimate":
                    flow = {k: e[k] for k in ("supplier", "recipient", "item")}
                    paths.append("/flow/{supplier}/{recipient}/{item}".format(**flow))
                    query = urllib.parse.urlencode(flow)
                    paths.append(f"/api/claims?{query}")
                    for freq in ("event", "week", "month"):
                        for as_of in ("", "&as_of=2200-12-31", "&as_of=1900-01-01"):
                            paths.append(f"/api/timeline?{query}&freq={freq}{as_of}")
            for path in paths:
                status, body = status_of(url, path)
                assert status < 500, (path, body[:300])
            for query in ("SELECT * FROM timeline", "SELECT * FROM pledge_status",
                          "SELECT sum(quantity) AS s, max(factor) AS f FROM events"):
                status, body = status_of(url, "/api/sql", {"query": query})
                assert status == 200, (query, body[:300])
            status, body = status_of(url, "/api/reports", {"week": "latest"})
            assert status == 201, body[:300]
            week = json.loads(body)["week"]
            for name in ("report.html", "report.md", "report.json"):
                status, body = status_of(url, f"/reports/{week}/{name}")
                assert status == 200, (name, body[:300])

        check()
