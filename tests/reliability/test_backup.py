"""Backups restore the same events, hashes and projections; bad restores write nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shipment, write_jsonl


def _state(cli: Any, db: Path) -> dict[str, Any]:
    return {
        "events": cli("events", "--json", db_path=db).json(),
        "verify": cli("verify", "--json", db_path=db).json(),
        "timeline": cli("timeline", "--supplier", "KP", "--recipient", "RU", "--item",
                        "shell_152mm", "--json", db_path=db).json(),
        "pledges": cli("pledges", "--as-of", "2024-12-31", "--json", db_path=db).json(),
        "catalogue": cli("catalogue", "--json", db_path=db).json(),
        "documents": cli("documents", "--json", db_path=db).json(),
    }


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_round_trip_reproduces_everything(cli: Any, seeded: Path, tmp_path: Path,
                                          fmt: str) -> None:
    """Export then import into an empty log: same events, hashes, projections, catalogue."""
    cli("catalogue", "add-party", "HOUTHI", "Ansar Allah", "--alias", "Houthis")
    extra = write_jsonl(tmp_path / "x.jsonl", [shipment(supplier="Houthis", quantity=5.0)])
    assert cli("ingest", str(extra)).code == 0
    backup = tmp_path / f"b.{fmt}"
    assert cli("export", fmt, str(backup)).code == 0
    restored = tmp_path / "restored.duckdb"
    r = cli("import", str(backup), "--json", db_path=restored)
    assert r.code == 0 and r.json() == {"imported": 38, "events": 38}
    assert _state(cli, restored) == _state(cli, seeded)


def test_import_continues_a_matching_prefix_and_refuses_a_different_history(
        cli: Any, seeded: Path, tmp_path: Path) -> None:
    """A log holding the backup's first events gets the rest; a diverged log is refused."""
    half = tmp_path / "half.jsonl"
    assert cli("export", "jsonl", str(half)).code == 0
    more = write_jsonl(tmp_path / "m.jsonl", [shipment(quantity=11.0), shipment(quantity=12.0)])
    assert cli("ingest", str(more)).code == 0
    full = tmp_path / "full.jsonl"
    cli("export", "jsonl", str(full))
    copy = tmp_path / "copy.duckdb"
    assert cli("import", str(half), db_path=copy).code == 0
    r = cli("import", str(full), "--json", db_path=copy)
    assert r.json() == {"imported": 2, "events": 39}
    diverged = tmp_path / "diverged.duckdb"
    cli("import", str(half), db_path=diverged)
    cli("ingest", str(write_jsonl(tmp_path / "d.jsonl", [shipment(quantity=99.0)])),
        db_path=diverged)
    r = cli("import", str(full), db_path=diverged)
    assert r.code == 2 and "differs from the backup's at position 38" in r.err
    assert cli("verify", "--json", db_path=diverged).json()["events"] == 38
    r = cli("import", str(half), db_path=seeded)
    assert r.code == 2 and "more than the backup's" in r.err


def test_damaged_backups_are_refused_and_nothing_is_written(cli: Any, seeded: Path,
                                                            tmp_path: Path) -> None:
    """An edited, truncated or foreign file fails before anything is imported."""
    good = tmp_path / "b.jsonl"
    cli("export", "jsonl", str(good))
    lines = good.read_text().splitlines()
    row = json.loads(lines[8])
    row["body"] = row["body"].replace("350000.0", "450000.0")
    edited = tmp_path / "edited.jsonl"
    edited.write_text("\n".join([*lines[:8], json.dumps(row), *lines[9:]]) + "\n")
    truncated = tmp_path / "truncated.jsonl"
    truncated.write_text("\n".join(lines[:20]) + "\n")
    foreign = tmp_path / "foreign.jsonl"
    foreign.write_text('{"hello": "world"}\n')
    garbage = tmp_path / "garbage.parquet"
    garbage.write_bytes(b"\x00\xffnot parquet" * 100)
    expect = {edited: "does not verify: position 8", truncated: "incomplete",
              foreign: "not a supplyline backup", garbage: "not a supplyline backup"}
    for path, message in expect.items():
        target = tmp_path / f"{path.stem}.duckdb"
        r = cli("import", str(path), db_path=target)
        assert r.code == 2 and message in r.err, (path.name, r.err)
        assert "Traceback" not in r.err
        assert cli("verify", "--json", db_path=target).json()["events"] == 0


def test_exported_text_cells_stay_inert(cli: Any, tmp_path: Path) -> None:
    """Formula-like text survives a backup unchanged, and CSV outputs escape it."""
    rec = shipment(source="=cmd|' /C calc'!A0", notes="@SUM(A1:A9)")
    cli("ingest", str(write_jsonl(tmp_path / "f.jsonl", [rec])))
    cli("export", "jsonl", str(tmp_path / "b.jsonl"))
    restored = tmp_path / "r.duckdb"
    cli("import", str(tmp_path / "b.jsonl"), db_path=restored)
    (event,) = cli("events", "--json", db_path=restored).json()
    assert event["source"] == "=cmd|' /C calc'!A0"
    out = cli("sql", "SELECT source, notes FROM events", "--format", "csv",
              db_path=restored).out.splitlines()
    assert out[1] == "'=cmd|' /C calc'!A0,'@SUM(A1:A9)"
    week = cli("report", "--week", "2024-W09", "--out", str(tmp_path / "rep"), "--json",
               db_path=restored).json()
    claims = (Path(week["directory"]) / "claims.csv").read_text()
    assert ",'=cmd|' /C calc'!A0," in claims
