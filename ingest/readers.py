"""Read input files into raw records, each tagged with the line it starts on.

Formats: JSON Lines (``.jsonl``), a JSON array (``.json``) and CSV with a header row
(``.csv``; list fields joined with ``;``, an empty cell is an absent field).
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supplyline.events import ALL_FIELDS, LIST_FIELDS

FORMATS = (".jsonl", ".json", ".csv")
Progress = Callable[[int, int], None]
_MAX_DEPTH = 32


@dataclass(frozen=True)
class Raw:
    """One input record (or the reason it could not be read) and where it starts."""

    line: int
    record: Any = None
    error: tuple[str, str] | None = None  # (field, message) when the record is unreadable


class UnreadableFile(Exception):
    """The file as a whole cannot be read (missing, wrong format, not UTF-8...)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def read_records(path: Path, progress: Progress | None = None) -> Iterator[Raw]:
    """Yield the file's records in order, streaming (a .json array is read whole);
    ``progress(done, total)`` is told how many bytes were consumed.

    :raises UnreadableFile: the file cannot be opened, or is not UTF-8 (raised where the
        bad byte is, after the records before it).
    """
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UnreadableFile(0, f"unknown format {suffix or '(none)'!r}; use .jsonl, .json "
                                "or .csv")
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise UnreadableFile(0, "no such file") from None
    except IsADirectoryError:
        raise UnreadableFile(0, "is a directory, not a file") from None
    except OSError as exc:
        raise UnreadableFile(0, (exc.strerror or str(exc)).lower()) from None
    return _read(handle, suffix, progress)


def _read(handle: Any, suffix: str, progress: Progress | None) -> Iterator[Raw]:
    with handle:
        total = os.fstat(handle.fileno()).st_size
        if suffix == ".json":
            yield from _json_array(_decode(handle.read()), progress)
            return
        lines = _decoded_lines(handle, total, progress)
        yield from (_jsonl(lines) if suffix == ".jsonl" else _csv(lines))
        if progress:
            progress(total, total)


def _decoded_lines(handle: Any, total: int, progress: Progress | None
                   ) -> Iterator[tuple[int, str]]:
    """(line number, text) for each physical line; a non-UTF-8 line stops the file there."""
    done = 0
    for number, raw in enumerate(handle, start=1):
        done += len(raw)
        if progress and number % 20_000 == 0:
            progress(done, total)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(number, f"not UTF-8 text (byte {done - len(raw) + exc.start}"
                                         "); save the file as UTF-8") from None
        if number == 1:
            text = text.removeprefix("\ufeff")
        yield number, text


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnreadableFile(line, f"not UTF-8 text (byte {exc.start}); save the file as "
                                   "UTF-8") from None
    return text.removeprefix("\ufeff")


def _too_deep(obj: Any, depth: int = 0) -> bool:
    if depth > _MAX_DEPTH:
        return True
    if isinstance(obj, dict):
        return any(_too_deep(v, depth + 1) for v in obj.values())
    if isinstance(obj, list):
        return any(_too_deep(v, depth + 1) for v in obj)
    return False


def _loads(chunk: str) -> Any:
    try:
        value = json.loads(chunk)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if _too_deep(value):
        raise ValueError("nested too deeply")
    return value


def _jsonl(lines: Iterator[tuple[int, str]]) -> Iterator[Raw]:
    for number, line in lines:
        if not line.strip():
            continue
        try:
            yield Raw(number, _loads(line))
        except ValueError as exc:
            yield Raw(number, error=("record", f"invalid JSON: {_json_reason(exc)}"))


def _json_array(text: str, progress: Progress | None) -> Iterator[Raw]:
    decoder = json.JSONDecoder()
    i = _skip_ws(text, 0)
    if i >= len(text) or text[i] != "[":
        raise UnreadableFile(_line_at(text, i), "a .json file must hold one JSON array of "
                                                "records (use .jsonl for one record per line)")
    i = _skip_ws(text, i + 1)
    if i < len(text) and text[i] == "]":
        return
    line, last = 1, 0
    while True:
        line += text.count("\n", last, i)
        last = i
        try:
            value, end = decoder.raw_decode(text, i)
        except (ValueError, RecursionError) as exc:
            yield Raw(line, error=("record", f"invalid JSON: {_json_reason(exc)}"))
            # carry on at the next line that starts a record, so every error is listed
            nxt = _NEXT_RECORD.search(text, i + 1)
            if nxt is None:
                return
            i = nxt.end() - 1
            continue
        if _too_deep(value):
            yield Raw(line, error=("record", "nested too deeply"))
        else:
            yield Raw(line, value)
        if progress:
            progress(end, len(text))
        i = _skip_ws(text, end)
        if i < len(text) and text[i] == ",":
            i = _skip_ws(text, i + 1)
            continue
        if i < len(text) and text[i] == "]":
            if _skip_ws(text, i + 1) != len(text):
                yield Raw(_line_at(text, i + 1), error=("record", "text after the array"))
            return
        yield Raw(_line_at(text, i), error=("record", "invalid JSON: expected ',' or ']'"))
        return


def _csv(lines: Iterator[tuple[int, str]]) -> Iterator[Raw]:
    where = {"line": 0}

    def text() -> Iterator[str]:
        for number, line in lines:
            where["line"] = number
            yield line

    reader = csv.reader(text(), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise UnreadableFile(1, f"bad CSV header: {exc}") from None
    header = [h.strip() for h in header]
    known = set(ALL_FIELDS)
    if len(header) == 1:
        for sep, name in ((";", "semicolon"), ("\t", "tab")):
            parts = [h.strip() for h in header[0].split(sep)]
            if len(parts) > 1 and sum(h in known for h in parts) >= len(parts) / 2:
                yield Raw(1, error=("record", f"this looks like a {name}-separated file; "
                                              "supplyline reads comma-separated CSV (save it "
                                              "with commas as the delimiter; list fields such "
                                              "as participants are joined with ';' inside a "
                                              "cell)"))
                return
    bad = [h for h in header if h not in known]
    for name in bad:
        yield Raw(1, error=(name or "(empty)", "unknown column"))
    # counted once: header.count per column is quadratic in the header's width
    dupes = {h for h, n in Counter(header).items() if n > 1}
    for name in sorted(dupes):
        yield Raw(1, error=(name, "column appears more than once"))
    if bad or dupes:
        return
    start = where["line"] + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Raw(start, error=("record", f"bad CSV: {exc}"))
            return
        line, start = start, where["line"] + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            yield Raw(line, error=("record", f"{len(cells)} cells where the header has "
                                             f"{len(header)}"))
            continue
        record: dict[str, Any] = {}
        for name, cell in zip(header, cells, strict=True):
            if cell == "":
                continue
            record[name] = [p for p in cell.split(";") if p] if name in LIST_FIELDS else cell
        yield Raw(line, record)


_NEXT_RECORD = re.compile(r"\n[ \t\r]*,?[ \t\r]*\{")


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _line_at(text: str, i: int) -> int:
    return text.count("\n", 0, i) + 1


def _json_reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} (column {exc.colno})"
    return str(exc)
