"""Full backups of a log (JSON Lines or Parquet) and their restore.

A backup holds every stored row exactly as stored (positions, record versions, bodies,
hashes), plus the catalogue extensions and registered documents, so a restore reproduces
the same events, hashes and projections. Restores check the chain first and write nothing
if it does not hold.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from . import catalogue_use
from .chain import LOG_COLUMNS, LogRow
from .dates import parse_utc_timestamp
from .errors import LogError
from .integrity import check_chain
from .log import EventLog
from .plain import jsonable

FORMAT_VERSION = 1


class BadBackup(LogError):
    """The file is not a usable supplyline backup (exit 2: bad input)."""


def export(log: EventLog, fmt: str, out: Path) -> int:
    """Write the backup; returns the number of events."""
    head = log.head()
    meta = {"kind": "supplyline-backup", "format_version": FORMAT_VERSION,
            "events": head.position, "head_hash": head.hash,
            "catalogue": [jsonable(e) for e in log.catalogue_entries()],
            "catalogue_use": [jsonable(u) for u in catalogue_use.rows(log.con)],
            "documents": [jsonable(d) for d in log.document_rows()],
            "seals": log.seal_rows()}
    tmp = out.with_name(out.name + ".tmp")
    if fmt == "jsonl":
        with tmp.open("w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n")
            for row in log.export_rows():
                f.write(json.dumps(jsonable(row._asdict()), ensure_ascii=False,
                                   sort_keys=True) + "\n")
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = list(log.export_rows())
        cols = {c: [r[i] for r in rows] for i, c in enumerate(LOG_COLUMNS)}
        types = {"position": pa.int64(), "record_version": pa.int16(),
                 "reported_on": pa.date32(), "recorded_at": pa.timestamp("us")}
        table = pa.table({c: pa.array(v, type=types.get(c, pa.string()))
                          for c, v in cols.items()})
        table = table.replace_schema_metadata({"supplyline": json.dumps(meta)})
        pq.write_table(table, tmp)
    else:
        raise BadBackup(f"unknown export format {fmt!r} (parquet or jsonl)")
    tmp.replace(out)
    return head.position


def read_backup(path: Path) -> tuple[dict[str, Any], list[LogRow]]:
    """(metadata, rows) from a backup file; rows are typed like the log's columns."""
    try:
        if path.suffix == ".parquet":
            import pyarrow.parquet as pq

            table = pq.read_table(path)
            meta = json.loads((table.schema.metadata or {})[b"supplyline"])
            columns = [table.column(c).to_pylist() for c in LOG_COLUMNS]
            rows = list(map(LogRow._make, zip(*columns, strict=True)))
        elif path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as f:
                meta = json.loads(next(f))
                rows = []
                for line in f:
                    r = json.loads(line)
                    rows.append(LogRow(int(r["position"]), r["event_id"], r["type"],
                                       dt.date.fromisoformat(r["reported_on"]),
                                       parse_utc_timestamp(r["recorded_at"]),
                                       int(r["record_version"]), r["body"], r["prev_hash"],
                                       r["hash"]))
        else:
            raise BadBackup(f"{path}: a backup is a .jsonl or .parquet file")
    except BadBackup:
        raise
    except (OSError, ValueError, KeyError, TypeError, StopIteration) as exc:
        raise BadBackup(f"{path}: not a supplyline backup ({type(exc).__name__}: {exc})"
                        ) from None
    except Exception as exc:  # pyarrow raises its own types for damaged files
        raise BadBackup(f"{path}: not a supplyline backup ({exc})") from None
    if not isinstance(meta, dict) or meta.get("kind") != "supplyline-backup":
        raise BadBackup(f"{path}: not a supplyline backup (no header)")
    return meta, rows


def restore(log: EventLog, path: Path) -> int:
    """Import a backup into ``log``: empty, or holding exactly the backup's first events.

    :raises BadBackup: the file is damaged, its chain does not verify, or the log's history
        differs from it. Nothing is written then.
    """
    meta, rows = read_backup(path)
    checked = check_chain(iter(rows))
    if not checked.ok:
        raise BadBackup(f"{path}: the backup does not verify: {checked.problem}")
    if meta.get("events") != len(rows) or (rows and meta.get("head_hash") != rows[-1].hash):
        raise BadBackup(f"{path}: the backup is incomplete (its header promises "
                        f"{meta.get('events')} events, it holds {len(rows)})")
    head = log.head()
    if head.position > len(rows):
        raise BadBackup(f"the log holds {head.position} events, more than the backup's "
                        f"{len(rows)}; import only into an empty log or one whose history the "
                        "backup continues")
    if head.position and rows[head.position - 1].hash != head.hash:
        mine = {r.position: r.hash for r in log.export_rows()}
        first = next(p for p in range(1, head.position + 1) if mine[p] != rows[p - 1].hash)
        raise BadBackup(f"the log's history differs from the backup's at position {first}; "
                        "refusing to import")
    uses = [{**u, "recorded_at": parse_utc_timestamp(u["recorded_at"])}
            for u in meta.get("catalogue_use", [])]  # absent from backups before version 2
    return log.restore(rows[head.position:], meta.get("catalogue", []),
                       meta.get("documents", []), uses, meta.get("seals", []))
