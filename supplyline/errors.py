"""Map failures to exit codes and one-line messages; never a traceback for a user mistake."""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from typing import Any

import click

from supplyline.events import LogError
from supplyline.ingest import IngestFailed

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """A user mistake outside input files (bad option value, refused SQL...): exit 2."""


def run_guarded(run: Callable[[], Any]) -> int:
    try:
        result = run()
    except IngestFailed as exc:
        for err in exc.errors:
            click.echo(str(err), err=True)
        click.echo(f"{len(exc.errors)} error(s); nothing appended", err=True)
        return EXIT_BAD_INPUT
    except BadInput as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_BAD_INPUT
    except LogError as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_FAILURE
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.Abort:
        click.echo("aborted", err=True)
        return EXIT_FAILURE
    except click.ClickException as exc:
        exc.show()
        return EXIT_BAD_INPUT if isinstance(exc, click.UsageError) else exc.exit_code
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug, not a user mistake: say so plainly
        if os.environ.get("SUPPLYLINE_DEBUG"):
            traceback.print_exc()
        click.echo(f"internal error: {type(exc).__name__}: {exc} "
                   "(set SUPPLYLINE_DEBUG=1 for details)", err=True)
        return EXIT_FAILURE
    return int(result) if isinstance(result, int) else EXIT_OK
