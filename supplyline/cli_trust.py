"""Commands for checking the log from outside: keys, checkpoint, prove, verify-proof."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

import click

from .errors import BadInput
from .options import CONTEXT, json_option
from .output import emit_json
from .remote import Remote
from .route import local_or_remote
from .settings import db_path, key_path

FILE = click.Path(dir_okay=False, path_type=Path)


def _key_option(f: Any) -> Any:
    return click.option("--key", "key", metavar="FILE",
                        help="The private signing key (default: $SUPPLYLINE_KEY, else "
                             "./supplyline.key).")(f)


def load_signer(path: Path) -> Any:
    from supplyline.trust.keys import BadKey, load

    try:
        return load(path)
    except BadKey as exc:
        raise BadInput(str(exc)) from None


def _read(path: Path, what: str) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot read the {what} ({exc})") from None


def _json_file(path: Path, what: str) -> Any:
    try:
        return json.loads(_read(path, what))
    except ValueError:
        raise BadInput(f"{path}: the {what} is not JSON") from None


@click.group("keys", context_settings=CONTEXT)
def keys_cmd() -> None:
    """Create the Ed25519 key that signs checkpoints and reports.

    \b
    Example:
      supplyline keys init --key ~/supplyline.key > key.pub
    """


@keys_cmd.command("init")
@_key_option
@click.option("--name", metavar="NAME",
              help="The log's name, signed into every checkpoint as its origin (a URL "
                   "without scheme, e.g. example.org/supply-log; default: supplyline/ and "
                   "8 hex digits of the new key).")
@click.pass_context
def keys_init(ctx: click.Context, key: str | None, name: str | None) -> None:
    """Create a new private key file (mode 0600; never overwritten) and print the public
    key, the only output: `supplyline keys init > key.pub` gives the file that
    --public-key takes. Keep the private key out of the log's folder and backups you
    publish."""
    from supplyline.trust.keys import BadKey, generate, write_new

    path = key_path(key)
    log = db_path(ctx.find_root().obj["db"]).resolve()
    if path.resolve() in (log, log.with_name(log.name + ".wal")):
        raise BadInput(f"{path}: that is the log file; keep the key in a file of its own")
    try:
        signer = generate(name)
        write_new(path, signer)
    except BadKey as exc:
        raise BadInput(str(exc)) from None
    click.echo(signer.verifier.text())


@click.command("checkpoint", context_settings=CONTEXT)
@_key_option
@click.option("--out", type=FILE, help="Write the checkpoint to FILE instead of stdout.")
@click.option("--size", type=click.IntRange(min=0), metavar="N",
              help="Sign the log's first N events (default: all of them).")
@json_option
@click.pass_context
def checkpoint_cmd(ctx: click.Context, key: str | None, out: Path | None, size: int | None,
                   as_json: bool) -> None:
    """Sign a checkpoint of the log: a C2SP tlog-checkpoint note naming the log, its size
    and the RFC 6962 root hash of its events, then a signature line.

    The same log, size and key always give the same bytes. Through a running service the
    service signs, with its own key.

    \b
    Examples:
      supplyline checkpoint --key ~/supplyline.key --out checkpoint.txt
      supplyline checkpoint --size 37 --json
    """
    from supplyline.events import EventLog, LogMissing
    from supplyline.trust import checkpoint

    def local() -> str:
        signer = load_signer(key_path(key))
        path = db_path(ctx.obj["db"])
        if not path.exists():
            raise LogMissing(f"no log at {path}")
        with EventLog(path) as log:
            head = log.head().position
            if size is not None and size > head:
                raise BadInput(f"--size {size}: the log holds {head} events")
            return checkpoint.make(log.con, head if size is None else size, signer,
                                   writable=True)

    def remote(r: Remote) -> str:
        note = str(r.get("/api/checkpoint", size=size)["checkpoint"])
        if key is not None:  # the service signs with its own key: say so if it differs
            from supplyline.trust.keys import NoteRejected, open_note

            try:
                open_note(note, load_signer(key_path(key)).verifier)
            except NoteRejected:
                raise BadInput("the service holds the log and signs with another key than "
                               f"{key}") from None
        return note

    note = local_or_remote(ctx, local, remote)
    parsed = checkpoint.Checkpoint.parse(note[:note.rfind("\n\n") + 1])
    if out is not None:
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(note, encoding="utf-8", newline="\n")
        tmp.replace(out)
    if as_json:
        emit_json({**parsed.as_dict(), "checkpoint": note})
    elif out is None:
        click.echo(note, nl=False)
    else:
        click.echo(f"checkpoint of {parsed.size} events written to {out}")


@click.command("prove", context_settings=CONTEXT)
@click.argument("event_id")
@click.option("--size", type=click.IntRange(min=1), metavar="N",
              help="Prove it is among the log's first N events, e.g. a checkpoint's or a "
                   "report's log position (default: the whole log).")
@json_option
@click.pass_context
def prove_cmd(ctx: click.Context, event_id: str, size: int | None, as_json: bool) -> None:
    """Print an inclusion proof: the hashes that lead from EVENT_ID's leaf to the root of
    the log's first N events, with the event as stored. `supplyline verify-proof` checks
    it against a signed checkpoint, without the log.

    \b
    Examples:
      supplyline prove kr-mnd-2024-02-27-kp-ru-6700-containers --size 37 --json > proof.json
    """
    from supplyline.events import EventLog

    def local() -> dict[str, Any]:
        from supplyline.trust.proofs import ProofError, inclusion

        with EventLog(db_path(ctx.obj["db"]), read_only=True) as log:
            try:
                return inclusion(log.con, event_id, size)
            except ProofError as exc:
                raise BadInput(str(exc)) from None

    def remote(r: Remote) -> dict[str, Any]:
        return r.get(f"/api/proof/{urllib.parse.quote(event_id, safe='')}",  # type: ignore[no-any-return]
                     size=size)

    proof = local_or_remote(ctx, local, remote)
    if as_json:
        emit_json(proof)
        return
    click.echo(f"event {proof['event_id']} at position {proof['position']} (leaf index "
               f"{proof['leaf_index']}) of a tree of {proof['tree_size']} events")
    click.echo(f"leaf hash {proof['leaf_hash']}")
    click.echo(f"root      {proof['root']}")
    for i, h in enumerate(proof["proof"], 1):
        click.echo(f"  {i:>2}. {h}")


@click.command("verify-proof", context_settings=CONTEXT)
@click.option("--checkpoint", "checkpoint_file", type=FILE, required=True,
              help="The signed checkpoint: a note, or a report.json that embeds one.")
@click.option("--public-key", type=FILE, required=True,
              help="The log's public key (what `supplyline keys init` printed).")
@click.option("--proof", "proof_file", type=FILE, required=True,
              help="The inclusion proof (`supplyline prove EVENT_ID --json`).")
@click.option("--event", "event_file", type=FILE,
              help="The event as stored (default: the one inside the proof file).")
@json_option
def verify_proof_cmd(checkpoint_file: Path, public_key: Path, proof_file: Path,
                     event_file: Path | None, as_json: bool) -> None:
    """Check, without the log, that an event is in the log a signed checkpoint vouches
    for: the signature, that the event's stored bytes hash to the proof's leaf, and that
    the proof leads from that leaf to the checkpoint's root. Exit 1 when any fails.

    \b
    Example:
      supplyline verify-proof --checkpoint reports/2024-W25/report.json \\
          --public-key key.pub --proof proof.json
    """
    from supplyline.trust.checkpoint import BadCheckpoint, note_from, read
    from supplyline.trust.keys import BadKey, NoteRejected, load_verifier
    from supplyline.trust.proofs import Checked, ProofError, check_inclusion

    try:
        verifier = load_verifier(public_key)
        note = note_from(_read(checkpoint_file, "checkpoint"))
    except (BadKey, BadCheckpoint) as exc:
        raise BadInput(f"{exc}") from None
    proof = _json_file(proof_file, "proof")
    event = _json_file(event_file, "event") if event_file else None
    if isinstance(event, dict) and isinstance(event.get("event"), dict):
        event = event["event"]  # a prove output given as the event file
    if event is None and isinstance(proof, dict):
        event = proof.get("event")
    try:
        result = check_inclusion(read(note, verifier), proof, event)
    except NoteRejected as exc:
        result = Checked(False, f"checkpoint refused: {exc}")
    except BadCheckpoint as exc:
        raise BadInput(f"{checkpoint_file}: {exc}") from None
    except ProofError as exc:
        raise BadInput(f"{proof_file}: {exc}") from None
    if as_json:
        emit_json(result.as_dict())
    elif result.ok:
        f = result.facts
        click.echo(f"ok: event {f['event_id']} is at position {f['position']} of the log "
                   f"{f['origin']}, whose first {f['tree_size']} events the checkpoint signs")
        if f.get("claim"):
            click.echo("claim: " + json.dumps(f["claim"], ensure_ascii=False, sort_keys=True))
        else:
            click.echo("(no event given: only the leaf hash is proven)")
    else:
        click.echo(f"NOT OK: {result.problem}", err=True)
    if not result.ok:
        raise click.exceptions.Exit(1)


# -- verify --checkpoint (used by supplyline.cli_events.verify_cmd) -----------------------
def read_checkpoint_option(checkpoint_file: Path | None, public_key: Path | None
                           ) -> tuple[Any, str | None]:
    """(the checkpoint, None) when its signature holds; (None, why) when it is refused;
    (None, None) without --checkpoint. A file that is not a checkpoint is bad input."""
    from supplyline.trust.checkpoint import BadCheckpoint, note_from, read
    from supplyline.trust.keys import BadKey, NoteRejected, load_verifier

    if checkpoint_file is None and public_key is None:
        return None, None
    if checkpoint_file is None or public_key is None:
        raise BadInput("--checkpoint and --public-key go together")
    try:
        verifier = load_verifier(public_key)
        note = note_from(_read(checkpoint_file, "checkpoint"))
        return read(note, verifier), None
    except (BadKey, BadCheckpoint) as exc:
        raise BadInput(f"{checkpoint_file}: {exc}") from None
    except NoteRejected as exc:
        return None, f"checkpoint refused: {exc}"


def refused(result: Any, rejection: str | None) -> Any:
    """``result`` turned into a failure when the checkpoint's signature was refused."""
    if rejection is None or not result.ok:
        return result
    return result.failed("checkpoint", rejection)


def remote_verify(r: Remote, projections: bool, cp: Any) -> Any:
    """``verify`` through the service: its own check of the log, and the consistency of
    the log with the checkpoint checked here, from the service's proof."""
    from supplyline.events import merkle
    from supplyline.events.integrity import VerifyResult

    d = r.get("/api/verify", projections="true" if projections else None)
    known = ("ok", "events", "head_hash", "first_bad_position", "problem", "table", "checked")
    result = VerifyResult(d["ok"], d["events"], d["head_hash"], d["first_bad_position"],
                          d.get("problem"), d.get("table"), tuple(d.get("checked", ())),
                          {k: v for k, v in d.items() if k not in known})
    if cp is None or not result.ok:
        return result
    if cp.size > result.events:
        return result.failed("checkpoint", f"the checkpoint vouches for {cp.size} events but "
                             f"the log holds only {result.events}: events were removed")
    c = r.get("/api/consistency", **{"from": cp.size, "to": result.events})
    new_root = bytes.fromhex(c["to_root"])
    path = [bytes.fromhex(h) for h in c["proof"]]
    seals = c.get("from_seals") or {}
    if bytes.fromhex(c["from_root"]) != cp.root or not merkle.verify_consistency(
            cp.size, result.events, cp.root, new_root, path):
        return result.failed("checkpoint", f"the log's first {cp.size} events do not give "
                             "the checkpoint's root: the history it vouches for was rewritten")
    if cp.seals is not None and (seals.get("count"), seals.get("hash")) != cp.seals:
        return result.failed("checkpoint", "the catalogue and documents in force at size "
                             f"{cp.size} are not the ones the checkpoint vouches for")
    return result.passed("checkpoint", checkpoint=cp.as_dict())
