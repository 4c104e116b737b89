"""The service's writer commits waiting requests as one group, each still all or nothing.

A group whose events name nothing else is inserted without looking its ids up first; the
log's unique key on event_id refuses a stored id, and the group is then checked in full.
These tests hold a group together (the writer is kept busy while the requests queue up) so
that both ways run with several requests in one transaction."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from supplyline.events import AppendRejected, EventLog
from supplyline.writer import Writer
from tests.conftest import shipment
from tests.projection_helpers import validated


@pytest.fixture
def log(tmp_path: Path) -> Iterator[EventLog]:
    log = EventLog(tmp_path / "w.duckdb")
    yield log
    log.close()


def events(log: EventLog, *records: dict[str, Any]) -> list[Any]:
    return validated(list(records), log.catalogue())


def one_group(writer: Writer, requests: list[list[Any]]) -> list[Future[Any]]:
    """Queue every request while the writer is busy, so that it takes them as one group."""
    busy, release = threading.Event(), threading.Event()

    def hold(_log: EventLog) -> None:
        busy.set()
        release.wait(10)

    holder = threading.Thread(target=writer.call, args=(hold,))
    holder.start()
    assert busy.wait(10)
    futures = [writer.enqueue(r) for r in requests]
    groups = writer.groups
    release.set()
    holder.join()
    for f in futures:
        f.exception(timeout=30)  # wait for each, whatever its outcome
    assert writer.groups == groups + 1  # one commit for all of them
    return futures


def stored(log: EventLog) -> list[tuple[int, str]]:
    return log.con.execute("SELECT position, event_id FROM log ORDER BY position").fetchall()


def test_a_group_of_new_events_lands_whole_and_chained(log: EventLog) -> None:
    writer = Writer(log)
    try:
        futures = one_group(writer, [events(log, shipment(event_id=f"n{i}", quantity=i + 1))
                                     for i in range(5)]
                            + [events(log, shipment(event_id="p1", quantity=7),
                                      shipment(event_id="p2", quantity=8))])
        assert [f.result().as_dict() for f in futures] == [
            {"appended": 1, "duplicates": 0, "first_position": i + 1, "last_position": i + 1}
            for i in range(5)] + [
            {"appended": 2, "duplicates": 0, "first_position": 6, "last_position": 7}]
    finally:
        writer.close()
    assert stored(log) == [(i + 1, f"n{i}") for i in range(5)] + [(6, "p1"), (7, "p2")]
    assert log.verify().ok


def test_stored_ids_in_a_group_are_skipped_or_refused_and_the_rest_lands(log: EventLog
                                                                         ) -> None:
    log.append(events(log, shipment(event_id="old", quantity=1)))
    writer = Writer(log)
    try:
        same, changed, new, pair = one_group(writer, [
            events(log, shipment(event_id="old", quantity=1)),    # an identical repeat
            events(log, shipment(event_id="old", quantity=2)),    # the same id, changed
            events(log, shipment(event_id="new", quantity=3)),
            events(log, shipment(event_id="a", quantity=4),
                   shipment(event_id="old", quantity=5))])        # all or nothing
        assert same.result().as_dict() == {"appended": 0, "duplicates": 1,
                                           "first_position": None, "last_position": None}
        for refused in (changed, pair):
            exc = refused.exception()
            assert isinstance(exc, AppendRejected)
            assert [(i.field, "already in the log" in i.message) for i in exc.issues] == [
                ("event_id", True)]
        assert new.result().as_dict() == {"appended": 1, "duplicates": 0,
                                          "first_position": 2, "last_position": 2}
    finally:
        writer.close()
    assert stored(log) == [(1, "old"), (2, "new")]
    assert log.verify().ok


def test_events_that_name_stored_events_are_looked_up(log: EventLog) -> None:
    """A retraction's target is only in the table: such a group is checked in full."""
    log.append(events(log, shipment(event_id="old", quantity=1)))
    retraction = {"type": "retraction", "reported_on": "2024-03-01", "source": "s",
                  "reason": "wrong", "event_id": "r1", "target": "old"}
    writer = Writer(log)
    try:
        new, retract = one_group(writer, [events(log, shipment(event_id="new", quantity=2)),
                                          events(log, retraction)])
        assert new.result().first_position == 2
        assert retract.result().first_position == 3
    finally:
        writer.close()
    assert stored(log) == [(1, "old"), (2, "new"), (3, "r1")]
