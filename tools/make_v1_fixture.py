"""Write tests/fixtures/log-v1.duckdb: the seed dataset as record version 1 stored it (the
outlet field named `outlet`), with its own valid hash chain. Run once; the file is committed
so the upcasting path is tested against bytes the old format really produced."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb

from supplyline.events import Catalogue, validate_record
from supplyline.events.canonical import GENESIS_HASH, canonical_json, chain_hash, derive_event_id
from supplyline.events.dates import format_utc
from supplyline.events.log import SCHEMA
from supplyline.ingest.seed import seed_documents, seed_path

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "log-v1.duckdb"
STAMP = dt.datetime(2024, 12, 1)


def v1_body(record: dict[str, object]) -> str:
    if "via" in record:
        record = dict(record)
        record["outlet"] = record.pop("via")
    return canonical_json(record)


def main() -> None:
    OUT.unlink(missing_ok=True)
    con = duckdb.connect(str(OUT))
    con.execute(SCHEMA)
    cat = Catalogue.builtin()
    prev = GENESIS_HASH
    for position, line in enumerate(seed_path().read_text("utf-8").splitlines(), start=1):
        event, issues = validate_record(json.loads(line), cat)
        assert event is not None, issues
        record = event.model_dump(mode="json", exclude_none=True)
        record.setdefault("event_id", derive_event_id(record))
        body = v1_body(record)
        digest = chain_hash(prev, position, format_utc(STAMP), 1, body)
        con.execute("INSERT INTO log VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
                    [position, record["event_id"], record["type"], record["reported_on"],
                     STAMP, body, prev, digest])
        prev = digest
    for d in seed_documents():
        con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, NULL, ?)",
                    [d["document_id"], d["sha256"], d["title"], d["outlet"], STAMP])
    con.close()
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
