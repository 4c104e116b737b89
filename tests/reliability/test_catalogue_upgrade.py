"""A log made before the catalogue knew every state (built-in catalogue version 1) opens,
verifies, keeps its own catalogue entries and accepts the new codes; the log records which
catalogue version validated each batch."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import duckdb

from tests.conftest import shipment, write_jsonl

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "log-catalogue-v1.duckdb"


def _copy(tmp_path: Path) -> Path:
    db = tmp_path / "old.duckdb"
    shutil.copy(FIXTURE, db)
    return db


def test_fixture_was_made_before_catalogue_versions() -> None:
    """The committed file has the user's three entries and no record of versions."""
    con = duckdb.connect(str(FIXTURE), read_only=True)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables"
                                        ).fetchall()}
    entries = con.execute("SELECT kind, code, name FROM catalogue ORDER BY seq").fetchall()
    con.close()
    assert "catalogue_use" not in tables
    assert entries == [("party", "MM", "Myanmar"), ("item", "shell_125mm", "125 mm tank round"),
                       ("item_alias", "rocket_122mm", "Grad")]


def test_old_log_opens_verifies_and_accepts_new_states(cli: Any, tmp_path: Path) -> None:
    """Read-only commands work on the old file as it is; it verifies; its own entries still
    resolve; CZ, TR, NO, NL, SE ingest; the chain still verifies after."""
    db = _copy(tmp_path)
    before = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    assert cli("verify", "--json", db_path=db).json()["ok"] is True
    listing = cli("catalogue", "list", "--json", db_path=db).json()
    assert listing["additions"] == 3
    assert listing["validated"] == [{"first_position": 1, "last_position": 39,
                                     "catalogue_version": 1, "catalogue_seq": None,
                                     "recorded_at": None}]
    mm = next(p for p in listing["parties"] if p["code"] == "MM")
    assert "Burma" in mm["aliases"]
    own = next(i for i in listing["items"] if i["code"] == "shell_125mm")
    assert (own["unit"], own["added"]) == ("rounds", True)
    new = write_jsonl(tmp_path / "new.jsonl", [
        shipment(supplier=code, recipient="UA", item="shell_155mm", quantity=1000.0)
        for code in ("CZ", "TR", "NO", "NL", "SE")] + [
        shipment(supplier="Czech Republic", recipient="UA", item="155mm shells",
                 quantity=2000.0),
        shipment(supplier="Burma", recipient="RU", item="shell_125mm", quantity=5.0),
        shipment(supplier="KP", recipient="RU", item="Grad", quantity=7.0)])
    r = cli("ingest", str(new), "--json", db_path=db)
    assert r.code == 0, r.err
    assert r.json()["appended"] == 8 and r.json()["first_position"] == 40
    events = cli("events", "--since-position", "39", "--json", db_path=db).json()
    assert [(e["supplier"], e["item"]) for e in events] == [
        ("CZ", "shell_155mm"), ("TR", "shell_155mm"), ("NO", "shell_155mm"),
        ("NL", "shell_155mm"), ("SE", "shell_155mm"), ("CZ", "shell_155mm"),
        ("MM", "shell_125mm"), ("KP", "rocket_122mm")]
    assert cli("verify", "--json", db_path=db).json()["ok"] is True
    tl = cli("timeline", "--supplier", "Czechia", "--recipient", "Ukraine", "--item",
             "shell_155mm", "--json", db_path=db).json()
    assert tl["rows"][-1]["central"] == 2000.0
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == before


def test_each_batch_records_the_catalogue_that_validated_it(cli: Any, tmp_path: Path) -> None:
    """A row per change of (built-in version, the log's own entries in force), with the
    first position it covers; batches validated with the same catalogue add no row;
    nothing is recorded for a dry run or a refused ingest."""
    db = _copy(tmp_path)

    def ingest(name: str, *records: dict[str, Any], dry: bool = False) -> int:
        path = write_jsonl(tmp_path / name, list(records))
        return cli("ingest", str(path), *(["--dry-run"] if dry else []), db_path=db).code

    assert ingest("a.jsonl", shipment(supplier="CZ", quantity=1.0)) == 0
    assert ingest("b.jsonl", shipment(supplier="CZ", quantity=2.0)) == 0
    assert ingest("c.jsonl", shipment(supplier="TR", quantity=3.0), dry=True) == 0
    assert ingest("d.jsonl", shipment(supplier="TR", quantity=4.0),
                  shipment(supplier="Atlantis")) == 2
    assert cli("catalogue", "add-party", "WAGNER_AC", "Africa Corps", db_path=db).code == 0
    assert ingest("e.jsonl", shipment(supplier="Africa Corps", quantity=5.0)) == 0
    validated = cli("catalogue", "list", "--json", db_path=db).json()["validated"]
    assert [(v["first_position"], v["last_position"], v["catalogue_version"],
             v["catalogue_seq"]) for v in validated] == [
        (1, 39, 1, None), (40, 41, 2, 3), (42, 42, 2, 4)]
    text = cli("catalogue", "list", "--kind", "unit", db_path=db).out
    assert "positions 1-39: validated with version 1 (appended before versions were " \
           "recorded)" in text
    assert "positions 40-41: validated with version 2 and this log's entries 1-3" in text
    assert "positions 42-42: validated with version 2 and this log's entries 1-4" in text


def test_backups_carry_what_validated_the_events(cli: Any, tmp_path: Path) -> None:
    """Export then import: the restored log says the same about every position."""
    db = _copy(tmp_path)
    path = write_jsonl(tmp_path / "a.jsonl", [shipment(supplier="NO", quantity=1.0)])
    assert cli("ingest", str(path), db_path=db).code == 0
    backup = tmp_path / "b.jsonl"
    assert cli("export", "jsonl", str(backup), db_path=db).code == 0
    restored = tmp_path / "restored.duckdb"
    assert cli("import", str(backup), db_path=restored).code == 0
    original = cli("catalogue", "list", "--json", db_path=db).json()
    assert cli("catalogue", "list", "--json", db_path=restored).json() == original
    assert original["validated"][-1]["first_position"] == 40
