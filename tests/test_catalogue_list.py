"""`supplyline catalogue list` and `GET /api/catalogue`: codes, names, accepted words, news
words and units, as text and JSON."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supplyline.api import create_app
from supplyline.service import Service, Settings


def test_list_text_shows_names_aliases_news_words_and_units(cli: Any, seeded: Path) -> None:
    """A row per entry with its name, the words a field accepts and the news-only words;
    units with their aliases; then the version and which one validated the log."""
    out = cli("catalogue", "list", "--search", "czech").out.splitlines()
    assert out[0].split() == ["kind", "code", "name", "unit", "also", "accepted", "news",
                              "only"]
    assert out[2].split()[:3] == ["party", "CZ", "Czechia"]
    assert "Czech Republic; Czech" in out[2] and out[2].rstrip().endswith("Prague")
    assert "built-in catalogue version 2; shown: parties 1, items 0, units 0" in out
    assert "positions 1-37: validated with version 2" in out
    units = cli("catalogue", "list", "--kind", "unit").out
    assert "round; shells; shell" in units and "tonnes" in units
    items = cli("catalogue", "list", "--kind", "item", "--search", "grad").out.splitlines()
    assert items[2].split()[:2] == ["item", "rocket_122mm"] and "Grad rockets" in items[2]
    assert "rounds" in items[2]


def test_bare_catalogue_lists_everything(cli: Any, seeded: Path) -> None:
    """`supplyline catalogue` is `catalogue list`: every party, item and unit."""
    out = cli("catalogue").out
    assert out == cli("catalogue", "list").out
    assert "shown: parties 252, items 21, units 7" in out


def test_list_json(cli: Any, seeded: Path) -> None:
    """JSON: version, the log's own entries, parties with kind, aliases, demonyms and
    places; items with unit and aliases; units with aliases; what validated the log."""
    data = cli("catalogue", "list", "--json").json()
    assert data["version"] == 2 and data["additions"] == 0
    assert len(data["parties"]) == 252 and len(data["items"]) == 21
    kp = next(p for p in data["parties"] if p["code"] == "KP")
    assert kp == {"code": "KP", "name": "North Korea", "kind": "state",
                  "aliases": ["Korea, Democratic People's Republic of",
                              "Democratic People's Republic of Korea", "DPRK", "Pyongyang"],
                  "demonyms": ["North Korean"], "places": ["Pyongyang"]}
    assert {p["kind"] for p in data["parties"] if p["code"] in ("EU", "NATO", "WAGNER")} == {
        "bloc", "group"}
    srbm = next(i for i in data["items"] if i["code"] == "missile_srbm")
    assert srbm["unit"] == "units" and "KN-23" in srbm["aliases"] and srbm["added"] is False
    assert {"code": "rounds", "aliases": ["round", "shells", "shell"]} in data["units"]
    assert data["validated"] == [{"first_position": 1, "last_position": 37,
                                  "catalogue_version": 2, "catalogue_seq": 0,
                                  "recorded_at": data["validated"][0]["recorded_at"]}]
    only = cli("catalogue", "list", "--kind", "party", "--search", "korean", "--json").json()
    assert [p["code"] for p in only["parties"]] == ["KP", "KR"]
    assert only["items"] == [] and only["units"] == []


def test_list_without_a_log_shows_the_builtin_catalogue(cli: Any, tmp_path: Path) -> None:
    """No log file yet: the built-in catalogue, and no file is created."""
    db = tmp_path / "none.duckdb"
    data = cli("catalogue", "list", "--json", db_path=db).json()
    assert len(data["parties"]) == 252 and data["validated"] == []
    assert not db.exists()


@pytest.fixture
def client(seeded: Path, tmp_path: Path) -> Iterator[TestClient]:
    service = Service(Settings(db=seeded, reports=tmp_path / "archive"))
    try:
        with TestClient(create_app(service)) as c:
            yield c
    finally:
        service.close()


def test_api_serves_the_same_catalogue(client: TestClient) -> None:
    """GET /api/catalogue is `catalogue list --json`, filters included."""
    r = client.get("/api/catalogue", params={"kind": "item", "search": "shahed"})
    assert r.status_code == 200
    assert [i["code"] for i in r.json()["items"]] == ["drone_shahed"]
    assert client.get("/api/catalogue", params={"kind": "ships"}).status_code == 422
    full = client.get("/api/catalogue").json()
    assert full["version"] == 2 and len(full["parties"]) == 252
    assert full["validated"][0]["first_position"] == 1
