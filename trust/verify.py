"""``supplyline verify``: everything the numbers come from, checked against the log.

In order, stopping at the first problem: the hash chain and the columns beside each body;
the stored Merkle tree; the seals of the catalogue and documents (events.integrity); the
typed tables (projections.check); with a checkpoint, that the log's first N events still
give its root and seals; with ``projections``, a rebuild of the materialised projections
compared with the stored ones.
"""

from __future__ import annotations

from supplyline.events import EventLog, merkle, seals
from supplyline.events.integrity import VerifyResult, verify_stored
from supplyline.events.tree import MerkleTree

from .checkpoint import Checkpoint


def verify_all(log: EventLog, *, projections: bool = False,
               checkpoint: Checkpoint | None = None, owner: bool = False) -> VerifyResult:
    """``owner``: this process holds the log file for writing (the service), so a rebuild
    is copied through its own connection."""
    con = log.con
    tree = MerkleTree(con, stored=False)
    result = verify_stored(con, tree, full_tree=checkpoint is not None)
    if not result.ok:
        return result
    if _has(log, "events_flat"):
        from supplyline.projections.check import typed_problem

        found, checked = typed_problem(con, result.events)
        if found is not None:
            return result.failed(found.table, found.message, found.position, **found.details)
        result = result.passed(*checked)
    if checkpoint is not None:
        problem = against_checkpoint(log, tree, checkpoint, result.events)
        if problem:
            return result.failed("checkpoint", problem, None, checkpoint=checkpoint.as_dict())
        result = result.passed("checkpoint", checkpoint=checkpoint.as_dict())
    if projections:
        from supplyline.projections.check import projection_problem

        found, compared = projection_problem(con, log.path, log.read_only and not owner,
                                             log.catalogue())
        if found is not None:
            return result.failed(found.table, found.message, found.position, **found.details)
        result = result.passed(*compared)
    return result


def _has(log: EventLog, table: str) -> bool:
    return log.has_table(table)


def against_checkpoint(log: EventLog, tree: MerkleTree, cp: Checkpoint, head: int
                       ) -> str | None:
    """Why the log does not extend the checkpoint (None: it does). ``tree`` is computed
    from the log's hashes, never from stored nodes."""
    if cp.size > head:
        return (f"the checkpoint vouches for {cp.size} events but the log holds only {head}: "
                "events were removed")
    path: list[bytes] = []
    if cp.size == 0:
        old_root, new_root = merkle.EMPTY_ROOT, tree.root(head)
    else:
        old_root, new_root, path = tree.roots_and_consistency(cp.size, head)
    if old_root != cp.root:
        return (f"the log's first {cp.size} events do not give the checkpoint's root: the "
                "history it vouches for was rewritten")
    if not merkle.verify_consistency(cp.size, head, cp.root, new_root, path):
        return f"no consistency proof from size {cp.size} to the log's {head} events"
    if cp.seals is not None and seals.state(log.con, cp.size) != cp.seals:
        return (f"the catalogue and documents in force at size {cp.size} are not the ones the "
                "checkpoint vouches for (their seals differ)")
    return None
