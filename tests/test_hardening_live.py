"""The service against a client with network access and no token (issue 28), on a real
`supplyline serve` on loopback: memory measured from the service's processes."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.conftest import shipment
from tests.service_helpers import MemoryWatch, serving, tree_rss

MB = 1024 * 1024


def call(url: str, path: str, body: Any = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, Any, dict[str, str]]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url + path, data=data, method=method,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            raw, status, got = r.read(), r.status, dict(r.headers)
    except urllib.error.HTTPError as exc:
        with exc:  # closes the error's connection at once, not when it is collected
            raw, status, got = exc.read(), exc.code, dict(exc.headers)
    try:
        return status, json.loads(raw), got
    except ValueError:
        return status, raw.decode("utf-8", "replace"), got


def sql(url: str, query: str, **extra: Any) -> tuple[int, Any]:
    status, body, _ = call(url, "/api/sql", {"query": query, **extra})
    return status, body


def parallel(fn: Callable[[Any], Any], items: list[Any]) -> list[Any]:
    with ThreadPoolExecutor(len(items)) as pool:
        return list(pool.map(fn, items))


# -- 1. memory and SQL --------------------------------------------------------------------
def test_hostile_sql_in_parallel_stays_under_a_memory_ceiling(seeded: Path) -> None:
    """Eight parallel queries that would take gigabytes each (a 2 GB string, 20 million
    rows) are refused with a message; the service's processes stay under 1.5 GB, at most two
    queries run at once, and the service goes on answering."""
    hostile = (["SELECT repeat('x', 2000000000)"] * 4
               + ["SELECT range, range::VARCHAR FROM range(20000000)"] * 4)
    with serving(seeded, "--no-scheduler", "--sql-memory", "512") as served, \
            MemoryWatch(served.proc, 1536 * MB) as watch:
        answers = parallel(lambda q: sql(served.url, q), hostile)
        health = call(served.url, "/health")[0]
    assert not watch.killed, f"the service passed 1.5 GB (peak {watch.peak // MB} MB)"
    assert watch.most_workers <= 2
    assert health == 200
    for query, (status, body) in zip(hostile, answers, strict=True):
        assert status == 422, (query, status, body)
        if "repeat" in query:
            assert "needed more than the 512 MB a query may use" in body["detail"]
        else:
            assert "more than 100000 rows" in body["detail"] and "LIMIT" in body["detail"]


def test_sql_answers_over_the_caps_say_how_to_narrow_the_query(seeded: Path) -> None:
    """Row and size caps: 422 naming the cap and how to narrow; under them, the answer."""
    with serving(seeded, "--no-scheduler", "--sql-max-rows", "10", "--sql-max-mb",
                 "1") as served:
        assert sql(served.url, "SELECT * FROM range(10)") == (
            200, {"columns": ["range"], "rows": [[i] for i in range(10)]})
        status, body = sql(served.url, "SELECT * FROM range(11)")
        assert status == 422 and "more than 10 rows" in body["detail"]
        status, body = sql(served.url, "SELECT repeat('x', 600000) FROM range(3)")
        assert status == 422 and "larger than 1 MB" in body["detail"]
        status, body = sql(served.url, "SELECT count(*) FROM range(1000000000000)",
                           timeout=1)
        assert status == 408 and "longer than 1 s" in body["detail"]
        assert sql(served.url, "SELECT count(*) AS n FROM events")[1]["rows"] == [[37]]


def test_sql_can_require_the_token(seeded: Path, cli: Any) -> None:
    """--sql-requires-token: SQL needs the bearer token like writes; without a token set
    the option is refused."""
    with serving(seeded, "--no-scheduler", "--sql-requires-token",
                 env={"SUPPLYLINE_TOKEN": "t0k"}) as served:
        assert sql(served.url, "SELECT 1")[0] == 401
        status, body, _ = call(served.url, "/api/sql", {"query": "SELECT 1 AS one"},
                               {"Authorization": "Bearer t0k"})
        assert (status, body) == (200, {"columns": ["one"], "rows": [[1]]})
        assert call(served.url, "/api/events?limit=1")[0] == 200  # other reads stay open
        assert cli("sql", "SELECT 1 AS one", "--json",
                   env={"SUPPLYLINE_TOKEN": "t0k"}).json() == [{"one": 1}]
    r = cli("serve", "--sql-requires-token", "--port", "1", env={"SUPPLYLINE_TOKEN": ""})
    assert r.code == 2 and "needs a token" in r.err


# -- 2. paged reads and verify ---------------------------------------------------------------
@pytest.fixture(scope="module")
def large_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A log of 200,000 generated events (bench/generate.py)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from generate import write_csv

    from supplyline.events import EventLog
    from supplyline.ingest import ingest

    folder = tmp_path_factory.mktemp("large")
    source = write_csv(folder / "events.csv", 200_000)
    with EventLog(folder / "log.duckdb") as log:
        ingest(log, [source])
    return folder / "log.duckdb"


def test_one_page_of_events_costs_a_page_not_the_log(large_log: Path) -> None:
    """Six parallel first pages of one event each, on a 200,000-event log: right answers,
    and the service grows by less than 64 MB (reading the log whole took gigabytes)."""
    with serving(large_log, "--no-scheduler") as served, \
            MemoryWatch(served.proc, 3072 * MB) as watch:
        call(served.url, "/api/events?limit=1")  # warm: the first request loads FastAPI's code
        before = tree_rss(served.proc.pid)
        pages = parallel(lambda since: call(served.url, f"/api/events?limit=1&since_position="
                                                        f"{since}")[1], [0, 1, 2, 10, 1000,
                                                                         199_999])
        grown = tree_rss(served.proc.pid) - before
        last = call(served.url, "/api/events?limit=5&since_position=199998")[1]
    assert not watch.killed
    assert [p["events"][0]["position"] for p in pages] == [1, 2, 3, 11, 1001, 200_000]
    assert [p["next_since_position"] for p in pages] == [1, 2, 3, 11, 1001, None]
    assert [e["position"] for e in last["events"]] == [199_999, 200_000]
    assert last["next_since_position"] is None
    assert grown < 64 * MB, f"the service grew by {grown // MB} MB for six one-event pages"


def test_verify_answer_follows_the_head(seeded: Path) -> None:
    """/api/verify is kept per head position: asked twice, the same answer; after an
    append, the new head's."""
    with serving(seeded, "--no-scheduler") as served:
        first = call(served.url, "/api/verify")[1]
        assert call(served.url, "/api/verify")[1] == first
        assert first["ok"] is True and first["events"] == 37
        assert call(served.url, "/api/events", shipment(quantity=5.0))[0] == 201
        after = call(served.url, "/api/verify")[1]
    assert after["ok"] is True and after["events"] == 38
    assert after["head_hash"] != first["head_hash"]


# -- 6 and 7: user mistakes, bodies, slow clients, headers ----------------------------------
@pytest.mark.parametrize("freq", ["week", "month"])
def test_far_dates_and_weeks_are_4xx_with_a_message(seeded: Path, freq: str) -> None:
    """Dates and weeks outside 1900-2200, a week that is not text, checkpoints and EXPLAIN
    ANALYZE of a write: 4xx saying why, never a 500."""
    with serving(seeded, "--no-scheduler") as served:
        for as_of in ("9999-12-31", "0001-01-01"):
            status, body, _ = call(served.url, "/api/timeline?supplier=KP&recipient=RU&item="
                                               f"shell_152mm&as_of={as_of}&freq={freq}")
            assert status == 422 and "between 1900 and 2200" in body["detail"]
        for week in ("9999-W52", "0001-W01", 5, ["2024-W01"]):
            status, body, _ = call(served.url, "/api/reports", {"week": week})
            assert status == 422 and body["detail"].startswith("week: "), (week, body)
        for query in ("SELECT * FROM force_checkpoint()", "SELECT * FROM checkpoint()",
                      "EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1",
                      "EXPLAIN ANALYZE DELETE FROM events"):
            status, body = sql(served.url, query)
            assert status == 400 and body["detail"].startswith("read-only"), (query, body)
        assert sql(served.url, "EXPLAIN ANALYZE SELECT count(*) FROM events")[0] == 200


def test_chunked_body_over_the_limit_is_413(seeded: Path) -> None:
    """A body sent in chunks (no Content-Length) is counted as it comes: over --max-body,
    413 with the limit, as for a declared length."""
    with serving(seeded, "--no-scheduler", "--max-body", "65536") as served:
        u = urlparse(served.url)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        chunk = b'{"events": [' + b" " * 20_000
        try:
            # the service may answer and close before the last chunks go out
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                conn.request("POST", "/api/events", body=iter([chunk] * 5),
                             headers={"Content-Type": "application/json"},
                             encode_chunked=True)
            resp = conn.getresponse()
            assert resp.status == 413
            assert json.loads(resp.read()) == {"detail": "request body over 65536 bytes"}
        finally:
            conn.close()


def test_slow_clients_are_dropped(seeded: Path) -> None:
    """Headers that never end: the connection is closed after --read-timeout; a body that
    stops arriving: 408."""
    with serving(seeded, "--no-scheduler", "--read-timeout", "1") as served:
        u = urlparse(served.url)
        assert u.hostname and u.port
        with socket.create_connection((u.hostname, u.port), timeout=15) as s:
            s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
            start = time.monotonic()
            assert s.recv(1024) == b""  # closed by the service, not by our timeout
            assert time.monotonic() - start < 14
        with socket.create_connection((u.hostname, u.port), timeout=15) as s:
            s.sendall(b"POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                      b"\r\nContent-Length: 100\r\n\r\n{\"type\":")
            answer = s.recv(4096)
        assert answer.startswith(b"HTTP/1.1 408"), answer[:100]
        assert call(served.url, "/health")[0] == 200


def test_every_response_carries_the_security_headers(seeded: Path) -> None:
    """Pages, API answers, errors and docs: a Content-Security-Policy that allows only the
    service's own scripts, and nosniff."""
    with serving(seeded, "--no-scheduler") as served:
        assert call(served.url, "/api/reports", {"week": "2024-W25"})[0] == 201
        for path in ("/", "/pledges", "/api/events?limit=1", "/docs", "/nope",
                     "/reports/2024-W25/report.html", "/docs/assets/init.js"):
            status, _, headers = call(served.url, path)
            lower = {k.lower(): v for k, v in headers.items()}
            assert status in (200, 404)
            assert lower["x-content-type-options"] == "nosniff", path
            csp = lower["content-security-policy"]
            assert "default-src 'none'" in csp and "script-src 'self'" in csp, path
