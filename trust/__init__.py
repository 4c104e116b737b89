"""Trust: signed checkpoints of the log, proofs anyone can check, and verification of
everything the numbers come from."""

from .checkpoint import BadCheckpoint, Checkpoint
from .keys import BadKey, NoteRejected, Signer, Verifier
from .proofs import ProofError
from .verify import verify_all

__all__ = ["BadCheckpoint", "BadKey", "Checkpoint", "NoteRejected", "ProofError", "Signer",
           "Verifier", "verify_all"]
