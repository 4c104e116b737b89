"""A log written in record version 1 reads, projects and verifies through upcasting,
without any stored event being rewritten."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import duckdb

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "log-v1.duckdb"


def _copy(tmp_path: Path) -> Path:
    db = tmp_path / "v1.duckdb"
    shutil.copy(FIXTURE, db)
    return db


def _bodies(db: Path) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT position, record_version, body, hash FROM log ORDER BY position"
                       ).fetchall()
    con.close()
    return rows


def test_fixture_really_is_version_1() -> None:
    """The committed file stores version-1 bodies (field `outlet`, never `via`)."""
    rows = _bodies(FIXTURE)
    assert {r[1] for r in rows} == {1}
    assert any('"outlet":' in r[2] for r in rows)
    assert not any('"via":' in r[2] for r in rows)


def test_v1_log_verifies_reads_and_projects(cli: Any, tmp_path: Path) -> None:
    """verify ok; events show `via`; SQL and timelines see the upcast field."""
    db = _copy(tmp_path)
    before = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    assert cli("verify", "--json", db_path=db).json()["ok"] is True
    events = cli("events", "--json", db_path=db).json()
    assert all("outlet" not in e for e in events)
    c4ads = next(e for e in events if e["event_id"] == "c4ads-2024-kp-ru-74000t-aug-jan")
    assert c4ads["via"] == "The Washington Post"
    rows = cli("sql", "SELECT via FROM events WHERE event_id = 'c4ads-2024-kp-ru-74000t-aug-jan'",
               "--json", db_path=db).json()
    assert rows == [{"via": "The Washington Post"}]
    tl = cli("timeline", "--supplier", "KP", "--recipient", "RU", "--item", "shell_152mm",
             "--json", db_path=db).json()
    assert tl["rows"][-1]["central"] == 5104000.0
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == before


def test_appending_to_a_v1_log_keeps_old_events_untouched(cli: Any, tmp_path: Path) -> None:
    """New events are version 2; old bodies and hashes are byte-for-byte unchanged; the
    same records in the new version count as duplicates, not conflicts."""
    db = _copy(tmp_path)
    old = _bodies(db)
    r = cli("seed", "--json", db_path=db).json()
    assert (r["appended"], r["duplicates"]) == (0, 37)
    (tmp_path / "n.jsonl").write_text(
        '{"type": "meeting", "reported_on": "2025-01-02", "source": "s", "via": "Reuters", '
        '"title": "t", "participants": ["KP"], "period_start": "2025-01"}\n')
    assert cli("ingest", str(tmp_path / "n.jsonl"), db_path=db).code == 0
    new = _bodies(db)
    assert new[:37] == old
    assert new[37][1] == 2 and '"via":"Reuters"' in new[37][2]
    assert cli("verify", "--json", db_path=db).json() == {
        **cli("verify", "--json", db_path=db).json(), "ok": True, "events": 38}
