"""Ingest through the real command line: formats, malformed files, error locations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import shipment, write_jsonl


def test_jsonl_json_and_csv_give_the_same_events(cli, tmp_path: Path) -> None:
    """The three formats carry the same record to the same stored event."""
    rec = shipment(period_end="2023-11", via="Bloomberg, Seoul bureau", notes="Ünïcode — ok")
    write_jsonl(tmp_path / "a.jsonl", [rec])
    (tmp_path / "a.json").write_text(json.dumps([rec], indent=2))
    header = ",".join(rec)
    row = ",".join(f'"{v}"' if "," in str(v) else str(v) for v in rec.values())
    (tmp_path / "a.csv").write_text(header + "\n" + row + "\n", encoding="utf-8")
    bodies = []
    for name in ("a.jsonl", "a.json", "a.csv"):
        db = tmp_path / f"{name}.duckdb"
        r = cli("ingest", "--json", str(tmp_path / name), db_path=db)
        assert r.code == 0, r.err
        assert r.json() == {"appended": 1, "duplicates": 0, "first_position": 1,
                            "last_position": 1}
        (event,) = cli("events", "--json", db_path=db).json()
        bodies.append({k: v for k, v in event.items() if k not in ("recorded_at", "hash")})
    assert bodies[0] == bodies[1] == bodies[2]
    assert bodies[0]["via"] == "Bloomberg, Seoul bureau"
    assert bodies[0]["notes"] == "Ünïcode — ok"


def test_csv_quotes_commas_lists_and_empty_cells(cli, tmp_path: Path) -> None:
    """CSV: quoted commas and quotes, ';'-joined lists, empty cell = absent field."""
    text = (
        "type,reported_on,source,title,participants,period_start,period_end,location,notes\n"
        'meeting,2024-06-19,"Kremlin, KCNA","Summit ""Pyongyang""",Russia;DPRK,2024-06-19,,'
        'Pyongyang,"line one\nline two"\n'
    )
    (tmp_path / "m.csv").write_text(text, encoding="utf-8")
    r = cli("ingest", str(tmp_path / "m.csv"))
    assert r.code == 0, r.err
    (event,) = cli("events", "--json").json()
    assert event["source"] == "Kremlin, KCNA"
    assert event["title"] == 'Summit "Pyongyang"'
    assert event["participants"] == ["RU", "KP"]
    assert event["period_end"] is None
    assert event["notes"] == "line one\nline two"


def test_every_error_is_listed_with_file_line_and_field(cli, tmp_path: Path) -> None:
    """Bad records anywhere: each error as file:line: field: message, exit 2, none appended."""
    lines = [
        json.dumps(shipment()),
        "{not json",
        json.dumps(shipment(quantity="many")),
        "",
        json.dumps({**shipment(), "colour": "red"}),
        json.dumps(shipment(supplier="Narnia", reported_on="2024")),
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n")
    r = cli("ingest", str(path))
    assert r.code == 2
    assert r.out == ""
    err = r.err.splitlines()
    assert f"{path}:2: record: invalid JSON" in err[0]
    assert err[1].startswith(f"{path}:3: quantity: ")
    assert err[2] == f"{path}:5: colour: unknown field"
    assert {e.split(": ")[1] for e in err[3:5]} == {"reported_on", "supplier"}
    assert all(e.startswith(f"{path}:6: ") for e in err[3:5])
    assert err[-1] == "5 error(s); nothing appended"
    assert not (tmp_path / "log.duckdb").exists() or cli("events", "--json").json() == []


def test_json_array_errors_point_at_the_record_line(cli, tmp_path: Path) -> None:
    """In a .json array the line is where the bad record starts."""
    path = tmp_path / "a.json"
    path.write_text(json.dumps([shipment(), shipment(unit="crates")], indent=2))
    r = cli("ingest", str(path))
    assert r.code == 2
    start = path.read_text().splitlines().index("  {", 2) + 1
    assert r.err.splitlines()[0].startswith(f"{path}:{start}: unit: unknown unit 'crates'")


def test_malformed_files(cli, tmp_path: Path) -> None:
    """Not UTF-8, wrong container, unknown extension, unknown CSV column, ragged rows."""
    (tmp_path / "latin.jsonl").write_bytes(b'{"source": "Bogot\xe1"}\n')
    (tmp_path / "obj.json").write_text('{"type": "shipment"}')
    (tmp_path / "x.txt").write_text("hello")
    (tmp_path / "cols.csv").write_text("type,sauce\nshipment,x\n")
    (tmp_path / "ragged.csv").write_text("type,source\nshipment,a,b\n")
    expect = {
        "latin.jsonl": ":1: file: not UTF-8",
        "obj.json": ":1: file: a .json file must hold one JSON array",
        "x.txt": "x.txt: unknown format '.txt'",
        "cols.csv": ":1: sauce: unknown column",
        "ragged.csv": ":2: record: 3 cells where the header has 2",
    }
    for name, fragment in expect.items():
        r = cli("ingest", str(tmp_path / name))
        assert r.code == 2, name
        assert fragment in r.err, (name, r.err)
        assert "Traceback" not in r.err


def test_missing_file_is_a_usage_error_without_traceback(cli, tmp_path: Path) -> None:
    """A path that does not exist exits 2 with one line, no traceback."""
    r = cli("ingest", str(tmp_path / "nope.jsonl"))
    assert r.code == 2
    assert "nope.jsonl" in r.err and "Traceback" not in r.err


def test_deeply_nested_json_is_refused_not_crashed(cli, tmp_path: Path) -> None:
    """Hostile nesting gives an error line, never a crash."""
    path = tmp_path / "deep.jsonl"
    path.write_text('{"notes": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    r = cli("ingest", str(path))
    assert r.code == 2
    assert f"{path}:1: record:" in r.err


def test_dry_run_validates_and_appends_nothing(cli, tmp_path: Path) -> None:
    """--dry-run reports what would be appended and leaves the log empty."""
    path = write_jsonl(tmp_path / "a.jsonl", [shipment(), shipment(quantity=2000)])
    r = cli("ingest", "--dry-run", "--json", str(path))
    assert r.code == 0
    assert r.json()["appended"] == 2
    assert cli("events", "--json").json() == []


@pytest.mark.timeout(120)  # a bound, not a speed target: the quadratic check ran for hours
def test_a_header_of_200000_columns_is_reported_not_stalled(cli, tmp_path: Path) -> None:
    """Each unknown or repeated column is an error on line 1; nothing appended, exit 2."""
    names = [f"c{i}" for i in range(199_998)] + ["type", "type"]
    path = tmp_path / "wide.csv"
    path.write_text(",".join(names) + "\n" + ",".join("x" for _ in names) + "\n")
    r = cli("ingest", str(path), timeout=110)
    assert r.code == 2
    lines = r.err.splitlines()
    assert lines[0] == f"{path}:1: c0: unknown column"
    assert f"{path}:1: type: column appears more than once" in lines
    assert lines[-1] == "199999 error(s); nothing appended"
