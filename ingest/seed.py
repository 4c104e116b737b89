"""The built-in dataset curated from the five seed articles (``supplyline seed``)."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path

from supplyline.events import AppendResult, EventLog

from .pipeline import ingest

SEED_FILE = "seed_data.jsonl"


def seed_path() -> Path:
    return Path(str(resources.files("supplyline.ingest").joinpath(SEED_FILE)))


def seed_documents() -> list[dict[str, str | None]]:
    text = (resources.files("supplyline.ingest").joinpath("seed_documents.json")
            .read_text("utf-8"))
    return json.loads(text)  # type: ignore[no-any-return]


def load_seed(log: EventLog, recorded_at: dt.datetime | None = None) -> AppendResult:
    """Register the seed articles (by digest, not text) and append the curated events.

    Idempotent: a second run appends nothing.
    """
    for doc in seed_documents():
        log.add_document(str(doc["document_id"]), str(doc["sha256"]), title=doc["title"],
                         outlet=doc["outlet"])
    return ingest(log, [seed_path()], recorded_at=recorded_at)


def seed_ids() -> list[str]:
    """The event ids of the built-in dataset."""
    with seed_path().open(encoding="utf-8") as f:
        return [json.loads(line)["event_id"] for line in f if line.strip()]


def events_beyond_seed(log: EventLog) -> int:
    """How many events of the log are not from the built-in dataset (a user's own)."""
    row = log.con.execute("SELECT count(*) FROM log WHERE NOT list_contains(?, event_id)",
                          [seed_ids()]).fetchall()
    return int(row[0][0])
