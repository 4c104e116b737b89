"""Schemathesis against /openapi.json of a real server: no request makes it fail (5xx)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.service_helpers import running_service


@pytest.mark.skipif(shutil.which("schemathesis", path=str(Path(sys.executable).parent)) is None,
                    reason="schemathesis is installed by `make test`")
def test_no_server_errors_for_generated_requests(seeded: Path) -> None:
    """Every documented operation, with generated valid and invalid input: never a 5xx."""
    exe = str(Path(sys.executable).parent / "schemathesis")
    with running_service(seeded, "--no-scheduler") as url:
        proc = subprocess.run(
            [exe, "run", f"{url}/openapi.json", "--checks", "not_a_server_error",
             "--max-examples", "25", "--no-color", "--seed", "7"],
            capture_output=True, text=True, timeout=600, cwd=seeded.parent)  # its cache too
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert " passed" in proc.stdout
