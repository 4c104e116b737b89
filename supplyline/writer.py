"""The service's single writer: every append goes through one thread, which commits many
waiting requests in one transaction (group commit). Each request is still all-or-nothing:
it is checked in full before any of its rows are inserted, so a bad request never spoils
the others in its group."""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import duckdb

from supplyline.events import AppendResult, EventLog
from supplyline.events.clock import utc_today

MAX_GROUP = 512
IDLE_SECONDS = 0.5  # catch projections up only after this long without appends


@dataclass
class _Request:
    events: Sequence[Any]
    expected_position: int | None
    future: Future[AppendResult] = field(default_factory=Future)


class Writer:
    """Owns the read-write log; ``submit`` blocks until the request's group is committed."""

    def __init__(self, log: EventLog, on_idle: Callable[[EventLog], None] | None = None) -> None:
        self.log = log
        self._queue: queue.Queue[_Request | None] = queue.Queue()
        self._on_idle = on_idle
        self._thread = threading.Thread(target=self._run, name="supplyline-writer",
                                        daemon=True)
        self.groups = 0
        self._thread.start()

    def submit(self, events: Sequence[Any], expected_position: int | None = None,
               timeout: float = 60.0) -> AppendResult:
        return self.enqueue(events, expected_position).result(timeout=timeout)

    def enqueue(self, events: Sequence[Any], expected_position: int | None = None
                ) -> Future[AppendResult]:
        """Queue an append; the future resolves when its group is committed (or refused)."""
        req = _Request(events, expected_position)
        self._queue.put(req)
        return req.future

    def call(self, fn: Callable[[EventLog], Any], timeout: float = 600.0) -> Any:
        """Run ``fn(log)`` on the writer thread, between groups (e.g. a catch-up)."""
        return self.enqueue_call(fn).result(timeout=timeout)

    def enqueue_call(self, fn: Callable[[EventLog], Any]) -> Future[Any]:
        """Queue ``fn(log)`` for the writer thread; the future holds its result."""
        fut: Future[Any] = Future()
        req = _Request((), None, fut)
        req.events = _Call(fn)  # type: ignore[assignment]
        self._queue.put(req)
        return fut

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=30)

    def _run(self) -> None:
        dirty = False
        while True:
            try:
                first = self._queue.get(timeout=IDLE_SECONDS if dirty else None)
            except queue.Empty:
                dirty = False
                if self._on_idle is not None:
                    # a failed catch-up is retried the next time the writer is idle
                    with contextlib.suppress(Exception):
                        self._on_idle(self.log)
                continue
            if first is None:
                return
            group = [first]
            while len(group) < MAX_GROUP:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    self._queue.put(None)
                    break
                group.append(nxt)
            calls = [r for r in group if isinstance(r.events, _Call)]
            appends = [r for r in group if not isinstance(r.events, _Call)]
            if appends:
                self._commit_group(appends)
                dirty = True
            for r in calls:
                try:
                    r.future.set_result(r.events.fn(self.log))  # type: ignore[attr-defined]
                except BaseException as exc:  # noqa: BLE001 - handed to the caller
                    r.future.set_exception(exc)

    def _commit_group(self, group: list[_Request]) -> None:
        try:
            outcomes = self._append([(r.events, r.expected_position) for r in group])
            self.groups += 1
            if sum(r.appended for r in outcomes if not isinstance(r, BaseException)) >= 10_000:
                self.log.checkpoint()  # large batches: make them visible to Arrow readers
        except BaseException as exc:  # the group as a whole failed: nothing landed
            for req in group:
                if not req.future.done():
                    req.future.set_exception(exc)
            return
        for req, outcome in zip(group, outcomes, strict=True):
            if isinstance(outcome, BaseException):
                req.future.set_exception(outcome)
            else:
                req.future.set_result(outcome)

    def _append(self, batches: list[tuple[Sequence[Any], int | None]]
                ) -> list[AppendResult | Exception]:
        """The group in one transaction, its ids not looked up first; if the log's unique
        key refuses one (already stored), the group is checked again in full, which skips
        identical repeats and refuses changed ones, batch by batch."""
        # the transaction is rolled back before the refusal is suppressed
        with contextlib.suppress(duckdb.ConstraintException), self.log.transaction():
            return self.log.append_group(batches, self.log.stamp(), assume_new=True)
        with self.log.transaction():
            return self.log.append_group(batches, self.log.stamp())


def dry_append(events: Sequence[Any], expected_position: int | None,
               log: EventLog) -> AppendResult:
    """What appending ``events`` would do now (positions, duplicates, or the refusal), in a
    transaction that is rolled back: for ``ingest --dry-run`` beside the service."""
    with log.transaction() as tx:
        tx.discard()
        (result,) = log.append_group([(events, expected_position)], log.stamp())
    if isinstance(result, BaseException):
        raise result
    return result


@dataclass
class _Call:
    fn: Callable[[EventLog], Any]


def refresh_projections(log: EventLog) -> None:
    """Bring the materialised projections up to the log head (the writer runs this when
    idle, and when a reader needs them current)."""
    from supplyline.projections import catch_up

    catch_up(log.con, log.catalogue(), utc_today())
