"""Hostile input: any JSON record is validated or refused with located errors; never a crash,
and a batch with any bad record appends nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supplyline.events import ALL_FIELDS, EVENT_TYPES, Catalogue, validate_record

CAT = Catalogue.builtin()
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=3),
    max_leaves=6)
plausible = st.sampled_from(["KP", "RU", "North Korea", "shell_152mm", "rounds", "2024-01",
                             "2024-02-30", "2024-06-01", "cumulative", "increment", "-1", "1e9",
                             "=cmd|' /C calc'!A0", "\x00", "ｓｈｅｌｌｓ", "A", "6", ""])


@st.composite
def records(draw: st.DrawFn) -> Any:
    keys = draw(st.lists(st.sampled_from(ALL_FIELDS + ("bogus",)), max_size=14, unique=True))
    rec: dict[str, Any] = {k: draw(json_values | plausible) for k in keys}
    if draw(st.booleans()):
        rec["type"] = draw(st.sampled_from(EVENT_TYPES))
    return rec if draw(st.integers(0, 9)) else draw(json_values)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_validation_never_crashes(record: Any) -> None:
    """validate_record returns an event or field errors for any JSON value."""
    event, issues = validate_record(record, CAT)
    assert (event is None) == bool(issues)
    for field, message in issues:
        assert isinstance(field, str) and field and isinstance(message, str) and message


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(), min_size=1, max_size=20))
def test_ingest_of_hostile_files_exits_0_or_2_and_is_atomic(batch: list[Any]) -> None:
    """Through the real command: exit 0 (all appended) or 2 (nothing), never a traceback."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "h.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in batch), encoding="utf-8")
        db = Path(tmp) / "h.duckdb"
        run = subprocess.run([sys.executable, "-m", "supplyline", "--db", str(db), "ingest",
                              "--json", str(path)], capture_output=True, text=True, timeout=120)
        assert run.returncode in (0, 2), run.stderr
        assert "Traceback" not in run.stderr and "internal error" not in run.stderr
        count = subprocess.run([sys.executable, "-m", "supplyline", "--db", str(db), "verify",
                                "--json"], capture_output=True, text=True, timeout=120)
        events = json.loads(count.stdout)["events"]
        valid = [r for r in batch if validate_record(r, CAT)[0] is not None]
        if run.returncode == 2:
            assert events == 0
        else:
            assert len(valid) == len(batch)
            assert events == json.loads(run.stdout)["appended"] > 0


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(min_size=1, max_size=4000), st.sampled_from([".jsonl", ".json", ".csv"]))
def test_binary_garbage_is_refused_cleanly(data: bytes, suffix: str) -> None:
    """Random bytes in any format: exit 2 (or 0 for an empty-looking file), no traceback."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"g{suffix}"
        path.write_bytes(data)
        run = subprocess.run([sys.executable, "-m", "supplyline", "--db",
                              str(Path(tmp) / "g.duckdb"), "ingest", "--json", str(path)],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode in (0, 2), run.stderr
        assert "Traceback" not in run.stderr and "internal error" not in run.stderr
        if run.returncode == 0:
            assert json.loads(run.stdout)["appended"] == 0


def test_oversized_fields_and_huge_values_are_field_errors() -> None:
    """A 1 MB note, a 10 kB source, a 400-digit number: each is an error on its field."""
    base = {"type": "shipment", "reported_on": "2024-01-01", "source": "s", "supplier": "KP",
            "recipient": "RU", "item": "shell_152mm", "quantity": 1, "unit": "rounds",
            "measure": "cumulative", "period_end": "2024-01"}
    cases = {"notes": "x" * 1_000_000, "source": "s" * 10_000, "quantity": int("9" * 400),
             "event_id": "e" * 65, "participants": ["KP"] * 5}
    for field, value in cases.items():
        _, issues = validate_record({**base, field: value}, CAT)
        assert field in dict(issues), (field, issues)
