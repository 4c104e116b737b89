"""Ed25519 signing keys and C2SP signed notes (https://c2sp.org/signed-note).

A private key file holds one line, the format Go's ``golang.org/x/mod/sumdb/note`` reads:

    PRIVATE+KEY+<name>+<key id, 8 hex digits>+<base64(0x01 || 32-byte Ed25519 seed)>

and the public (verifier) key is ``<name>+<key id>+<base64(0x01 || 32-byte public key)>``,
where the key id is the first four bytes of SHA-256(name || 0x0A || 0x01 || public key).
The private key file is created with mode 0600 and is refused when others may read it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_ED25519 = b"\x01"  # the signed-note signature type of Ed25519
_PREFIX = "PRIVATE+KEY+"


class BadKey(ValueError):
    """A key file or key text that cannot be used; the message says why (bad input)."""


class NoteRejected(Exception):
    """A signed note that does not verify with the key given; the message says why."""


def _key_id(name: str, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + _ED25519 + public).digest()[:4]


def _check_name(name: str) -> str:
    if not name or any(c.isspace() or c == "+" for c in name) or not name.isprintable():
        raise BadKey(f"key name {name!r}: must be non-empty, without spaces or '+'")
    return name


@dataclass(frozen=True)
class Verifier:
    """A public key: checks notes signed by its name and key id."""

    name: str
    key_id: bytes
    public: bytes

    @classmethod
    def parse(cls, text: str) -> Verifier:
        parts = text.strip().split("+", 2)
        if len(parts) != 3:
            raise BadKey("a public key is <name>+<key id>+<base64 key> on one line")
        name, hex_id, data = parts
        try:
            raw = base64.b64decode(data, validate=True)
            key_id = bytes.fromhex(hex_id)
        except (binascii.Error, ValueError):
            raise BadKey("the public key is not valid base64 / hex") from None
        if len(key_id) != 4 or len(raw) != 33 or raw[:1] != _ED25519:
            raise BadKey("the public key is not an Ed25519 note verifier key")
        public = raw[1:]
        if _key_id(_check_name(name), public) != key_id:
            raise BadKey("the public key's id does not match its name and key")
        return cls(name, key_id, public)

    def text(self) -> str:
        data = base64.b64encode(_ED25519 + self.public).decode()
        return f"{self.name}+{self.key_id.hex()}+{data}"

    def verify(self, message: bytes, signature: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(signature, message)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True)
class Signer:
    """A private key with its name: signs notes."""

    name: str
    seed: bytes

    @property
    def verifier(self) -> Verifier:
        public = self._key().public_key().public_bytes_raw()
        return Verifier(self.name, _key_id(self.name, public), public)

    def _key(self) -> Any:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.seed)

    def sign(self, message: bytes) -> bytes:
        """Ed25519 (RFC 8032): deterministic, so the same note always gets the same
        signature."""
        return self._key().sign(message)  # type: ignore[no-any-return]

    def text(self) -> str:
        data = base64.b64encode(_ED25519 + self.seed).decode()
        return f"{_PREFIX}{self.name}+{self.verifier.key_id.hex()}+{data}"

    @classmethod
    def parse(cls, text: str) -> Signer:
        if not text.startswith(_PREFIX):
            raise BadKey("not a supplyline signing key (it starts PRIVATE+KEY+)")
        parts = text.strip()[len(_PREFIX):].split("+", 2)
        if len(parts) != 3:
            raise BadKey("a signing key is PRIVATE+KEY+<name>+<key id>+<base64 key>")
        name, hex_id, data = parts
        try:
            raw = base64.b64decode(data, validate=True)
        except binascii.Error:
            raise BadKey("the signing key is not valid base64") from None
        if len(raw) != 33 or raw[:1] != _ED25519:
            raise BadKey("the signing key is not an Ed25519 key")
        signer = cls(_check_name(name), raw[1:])
        if signer.verifier.key_id.hex() != hex_id.lower():
            raise BadKey("the signing key's id does not match its name and key")
        return signer


def generate(name: str | None = None) -> Signer:
    """A new key; without a name, ``supplyline/<8 hex digits of its public key's hash>``,
    unique to the key."""
    seed = os.urandom(32)
    if name is None:
        public = Signer("x", seed).verifier.public
        name = "supplyline/" + hashlib.sha256(public).hexdigest()[:8]
    return Signer(_check_name(name), seed)


def write_new(path: Path, signer: Signer) -> None:
    """Create ``path`` holding the key, mode 0600; never overwrite a file."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     0o600)
    except FileExistsError:
        raise BadKey(f"{path} already exists; a key is never overwritten (choose another "
                        "file with --key)") from None
    except OSError as exc:
        raise BadKey(f"{path}: cannot create ({exc.strerror})") from None
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(signer.text() + "\n")
    os.chmod(path, 0o600)  # whatever the umask


def load(path: Path) -> Signer:
    """The key in ``path``; refused when the file may be read by others than its owner."""
    try:
        mode = path.stat().st_mode
        text = path.read_text("ascii")
    except FileNotFoundError:
        raise BadKey(f"{path}: no such key file (create one with 'supplyline keys init "
                        f"--key {path}')") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadKey(f"{path}: cannot read the key ({exc})") from None
    if os.name == "posix" and stat.S_IMODE(mode) & 0o077:
        raise BadKey(f"{path}: the private key may be read by others (mode "
                        f"{stat.S_IMODE(mode):o}); run 'chmod 600 {path}'")
    return Signer.parse(text)


def load_verifier(path: Path) -> Verifier:
    try:
        return Verifier.parse(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise BadKey(f"{path}: cannot read the public key ({exc})") from None
    except BadKey as exc:
        raise BadKey(f"{path}: {exc}") from None


# -- signed notes ------------------------------------------------------------------------
def sign_note(text: str, signer: Signer) -> str:
    """``text`` (lines ending in a newline) followed by a blank line and the signature."""
    if not text.endswith("\n") or "\n\n" in text:
        raise ValueError("a note's text is non-empty lines, each ending in a newline")
    signature = signer.verifier.key_id + signer.sign(text.encode())
    return f"{text}\n\u2014 {signer.name} {base64.b64encode(signature).decode()}\n"


def open_note(note: str, verifier: Verifier) -> str:
    """The text of ``note`` if ``verifier``'s key signed it; else NoteRejected saying why."""
    if any(ord(c) < 0x20 and c != "\n" for c in note):
        raise NoteRejected("the note holds control characters")
    cut = note.rfind("\n\n")
    if cut < 0 or not note.endswith("\n"):
        raise NoteRejected("not a signed note (no blank line before the signatures)")
    text, lines = note[:cut + 1], note[cut + 2:].splitlines()
    mine = False
    for line in lines:
        if not line.startswith("\u2014 "):
            raise NoteRejected(f"not a signature line: {line[:60]!r}")
        name, _, data = line[2:].rpartition(" ")
        try:
            raw = base64.b64decode(data, validate=True)
        except binascii.Error:
            raise NoteRejected("a signature is not valid base64") from None
        if name != verifier.name or raw[:4] != verifier.key_id:
            continue  # another key's signature: ignored, as the note spec says
        mine = True
        if not verifier.verify(text.encode(), raw[4:]):
            raise NoteRejected(f"the signature by {verifier.name} does not verify: the note "
                            "was altered or signed by another key")
    if not mine:
        raise NoteRejected(f"the note is not signed by the key {verifier.text()}")
    return text
