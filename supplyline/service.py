"""The service's state: the writer that owns the log, read cursors, caches, settings."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from supplyline.events import Catalogue, EventLog, validate_record
from supplyline.ingest import InputError

from .settings import configured_key
from .writer import Writer, refresh_projections


@dataclass
class Settings:
    db: Path
    reports: Path = None  # type: ignore[assignment]  # None: settings.reports_dir's default
    host: str = "127.0.0.1"
    port: int = 8321
    token: str | None = None
    max_body: int = 10 * 1024 * 1024
    schedule: str = "mon 06:00"  # day-of-week and UTC time of the weekly report
    catch_up_weeks: int = 8
    scheduler: bool = True
    # ad hoc SQL (docs/security.md): who may run it, how many at once, how much each may
    # use and return
    sql_requires_token: bool = False
    sql_workers: int = 2
    sql_memory_mb: int = 1024
    sql_max_rows: int = 100_000
    sql_max_bytes: int = 32 * 1024 * 1024
    read_timeout: float = 20.0  # seconds a client may take to send its headers, its body

    def __post_init__(self) -> None:
        if self.reports is None:
            from .settings import reports_dir

            self.reports = reports_dir(self.db, None)
    key: Path | None = None  # the signing key of checkpoints and reports (None: unsigned)

    @classmethod
    def from_env(cls, db: Path, **overrides: Any) -> Settings:
        from .settings import reports_dir

        s = cls(db=db, token=os.environ.get("SUPPLYLINE_TOKEN") or None,
                reports=reports_dir(db, None),
                schedule=os.environ.get("SUPPLYLINE_SCHEDULE", "mon 06:00"),
                catch_up_weeks=int(os.environ.get("SUPPLYLINE_CATCH_UP_WEEKS", "8")),
                key=configured_key(None))
        for k, v in overrides.items():
            if v is not None:
                setattr(s, k, v)
        return s


class BadRequest(Exception):
    def __init__(self, errors: list[dict[str, Any]], detail: str) -> None:
        super().__init__(detail)
        self.errors = errors
        self.detail = detail


CACHE_ENTRIES = 16


@dataclass
class Service:
    settings: Settings
    log: EventLog = field(init=False)
    writer: Writer = field(init=False)
    catalogue: Catalogue = field(init=False)
    note: Any = field(default=None, init=False)  # the note.Note this run left, if any
    _cache: OrderedDict[Any, Any] = field(default_factory=OrderedDict, init=False)
    _building: dict[Any, threading.Lock] = field(default_factory=dict, init=False)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _sql_pool: Any = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.log = EventLog(self.settings.db)
        self.catalogue = self.log.catalogue()
        self.writer = Writer(self.log, on_idle=refresh_projections)
        self.writer.call(refresh_projections)

    def close(self) -> None:
        if self._sql_pool is not None:
            self._sql_pool.close()
        self.writer.close()
        self.log.close()

    def sql_pool(self) -> Any:
        """The SQL workers (supplyline/sqlpool.py), started on first use."""
        with self._cache_lock:
            if self._sql_pool is None:
                from .sqlpool import SqlPool

                s = self.settings
                self._sql_pool = SqlPool(s.sql_workers, s.sql_memory_mb, s.sql_max_rows,
                                         s.sql_max_bytes)
            return self._sql_pool

    # -- reading ---------------------------------------------------------------------
    def cursor(self) -> Any:
        """A connection of its own for one request (sees committed data only)."""
        return self.log.con.cursor()

    def read_log(self) -> EventLog:
        """An EventLog view over a fresh cursor, for the read helpers."""
        return EventLog.view(self.cursor(), self.settings.db)

    def head(self) -> tuple[int, str]:
        h = self.read_log().head()
        return h.position, h.hash

    def cached(self, key: Any, build: Any) -> Any:
        """``build()`` memoised by (head position, ``key``): an append makes every answer
        new. Requests that miss the same key at once wait for one build instead of each
        running it; the
        newest ``CACHE_ENTRIES`` answers are kept."""
        full = (self.head()[0], key)
        with self._cache_lock:
            if full in self._cache:
                self._cache.move_to_end(full)
                return self._cache[full]
            gate = self._building.setdefault(full, threading.Lock())
        with gate:
            with self._cache_lock:
                if full in self._cache:
                    return self._cache[full]
            try:
                value = build()
            finally:
                with self._cache_lock:
                    self._building.pop(full, None)
            with self._cache_lock:
                self._cache[full] = value
                while len(self._cache) > CACHE_ENTRIES:
                    self._cache.popitem(last=False)
        return value

    # -- appending -------------------------------------------------------------------
    def validate(self, records: list[Any]) -> list[Any]:
        """Validated events, or BadRequest listing every error by record index."""
        events, errors = [], []
        for i, raw in enumerate(records):
            event, issues = validate_record(raw, self.catalogue)
            errors += [{"index": i, "field": f, "message": m} for f, m in issues]
            events.append(event)
        if errors:
            raise BadRequest(errors, f"{len(errors)} error(s); nothing appended")
        return events

    async def append(self, records: list[Any], expected_position: int | None,
                     dry_run: bool = False) -> dict[str, Any]:
        """Validate here, then wait (without holding a thread) for the writer's group.
        ``dry_run``: check everything an append checks, append nothing."""
        import asyncio
        from functools import partial

        from supplyline.events import AppendRejected

        from .writer import dry_append

        # small requests validate inline; big batches on a worker thread, so one large
        # upload does not stall every other request on the event loop
        events = (self.validate(records) if len(records) <= 64
                  else await asyncio.to_thread(self.validate, records))
        try:
            pending = (self.writer.enqueue_call(partial(dry_append, events, expected_position))
                       if dry_run else self.writer.enqueue(events, expected_position))
            result = await asyncio.wrap_future(pending)
        except AppendRejected as exc:
            errs = [{"index": x.index, "field": x.field, "message": x.message}
                    for x in exc.issues]
            raise BadRequest(errs, f"{len(errs)} error(s); nothing appended") from None
        summary: dict[str, Any] = result.as_dict()
        return summary


def errors_as_input(errors: list[dict[str, Any]], origins: list[tuple[str, int]]
                    ) -> list[InputError]:
    """Map API errors (by record index) back to file:line for the command line."""
    out = []
    for e in errors:
        i = e.get("index", -1)
        file, line = origins[i] if 0 <= i < len(origins) else ("(request)", 0)
        out.append(InputError(file, line, e["field"], e["message"]))
    return out
