"""Editing the log behind the product's back is detected by `verify`."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

COLUMN_EDITS = {
    "body": "replace(body, '350000.0', '450000.0')",
    "event_id": "'forged-id'",
    "type": "'pledge'",
    "reported_on": "reported_on + 1",
    "recorded_at": "recorded_at + INTERVAL 1 SECOND",
    "record_version": "record_version + 1",
    "prev_hash": "repeat('a', 64)",
    "hash": "repeat('b', 64)",
}


@pytest.mark.parametrize("column", sorted(COLUMN_EDITS))
def test_changing_any_stored_field_is_detected(cli, seeded: Path, column: str) -> None:
    """Any column of one event changed with plain duckdb: verify exits 1 naming it."""
    assert cli("verify", "--json").json()["ok"] is True
    con = duckdb.connect(str(seeded))
    con.execute(f"UPDATE log SET {column} = {COLUMN_EDITS[column]} WHERE position = 8")
    con.close()
    r = cli("verify", "--json")
    assert r.code == 1
    assert r.json()["ok"] is False
    assert r.json()["first_bad_position"] == 8


def test_deleting_an_event_is_detected(cli, seeded: Path) -> None:
    """A removed event leaves a gap in positions and the chain."""
    con = duckdb.connect(str(seeded))
    con.execute("DELETE FROM log WHERE position = 20")
    con.close()
    r = cli("verify", "--json")
    assert (r.code, r.json()["first_bad_position"]) == (1, 20)


def test_rewriting_the_tail_consistently_is_detected(cli, seeded: Path) -> None:
    """Re-hashing an edited event alone still breaks the link to the next one."""
    from supplyline.events.canonical import chain_hash
    from supplyline.events.dates import format_utc

    con = duckdb.connect(str(seeded))
    pos, recorded, version, body, prev = con.execute(
        "SELECT position, recorded_at, record_version, body, prev_hash FROM log "
        "WHERE position = 8").fetchall()[0]
    body = body.replace("350000.0", "450000.0")
    digest = chain_hash(prev, pos, format_utc(recorded), version, body)
    con.execute("UPDATE log SET body = ?, hash = ? WHERE position = 8", [body, digest])
    con.close()
    assert cli("verify", "--json").json()["first_bad_position"] == 9


def test_verify_human_output(cli, seeded: Path) -> None:
    """Plain output names the event count and the head hash."""
    r = cli("verify")
    assert r.code == 0
    assert r.out.startswith("ok: 37 events, head hash ")
