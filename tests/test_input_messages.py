"""Implausible records are refused (SPEC §2) and every input mistake gets a message a user
can act on, all in one pass, through the real command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import shipment, write_jsonl

PINNED = {"SUPPLYLINE_NOW": "2024-07-01T12:00:00Z"}


def errors(cli, path: Path, *args: str, env: dict[str, str] | None = None) -> list[str]:
    r = cli("ingest", str(path), *args, env=env or PINNED)
    assert r.code == 2, r.err
    assert r.err.rstrip().endswith("nothing appended")
    assert cli("events", "--json").out.strip() in ("", "[]")  # nothing appended
    return r.err.splitlines()[:-1]


PLAUSIBILITY = [
    ("a claim reported in the future", shipment(reported_on="2024-07-02"),
     "reported_on: 2024-07-02 is after the day the event is recorded (2024-07-01)"),
    ("supplier and recipient the same", shipment(recipient="North Korea"),
     "recipient: is the supplier (KP); supplier and recipient must differ"),
    ("a delivery reported before its period began",
     shipment(reported_on="2024-02-10", period_end="2024-02-20"),
     "period_end: 2024-02-20 begins after reported_on (2024-02-10)"),
    ("a pledge due before it was made",
     {"type": "pledge", "reported_on": "2024-03-01", "source": "s", "supplier": "EU",
      "recipient": "UA", "item": "shell_155mm", "quantity": 1000, "unit": "rounds",
      "period_start": "2024-03-01", "due_by": "2024-02"},
     "due_by: must be >= period_start"),
]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
@pytest.mark.parametrize("case", PLAUSIBILITY, ids=[c[0] for c in PLAUSIBILITY])
def test_implausible_records_are_refused_like_any_field_error(
        cli, tmp_path: Path, case: tuple[str, dict, str], suffix: str) -> None:
    """Each plausibility rule, from JSON Lines and from a plain CSV (the column-wise path)."""
    _, record, message = case
    path = tmp_path / f"bad{suffix}"
    if suffix == ".jsonl":
        write_jsonl(path, [record])
    else:
        cols = sorted(record)
        path.write_text(",".join(cols) + "\n" + ",".join(str(record[c]) for c in cols) + "\n")
    assert any(message in line and line.startswith(f"{path}:2: " if suffix == ".csv"
                                                   else f"{path}:1: ")
               for line in errors(cli, path))


def test_recorded_at_sets_the_day_a_claim_may_be_reported_by(cli, tmp_path: Path) -> None:
    """With --recorded-at (back-filling), that day is the limit, not today."""
    path = write_jsonl(tmp_path / "a.jsonl", [shipment(reported_on="2024-03-02")])
    out = errors(cli, path, "--recorded-at", "2024-03-01T10:00:00Z", env={})
    assert out == [f"{path}:1: reported_on: 2024-03-02 is after the day the event is recorded "
                   "(2024-03-01); a claim cannot have been made public in the future"]
    assert cli("ingest", str(path), "--recorded-at", "2024-03-02T00:00:00Z").code == 0


def test_a_json_syntax_error_does_not_hide_the_other_errors(cli, tmp_path: Path) -> None:
    """In a .json array as in JSON Lines: each broken record, then the rest checked."""
    path = tmp_path / "a.json"
    good = json.dumps(shipment())
    path.write_text(f'[{json.dumps(shipment(quantity=-1))},\n {{"type": oops}},\n'
                    f' {json.dumps(shipment(unit="bananas"))},\n {good}]\n')
    out = errors(cli, path)
    assert [line.split(": ")[0] for line in out] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert "invalid JSON" in out[1] and "unit" in out[2]


def test_an_unknown_reference_is_reported_with_the_other_errors(cli, tmp_path: Path) -> None:
    """A retraction missing its reason and naming an unknown event gets both errors; a
    reference to an earlier record of the same input is not unknown, even if that record
    has errors of its own."""
    recs = [{"type": "retraction", "reported_on": "2024-02-27", "source": "s",
             "target": "nope"},
            {**shipment(event_id="mine"), "quantity": "lots"},
            {"type": "retraction", "reported_on": "2024-02-27", "source": "s",
             "target": "mine"},
            {**shipment(supersedes="also-nope"), "unit": "bananas"}]
    path = write_jsonl(tmp_path / "a.jsonl", recs)
    out = errors(cli, path)
    assert f"{path}:1: target: unknown event 'nope' (it must be in the log or earlier in " \
           "the same input)" in out
    assert f"{path}:1: reason: is required" in out
    assert not any(line.startswith(f"{path}:3: target") for line in out)
    assert any(line.startswith(f"{path}:4: supersedes: unknown event 'also-nope'")
               for line in out)


@pytest.mark.parametrize("sep,name", [(";", "semicolon"), ("\t", "tab")])
def test_a_csv_with_another_delimiter_is_named(cli, tmp_path: Path, sep: str,
                                               name: str) -> None:
    """One message saying what the file looks like, not 'unknown column a;b;c'."""
    path = tmp_path / "a.csv"
    path.write_text(sep.join(["type", "reported_on", "source"]) + "\n"
                    + sep.join(["shipment", "2024-01-01", "x"]) + "\n")
    out = errors(cli, path)
    assert out == [f"{path}:1: record: this looks like a {name}-separated file; supplyline "
                   "reads comma-separated CSV (save it with commas as the delimiter; list "
                   "fields such as participants are joined with ';' inside a cell)"]


@pytest.mark.parametrize("typed,plain", [("3 million", "3000000"), ("3,000,000", "3000000"),
                                         ("1,6 million", "1600000"), ("2.5bn", "2500000000"),
                                         ("500k", "500000")])
def test_numbers_written_as_in_articles_say_how_to_write_them(cli, tmp_path: Path, typed: str,
                                                              plain: str) -> None:
    """'3 million' in a number field: the message gives the plain number to write."""
    path = write_jsonl(tmp_path / "a.jsonl", [shipment(quantity=typed)])
    assert errors(cli, path) == [
        f"{path}:1: quantity: {typed!r} is not a plain number; write it as {plain} (digits "
        "only, no words or thousands separators)"]


def test_a_missing_file_says_so(cli, tmp_path: Path) -> None:
    """No 'FILE:0': the file name and 'no such file'."""
    missing = tmp_path / "nowhere.jsonl"
    assert errors(cli, missing) == [f"{missing}: no such file"]


def test_a_reference_to_a_record_already_staged_column_wise_is_known(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain CSV whose clean first chunks went in column-wise (and wait in the insert
    queue), then a broken record that corrects one of those claims: its target is known,
    so only its own error is listed, exactly as when the file is read record by record."""
    import datetime as dt

    from supplyline.events import EventLog, staging
    from supplyline.ingest import IngestFailed, csv_chunks, ingest

    monkeypatch.setattr(csv_chunks, "CHUNK_BYTES", 2000)
    monkeypatch.setattr(csv_chunks, "FIRST_CHUNK_BYTES", 2000)
    monkeypatch.setattr(staging, "QUEUE_ROWS", 10_000)
    cols = ["event_id", "type", "reported_on", "source", "supplier", "recipient", "item",
            "quantity", "unit", "measure", "period_end", "supersedes", "notes"]
    rows = [[f"s{i}", "shipment", "2024-02-27", "s", "KP", "RU", "shell_152mm", str(i + 1),
             "rounds", "cumulative", "2024-02", "", ""] for i in range(200)]
    # long enough to be a chunk of its own: nothing else of that chunk is staged
    rows.append(["fix", "shipment", "2024-02-27", "s", "KP", "RU", "shell_152mm", "lots",
                 "rounds", "cumulative", "2024-02", "s5", "n" * 2500])
    path = tmp_path / "big.csv"
    path.write_text(",".join(cols) + "\n" + "\n".join(",".join(r) for r in rows) + "\n")
    outcomes = []
    for way in (True, False):
        with EventLog(tmp_path / f"{way}.duckdb") as log, pytest.raises(IngestFailed) as exc:
            ingest(log, [path], recorded_at=dt.datetime(2024, 3, 1), columnar=way)
        outcomes.append([str(e) for e in exc.value.errors])
    assert outcomes[0] == outcomes[1]
    assert len(outcomes[0]) == 1 and outcomes[0][0].startswith(f"{path}:202: quantity:")
