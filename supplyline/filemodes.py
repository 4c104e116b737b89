"""File modes, chosen rather than left to the umask (docs/security.md).

The log holds document text and the service note a secret: the command line creates every
file with mode 0600 and every folder 0700 (its umask is the user's, plus 077), so the log,
its write-ahead file, backups, exports and the note are the user's alone. Written reports
are publications for the team: 0640, in folders of 0750. A stricter umask of the user's
still applies (its bits are taken off these modes too).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

PRIVATE_MASK = 0o077
REPORT_MODE = 0o640
REPORT_DIR_MODE = 0o750
_user_umask = 0o022


def restrict_umask() -> None:
    """From now on this process creates files 0600 and folders 0700 (or stricter)."""
    global _user_umask
    old = os.umask(PRIVATE_MASK)
    os.umask(old | PRIVATE_MASK)
    _user_umask = old


def publish(root: Path, directory: Path, files: Iterable[Path]) -> None:
    """Give a written report its modes: files 0640, its folder and the folders up to the
    archive ``root`` 0750 (less the user's umask); folders not the user's are left alone."""
    for path in files:
        _chmod(path, REPORT_MODE)
    root = root.resolve()
    here = directory.resolve()
    while True:
        _chmod(here, REPORT_DIR_MODE)
        if here == root or root not in here.parents:
            break
        here = here.parent


def _chmod(path: Path, mode: int) -> None:
    try:
        if path.stat().st_uid == os.getuid():
            path.chmod(mode & ~_user_umask)
    except OSError:
        pass
