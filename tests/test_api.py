"""The HTTP API in process: every endpoint and error status."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supplyline.api import BodyLimit, create_app
from supplyline.service import Service, Settings
from tests.conftest import shipment


@pytest.fixture
def service(seeded: Path, tmp_path: Path) -> Iterator[Service]:
    svc = Service(Settings(db=seeded, reports=tmp_path / "archive", token="s3cret"))
    yield svc
    svc.close()


@pytest.fixture
def client(service: Service) -> Iterator[TestClient]:
    with TestClient(BodyLimit(create_app(service), 64 * 1024)) as c:
        yield c


AUTH = {"Authorization": "Bearer s3cret"}


def post(client: TestClient, path: str, body: Any, auth: bool = True) -> Any:
    return client.post(path, json=body, headers=AUTH if auth else {})


def test_health_and_openapi(client: TestClient) -> None:
    """/health reports the head; /openapi.json documents the endpoints."""
    h = client.get("/health").json()
    assert (h["ok"], h["position"]) == (True, 37)
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/timeline", "/api/pledges", "/api/claims", "/api/sql",
            "/api/reports", "/api/verify", "/health"} <= set(paths)


def test_append_single_and_batch(client: TestClient) -> None:
    """One event (the body) or a batch; positions continue the log."""
    r = post(client, "/api/events", shipment(quantity=1.0))
    assert r.status_code == 201
    assert r.json() == {"appended": 1, "duplicates": 0, "first_position": 38,
                        "last_position": 38}
    r = post(client, "/api/events", {"events": [shipment(quantity=2.0), shipment(quantity=1.0)],
                                     "expected_position": 38})
    assert r.json() == {"appended": 1, "duplicates": 1, "first_position": 39,
                        "last_position": 39}


def test_validation_errors_are_422_with_every_error(client: TestClient) -> None:
    """Same messages as the command line, by record index; nothing appended."""
    r = post(client, "/api/events", {"events": [shipment(), shipment(supplier="Narnia",
                                                                      reported_on="2024")]})
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert {(e["index"], e["field"]) for e in errors} == {(1, "supplier"), (1, "reported_on")}
    assert client.get("/health").json()["position"] == 37
    r = post(client, "/api/events", {"events": [{"type": "retraction", "reported_on":
                                                 "2024-01-01", "source": "s", "target": "nope",
                                                 "reason": "x"}]})
    assert r.status_code == 422 and "unknown event 'nope'" in r.json()["errors"][0]["message"]
    assert post(client, "/api/events", {"events": "x"}).status_code == 422
    assert post(client, "/api/events", {"events": [], "extra": 1}).status_code == 422
    assert post(client, "/api/events", {"events": [], "expected_position": -1}).status_code == 422


def test_expected_position_conflict_is_409(client: TestClient) -> None:
    """The log has moved past expected_position: 409, nothing appended."""
    r = post(client, "/api/events", {"events": [shipment()], "expected_position": 5})
    assert r.status_code == 409
    assert "at position 37, not 5" in r.json()["detail"]


def test_writes_need_the_token_reads_do_not(client: TestClient) -> None:
    """POST without the bearer token is 401; GET is open."""
    assert post(client, "/api/events", shipment(), auth=False).status_code == 401
    assert post(client, "/api/seed", {}, auth=False).status_code == 401
    assert client.get("/api/events").status_code == 200


def test_body_size_limit(client: TestClient) -> None:
    """A body over the limit is refused with 413 before it is parsed."""
    big = {"events": [shipment(notes="x" * 9000, quantity=float(i)) for i in range(10)]}
    assert post(client, "/api/events", big).status_code == 413


def test_events_filters_and_paging(client: TestClient) -> None:
    """Filters like the command line; pages chain through next_since_position."""
    page = client.get("/api/events", params={"limit": 20}).json()
    assert len(page["events"]) == 20 and page["next_since_position"] == 20
    rest = client.get("/api/events", params={"since_position": 20, "limit": 100}).json()
    assert [e["position"] for e in rest["events"]] == list(range(21, 38))
    assert rest["next_since_position"] is None
    pledges = client.get("/api/events", params={"type": "pledge"}).json()["events"]
    assert len(pledges) == 3
    assert client.get("/api/events", params={"as_of": "not-a-date"}).status_code == 422


def test_projections_match_the_command_line(client: TestClient, cli: Any) -> None:
    """timeline, pledges and claims answer with the CLI's JSON."""
    q = {"supplier": "North Korea", "recipient": "RU", "item": "shell_152mm",
         "as_of": "2024-03-31"}
    api = client.get("/api/timeline", params=q).json()
    claim = "kr-mnd-2024-02-27-kp-ru-6700-containers"
    assert api["rows"][-1] == {"date": "2024-02-27", "low": 3001600.0, "central": 3001600.0,
                               "high": 3001600.0, "conflict": False, "basis_date": "2024-02-27",
                               "low_from": claim, "central_from": claim, "high_from": claim}
    pledges = client.get("/api/pledges", params={"as_of": "2024-03-31"}).json()
    assert {p["event_id"]: p["status"] for p in pledges} == {
        "eu-2023-03-pledge-1m-rounds": "behind", "eu-2023-03-pledge-2bn-eur": "unconvertible"}
    claims = client.get("/api/claims", params=q).json()
    assert claims["min"] == 350000.0 and len(claims["claims"]) == 4
    bad = client.get("/api/timeline", params={**q, "item": "shel_152mm"})
    assert bad.status_code == 422 and "shell_152mm" in bad.json()["detail"]


def test_sql_endpoint(client: TestClient) -> None:
    """Read-only SQL with the same guards: 200, 400 refused, 408 time limit."""
    r = post(client, "/api/sql", {"query": "SELECT count(*) AS n FROM events"})
    assert r.json() == {"columns": ["n"], "rows": [[37]]}
    r = post(client, "/api/sql", {"query": "SELECT count(*) AS n FROM timeline",
                                  "as_of": "2023-10-01"})
    assert r.json()["rows"] == [[0]]
    from tests.sql_battery import REFUSED, RUNAWAY

    for name, q in REFUSED.items():
        r = post(client, "/api/sql", {"query": q})
        assert r.status_code == 400, (name, r.json())
        assert r.json()["detail"] and "\n" not in r.json()["detail"]
    for leak in ("/tmp/leak.csv", "/tmp/leak.parquet", "/tmp/evil.duckdb", "/tmp/dump"):
        assert not Path(leak).exists(), leak
    r = post(client, "/api/sql", {"query": RUNAWAY, "timeout": 1})
    assert r.status_code == 408
    assert post(client, "/api/sql", {"query": ""}).status_code == 422
    assert client.get("/api/verify").json()["ok"] is True


def test_reports_list_write_and_fetch(client: TestClient, service: Service) -> None:
    """Write a report, list the archive, fetch its files; no path escapes the archive."""
    assert client.get("/api/reports").json() == []
    r = post(client, "/api/reports", {"week": "2024-W25"})
    assert r.status_code == 201 and "report.html" in r.json()["files"]
    assert client.get("/api/reports").json()[0]["week"] == "2024-W25"
    html = client.get("/reports/2024-W25/report.html")
    assert html.status_code == 200 and "weekly report 2024-W25" in html.text
    assert client.get("/reports/2024-W25/report.json").json()["log_position"] == 37
    for bad in ("/reports/..%2F..%2Fetc/passwd", "/reports/2024-W25/..%2Freport.json",
                "/reports/2024-W25/nope.html", "/reports/../secret/report.md"):
        assert client.get(bad).status_code == 404, bad
    assert post(client, "/api/reports", {"week": "2024-99"}).status_code == 422


def test_pages_render(client: TestClient) -> None:
    """Front page, a flow page, pledges and the archive are HTML with the flow's chart."""
    front = client.get("/")
    assert front.status_code == 200 and front.text.count("<svg") == 5
    flow = client.get("/flow/KP/RU/shell_152mm")
    assert flow.status_code == 200 and "Claims side by side" in flow.text
    assert client.get("/flow/KP/RU/drone_shahed").status_code == 404
    assert ("European Union → Ukraine: 1,000,000 rounds of artillery shell, calibre unstated "
            "by 2024-12") in client.get("/pledges").text
    assert client.get("/reports").status_code == 200


def test_seed_through_the_service_is_idempotent(client: TestClient) -> None:
    """POST /api/seed appends nothing to a seeded log."""
    assert post(client, "/api/seed", {}).json()["appended"] == 0


def test_grade_filters_and_explain(client: TestClient) -> None:
    """min_reliability/min_credibility filter claims out and say why; GET /api/explain
    answers with SPEC §4's JSON, whose contributions add up; bad grades and a backwards
    date pair are 422."""
    q = {"supplier": "KP", "recipient": "RU", "item": "shell_152mm"}
    filtered = client.get("/api/timeline", params={**q, "min_credibility": 2}).json()
    assert [e["reason"] for e in filtered["excluded"]] == ["below the grade filter (B3)"] * 2
    assert filtered["rows"][0]["date"] == "2023-11-01"
    e = client.get("/api/explain", params={**q, "from": "2024-03-31", "to": "2024-06-30"})
    assert e.status_code == 200
    body = e.json()
    assert set(body) == {"supplier", "recipient", "item", "unit", "from", "to", "change",
                         "contributions"}
    assert set(body["contributions"][0]) == {"event_id", "type", "effect", "low", "central",
                                             "high"}
    assert sum(c["central"] for c in body["contributions"]) == body["change"]["central"]
    detailed = client.get("/api/explain", params={**q, "from": "2024-03-31",
                                                  "to": "2024-06-30", "sources": "true"})
    assert detailed.json()["contributions"][0]["source"].startswith("Shin Won-sik")
    assert client.get("/api/pledges", params={"min_reliability": "G"}).status_code == 422
    assert client.get("/api/explain", params={**q, "from": "2024-06-30",
                                              "to": "2024-03-31"}).status_code == 422


def test_a_boolean_is_not_a_log_position(client: TestClient) -> None:
    """`at_position: true` is refused by the SQL and report routes, not read as position 1."""
    r = post(client, "/api/sql", {"query": "SELECT 1 AS x", "at_position": True})
    assert r.status_code == 422 and "at_position" in r.json()["detail"]
    r = post(client, "/api/reports", {"week": "2024-W25", "at_position": True})
    assert r.status_code == 422 and "at_position" in r.json()["detail"]
