"""Plain CSV files are checked column-wise (ingest/columnar.py). Whatever a file holds, the
log must end up byte for byte as record-by-record validation leaves it, and a bad file
must get the same errors, with the same lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import supplyline.events.staging as staging
import supplyline.ingest.csv_chunks as csv_chunks
from supplyline.events import EventLog
from supplyline.ingest import IngestFailed, ingest
from supplyline.ingest.columnar import stage_chunk
from supplyline.ingest.csv_chunks import Fallback, chunks, header_of, plain_csv

STAMP = dt.datetime(2026, 1, 1)
COLUMNS = ["event_id", "type", "reported_on", "source", "via", "reliability", "credibility",
           "supersedes", "supplier", "recipient", "item", "quantity", "quantity_low",
           "quantity_high", "unit", "measure", "period_start", "period_end", "due_by",
           "metric", "per", "subject", "title", "participants", "from_unit", "to_unit",
           "factor", "factor_low", "factor_high", "target", "reason", "notes", "url", "quote",
           "location"]

# Cells as people type them: canonical and alias spellings, numbers written many ways,
# partial dates, unicode; mostly valid, so that most files go column-wise, and now and then
# something plainly wrong, so that the fallback is exercised too.
def number_text(draw: st.DrawFn, value: float) -> str:
    if value == int(value) and value < 1e15:
        return draw(st.sampled_from([f"{int(value)}", f"{value:.1f}", f"{int(value):07d}",
                                     f"{value:e}", f"{int(value)}."]))
    return draw(st.sampled_from([repr(value), f"{value:.3f}", f"{value:e}"]))


numbers = st.one_of(st.integers(0, 10**9).map(float), st.sampled_from(
    [0.5, 1e-05, 2.5e17, 12.3456789, 0.1, 1e16, 3.0000000000000004,
     1e12, 1000000000001.0, 1e-9, 1e9]))  # at and past the realistic ranges
months = [f"{y}-{m:02d}" for y in (2022, 2023, 2024) for m in range(1, 13)]
party = st.sampled_from(["KP", "RU", "North Korea", "DPRK", "russia", "UA", "EU", " KR"])
item = st.sampled_from(["shell_152mm", "drone_shahed", "shell_155mm", "rocket_122mm"])
unit = st.sampled_from(["rounds", "shells", "containers", "metric_tons", "units"])
text = st.text(st.characters(blacklist_characters=',"\r\n;', blacklist_categories=["Cs"]),
               min_size=1, max_size=12).filter(lambda t: t.strip() != "")
# URLs the model takes as they are, after stripping, or not at all
urls = st.one_of(st.sampled_from(["https://x.org/a", "HTTPS://X.ORG/ä", "http://x.org/a b",
                                  "https://x.org/a\u00a0", "https://x.org/\u2028x",
                                  "https:///x", " http://x.org/a", "https://x.org/a\\b"]),
                 text.map(lambda t: "https://x.org/" + t))
WRONG = {"reported_on": "2023-02-29", "supplier": "Narnia", "item": "widget",
         "unit": "boxes", "quantity": "-3", "period_end": "2023-13", "credibility": "7",
         "reliability": "Z", "event_id": "x" * 65, "url": "ftp://x", "measure": "total",
         "source": " ", "metric": "mood", "per": "fortnight", "factor": "0",
         "participants": ";", "supersedes": "nowhere", "target": "nowhere",
         "due_by": "2201-01", "period_start": "1899-12"}  # dates outside 1900-2200


@st.composite
def files(draw: st.DrawFn) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    ids: dict[str, str] = {}  # event_id -> type, of records so far
    for i in range(draw(st.integers(1, 30))):
        if out and draw(st.integers(0, 12)) == 0:
            out.append(dict(draw(st.sampled_from(out))))  # the same record again
            continue
        r = draw(valid(i, ids))
        if draw(st.integers(0, 80)) == 0:
            field = draw(st.sampled_from(sorted(WRONG)))
            r[field] = WRONG[field]
        if draw(st.integers(0, 60)) == 0:
            r[draw(st.sampled_from(COLUMNS))] = draw(text)  # anything in any column
        out.append(r)
        if r.get("event_id"):
            ids[r["event_id"]] = r["type"]
    return out


@st.composite
def valid(draw: st.DrawFn, i: int, ids: dict[str, str]) -> dict[str, str]:
    kind = draw(st.sampled_from(["shipment"] * 5 + ["pledge", "estimate", "meeting",
                                                     "conversion", "retraction"]))
    r: dict[str, str] = {"type": kind, "reported_on": draw(st.sampled_from(
        ["2024-01-01", "2023-11-30", "2024-02-29", " 2024-03-01"])),
        "source": draw(st.sampled_from(["MND", "ISW", "Reuters", "Südkorea"]))}
    if draw(st.integers(0, 4)):
        r["event_id"] = f"e{i}"
    for name, strategy in (("via", text), ("reliability", st.sampled_from("ABF")),
                           ("credibility", st.sampled_from(["1", "6"])), ("notes", text),
                           ("url", urls), ("quote", text)):
        if draw(st.integers(0, 3)) == 0:
            r[name] = draw(strategy)
    lo, mid, hi = sorted(draw(st.lists(numbers, min_size=3, max_size=3)))
    quantity = draw(st.sampled_from([{"quantity": mid}, {"quantity_low": lo},
                                     {"quantity_high": hi},
                                     {"quantity_low": lo, "quantity_high": hi},
                                     {"quantity_low": lo, "quantity": mid,
                                      "quantity_high": hi}]))
    q = {k: number_text(draw, v) for k, v in quantity.items()}
    start, end = sorted(draw(st.lists(st.integers(0, len(months) - 1), min_size=2,
                                      max_size=2)))
    first = draw(st.sampled_from([months[start], months[start][:4]]))
    last = draw(st.sampled_from([months[end], f"{months[end]}-28", "2024"]))
    if kind in ("shipment", "pledge"):
        r.update(supplier=draw(party), recipient=draw(party), item=draw(item), unit=draw(unit),
                 **q)
        if kind == "shipment":
            r["measure"] = draw(st.sampled_from(["cumulative", "increment"]))
            r["period_end"] = last
            if r["measure"] == "increment" or draw(st.booleans()):
                r["period_start"] = first
        else:
            r.update(period_start=first, due_by=last)
        same = [e for e, k in ids.items() if k == kind]
        if same and draw(st.integers(0, 6)) == 0:
            r["supersedes"] = draw(st.sampled_from(same))
    elif kind == "estimate":
        metric = draw(st.sampled_from(["stock", "production_rate", "supply_share"]))
        r.update(metric=metric, unit=draw(unit), period_end=last, **q)
        if metric == "production_rate":
            r["per"] = draw(st.sampled_from(["month", "year"]))
        if metric == "supply_share":
            r.update(supplier=draw(party), recipient=draw(party))
        if draw(st.booleans()):
            r["subject"] = draw(party)
    elif kind == "meeting":
        r.update(title=draw(text), participants=draw(st.sampled_from(
            ["KP;RU", "Russia;DPRK;KP", "UA"])), period_start=first)
        if draw(st.booleans()):
            r["location"] = draw(text)
    elif kind == "conversion":
        a, b = draw(st.lists(unit, min_size=2, max_size=2, unique_by=lambda u: u.replace(
            "shells", "rounds")))
        r.update(from_unit=a, to_unit=b)
        flo, f, fhi = sorted(draw(st.lists(numbers.filter(lambda x: x > 0), min_size=3,
                                           max_size=3)))
        factors = draw(st.sampled_from([{"factor": f}, {"factor_low": flo, "factor_high": fhi},
                                        {"factor": f, "factor_low": flo}]))
        r.update({k: number_text(draw, v) for k, v in factors.items()})
    else:
        targets = [e for e, k in ids.items() if k != "retraction"]
        r.update(target=draw(st.sampled_from(targets)) if targets else "nowhere",
                 reason=draw(text))
    return r


def write_csv(path: Path, records: list[dict[str, str]], *, crlf: bool = False,
              blank: bool = False) -> Path:
    end = "\r\n" if crlf else "\n"
    lines = [",".join(COLUMNS)]
    for r in records:
        lines.append(",".join(r.get(c, "") for c in COLUMNS))
        if blank:
            lines.append("")
    path.write_bytes((end.join(lines) + end).encode("utf-8"))
    return path


def log_rows(db: Path) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT * FROM log ORDER BY position").fetchall()


def both_ways(tmp: Path, files: list[Path]) -> tuple[Any, Any]:
    """(outcome, log rows) of column-wise and of per-record ingest of the same files."""
    out = []
    for way in (True, False):
        db = tmp / f"{way}.duckdb"
        db.unlink(missing_ok=True)
        with EventLog(db) as log:
            try:
                got: Any = ingest(log, files, recorded_at=STAMP, columnar=way)
            except IngestFailed as exc:
                got = [str(e) for e in exc.errors]
        out.append((got, log_rows(db)))
    return out[0], out[1]


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(files(), st.booleans(), st.booleans(), st.integers(60, 2000), st.integers(1, 40))
def test_column_wise_ingest_stores_what_record_by_record_ingest_stores(
        tmp_path: Path, records: list[dict[str, str]], crlf: bool, blank: bool,
        chunk: int, queue: int) -> None:
    """Same outcome (counts, or the same errors on the same lines) and the same log rows,
    byte for byte, hashes included; in small chunks, so files span several, and with a
    small insert queue, so later chunks find earlier ones in the table."""
    path = write_csv(tmp_path / "in.csv", records, crlf=crlf, blank=blank)
    old = csv_chunks.CHUNK_BYTES, staging.QUEUE_ROWS
    csv_chunks.CHUNK_BYTES, staging.QUEUE_ROWS = chunk, queue
    try:
        fast, slow = both_ways(tmp_path, [path])
    finally:
        csv_chunks.CHUNK_BYTES, staging.QUEUE_ROWS = old
    assert fast == slow


@pytest.mark.parametrize("crlf,blank", [(False, False), (True, False), (True, True),
                                        (False, True)])
def test_clean_files_really_go_column_wise(tmp_path: Path, crlf: bool, blank: bool) -> None:
    """A clean plain file is staged column-wise, chunk after chunk (no silent fallback),
    whatever its line ends and with blank lines between records, and a second ingest of it
    counts every record as a duplicate."""
    records = [{"event_id": f"s{i}", "type": "shipment", "reported_on": "2024-01-02",
                "source": "MND", "supplier": "North Korea", "recipient": "RU",
                "item": "shell_152mm", "quantity": f"{1000 * i}.5", "unit": "shells",
                "measure": "cumulative", "period_end": "2023-12"} for i in range(300)]
    records.append({"type": "retraction", "reported_on": "2024-01-03", "source": "MND",
                    "target": "s7", "reason": "withdrawn"})
    path = write_csv(tmp_path / "clean.csv", records, crlf=crlf, blank=blank)
    header = header_of(path)
    assert plain_csv(path) and header
    with EventLog(tmp_path / "log.duckdb") as log:
        cat = log.catalogue()
        stamp = log.begin_batch(STAMP)
        staged = [stage_chunk(log, part, header, cat, stamp) for part in chunks(path, 4096)]
        log.commit()
        assert len(staged) > 3
        assert sum(r.appended for r in staged) == 301
        again = ingest(log, [path], recorded_at=STAMP)
        assert (again.appended, again.duplicates) == (0, 301)
    fast, slow = both_ways(tmp_path, [path])
    assert fast == slow


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_runs_of_blank_lines_stay_column_wise(tmp_path: Path, end: str) -> None:
    """Several blank lines in a row (and at the start) are dropped as Python's csv module
    drops them, without sending the chunk record by record."""
    line = "shipment,2024-01-02,MND,KP,RU,shell_152mm,5,rounds,cumulative,2023-12"
    head = "type,reported_on,source,supplier,recipient,item,quantity,unit,measure,period_end"
    path = tmp_path / "runs.csv"
    path.write_bytes((end.join([head, "", line, "", "", "", line, "", ""]) + end).encode())
    header = header_of(path)
    assert plain_csv(path) and header
    with EventLog(tmp_path / "log.duckdb") as log:
        stamp = log.begin_batch(STAMP)
        staged = stage_chunk(log, next(chunks(path)), header, log.catalogue(), stamp)
        log.commit()
    assert staged.appended == 1 and staged.duplicates == 1  # the same record twice


def test_a_bad_line_deep_in_a_file_is_reported_where_it_is(tmp_path: Path) -> None:
    """An error after several clean chunks: every error listed with its line, as the
    per-record path lists them, and nothing appended."""
    good = {"type": "shipment", "reported_on": "2024-01-02", "source": "MND",
            "supplier": "KP", "recipient": "RU", "item": "shell_152mm", "quantity": "5",
            "unit": "rounds", "measure": "cumulative", "period_end": "2023-12"}
    records = [dict(good, event_id=f"g{i}") for i in range(200)]
    records[150] = dict(good, event_id="bad", supplier="Narnia")
    records[190] = dict(good, event_id="g190", period_end="2023-13")
    path = write_csv(tmp_path / "deep.csv", records)
    old = csv_chunks.CHUNK_BYTES
    csv_chunks.CHUNK_BYTES = 2048
    try:
        (fast, fast_rows), slow = both_ways(tmp_path, [path])
    finally:
        csv_chunks.CHUNK_BYTES = old
    assert (fast, fast_rows) == slow
    assert fast_rows == []
    assert [e.split(": ")[0] for e in fast] == [f"{path}:152", f"{path}:192"]  # header: 1


def test_quoted_files_keep_the_per_record_reader(tmp_path: Path) -> None:
    """Quotes (or a stray carriage return) take a file off the column-wise path."""
    quoted = tmp_path / "q.csv"
    quoted.write_text('type,source\nshipment,"a, b"\n', encoding="utf-8")
    stray = tmp_path / "r.csv"
    stray.write_bytes(b"type,source\nshipment,a\rb\n")
    assert not plain_csv(quoted) and not plain_csv(stray)


@pytest.mark.parametrize("line", ["shipment,x,y", "shipment", ",,", "   "])
def test_ragged_and_blank_lines_fall_back(tmp_path: Path, line: str) -> None:
    """Lines with too many or too few cells, or only blanks, are judged record by record."""
    path = tmp_path / "r.csv"
    path.write_text(f"type,source\n{line}\n", encoding="utf-8")
    part = next(chunks(path))
    with EventLog(tmp_path / "l.duckdb") as log, pytest.raises(Fallback):
        stamp = log.begin_batch(STAMP)
        stage_chunk(log, part, ["type", "source"], log.catalogue(), stamp)
