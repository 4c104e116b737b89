"""The report archive on disk: weeks, and the revisions of each week.

A written report is a publication and is never overwritten. The first report of a week
lives in ``DIR/YYYY-Www/`` (SPEC §7); writing the week again at another log position adds
revision 2 in ``DIR/YYYY-Www/r2/``, then ``r3/`` and so on. Each revision holds a small
``revision.json`` (week, revision, log position, head hash, files), so the archive is
listed without reading the reports themselves. A revision appears all at once: its files
are written into a hidden directory that is then renamed into place.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WEEK_DIR = re.compile(r"^\d{4}-W\d{2}$")
REVISION_DIR = re.compile(r"^r([2-9]|[1-9]\d+)$")
MANIFEST = "revision.json"


@dataclass(frozen=True)
class Revision:
    week: str
    number: int
    directory: Path
    log_position: int | None
    head_hash: str | None
    files: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"revision": self.number, "log_position": self.log_position,
                "head_hash": self.head_hash, "files": self.files,
                "path": "" if self.number == 1 else f"r{self.number}"}


def revisions(root: Path, week: str) -> list[Revision]:
    """Every revision of ``week`` in ``root``, oldest first (none when not written)."""
    week_dir = root / week
    if not (week_dir / "report.json").is_file():
        return []
    found = [_revision(week, 1, week_dir)]
    numbered = []
    for d in week_dir.iterdir():
        m = REVISION_DIR.match(d.name)
        if m and d.is_dir() and (d / "report.json").is_file():
            numbered.append(_revision(week, int(m[1]), d))
    return found + sorted(numbered, key=lambda r: r.number)


def weeks(root: Path) -> list[str]:
    """The weeks with a report in ``root``, newest first."""
    if not root.is_dir():
        return []
    return sorted((d.name for d in root.iterdir() if WEEK_DIR.match(d.name)
                   and (d / "report.json").is_file()), reverse=True)


def listing(root: Path) -> list[dict[str, Any]]:
    """The archive as the API and pages show it: one entry per week, newest first, with
    every revision and the newest marked; ``files`` are the newest revision's."""
    out = []
    for week in weeks(root):
        revs = revisions(root, week)
        newest = revs[-1]
        out.append({"week": week, "files": newest.files, "newest": newest.number,
                    "revisions": [r.as_dict() for r in revs]})
    return out


def publish(root: Path, week: str, files: dict[str, str], manifest: dict[str, Any]
            ) -> tuple[Revision, bool]:
    """Write ``files`` as a new revision of ``week``, unless a revision with exactly these
    files exists already; returns (the revision, whether it was written now)."""
    for rev in revisions(root, week):
        if all(_same(rev.directory / name, text) for name, text in files.items()):
            return rev, False
    root.mkdir(parents=True, exist_ok=True)
    while True:
        existing = revisions(root, week)
        number = existing[-1].number + 1 if existing else 1
        target = root / week if number == 1 else root / week / f"r{number}"
        staging = target.parent / f".{target.name}.tmp-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        names = sorted(files)
        for name in names:
            (staging / name).write_text(files[name], encoding="utf-8", newline="\n")
        (staging / MANIFEST).write_text(json.dumps(
            {**manifest, "week": week, "revision": number, "files": names},
            sort_keys=True, indent=1) + "\n", encoding="utf-8")
        try:
            os.rename(staging, target)  # refuses a target that another writer filled
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
            if target.exists() and any(target.iterdir()):
                continue  # taken meanwhile: the next number
            raise
        return _revision(week, number, target), True


def _revision(week: str, number: int, directory: Path) -> Revision:
    try:
        meta = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # written before reports had revisions: read the report
        try:
            report = json.loads((directory / "report.json").read_text(encoding="utf-8"))
            meta = {k: report.get(k) for k in ("log_position", "head_hash")}
        except (OSError, ValueError):
            meta = {}
    files = meta.get("files") or sorted(
        p.name for p in directory.iterdir() if p.is_file() and p.name != MANIFEST
        and not p.name.startswith("."))
    return Revision(week, number, directory, meta.get("log_position"), meta.get("head_hash"),
                    list(files))


def _same(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False
