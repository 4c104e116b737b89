"""The note a service leaves next to the log: the command line trusts it only when it checks
out, and the service writes it safely (issue 28, fix 4); the command line beside a running
service (issue 22, point 5); file modes (issue 28, fix 7)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shipment, write_jsonl
from tests.service_helpers import free_port, running_service, serving


@contextmanager
def holder(db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the log file open, as a service would."""
    proc = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True);"
        " time.sleep(120)"), str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout and proc.stdout.readline().strip() == "ready"
        yield proc
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()  # type: ignore[union-attr]


@contextmanager
def decoy() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A server on another loopback port that records what it is sent and answers like a
    service would ("appended", and a made-up proof)."""
    seen: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, body: dict[str, Any], status: int = 200) -> None:
            length = int(self.headers.get("content-length") or 0)
            seen.append({"method": self.command, "path": self.path,
                         "authorization": self.headers.get("authorization"),
                         "body": self.rfile.read(length) if length else b""})
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            self._answer({"proof": "0" * 64})

        def do_POST(self) -> None:  # noqa: N802
            self._answer({"appended": 1, "duplicates": 0, "first_position": 1,
                          "last_position": 1}, 201)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def note_of(db: Path) -> Path:
    return db.with_name(db.name + ".service.json")


def plant(db: Path, url: str, pid: int, mode: int = 0o600) -> None:
    path = note_of(db)
    path.write_text(json.dumps({"url": url, "pid": pid, "secret": "ab" * 32}))
    path.chmod(mode)


@pytest.mark.parametrize("case", ["no proof", "other process", "not loopback", "open mode",
                                  "symlink"])
def test_a_planted_note_gets_neither_token_nor_events(seeded: Path, cli: Any, tmp_path: Path,
                                                      case: str) -> None:
    """A note that does not check out: the command says why in one line and exits 1; the
    server it names is sent nothing (no token, no events), and nothing is "appended"."""
    good = write_jsonl(tmp_path / "g.jsonl", [shipment(quantity=3.0)])
    with holder(seeded) as proc, decoy() as (url, seen):
        if case == "no proof":
            plant(seeded, url, proc.pid)
            why = "could not prove it wrote the note"
        elif case == "other process":
            plant(seeded, url, proc.pid + 1)
            why = f"it names process {proc.pid + 1}, but process {proc.pid} holds the log"
        elif case == "not loopback":
            plant(seeded, "http://service.invalid:8321", proc.pid)  # refused before a request
            why = "is not on loopback"
        elif case == "open mode":
            plant(seeded, url, proc.pid, 0o644)
            why = "is open to other users"
        else:
            target = tmp_path / "elsewhere.json"
            target.write_text(json.dumps({"url": url, "pid": proc.pid, "secret": "ab" * 32}))
            target.chmod(0o600)
            note_of(seeded).symlink_to(target)
            why = "cannot be opened safely"
        r = cli("ingest", str(good), env={"SUPPLYLINE_TOKEN": "t0k"})
    assert r.code == 1 and "appended" not in r.out
    assert r.err.count("\n") == 1 and why in r.err, r.err
    assert all(s["authorization"] is None and s["method"] == "GET" for s in seen), seen
    if case != "no proof":
        assert seen == []


def test_the_service_writes_its_note_safely(seeded: Path, cli: Any, tmp_path: Path) -> None:
    """A symlink where the note goes is replaced, not followed (its target is untouched);
    the note is a regular file of mode 0600; the command line uses it; it goes at stop."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    note_of(seeded).symlink_to(victim)
    with running_service(seeded, "--no-scheduler"):
        note = note_of(seeded)
        assert not note.is_symlink() and note.is_file()
        assert note.stat().st_mode & 0o777 == 0o600
        assert set(json.loads(note.read_text())) == {"url", "pid", "secret", "started"}
        assert cli("events", "--type", "pledge", "--json").code == 0
    assert victim.read_text() == "keep me"
    assert not note_of(seeded).exists()


def test_serve_on_a_port_in_use_says_so_in_one_sentence(seeded: Path, cli: Any) -> None:
    """Exit 1, one line naming the port, and no "serving on" line before it."""
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        r = cli("serve", "--no-scheduler", "--port", str(port))
    assert r.code == 1
    assert r.err == (f"error: port {port} on 127.0.0.1 is already in use (another service?); "
                     "choose another with --port\n")
    assert "serving" not in r.out + r.err
    assert not note_of(seeded).exists()


def test_report_out_beside_the_service_is_refused_in_one_sentence(seeded: Path, cli: Any,
                                                                  tmp_path: Path) -> None:
    """--out cannot be honoured while the service holds the log: one line, exit 2, nothing
    written; without --out the report goes to the service's archive."""
    out = tmp_path / "mine"
    with running_service(seeded, "--no-scheduler"):
        r = cli("report", "--week", "2024-W25", "--out", str(out))
        assert r.code == 2 and r.err.count("\n") == 1
        assert r.err.startswith("error: --out: the running service writes reports into its "
                                "own archive")
        assert cli("report", "--week", "2024-W25").code == 0
    assert not out.exists()
    assert (seeded.parent / "archive" / "2024-W25" / "report.md").is_file()


def test_files_are_created_with_deliberate_modes(db: Path, cli: Any, tmp_path: Path) -> None:
    """The log and its backups 0600, whatever the umask; reports 0640 in folders of 0750; the
    default archive is beside the log, not ./reports."""
    old = os.umask(0o002)
    try:
        assert cli("seed").code == 0
        assert cli("report", "--week", "2024-W25").code == 0
        assert cli("export", "jsonl", str(tmp_path / "backup.jsonl")).code == 0
    finally:
        os.umask(old)
    assert db.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "backup.jsonl").stat().st_mode & 0o777 == 0o600
    archive = db.with_name("log-reports")
    assert not (tmp_path / "reports").exists()
    assert archive.stat().st_mode & 0o777 == 0o750
    week = archive / "2024-W25"
    assert week.stat().st_mode & 0o777 == 0o750
    assert {p.stat().st_mode & 0o777 for p in week.iterdir()} == {0o640}


def test_serve_writes_reports_beside_the_log_by_default(seeded: Path, cli: Any) -> None:
    """No --reports and no $SUPPLYLINE_REPORTS: the service's archive is LOG-reports."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "supplyline", "--db", str(seeded), "serve",
                             "--no-scheduler", "--port", str(port)], cwd=seeded.parent,
                            stderr=subprocess.PIPE, text=True,
                            env={k: v for k, v in os.environ.items()
                                 if k != "SUPPLYLINE_REPORTS"})
    try:
        assert proc.stderr is not None and "serving" in proc.stderr.readline()
        assert cli("report", "--week", "2024-W25").code == 0
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        proc.stderr.close()  # type: ignore[union-attr]
    assert (seeded.with_name("log-reports") / "2024-W25" / "report.json").is_file()


def test_dry_run_beside_the_service_is_checked_by_it(seeded: Path, cli: Any,
                                                     tmp_path: Path) -> None:
    """The service checks a dry run as the file would (references, duplicates, positions)
    and appends nothing."""
    ok = write_jsonl(tmp_path / "ok.jsonl", [shipment(quantity=2.0), shipment(quantity=3.0)])
    bad = write_jsonl(tmp_path / "bad.jsonl", [
        {"type": "retraction", "reported_on": "2024-03-01", "source": "s",
         "target": "no-such-event", "reason": "r"}])
    local_ok = cli("ingest", "--dry-run", "--json", str(ok)).json()
    local_bad = cli("ingest", "--dry-run", str(bad))
    with serving(seeded, "--no-scheduler"):
        assert cli("ingest", "--dry-run", "--json", str(ok)).json() == local_ok
        remote_bad = cli("ingest", "--dry-run", str(bad))
        assert cli("events", "--since-position", "37", "--json").json() == []
    assert local_ok == {"appended": 2, "duplicates": 0, "first_position": 38,
                        "last_position": 39}
    assert (remote_bad.code, remote_bad.err) == (local_bad.code, local_bad.err) == (2, (
        f"{bad}:1: target: unknown event 'no-such-event' (it must be in the log or earlier "
        "in the same input)\n1 error(s); nothing appended\n"))
