"""Plain CSV files, read a chunk of lines at a time for the column-wise ingest
(``ingest.columnar``).

A CSV file with no quote characters (and carriage returns only before newlines) splits on
newlines and commas exactly as Python's csv module reads it, so its lines can be cut into
chunks at line ends and each chunk read as string columns.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from supplyline.events import ALL_FIELDS

CHUNK_BYTES = 64 << 20  # about 400,000 lines of a typical file
FIRST_CHUNK_BYTES = 16 << 20  # about a quarter of that: less to wait for before staging
_BLOCK = 1 << 24


class Fallback(Exception):
    """This chunk needs the per-record path (the reason is for debugging only)."""


@dataclass(frozen=True)
class Chunk:
    header_line: str
    first_line: int  # file line number of the chunk's first line
    data: bytes  # whole lines, each ending in a newline (a carriage return may precede it)
    done_bytes: int

    def lines(self) -> list[tuple[int, str]]:
        """(line number, text) of each line, for the per-record path."""
        text = self.data.decode("utf-8").replace("\r\n", "\n").removesuffix("\n")
        return [(self.first_line + i, line) for i, line in enumerate(text.split("\n"))]


_LONE_CR = re.compile(rb"\r(?!\n)")  # a carriage return that does not end a line


def plain_csv(path: Path) -> bool:
    """A .csv file of UTF-8 text with no quote characters, whose carriage returns (if
    any) all end lines."""
    if path.suffix.lower() != ".csv":
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as f:
            while block := f.read(_BLOCK):
                if block.endswith(b"\r"):
                    block += f.read(1)
                if b'"' in block:
                    return False
                if b"\r" in block and _LONE_CR.search(block):
                    return False
                if not block.isascii():  # ASCII is UTF-8; anything else is checked
                    decoder.decode(block)
                elif decoder.getstate()[0]:
                    return False  # an unfinished multi-byte character before ASCII
            decoder.decode(b"", final=True)
    except (OSError, UnicodeDecodeError):
        return False
    return True


def header_of(path: Path) -> list[str] | None:
    """The header's column names when all are known fields, once each, including type."""
    with path.open("rb") as f:
        first = (f.readline().decode("utf-8").removeprefix("\ufeff").removesuffix("\n")
                 .removesuffix("\r"))
    names = [h.strip() for h in first.split(",")]
    if "type" not in names or len(set(names)) != len(names):
        return None
    return names if all(n in ALL_FIELDS for n in names) else None


def chunks(path: Path, chunk_bytes: int | None = None) -> Iterator[Chunk]:
    """The file's data lines, about ``chunk_bytes`` at a time, cut at line ends; the first
    chunk is smaller, so staging starts sooner (``columnar.prepared_chunks`` validates each
    next chunk while this one is staged; only the first is waited for in full)."""
    largest = chunk_bytes or CHUNK_BYTES
    size = min(FIRST_CHUNK_BYTES, largest)
    with path.open("rb") as f:
        header_line = (f.readline().decode("utf-8").removeprefix("\ufeff")
                       .removesuffix("\n").removesuffix("\r"))
        done = f.tell()
        number = 2
        rest = b""
        while True:
            block = f.read(size)
            data = rest + block
            if block:
                cut = data.rfind(b"\n") + 1
                if cut == 0:  # one very long line: keep reading
                    rest = data
                    continue
                data, rest = data[:cut], data[cut:]
            elif not data:
                return
            done += len(data)
            lines = data.count(b"\n") + (not data.endswith(b"\n"))
            if not data.endswith(b"\n"):
                data += b"\n"
            yield Chunk(header_line, number, data, done)
            number += lines
            size = largest
            if not block:
                return



_BLANK = re.compile(rb"\n(?=\r?\n)")  # a line end followed by an empty line


def string_columns(chunk: Chunk, header: list[str]) -> pl.DataFrame:
    """The chunk's cells as string columns (null for an empty cell), blank lines dropped,
    as Python's csv module would read them: no quotes, so commas and newlines decide."""
    # leading blank lines dropped first (polars takes the first line's width as the
    # table's); a carriage return only ever precedes a newline here (``plain_csv``)
    data = chunk.data.lstrip(b"\r\n")
    try:
        frame = pl.read_csv(data, has_header=False, quote_char=None, comment_prefix=None,
                            schema=dict.fromkeys(header, pl.String),
                            empty_string_is_null=True, raise_if_empty=False)
    except pl.exceptions.PolarsError as exc:  # a line with more cells than the header
        raise Fallback(str(exc)) from None
    # the blank lines left, runs of them included (polars drops a carriage return before
    # a newline, as Python's csv module does)
    empty = len(_BLANK.findall(data))
    if data.count(b",") != (frame.height - empty) * (len(header) - 1):
        raise Fallback("a line with fewer cells than the header")
    return frame.filter(~pl.all_horizontal(pl.all().is_null())).with_row_index("row")
