"""Write the weekly report files for a week and a log position."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supplyline.events import EventLog, LogError

from . import render
from .archive import publish
from .data import build_report
from .signed import checkpoint_for
from .weeks import last_complete_week, parse_week, week_label, week_of


@dataclass(frozen=True)
class Written:
    week: str
    directory: Path
    files: list[Path]
    revision: int = 1
    new: bool = True  # False: an identical revision was already in the archive


def resolve_week(log: EventLog, week: str | None, today: dt.date) -> tuple[int, int]:
    """``2024-W25``; ``latest`` = the week of the newest reported_on; default the last
    complete ISO week before ``today``."""
    if week is None:
        return last_complete_week(today)
    if week == "latest":
        rows = log.con.execute("SELECT max(reported_on) FROM log").fetchall()
        if not rows or rows[0][0] is None:
            raise LogError("the log is empty; there is no latest week")
        return week_of(rows[0][0])
    return parse_week(week)


def write_report(log: EventLog, year: int, week: int, out_dir: Path,
                 at_position: int | None = None, signer: Any = None) -> Written:
    """Render the report of ISO ``week`` and publish it in ``out_dir`` (see
    ``reports.archive``): a new revision, unless the archive holds these exact files
    already. Nothing written is ever overwritten; the same position and week give the
    same bytes. With ``signer`` (trust.keys.Signer) the report embeds the signed checkpoint
    of its position."""
    head = log.head()
    position = head.position if at_position is None else min(at_position, head.position)
    row = log.con.execute("SELECT hash FROM log WHERE position = ?", [position]).fetchall()
    head_hash = row[0][0] if row else "0" * 64
    data = build_report(log.con, log.catalogue(), year, week, position, head_hash)
    if signer is not None:
        data["checkpoint"] = checkpoint_for(log, position, signer)
    files = {"report.md": render.markdown(data), "report.html": render.html(data),
             "report.json": render.as_json(data), **render.csv_tables(data)}
    label = week_label(year, week)
    revision, new = publish(out_dir, label, files,
                            {"log_position": position, "head_hash": head_hash})
    return Written(label, revision.directory, [revision.directory / n for n in sorted(files)],
                   revision.number, new)
