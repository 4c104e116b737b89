"""The service's state: the writer that owns the log, read cursors, caches, settings."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from events import Catalogue, EventLog, validate_record
from ingest import InputError

from .settings import configured_key
from .writer import Writer, utc_today


@dataclass
class Settings:
    db: Path
    reports: Path = Path("reports")
    host: str = "127.0.0.1"
    port: int = 8321
    token: str | None = None
    max_body: int = 10 * 1024 * 1024
    schedule: str = "mon 06:00"  # day-of-week and UTC time of the weekly report
    catch_up_weeks: int = 8
    scheduler: bool = True
    key: Path | None = None  # the signing key of checkpoints and reports (None: unsigned)

    @classmethod
    def from_env(cls, db: Path, **overrides: Any) -> Settings:
        s = cls(db=db, token=os.environ.get("SUPPLYLINE_TOKEN") or None,
                reports=Path(os.environ.get("SUPPLYLINE_REPORTS", "reports")),
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


@dataclass
class Service:
    settings: Settings
    log: EventLog = field(init=False)
    writer: Writer = field(init=False)
    catalogue: Catalogue = field(init=False)
    _cache: dict[Any, Any] = field(default_factory=dict, init=False)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def __post_init__(self) -> None:
        self.log = EventLog(self.settings.db)
        self.catalogue = self.log.catalogue()
        self.writer = Writer(self.log, on_idle=_catch_up)
        self.writer.call(_catch_up)

    def close(self) -> None:
        self.writer.close()
        self.log.close()

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
        """Memoise by (head position, key): appends invalidate everything."""
        full = (self.head()[0], key)
        with self._cache_lock:
            if full in self._cache:
                return self._cache[full]
        value = build()
        with self._cache_lock:
            if len(self._cache) > 8:
                self._cache.clear()
            self._cache[full] = value
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

    async def append(self, records: list[Any], expected_position: int | None
                     ) -> dict[str, Any]:
        """Validate here, then wait (without holding a thread) for the writer's group."""
        import asyncio

        from events import AppendRejected

        # small requests validate inline; big batches on a worker thread, so one large
        # upload does not stall every other request on the event loop
        events = (self.validate(records) if len(records) <= 64
                  else await asyncio.to_thread(self.validate, records))
        try:
            result = await asyncio.wrap_future(self.writer.enqueue(events, expected_position))
        except AppendRejected as exc:
            errs = [{"index": x.index, "field": x.field, "message": x.message}
                    for x in exc.issues]
            raise BadRequest(errs, f"{len(errs)} error(s); nothing appended") from None
        return result.as_dict()


def _catch_up(log: EventLog) -> None:
    from projections import catch_up

    catch_up(log.con, log.catalogue(), utc_today())


def errors_as_input(errors: list[dict[str, Any]], origins: list[tuple[str, int]]
                    ) -> list[InputError]:
    """Map API errors (by record index) back to file:line for the command line."""
    out = []
    for e in errors:
        i = e.get("index", -1)
        file, line = origins[i] if 0 <= i < len(origins) else ("(request)", 0)
        out.append(InputError(file, line, e["field"], e["message"]))
    return out


def service_note(db: Path) -> Path:
    """Where a running service leaves its URL, next to the log."""
    return db.with_name(db.name + ".service.json")


def write_note(db: Path, url: str) -> None:
    note = service_note(db)
    note.write_text(json.dumps({"url": url, "pid": os.getpid(),
                                "started": dt.datetime.now(dt.UTC).isoformat()}))


def read_note(db: Path) -> str | None:
    try:
        data = json.loads(service_note(db).read_text())
    except (OSError, ValueError):
        return None
    return data.get("url") if isinstance(data, dict) else None
