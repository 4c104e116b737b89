"""POST /api/drafts in process: the candidates of a text or a page, the document it
registers, the token it needs, and the answers to bad requests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supplyline.api import BodyLimit, create_app
from supplyline.service import Service, Settings

DATA = Path(__file__).resolve().parent / "data" / "drafting" / "synthetic"
AUTH = {"Authorization": "Bearer s3cret"}


@pytest.fixture
def client(seeded: Path, tmp_path: Path) -> Iterator[TestClient]:
    service = Service(Settings(db=seeded, reports=tmp_path / "archive", token="s3cret",
                               scheduler=False))
    with TestClient(BodyLimit(create_app(service), 1 << 20)) as c:
        yield c
    service.close()


def post(client: TestClient, body: Any, auth: bool = True) -> Any:
    return client.post("/api/drafts", json=body, headers=AUTH if auth else {})


def test_draft_a_text(client: TestClient) -> None:
    """The answer holds the registered document, the text the spans index into and the
    candidates; the log's events are unchanged."""
    text = (DATA / "s10_london_report.txt").read_text("utf-8")
    r = post(client, {"text": text, "reported_on": "2024-08-15", "via": "Steppe Review",
                      "url": "https://example.org/report", "document": "london.txt"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["document"]["document_id"] == "london.txt" and body["text"] == text
    assert len(body["document"]["sha256"]) == 64 and body["document"]["title"]
    found = body["candidates"]
    assert [c["record"]["type"] for c in found] == ["shipment", "shipment", "estimate"]
    for c in found:
        assert c["record"]["quote"] == text[c["span"][0]:c["span"][1]]
        assert c["record"]["url"] == "https://example.org/report"
    assert client.get("/health").json()["position"] == 37


def test_draft_a_page_and_the_default_document_id(client: TestClient) -> None:
    html = (DATA / "s07_danish_funding.html").read_text("utf-8")
    first = post(client, {"html": html})
    again = post(client, {"html": html})
    assert first.status_code == again.status_code == 200
    body = first.json()
    assert body["document"] == again.json()["document"]
    assert body["document"]["document_id"].startswith("doc-")
    assert body["document"]["title"] == "Denmark to fund Ukrainian artillery production"
    assert "tracking" not in body["text"] and "Denmark has pledged" in body["text"]
    assert body["candidates"][0]["record"]["reported_on"] == "2025-01-22"


def test_registering_is_a_write_that_needs_the_token(client: TestClient) -> None:
    assert post(client, {"text": "Poland sent 40,000 shells to Ukraine."},
                auth=False).status_code == 401


@pytest.mark.parametrize(("body", "message"), [
    ({}, "give one of 'text' or 'html'"),
    ({"text": "a", "html": "<p>a</p>"}, "give one of 'text' or 'html'"),
    ({"text": ""}, "text: must be a non-empty string"),
    ({"text": 12}, "text: must be a non-empty string"),
    ({"text": "a", "reported_on": "2024-02-30"}, "reported_on: not a real date"),
    ({"text": "a", "reported_on": "yesterday"}, "reported_on: must be a date"),
    ({"text": "a", "reported_on": "1800-01-01"}, "reported_on: must be"),
    ({"text": "a", "url": "ftp://x"}, "url: must be an http(s) URL"),
    ({"text": "a", "document": ""}, "document: must be a string"),
    ({"text": "a", "colour": "red"}, "colour: unknown field"),
    (["text"], "must be a JSON object")])
def test_bad_requests_are_422_with_a_message(client: TestClient, body: Any,
                                             message: str) -> None:
    r = post(client, body)
    assert r.status_code == 422 and message in r.json()["detail"], r.text


def test_a_taken_document_id_is_422(client: TestClient) -> None:
    assert post(client, {"text": "One text.", "document": "d.txt"}).status_code == 200
    r = post(client, {"text": "Another text.", "document": "d.txt"})
    assert r.status_code == 422 and "already registered" in r.json()["detail"]


def test_the_endpoint_is_in_the_openapi_document(client: TestClient) -> None:
    assert "/api/drafts" in client.get("/openapi.json").json()["paths"]
