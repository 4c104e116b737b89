"""Signed checkpoints and proofs: keys, the C2SP formats, and what `verify --checkpoint`
and `verify-proof` accept and refuse."""

from __future__ import annotations

import base64
import hashlib
import json
import stat
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from supplyline.events import Catalogue, EventLog, validate_record
from tests.conftest import Result, shipment, write_jsonl

Cli = Callable[..., Result]


@pytest.fixture
def keyed(cli: Cli, seeded: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A seeded log, a private key and the public key `keys init` printed."""
    key = tmp_path / "signing.key"
    r = cli("keys", "init", "--key", str(key), "--name", "example.org/supply")
    assert r.code == 0, r.err
    pub = tmp_path / "key.pub"
    pub.write_text(r.out)
    return key, pub


def test_keys_init_prints_only_the_public_key(cli: Cli, tmp_path: Path) -> None:
    """stdout is one C2SP verifier key whose id is SHA-256(name, 0x0A, 0x01, key)[:4];
    the private key file is mode 0600 and never overwritten."""
    key = tmp_path / "k"
    r = cli("keys", "init", "--key", str(key), "--name", "example.org/log")
    assert r.code == 0
    name, key_id, data = r.out.rstrip("\n").split("+", 2)
    assert r.out.count("\n") == 1 and name == "example.org/log"
    raw = base64.b64decode(data)
    assert raw[0] == 1 and len(raw) == 33
    assert key_id == hashlib.sha256(b"example.org/log\n\x01" + raw[1:]).digest()[:4].hex()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.read_text().startswith("PRIVATE+KEY+example.org/log+" + key_id + "+")
    again = cli("keys", "init", "--key", str(key))
    assert again.code == 2 and "already exists" in again.err and again.out == ""


def test_keys_are_kept_out_of_the_log_and_away_from_others(cli: Cli, db: Path,
                                                            tmp_path: Path) -> None:
    """The key cannot be the log file; a key readable by others is refused."""
    assert cli("keys", "init", "--key", str(db)).code == 2
    key = tmp_path / "k"
    assert cli("keys", "init", "--key", str(key)).code == 0
    key.chmod(0o644)
    r = cli("checkpoint", "--key", str(key))
    assert r.code == 2 and "chmod 600" in r.err


def test_checkpoint_is_a_deterministic_c2sp_note(cli: Cli, keyed: tuple[Path, Path]) -> None:
    """Origin, size, base64 root, the seals line, a blank line, one signature line; the
    same bytes every time; its signature verifies with the printed public key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key, pub = keyed
    r = cli("checkpoint", "--key", str(key))
    assert r.code == 0, r.err
    assert cli("checkpoint", "--key", str(key)).out == r.out
    text, sig_line = r.out.split("\n\n")
    origin, size, root, seals = text.split("\n")
    assert (origin, size) == ("example.org/supply", "37")
    assert len(base64.b64decode(root)) == 32
    assert seals.startswith("supplyline-seals 5 ")  # the five seed documents
    assert sig_line.startswith("\u2014 example.org/supply ") and sig_line.endswith("\n")
    sig = base64.b64decode(sig_line.rstrip("\n").split(" ")[2])
    raw = base64.b64decode(pub.read_text().strip().split("+", 2)[2])
    assert sig[:4].hex() == pub.read_text().split("+")[1]
    Ed25519PublicKey.from_public_bytes(raw[1:]).verify(sig[4:], (text + "\n").encode())
    d = cli("checkpoint", "--key", str(key), "--size", "10", "--json").json()
    assert d["tree_size"] == 10 and d["origin"] == "example.org/supply"
    assert d["checkpoint"].split("\n")[1] == "10"


def _checkpoint(cli: Cli, key: Path, out: Path, *args: str) -> Path:
    assert cli("checkpoint", "--key", str(key), "--out", str(out), *args).code == 0
    return out


def test_an_appended_log_stays_consistent_with_an_old_checkpoint(
        cli: Cli, keyed: tuple[Path, Path], tmp_path: Path) -> None:
    """A checkpoint at 37 events still verifies after more events and a catalogue entry."""
    key, pub = keyed
    cp = _checkpoint(cli, key, tmp_path / "cp.txt")
    assert cli("ingest", str(write_jsonl(tmp_path / "more.jsonl", [shipment(quantity=9.0)]))
               ).code == 0
    assert cli("catalogue", "add-party", "HOUTHI", "Ansar Allah").code == 0
    r = cli("verify", "--checkpoint", str(cp), "--public-key", str(pub), "--json")
    assert r.code == 0, r.out
    d = r.json()
    assert d["events"] == 38 and "checkpoint" in d["checked"]
    assert d["checkpoint"]["tree_size"] == 37


def test_an_altered_checkpoint_or_a_wrong_key_is_refused(
        cli: Cli, keyed: tuple[Path, Path], tmp_path: Path) -> None:
    """Any changed byte of the note, or another key, fails with exit 1."""
    key, pub = keyed
    cp = _checkpoint(cli, key, tmp_path / "cp.txt")
    good = cp.read_text()
    for bad in (good.replace("\n37\n", "\n36\n"), good.replace("example.org", "example.com"),
                good.replace("supplyline-seals 5", "supplyline-seals 4")):
        cp.write_text(bad)
        r = cli("verify", "--checkpoint", str(cp), "--public-key", str(pub), "--json")
        assert (r.code, r.json()["table"]) == (1, "checkpoint")
        assert "refused" in r.json()["problem"]
    cp.write_text(good)
    other = tmp_path / "other.key"
    other_pub = tmp_path / "other.pub"
    other_pub.write_text(cli("keys", "init", "--key", str(other), "--name",
                             "example.org/supply").out)
    r = cli("verify", "--checkpoint", str(cp), "--public-key", str(other_pub), "--json")
    assert r.code == 1 and "not signed by the key" in r.json()["problem"]


def test_a_rewritten_history_of_the_same_size_is_refused(
        cli: Cli, keyed: tuple[Path, Path], tmp_path: Path, db: Path) -> None:
    """A fork: a log of the same size whose chain is valid but differs from the one the
    checkpoint signed (one event edited and the chain recomputed from there on)."""
    from supplyline.events.canonical import chain_hash
    from supplyline.events.dates import format_utc

    key, pub = keyed
    cp = _checkpoint(cli, key, tmp_path / "cp.txt")
    con = duckdb.connect(str(db))
    rows = con.execute("SELECT position, recorded_at, record_version, body, prev_hash FROM log "
                       "WHERE position >= 8 ORDER BY position").fetchall()
    prev = rows[0][4]
    for pos, recorded, version, body, _ in rows:
        if pos == 8:
            body = body.replace("350000.0", "450000.0")
        digest = chain_hash(prev, pos, format_utc(recorded), version, body)
        con.execute("UPDATE log SET body = ?, prev_hash = ?, hash = ? WHERE position = ?",
                    [body, prev, digest, pos])
        prev = digest
    con.close()
    assert cli("verify", "--json").json()["table"] != "log"  # the chain itself holds
    r = cli("verify", "--checkpoint", str(cp), "--public-key", str(pub), "--json")
    assert r.code == 1
    assert "rewritten" in r.json()["problem"]


def test_a_truncated_log_is_refused(cli: Cli, keyed: tuple[Path, Path], tmp_path: Path,
                                    db: Path) -> None:
    """Dropping the last events leaves a valid chain, but not what the checkpoint signed."""
    key, pub = keyed
    cp = _checkpoint(cli, key, tmp_path / "cp.txt")
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM log WHERE position > 30")
    con.close()
    assert cli("verify", "--json").json()["ok"] is True
    r = cli("verify", "--checkpoint", str(cp), "--public-key", str(pub), "--json")
    assert r.code == 1 and "removed" in r.json()["problem"]


def test_a_resealed_catalogue_edit_is_refused_by_the_checkpoint(
        cli: Cli, keyed: tuple[Path, Path], tmp_path: Path, db: Path) -> None:
    """An edit of a sealed row with the seal chain recomputed passes plain verify, but not
    the checkpoint that vouched for the seals."""
    from supplyline.events.seals import row_digest, seal_hash

    key, pub = keyed
    cp = _checkpoint(cli, key, tmp_path / "cp.txt")
    con = duckdb.connect(str(db))
    con.execute("UPDATE documents SET outlet = 'Forged' WHERE document_id = "
                "'000_bb430a259d5b477c.txt'")
    cur = con.execute("SELECT * FROM documents ORDER BY document_id")
    cols = [d[0] for d in cur.description]
    digests = {r[0]: row_digest(cols, r) for r in cur.fetchall()}
    prev = "0" * 64
    for seq, effective, table, row_key in con.execute(
            "SELECT seq, effective, table_name, row_key FROM seals ORDER BY seq").fetchall():
        digest = digests[row_key]
        new = seal_hash(prev, seq, effective, table, row_key, digest)
        con.execute("UPDATE seals SET digest = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                    [digest, prev, new, seq])
        prev = new
    con.close()
    assert cli("verify", "--json").json()["ok"] is True
    r = cli("verify", "--checkpoint", str(cp), "--public-key", str(pub), "--json")
    assert r.code == 1 and "seals differ" in r.json()["problem"]


def test_verify_proof_needs_no_log(cli: Cli, keyed: tuple[Path, Path], tmp_path: Path) -> None:
    """The proof and checkpoint alone: ok for the event; a changed claim, a proof of
    another size, an altered checkpoint and a wrong key are refused."""
    key, pub = keyed
    cp = _checkpoint(cli, key, tmp_path / "cp.txt", "--size", "30")
    eid = "lt-mfa-2023-10-26-kp-ru-350k"
    proof = tmp_path / "proof.json"
    proof.write_text(cli("prove", eid, "--size", "30", "--json").out)
    nowhere = tmp_path / "no-log.duckdb"  # the log is not consulted at all
    ok = cli("verify-proof", "--checkpoint", str(cp), "--public-key", str(pub), "--proof",
             str(proof), "--json", db_path=nowhere)
    assert ok.code == 0, ok.out + ok.err
    d = ok.json()
    assert (d["ok"], d["event_id"], d["position"], d["tree_size"]) == (True, eid, 8, 30)
    assert d["event_checked"] is True and d["claim"]["quantity"] == 350000.0
    assert not nowhere.exists()

    data = json.loads(proof.read_text())
    event = tmp_path / "event.json"
    event.write_text(json.dumps({**data["event"], "body": data["event"]["body"].replace(
        "350000.0", "450000.0")}))
    r = cli("verify-proof", "--checkpoint", str(cp), "--public-key", str(pub), "--proof",
            str(proof), "--event", str(event), "--json")
    assert r.code == 1 and "altered" in r.json()["problem"]

    other = tmp_path / "proof37.json"
    other.write_text(cli("prove", eid, "--json").out)
    r = cli("verify-proof", "--checkpoint", str(cp), "--public-key", str(pub), "--proof",
            str(other), "--json")
    assert r.code == 1 and "--size 30" in r.json()["problem"]

    cp.write_text(cp.read_text().replace("\n30\n", "\n29\n"))
    r = cli("verify-proof", "--checkpoint", str(cp), "--public-key", str(pub), "--proof",
            str(proof))
    assert r.code == 1 and "refused" in r.err


def test_prove_refuses_unknown_events_and_sizes(cli: Cli, seeded: Path) -> None:
    """Unknown event, size past the log, event after the size: exit 2 with a message."""
    assert cli("prove", "nope").code == 2
    assert cli("prove", "lt-mfa-2023-10-26-kp-ru-350k", "--size", "99").code == 2
    r = cli("prove", "lt-mfa-2023-10-26-kp-ru-350k", "--size", "5")
    assert r.code == 2 and "after tree size 5" in r.err


def test_a_report_embeds_a_checkpoint_that_proves_its_cited_claims(
        cli: Cli, keyed: tuple[Path, Path], tmp_path: Path) -> None:
    """With a key, report.json holds the checkpoint of the report's own position (same
    bytes when written again), Markdown and HTML name it, and a claim the report cites
    verifies against it with verify-proof."""
    key, pub = keyed
    out = tmp_path / "archive"  # not "reports": python -m would import it as the package
    args = ("report", "--week", "2024-W09", "--at-position", "30", "--out", str(out),
            "--key", str(key))
    assert cli(*args).code == 0
    folder = out / "2024-W09"
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert cli(*args).code == 0
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first
    data = json.loads((folder / "report.json").read_text())
    assert data["checkpoint"].split("\n")[:2] == ["example.org/supply", "30"]
    assert "Signed checkpoint of log example.org/supply at tree size 30" in (
        folder / "report.md").read_text()
    assert "Signed checkpoint of log example.org/supply" in (folder / "report.html").read_text()
    cited = data["claims_this_week"][0]["event_id"]
    proof = tmp_path / "proof.json"
    proof.write_text(cli("prove", cited, "--size", str(data["log_position"]), "--json").out)
    r = cli("verify-proof", "--checkpoint", str(folder / "report.json"), "--public-key",
            str(pub), "--proof", str(proof))
    assert r.code == 0, r.err
    assert r.out.startswith(f"ok: event {cited} is at position ")
    # without a key the report has no checkpoint (the default ./supplyline.key is absent)
    assert cli("report", "--week", "2024-W09", "--out", str(tmp_path / "plain")).code == 0
    assert "checkpoint" not in json.loads(
        (tmp_path / "plain" / "2024-W09" / "report.json").read_text())


def test_service_routes(seeded: Path, tmp_path: Path, keyed: tuple[Path, Path]) -> None:
    """GET /api/checkpoint, /api/proof/{id}, /api/consistency answer as the commands do;
    the proofs verify; mistakes are 4xx."""
    from fastapi.testclient import TestClient

    from supplyline.api import create_app
    from supplyline.events import merkle
    from supplyline.service import Service, Settings
    from supplyline.trust.checkpoint import read
    from supplyline.trust.keys import load_verifier
    from supplyline.trust.proofs import check_inclusion

    key, pub = keyed
    svc = Service(Settings(db=seeded, reports=tmp_path / "archive", key=key))
    try:
        with TestClient(create_app(svc)) as client:
            cp = client.get("/api/checkpoint", params={"size": 30}).json()
            checkpoint = read(cp["checkpoint"], load_verifier(pub))
            assert (checkpoint.size, cp["tree_size"]) == (30, 30)
            proof = client.get("/api/proof/lt-mfa-2023-10-26-kp-ru-350k",
                               params={"size": 30}).json()
            assert check_inclusion(checkpoint, proof, proof["event"]).ok
            c = client.get("/api/consistency", params={"from": 30}).json()
            assert (c["from"], c["to"], c["from_root"]) == (30, 37, checkpoint.root.hex())
            assert merkle.verify_consistency(30, 37, checkpoint.root,
                                             bytes.fromhex(c["to_root"]),
                                             [bytes.fromhex(h) for h in c["proof"]])
            assert client.get("/api/proof/nope").status_code == 404
            assert client.get("/api/proof/lt-mfa-2023-10-26-kp-ru-350k",
                              params={"size": 5}).status_code == 400
            assert client.get("/api/consistency", params={"from": 40}).status_code == 400
            assert client.get("/api/checkpoint", params={"size": 99}).status_code == 400
            assert client.get("/api/verify").json()["ok"] is True
            # the service holds the file: the rebuild is copied through its own connection
            d = client.get("/api/verify", params={"projections": "true"}).json()
            assert d["ok"] is True and "timeline_state" in d["checked"]
    finally:
        svc.close()
    unsigned = Service(Settings(db=seeded, reports=tmp_path / "archive"))
    try:
        with TestClient(create_app(unsigned)) as client:
            assert client.get("/api/checkpoint").status_code == 404
    finally:
        unsigned.close()


def test_a_restored_backup_keeps_its_checkpoints(cli: Cli, keyed: tuple[Path, Path],
                                                 tmp_path: Path) -> None:
    """Export and import into an empty log: the old checkpoint (seals line included) still
    verifies against the copy."""
    key, pub = keyed
    cp = _checkpoint(cli, key, tmp_path / "cp.txt")
    backup = tmp_path / "backup.jsonl"
    assert cli("export", "jsonl", str(backup)).code == 0
    copy = tmp_path / "copy.duckdb"
    assert cli("import", str(backup), db_path=copy).code == 0
    r = cli("verify", "--checkpoint", str(cp), "--public-key", str(pub), "--json",
            db_path=copy)
    assert r.code == 0, r.out


def test_seals_follow_the_catalogue_even_when_the_log_moves(cli: Cli, tmp_path: Path,
                                                            db: Path) -> None:
    """A catalogue entry added at head N is in force from N + 1: a checkpoint at N made
    before or after it is the same note."""
    key = tmp_path / "k"
    assert cli("keys", "init", "--key", str(key)).code == 0
    cat = Catalogue.builtin()
    with EventLog(db) as log:
        log.append([validate_record(shipment(event_id="a"), cat)[0]])
    before = cli("checkpoint", "--key", str(key)).out
    assert cli("catalogue", "add-party", "HOUTHI", "Ansar Allah").code == 0
    assert cli("checkpoint", "--key", str(key), "--size", "1").out == before
    with EventLog(db) as log:
        log.append([validate_record(shipment(event_id="b", quantity=2.0), cat)[0]])
    after = cli("checkpoint", "--key", str(key)).out
    assert "supplyline-seals 1 " in after and "supplyline-seals 0 " in before
