"""Ad hoc SQL is read-only: every refusal class, the time limit, the log untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.sql_battery import REFUSED, RUNAWAY


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_one_line_and_exit_2(cli, seeded: Path, name: str, tmp_path: Path) -> None:
    """Each class is refused with a clear one-line message; nothing changes on disk."""
    r = cli("sql", REFUSED[name])
    assert r.code == 2, (name, r.out, r.err)
    assert r.out == ""
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "Traceback" not in r.err
    check = cli("verify", "--json").json()
    assert (check["ok"], check["events"]) == (True, 37)
    for leak in ("/tmp/leak.csv", "/tmp/leak.parquet", "/tmp/evil.duckdb", "/tmp/dump"):
        assert not Path(leak).exists(), leak
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("log.duckdb")
                  ) == [], "no file may be created"


def test_runaway_query_is_stopped_by_the_time_limit(cli, seeded: Path) -> None:
    """A cross join that would run for ages is interrupted after --timeout seconds."""
    r = cli("sql", RUNAWAY, "--timeout", "1")
    assert r.code == 1
    assert "ran longer than 1 s and was stopped" in r.err


def test_queries_over_events_timeline_and_pledges(cli, seeded: Path) -> None:
    """The documented views answer, in table, csv and json formats."""
    r = cli("sql", "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type")
    assert r.code == 0
    assert r.out.splitlines()[2].split() == ["estimate", "14"]
    csv_out = cli("sql", "SELECT date, central FROM timeline WHERE supplier = 'KP' AND item = "
                  "'shell_152mm' ORDER BY date", "--format", "csv").out.splitlines()
    assert csv_out[0] == "date,central" and csv_out[-1] == "2024-06-18,5104000.0"
    rows = cli("sql", "SELECT event_id, status FROM pledge_status ORDER BY event_id",
               "--as-of", "2024-03-31", "--json").json()
    assert rows == [{"event_id": "eu-2023-03-pledge-1m-rounds", "status": "behind"},
                    {"event_id": "eu-2023-03-pledge-2bn-eur", "status": "unconvertible"}]


def test_as_of_and_at_position_apply_to_sql(cli, seeded: Path) -> None:
    """--at-position limits the events view and the projections alike."""
    assert cli("sql", "SELECT count(*) AS n FROM events", "--at-position", "5",
               "--json").json() == [{"n": 5}]
    assert cli("sql", "SELECT count(*) AS n FROM timeline", "--as-of", "2023-10-01",
               "--json").json() == [{"n": 0}]


def test_csv_output_escapes_formula_cells(cli, tmp_path: Path) -> None:
    """A cell that a spreadsheet would execute comes out prefixed with a quote."""

    rec = {"type": "meeting", "reported_on": "2024-01-01", "source": "=cmd|' /C calc'!A0",
           "title": "t", "participants": ["KP"], "period_start": "2024-01"}
    (tmp_path / "m.jsonl").write_text(json.dumps(rec) + "\n")
    assert cli("ingest", str(tmp_path / "m.jsonl")).code == 0
    out = cli("sql", "SELECT source FROM events", "--format", "csv").out
    assert out.splitlines()[1].startswith("'=cmd")


def test_csv_guard_covers_list_cells_and_full_width_signs(cli, tmp_path: Path) -> None:
    """A list cell starting with a formula, and a full-width ＝, ＋, －, ＠, are quoted too."""
    recs = [{"type": "meeting", "reported_on": "2024-01-01", "source": source, "title": "t",
             "participants": ["KP"], "period_start": "2024-01"}
            for source in ("\uff1dHYPERLINK(1)", "\uff0b1", "\uff0d1", "\uff20SUM(1)", "plain")]
    (tmp_path / "m.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))
    assert cli("ingest", str(tmp_path / "m.jsonl")).code == 0
    out = cli("sql", "SELECT source FROM events ORDER BY position", "--format", "csv").out
    assert out.splitlines()[1:] == ["'\uff1dHYPERLINK(1)", "'\uff0b1", "'\uff0d1",
                                    "'\uff20SUM(1)", "plain"]
    out = cli("sql", "SELECT ['=1+1', 'b'] AS l, ['a', '=2'] AS m", "--format", "csv").out
    assert out.splitlines()[1] == "'=1+1;b,a;=2"




def test_long_queries_draw_no_progress_bar_on_stdout(seeded: Path) -> None:
    """DuckDB draws a progress bar on the process's stdout for queries over two seconds,
    which would corrupt ``--json`` output of long commands; the log's connections turn it
    off. (In a subprocess: under pytest's capture DuckDB leaves the bar off by itself.)"""
    import subprocess
    import sys

    code = ("from supplyline.events.connection import connect\n"
            f"con = connect({str(seeded)!r}, read_only=True)\n"
            "con.execute('SELECT count(*) FROM range(1500000000) t(x) WHERE x % 7 = 3')"
            ".fetchall()\nprint('done')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out == "done\n"
