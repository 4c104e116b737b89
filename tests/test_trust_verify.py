"""`verify` covers every table a number is computed from: an edit made behind the
product's back to a typed copy of the events, the catalogue, the documents, their seals,
the Merkle tree or a materialised projection is caught, naming the table."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from supplyline.events import Catalogue, EventLog, validate_record
from tests.conftest import Result, shipment


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed dataset with its projections, plus one catalogue entry, made by the CLI."""
    import subprocess
    import sys

    db = tmp_path_factory.mktemp("template") / "log.duckdb"
    for args in (["seed"], ["catalogue", "add-item", "shell_130mm", "130 mm field gun round",
                            "--unit", "rounds"]):
        subprocess.run([sys.executable, "-m", "supplyline", "--db", str(db), *args],
                       check=True, capture_output=True)
    return db


@pytest.fixture
def log_copy(template: Path, db: Path) -> Path:
    shutil.copy(template, db)
    return db


def tamper(db: Path, *statements: str) -> None:
    con = duckdb.connect(str(db))
    for sql in statements:
        con.execute(sql)
    con.close()


def test_an_untouched_log_verifies_everything(cli: Callable[..., Result], log_copy: Path
                                              ) -> None:
    """Plain verify checks chain, seals and typed tables; --projections also the rebuild."""
    r = cli("verify", "--json")
    assert r.code == 0, r.err
    d = r.json()
    assert d["ok"] is True and d["table"] is None and d["problem"] is None
    assert {"log", "seals", "catalogue", "documents", "events_flat", "events_side"} <= set(
        d["checked"])
    d = cli("verify", "--projections", "--json").json()
    assert d["ok"] is True
    assert {"timeline_state", "timeline_excluded", "pledge_status", "timeline", "events"} <= set(
        d["checked"])
    assert cli("verify", "--projections").out.startswith("ok: 37 events, head hash ")


PLAIN = {
    "events_flat quantity doubled": (
        ["UPDATE events_flat SET quantity = quantity * 2 WHERE position = 8"],
        "events_flat", 8, "quantity is 700000.0, the log says 350000.0"),
    "events_flat row deleted": (
        ["DELETE FROM events_flat WHERE position = 20"], "events_flat", 20, ""),
    "events_flat row stored twice": (
        ["INSERT INTO events_flat SELECT * FROM events_flat WHERE position = 3"],
        "events_flat", 3, "more than once"),
    "events_flat row invented": (
        ["INSERT INTO events_flat SELECT * REPLACE (10**6 AS position, 'x' AS event_id) "
         "FROM events_flat WHERE position = 8"], "events_flat", 10**6, ""),
    "events_side quantity changed": (
        ["UPDATE events_side SET quantity = 1 WHERE position = (SELECT min(position) FROM "
         "events_side WHERE quantity IS NOT NULL)"], "events_side", None, "quantity is 1.0"),
    "projection_state moved back": (
        ["UPDATE projection_state SET position = 10 WHERE name = 'events_flat'"],
        "events_flat", 11, ""),
    "projection_state emptied to hide an edit": (
        ["DELETE FROM projection_state", "UPDATE events_flat SET quantity = 1 WHERE "
         "position = 8"], "events_flat", 8, "quantity is 1.0"),
    "catalogue row inserted": (
        ["INSERT INTO catalogue VALUES (2, 'item', 'shell_152mm', '152 mm', 'metric_tons', "
         "'[]', TIMESTAMP '2024-01-01')"], "catalogue", None, "no seal"),
    "catalogue unit changed": (
        ["UPDATE catalogue SET unit = 'units' WHERE code = 'shell_130mm'"], "catalogue", None,
        "does not match its seal"),
    "document digest changed": (
        ["UPDATE documents SET sha256 = repeat('0', 64) WHERE document_id = "
         "'000_bb430a259d5b477c.txt'"], "documents", None, "does not match its seal"),
    "document deleted": (
        ["DELETE FROM documents WHERE document_id = '001_64f7952fb5976206.txt'"], "documents",
        None, "missing"),
    "seal deleted": (
        ["DELETE FROM seals WHERE seq = (SELECT max(seq) FROM seals)"], "catalogue", None,
        "no seal"),
    "seal rewritten": (
        ["UPDATE seals SET digest = repeat('a', 64) WHERE seq = 1"], "seals", None,
        "hash chain"),
}


@pytest.mark.parametrize("case", sorted(PLAIN))
def test_plain_verify_catches_edits(cli: Callable[..., Result], log_copy: Path,
                                    case: str) -> None:
    """Each edit: exit 1, the table named, the first bad position where there is one."""
    statements, table, position, words = PLAIN[case]
    tamper(log_copy, *statements)
    r = cli("verify", "--json")
    assert r.code == 1, r.out
    d = r.json()
    assert (d["ok"], d["table"]) == (False, table)
    if position is not None:
        assert d["first_bad_position"] == position
    assert words in d["problem"]
    human = cli("verify")
    assert human.code == 1 and f"found in {table}" in human.out and "NOT OK" in human.err


PROJECTIONS = {
    "timeline state": (
        ["UPDATE timeline_state SET raw_central = raw_central + 1 WHERE supplier = 'KP' AND "
         "item = 'shell_152mm' AND date = DATE '2024-02-27'"], "timeline_state",
        ("KP", "RU", "shell_152mm"), "2024-02-27"),
    "timeline exclusion invented": (
        ["INSERT INTO timeline_excluded VALUES ('KP', 'RU', 'shell_152mm', DATE '2024-01-31', "
         "'x', 'made up')"], "timeline_excluded", ("KP", "RU", "shell_152mm"), "2024-01-31"),
    "pledge status": (
        ["UPDATE pledge_status SET delivered_central = 1e9"], "pledge_status", None, None),
    "timeline view": (
        ["CREATE OR REPLACE VIEW timeline AS SELECT supplier, recipient, item, unit, date, "
         "raw_low AS low, raw_central * 2 AS central, raw_high AS high, false AS conflict "
         "FROM timeline_state"], "timeline", None, None),
}


@pytest.mark.parametrize("case", sorted(PROJECTIONS))
def test_projection_edits_are_caught_by_a_rebuild(cli: Callable[..., Result], log_copy: Path,
                                                  case: str) -> None:
    """Plain verify does not rebuild; --projections does and names the first differing
    flow and date."""
    statements, table, flow, date = PROJECTIONS[case]
    tamper(log_copy, *statements)
    assert cli("verify", "--json").code == 0
    r = cli("verify", "--projections", "--json")
    assert r.code == 1, r.out
    d = r.json()
    assert (d["ok"], d["table"]) == (False, table)
    if flow is not None:
        assert (d["flow"]["supplier"], d["flow"]["recipient"], d["flow"]["item"]) == flow
        assert d["date"] == date
        assert f"{flow[0]} -> {flow[1]} {flow[2]} on {date}" in d["problem"]


def test_stale_projections_are_compared_at_their_own_position(
        cli: Callable[..., Result], log_copy: Path) -> None:
    """Events appended without a catch-up: the projections built at 38 events still equal
    a rebuild from the first 38, and a new edit of them is still caught."""
    with EventLog(log_copy) as log:
        log.append([validate_record(shipment(quantity=5.0, event_id="late"),
                                    Catalogue.builtin())[0]])
    d = cli("verify", "--projections", "--json").json()
    assert d["ok"] is True and d["events"] == 38
    tamper(log_copy, "UPDATE pledge_status SET fulfilment = 0.5")
    assert cli("verify", "--projections", "--json").json()["table"] == "pledge_status"


def _big_log(db: Path, n: int = 600) -> None:
    cat = Catalogue.builtin()
    with EventLog(db) as log:
        log.append([validate_record(shipment(quantity=float(i), event_id=f"b-{i}"), cat)[0]
                    for i in range(n)])


@pytest.mark.parametrize("edit", ["UPDATE merkle_nodes SET hash = sha256('x')::BLOB WHERE "
                                  "level = 8 AND idx = 1",
                                  "DELETE FROM merkle_nodes WHERE level = 9",
                                  "INSERT INTO merkle_nodes VALUES (8, 7, sha256('x')::BLOB)"])
def test_merkle_node_edits_are_caught(cli: Callable[..., Result], db: Path, tmp_path: Path,
                                      edit: str) -> None:
    """Checkpoints and proofs are computed from stored nodes: verify recomputes them."""
    _big_log(db)
    assert cli("keys", "init", "--key", str(tmp_path / "k")).code == 0
    assert cli("checkpoint", "--key", str(tmp_path / "k")).code == 0
    assert cli("verify", "--json").json()["checked"][:2] == ["log", "merkle_nodes"]
    tamper(db, edit)
    d = cli("verify", "--json").json()
    assert (d["ok"], d["table"]) == (False, "merkle_nodes")


def test_a_log_made_before_seals_verifies_and_is_sealed_on_first_write(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    """The v1 fixture opens read-only as before (its rows reported unsealed); opened for
    writing once, its rows are sealed from the next position on."""
    fixture = Path(__file__).resolve().parent / "fixtures" / "log-v1.duckdb"
    db = tmp_path / "v1.duckdb"
    shutil.copy(fixture, db)
    d = cli("verify", "--json", db_path=db).json()
    assert d["ok"] is True and d["unsealed"] == ["catalogue", "documents"]
    with EventLog(db) as log:
        head = log.head().position
        rows: Any = log.con.execute("SELECT min(effective), count(*) FROM seals").fetchall()
        documents = log.con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
    assert rows == [(head + 1, documents)]
    d = cli("verify", "--json", db_path=db).json()
    assert d["ok"] is True and "seals" in d["checked"]
