"""The log's promises: all or nothing, idempotent, gapless, references checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import shipment, write_jsonl


def test_one_bad_record_after_10000_good_appends_nothing(cli, tmp_path: Path) -> None:
    """Atomicity: a single invalid record anywhere means nothing lands."""
    good = [shipment(quantity=i + 1, event_id=f"s{i}") for i in range(10_000)]
    path = write_jsonl(tmp_path / "big.jsonl", [*good, shipment(unit="crates")])
    r = cli("ingest", str(path))
    assert r.code == 2
    assert f"{path}:10001: unit:" in r.err
    assert cli("events", "--json").json() == []
    fixed = write_jsonl(tmp_path / "good.jsonl", good)
    assert cli("ingest", "--json", str(fixed)).json()["last_position"] == 10_000


def test_same_file_twice_appends_nothing_the_second_time(cli, tmp_path: Path) -> None:
    """Idempotency by content-derived ids; the summary counts duplicates."""
    path = write_jsonl(tmp_path / "a.jsonl", [shipment(), shipment(quantity=5)])
    first = cli("ingest", "--json", str(path)).json()
    second = cli("ingest", "--json", str(path)).json()
    assert first == {"appended": 2, "duplicates": 0, "first_position": 1, "last_position": 2}
    assert second == {"appended": 0, "duplicates": 2, "first_position": None,
                      "last_position": None}
    assert "0 event(s); 2 duplicate(s)" in cli("ingest", str(path)).out


def test_same_id_different_content_is_refused(cli, tmp_path: Path) -> None:
    """An event is never edited: reusing its id with other content is an error."""
    cli("ingest", str(write_jsonl(tmp_path / "a.jsonl", [shipment(event_id="x1")])))
    r = cli("ingest", str(write_jsonl(tmp_path / "b.jsonl", [shipment(event_id="x1",
                                                                        quantity=9)])))
    assert r.code == 2
    assert "b.jsonl:1: event_id: 'x1' is already in the log with different content" in r.err


def test_positions_are_gapless_across_batches(cli, tmp_path: Path) -> None:
    """Positions run 1..n in commit order, whatever the batches."""
    for i in range(3):
        cli("ingest", str(write_jsonl(tmp_path / f"{i}.jsonl",
                                      [shipment(quantity=10 * i + j) for j in range(i + 1)])))
    assert [e["position"] for e in cli("events", "--json").json()] == [1, 2, 3, 4, 5, 6]


def test_references_must_exist_in_log_or_earlier_in_input(cli, tmp_path: Path) -> None:
    """Retractions and supersedes name a known event; a retraction is not retracted."""
    retract = {"type": "retraction", "reported_on": "2024-03-01", "source": "s",
               "reason": "wrong"}
    ok = [shipment(event_id="a"), {**retract, "event_id": "r1", "target": "a"},
          shipment(event_id="b", supersedes="a", quantity=5)]
    assert cli("ingest", str(write_jsonl(tmp_path / "ok.jsonl", ok))).code == 0
    bad = [{**retract, "target": "zzz"}, {**retract, "target": "r1", "reason": "x"},
           shipment(supersedes="nope", quantity=7), {**retract, "target": "later",
                                                     "reason": "y"},
           shipment(event_id="later", quantity=8)]
    r = cli("ingest", str(write_jsonl(tmp_path / "bad.jsonl", bad)))
    assert r.code == 2
    err = r.err
    assert "bad.jsonl:1: target: unknown event 'zzz'" in err
    assert "bad.jsonl:2: target: 'r1' is a retraction" in err
    assert "bad.jsonl:3: supersedes: unknown event 'nope'" in err
    assert "bad.jsonl:4: target: unknown event 'later'" in err


def test_recorded_at_backfill_rule(cli, tmp_path: Path) -> None:
    """--recorded-at stamps the batch and may not go back before the log's last stamp."""
    a = write_jsonl(tmp_path / "a.jsonl", [shipment()])
    b = write_jsonl(tmp_path / "b.jsonl", [shipment(quantity=3)])
    assert cli("ingest", "--recorded-at", "2024-06-01T12:00:00Z", str(a)).code == 0
    assert cli("events", "--json").json()[0]["recorded_at"] == "2024-06-01T12:00:00.000000Z"
    r = cli("ingest", "--recorded-at", "2024-05-01T00:00:00+02:00", str(b))
    assert r.code == 2
    assert "earlier than the log's last recorded_at 2024-06-01T12:00:00.000000Z" in r.err
    assert cli("ingest", "--recorded-at", "yesterday", str(b)).code == 2
    assert cli("ingest", "--recorded-at", "2024-06-02T00:00:00", str(b)).code == 0


def test_documents_and_quotes(cli, tmp_path: Path) -> None:
    """A cited document must be registered; a quote must occur in its text."""
    doc = tmp_path / "brief.txt"
    doc.write_text("The minister said 6,700 containers were sent.\n")
    rec = shipment(document="brief.txt", quote="6,700  containers were sent")
    path = write_jsonl(tmp_path / "a.jsonl", [rec])
    r = cli("ingest", str(path))
    assert r.code == 2 and "document: unknown document 'brief.txt'" in r.err
    assert cli("documents", "add", str(doc)).code == 0
    assert cli("ingest", str(path)).code == 0
    bad = write_jsonl(tmp_path / "b.jsonl", [shipment(document="brief.txt", quote="7,000",
                                                      quantity=2)])
    r = cli("ingest", str(bad))
    assert r.code == 2 and "quote: does not occur in document 'brief.txt'" in r.err


def test_events_filters(cli, tmp_path: Path) -> None:
    """--type, --since-position, --as-of and --at-position select what a user asks for."""
    recs = [shipment(reported_on="2024-01-10", period_end="2024-01"),
            shipment(reported_on="2024-03-10", quantity=2),
            {"type": "meeting", "reported_on": "2024-02-01", "source": "s", "title": "t",
             "participants": ["KP", "RU"], "period_start": "2024-02-01"}]
    cli("ingest", str(write_jsonl(tmp_path / "a.jsonl", recs)))

    def positions(*args: str) -> list[int]:
        return [e["position"] for e in cli("events", "--json", *args).json()]

    assert positions("--type", "meeting") == [3]
    assert positions("--since-position", "1") == [2, 3]
    assert positions("--as-of", "2024-02-01") == [1, 3]
    assert positions("--at-position", "2") == [1, 2]
    assert positions("--as-of", "2024-02-01", "--at-position", "2") == [1]
    out = cli("events").out
    assert "KP → RU, shell_152mm: 1,000 rounds in total, by 2024-01" in out


def test_events_json_has_every_field(cli, tmp_path: Path) -> None:
    """Each object carries every §2 field (null when absent) plus position, recorded_at, hash."""
    from supplyline.events import ALL_FIELDS

    cli("ingest", str(write_jsonl(tmp_path / "a.jsonl", [shipment()])))
    (event,) = cli("events", "--json").json()
    assert set(event) == {*ALL_FIELDS, "position", "recorded_at", "hash"}
    assert event["event_id"].startswith("ev-")
    assert len(event["hash"]) == 64


def test_read_commands_on_a_missing_log_say_so(cli) -> None:
    """No traceback and no empty file created when the log does not exist."""
    r = cli("events")
    assert r.code == 1
    assert "no log at" in r.err and "supplyline seed" in r.err


def test_catalogue_extension_from_the_command_line(cli, tmp_path: Path) -> None:
    """add-party / add-item / add-alias make new codes valid in later ingests."""
    assert cli("catalogue", "add-party", "HOUTHI", "Ansar Allah", "--alias", "Houthis").code == 0
    assert cli("catalogue", "add-item", "shell_203mm", "203 mm shell", "--unit", "shells").code == 0
    assert cli("catalogue", "add-alias", "item", "Grad-K", "rocket_122mm").code == 0
    assert cli("catalogue", "add-item", "Bad Code", "x", "--unit", "rounds").code == 2
    path = write_jsonl(tmp_path / "a.jsonl", [shipment(supplier="Houthis", item="shell_203mm"),
                                              shipment(item="Grad-K", quantity=3)])
    assert cli("ingest", str(path)).code == 0
    items = [e["item"] for e in cli("events", "--json").json()]
    assert items == ["shell_203mm", "rocket_122mm"]
    cat = json.loads(cli("catalogue", "--json").out)
    assert next(p for p in cat["parties"] if p["code"] == "HOUTHI")["aliases"] == ["Houthis"]
    assert next(i for i in cat["items"] if i["code"] == "shell_203mm")["added"] is True


def test_chunked_ingest_is_still_all_or_nothing(tmp_path: Path) -> None:
    """With tiny chunks: references across chunks resolve, a late error rolls back all,
    and a problem in one chunk causes no spurious errors in later ones."""
    from supplyline.events import EventLog
    from supplyline.ingest import IngestFailed, ingest

    retract = {"type": "retraction", "reported_on": "2024-03-01", "source": "s",
               "reason": "wrong"}
    recs = [shipment(event_id=f"s{i}", quantity=float(i)) for i in range(7)]
    recs += [{**retract, "event_id": "r", "target": "s1"}]  # refers back two chunks
    good = write_jsonl(tmp_path / "good.jsonl", recs)
    with EventLog(tmp_path / "a.duckdb") as log:
        assert ingest(log, [good], chunk=3).appended == 8
        assert log.verify().ok and log.head().position == 8
    bad_recs = [shipment(event_id="t0", quantity=1.0), shipment(event_id="t1", unit="crates"),
                shipment(event_id="t2", quantity=2.0, supersedes="zz"),
                {**retract, "event_id": "r2", "target": "t0"},
                shipment(event_id="t4", quantity=4.0)]
    bad = write_jsonl(tmp_path / "bad.jsonl", bad_recs)
    with EventLog(tmp_path / "b.duckdb") as log:
        with pytest.raises(IngestFailed) as info:
            ingest(log, [bad], chunk=2)
        assert [(e.line, e.field) for e in info.value.errors] == [(2, "unit"),
                                                                  (3, "supersedes")]
        assert log.head().position == 0


def test_rows_handed_to_duckdb_are_freed_before_the_transaction_ends(tmp_path: Path) -> None:
    """A large ingest hands DuckDB its rows in pieces inside one transaction. Each piece
    must be freed once inserted: a registered view keeps its data until the commit, which
    took a 10M-event ingest to 8 GB."""
    import gc
    import weakref

    import pyarrow as pa

    from supplyline.events import EventLog
    from supplyline.events.connection import over

    with EventLog(tmp_path / "a.duckdb") as log:
        log.con.execute("CREATE TEMP TABLE t (n BIGINT, s VARCHAR)")
        log.con.begin()
        piece = pa.table({"n": list(range(1000)), "s": [f"row {i}" for i in range(1000)]})
        held = weakref.ref(piece)
        over(log.con, "_piece", piece, "INSERT INTO t SELECT * FROM _piece")
        found = over(log.con, "_piece", piece, "SELECT count(*) FROM t JOIN _piece USING (n)")
        assert found is not None and found.fetchall() == [(1000,)]
        del piece, found
        gc.collect()
        assert held() is None  # freed while the transaction is still open
        log.con.commit()
        assert log.con.execute("SELECT count(*), max(s) FROM t").fetchall() == [(1000, "row 999")]


def test_ingest_leaves_duckdbs_memory_limit_as_it_was(tmp_path: Path) -> None:
    """Ingest caps DuckDB's memory for its transaction only: whether it appends or fails,
    the connection's limit afterwards is what it was before."""
    from supplyline.events import EventLog
    from supplyline.ingest import IngestFailed, ingest

    def limit(log: EventLog) -> str:
        return str(log.con.execute("SELECT current_setting('memory_limit')").fetchone()[0])

    good = write_jsonl(tmp_path / "good.jsonl", [shipment(event_id="a")])
    bad = write_jsonl(tmp_path / "bad.jsonl", [shipment(event_id="b", unit="crates")])
    with EventLog(tmp_path / "a.duckdb") as log:
        before = limit(log)
        assert ingest(log, [good]).appended == 1
        assert limit(log) == before
        with pytest.raises(IngestFailed):
            ingest(log, [bad])
        assert limit(log) == before
