"""Shared fixtures: a fresh log file per test and a runner for the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from supplyline.events import Catalogue, EventLog

SHARED_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "log.duckdb"


@pytest.fixture
def cli(db: Path, tmp_path: Path) -> Callable[..., Result]:
    """Run ``supplyline --db <tmp> ARGS`` through its real entry point in a subprocess."""

    def run(*args: str, db_path: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 120) -> Result:
        full_env = {**os.environ, "PYTHONWARNINGS": "error", **(env or {})}
        full_env.pop("SUPPLYLINE_URL", None)
        proc = subprocess.run(
            [sys.executable, "-m", "supplyline", "--db", str(db_path or db), *args],
            capture_output=True, text=True, env=full_env, timeout=timeout, cwd=tmp_path)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def catalogue() -> Catalogue:
    return Catalogue.builtin()


@pytest.fixture
def seeded(db: Path) -> Path:
    from supplyline.ingest.seed import load_seed

    with EventLog(db) as log:
        load_seed(log)
    return db


def shipment(**overrides: Any) -> dict[str, Any]:
    """A valid shipment record; override any field."""
    base = {"type": "shipment", "reported_on": "2024-02-27", "source": "Test source",
            "supplier": "KP", "recipient": "RU", "item": "shell_152mm", "quantity": 1000,
            "unit": "rounds", "measure": "cumulative", "period_end": "2024-02"}
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
