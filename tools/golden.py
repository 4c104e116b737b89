"""Regenerate tests/golden/: the weekly report of the seed log, seeded at a fixed time so
its hashes are reproducible. Run with `make golden` after an intended change."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from supplyline.events import EventLog
from supplyline.ingest.seed import load_seed
from supplyline.reports import write_report

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
STAMP = dt.datetime(2025, 1, 1)
WEEKS = [(2024, 25), (2023, 43)]


def build(out: Path) -> list[Path]:
    with tempfile.TemporaryDirectory() as tmp, EventLog(Path(tmp) / "g.duckdb") as log:
        load_seed(log, recorded_at=STAMP)
        return [write_report(log, y, w, out).directory for y, w in WEEKS]


if __name__ == "__main__":
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for d in build(GOLDEN):
        print("wrote", d.relative_to(ROOT))
