"""HTTP routes for checking the log from outside: the signed checkpoint, inclusion proofs
and consistency proofs (JSON, as the commands ``checkpoint``, ``prove`` print them).

Each runs on the writer's thread, between append groups, so it sees one state of the log
and stores the Merkle tree nodes it computes: the next request only hashes what was
appended since.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Query

from .service import Service


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> Any:
    from supplyline.trust.keys import load

    return load(path)


def service_signer(service: Service) -> Any:
    """The service's signing key (``serve --key``, ``$SUPPLYLINE_KEY`` or
    ``./supplyline.key``), or None when none is configured."""
    path = getattr(service.settings, "key", None)
    return None if path is None else _load(Path(path))


def trust_router(service: Service) -> APIRouter:
    router = APIRouter(tags=["trust"])
    kept: dict[str, Any] = {}

    def tree(log: Any) -> Any:
        """One tree on the writer's connection for the service's life (writer thread only)."""
        from supplyline.events.tree import MerkleTree

        if "tree" not in kept:
            kept["tree"] = MerkleTree(log.con, writable=True, keep=True)
        return kept["tree"]

    @router.get("/api/checkpoint")
    def checkpoint(size: int | None = Query(None, ge=0)) -> dict[str, Any]:  # noqa: B008
        """The log's signed checkpoint (C2SP tlog-checkpoint note) at ``size`` events
        (default: all), with its origin, tree size and root (hex)."""
        from supplyline.events.tree import log_size
        from supplyline.trust.checkpoint import Checkpoint, make

        signer = service_signer(service)
        if signer is None:
            raise HTTPException(404, "this service has no signing key (start it with --key "
                                     "FILE or $SUPPLYLINE_KEY)")

        def sign(log: Any) -> str:
            head = log_size(log.con)
            if size is not None and size > head:
                raise HTTPException(400, f"size {size}: the log holds {head} events")
            return make(log.con, head if size is None else size, signer, tree=tree(log))

        note = service.writer.call(sign)
        return {**Checkpoint.parse(note[:note.rfind("\n\n") + 1]).as_dict(),
                "checkpoint": note}

    @router.get("/api/proof/{event_id}")
    def proof(event_id: str, size: int | None = Query(None, ge=1)) -> dict[str, Any]:  # noqa: B008
        """Inclusion proof of an event in the log's first ``size`` events (default: all),
        with the event as stored; check it with ``supplyline verify-proof``."""
        from supplyline.trust.proofs import ProofError, inclusion

        def prove(log: Any) -> dict[str, Any]:
            try:
                return inclusion(log.con, event_id, size, tree=tree(log))
            except ProofError as exc:
                raise HTTPException(404 if "no event" in str(exc) else 400, str(exc)
                                    ) from None

        return service.writer.call(prove)  # type: ignore[no-any-return]

    @router.get("/api/consistency")
    def consistency(from_: int = Query(..., alias="from", ge=0),  # noqa: B008
                    to: int | None = Query(None, ge=0)) -> dict[str, Any]:  # noqa: B008
        """Consistency proof (RFC 6962) that the log's first ``to`` events (default: all)
        extend its first ``from`` events, with both roots (hex)."""
        from supplyline.trust.proofs import ProofError
        from supplyline.trust.proofs import consistency as prove

        def run(log: Any) -> dict[str, Any]:
            try:
                return prove(log.con, from_, to, tree=tree(log))
            except ProofError as exc:
                raise HTTPException(400, str(exc)) from None

        return service.writer.call(run)  # type: ignore[no-any-return]

    return router
