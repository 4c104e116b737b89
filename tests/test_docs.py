"""Every command has help with an example and is documented in the README."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from supplyline.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
CLI_DOC = (ROOT / "docs" / "cli.md").read_text("utf-8")
COMMANDS = cli.list_commands(click.Context(cli))


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_an_example(name: str) -> None:
    """`supplyline CMD --help` works and shows an example."""
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme_and_documented(name: str) -> None:
    """The README lists every command, and docs/cli.md has a section for it."""
    assert f"`supplyline {name}" in README
    assert f"## `supplyline {name}" in CLI_DOC or f", `supplyline {name}" in CLI_DOC \
        or f" and `supplyline {name}" in CLI_DOC


def test_the_readme_is_short_and_every_link_resolves() -> None:
    """README.md stays a front page (at most 250 lines); its links and the docs' links to
    files of the project point at files that exist."""
    import re

    assert len(README.splitlines()) <= 250
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", path.read_text("utf-8")):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            assert (path.parent / target).exists(), f"{path.name}: {target}"


@pytest.mark.parametrize("args", [["--help"], ["events", "--type", "pledge"], ["verify"]])
def test_light_commands_do_not_import_heavy_libraries(args: list[str], seeded: Any) -> None:
    """--help and light commands start fast: no polars, pyarrow, fastapi, nor the
    drafting libraries (dateparser, Beautiful Soup) or the drafter itself."""
    import subprocess
    import sys

    code = ("import sys; from supplyline.cli import main\n"
            f"try:\n    main(['--db', {str(seeded)!r}] + {args!r})\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('polars', 'pyarrow', 'fastapi', 'dateparser', 'bs4', "
            "'supplyline.ingest.draft') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("args", [
    ["events", "--type", "pledge"], ["verify"], ["pledges", "--as-of", "2024-06-30"],
    ["timeline", "--supplier", "KP", "--recipient", "RU", "--item", "shell_152mm"],
    ["claims", "--supplier", "KP", "--recipient", "RU", "--item", "shell_152mm"],
    ["sql", "SELECT count(*) FROM events"]])
def test_commands_that_only_read_do_not_load_the_models(args: list[str], seeded: Any) -> None:
    """Reading the log builds no event model, so it does not load pydantic (0.12 s of
    every such command), and still gives its answer."""
    import subprocess
    import sys

    code = ("import sys; from supplyline.cli import main\n"
            f"try:\n    main(['--db', {str(seeded)!r}] + {args!r})\nexcept SystemExit as e:\n"
            "    assert not e.code, e.code\n"
            "print('pydantic' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    lines = proc.stdout.strip().splitlines()
    assert proc.returncode == 0 and len(lines) > 1, proc.stderr
    assert lines[-1] == "False"


def test_code_imports_the_packages_by_their_installed_names() -> None:
    """The top-level folders install as supplyline.events, supplyline.ingest, ...: no code,
    test, bench or tool imports them by their bare folder names, which would load a
    second copy of a module from a checkout and fail when installed (the fixture makers
    that run an old commit's code are the exception)."""
    import re

    bare = re.compile(r"(?m)^\s*(from|import) (events|ingest|projections|reports|trust)\b")
    old_code = {"make_catalogue_v1_fixture.py"}
    offenders = [f"{p.relative_to(ROOT)}:{s[:m.start()].count(chr(10)) + 1}"
                 for folder in ("events", "ingest", "projections", "reports", "trust",
                                "supplyline", "tests", "bench", "tools")
                 for p in sorted((ROOT / folder).rglob("*.py")) if p.name not in old_code
                 for s in [p.read_text("utf-8")] for m in bare.finditer(s)]
    assert offenders == []
