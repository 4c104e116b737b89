"""`make demo` never destroys what it did not write (issue: do no harm)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import shipment, write_jsonl

ROOT = Path(__file__).resolve().parents[1]


def make_demo(demo: Path) -> subprocess.CompletedProcess[str]:
    """The real Makefile target, with the demo in a temporary folder and this venv."""
    venv = Path(sys.prefix)
    return subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "demo",
                           f"DEMO={demo}", f"VENV={venv}"], capture_output=True, text=True,
                          timeout=600, env={**os.environ, "PYTHONWARNINGS": "ignore"})


@pytest.mark.skipif(shutil.which("make") is None or sys.prefix == sys.base_prefix,
                    reason="needs make and the project's virtual environment")
def test_make_demo_twice_keeps_a_users_own_event_and_report(tmp_path: Path, cli) -> None:
    """A user's append between two `make demo` runs survives the second run, which says
    so; the first report stays byte-identical beside a new revision."""
    demo = tmp_path / "demo"
    first = make_demo(demo)
    assert first.returncode == 0, first.stderr
    assert "Weekly report (open it in a browser): " in first.stdout
    db = demo / "supplyline.duckdb"
    week = json.loads(cli("report", "--week", "latest", "--json", db_path=db).out)["directory"]
    assert Path(week).parent == demo / "supplyline-reports"
    kept = {p.name: p.read_bytes() for p in Path(week).iterdir() if p.is_file()}
    mine = shipment(event_id="my-own-claim", reported_on="2024-10-10",
                    period_end="2024-10-10", quantity=7_000_000, source="My desk")
    assert cli("ingest", str(write_jsonl(tmp_path / "mine.jsonl", [mine])), db_path=db).code == 0
    second = make_demo(demo)
    assert second.returncode == 0, second.stderr
    assert "the log also holds 1 event(s) not from the seed dataset" in second.stderr
    ids = [e["event_id"] for e in cli("events", "--json", db_path=db).json()]
    assert "my-own-claim" in ids
    assert {p.name: p.read_bytes() for p in Path(week).iterdir() if p.is_file()} == kept
    assert (Path(week) / "r2" / "report.json").is_file()
