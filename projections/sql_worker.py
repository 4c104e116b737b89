"""A process that runs ad hoc SQL for the service, under a hard memory limit.

DuckDB's own memory limit does not hold for every query: ``SELECT repeat('x', 2e9)`` builds a
2 GB string outside it. So the service runs each query in one of these workers, whose data
segment the kernel caps (``RLIMIT_DATA``): a query that needs more fails with DuckDB's
out-of-memory error, and the worker, not the service, is what it costs. The worker sees only
the tables it is given, as Arrow files it maps read-only, in an in-memory database locked
down like every other SQL connection (``open_isolated``).

Protocol, on stdin/stdout: a request is one frame (8-byte big-endian length, then JSON
``{"tables": {name: path}, "query", "timeout", "max_rows", "max_bytes"}``); the answer is a
frame of JSON ``{"status": "ok" | "refused" | "timeout" | "too_large" | "memory",
"message"}`` followed, when ok, by a frame holding the JSON document
``{"columns": [...], "rows": [...]}`` ready to send.
"""

from __future__ import annotations

import json
import resource
import struct
import sys
import threading
from typing import IO, Any

from supplyline.events.plain import jsonable

_HEADER = struct.Struct(">Q")


def read_frame(stream: IO[bytes]) -> bytes | None:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(head)
    data = stream.read(size)
    return data if len(data) == size else None


def write_frame(stream: IO[bytes], data: bytes) -> None:
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:  # an unbuffered pipe may take part of it at a time
        view = view[stream.write(view) or 0:]
    stream.flush()


class _Stop(Exception):
    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status


class Worker:
    def __init__(self, memory_mb: int, spill: str) -> None:
        self.memory_mb, self.spill = memory_mb, spill
        self.con: Any = None
        self.tables: dict[str, str] = {}
        self._maps: list[Any] = []

    def connect(self, tables: dict[str, str]) -> Any:
        """A locked-down connection over ``tables`` (kept while the same files are asked
        for: the service hands out new files when the log moves)."""
        if self.con is not None and tables == self.tables:
            return self.con
        import pyarrow as pa

        from supplyline.projections.sql import lock_down

        if self.con is not None:
            self.con.close()
        import duckdb

        con = duckdb.connect(":memory:")
        con.execute("SET enable_progress_bar = false")
        con.execute("SET threads = 1")
        # what DuckDB spills goes to the service's private folder, and no more than this
        con.execute(f"SET temp_directory = '{self.spill}'")
        con.execute(f"SET max_temp_directory_size = '{self.memory_mb}MB'")
        for name, path in sorted(tables.items()):
            source = pa.memory_map(path, "r")  # read-only, shared with the page cache
            con.register(name, pa.ipc.open_file(source).read_all())
        # DuckDB's limit, below the process's: what it tracks fails gracefully there
        lock_down(con, f"{max(self.memory_mb // 2, 32)}MB")
        self.con, self.tables = con, dict(tables)
        return con

    def run(self, request: dict[str, Any]) -> tuple[dict[str, Any], bytes | None]:
        import duckdb

        from supplyline.projections.sql import SqlRefused, check_statement

        try:
            con = self.connect(request["tables"])
            query = request["query"]
            check_statement(con, query)
            return {"status": "ok"}, self._answer(con, query, float(request["timeout"]),
                                                  int(request["max_rows"]),
                                                  int(request["max_bytes"]))
        except SqlRefused as exc:
            return {"status": "refused", "message": str(exc)}, None
        except _Stop as exc:
            return {"status": exc.status, "message": str(exc)}, None
        except (duckdb.OutOfMemoryException, MemoryError):
            return {"status": "memory", "message": (
                f"the query needed more than the {self.memory_mb} MB a query may use "
                "(serve --sql-memory); narrow it")}, None
        except duckdb.InterruptException:
            return {"status": "timeout", "message": (
                f"the query ran longer than {float(request['timeout']):g} s and was "
                "stopped")}, None
        except duckdb.PermissionException as exc:
            return {"status": "refused", "message":
                    f"read-only: {str(exc).splitlines()[0]}"}, None
        except duckdb.Error as exc:
            return {"status": "refused", "message":
                    f"the query failed: {str(exc).splitlines()[0]}"}, None

    def _answer(self, con: Any, query: str, timeout: float, max_rows: int,
                max_bytes: int) -> bytes:
        timer = threading.Timer(timeout, con.interrupt)
        timer.start()
        try:
            cur = con.execute(query)
            columns = [d[0] for d in cur.description or []]
            head = json.dumps({"columns": columns}, ensure_ascii=False)[:-1]
            parts = [head.encode(), b', "rows": [']
            size, count = sum(len(p) for p in parts), 0
            while batch := cur.fetchmany(2048):
                for row in batch:
                    count += 1
                    if count > max_rows:
                        raise _Stop("too_large", (
                            f"the answer has more than {max_rows} rows (serve "
                            "--sql-max-rows); narrow the query: a WHERE clause, an aggregate "
                            "(GROUP BY) or LIMIT"))
                    text = json.dumps([jsonable(v) for v in row], ensure_ascii=False,
                                      allow_nan=False).encode()
                    size += len(text) + 2
                    if size > max_bytes:
                        raise _Stop("too_large", (
                            f"the answer is larger than {max_bytes // (1024 * 1024)} MB (serve "
                            "--sql-max-mb); narrow the query: fewer or shorter columns "
                            "(e.g. left(quote, 200)), a WHERE clause or LIMIT"))
                    parts.append((b", " if count > 1 else b"") + text)
            parts.append(b"]}")
            return b"".join(parts)
        finally:
            timer.cancel()


def main() -> None:
    memory_mb, spill = int(sys.argv[1]), sys.argv[2]
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    worker = Worker(memory_mb, spill)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write to the answer stream
    write_frame(stdout, b'{"status": "ready"}')
    while (frame := read_frame(stdin)) is not None:
        header, body = worker.run(json.loads(frame))
        write_frame(stdout, json.dumps(header).encode())
        if body is not None:
            write_frame(stdout, body)


if __name__ == "__main__":
    main()
