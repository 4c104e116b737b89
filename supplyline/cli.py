"""The ``supplyline`` command: thin commands over library calls.

Each command parses options, calls one function and prints the result; ``--json`` puts
machine output (and nothing else) on stdout. Exit status: 0 ok, 1 failure, 2 bad input.
"""

from __future__ import annotations

import sys

import click

from . import __version__
from .options import CONTEXT, LazyGroup

COMMANDS = {
    "ingest": "supplyline.cli_ingest:ingest_cmd",
    "seed": "supplyline.cli_ingest:seed_cmd",
    "events": "supplyline.cli_events:events_cmd",
    "verify": "supplyline.cli_events:verify_cmd",
    "catalogue": "supplyline.cli_catalogue:catalogue_cmd",
    "documents": "supplyline.cli_catalogue:documents_cmd",
    "draft": "supplyline.cli_draft:draft_cmd",
    "timeline": "supplyline.cli_projections:timeline_cmd",
    "pledges": "supplyline.cli_projections:pledges_cmd",
    "claims": "supplyline.cli_projections:claims_cmd",
    "explain": "supplyline.cli_projections:explain_cmd",
    "sql": "supplyline.cli_projections:sql_cmd",
    "report": "supplyline.cli_report:report_cmd",
    "serve": "supplyline.cli_serve:serve_cmd",
    "export": "supplyline.cli_backup:export_cmd",
    "import": "supplyline.cli_backup:import_cmd",
    "keys": "supplyline.cli_trust:keys_cmd",
    "checkpoint": "supplyline.cli_trust:checkpoint_cmd",
    "prove": "supplyline.cli_trust:prove_cmd",
    "verify-proof": "supplyline.cli_trust:verify_proof_cmd",
}


@click.group(cls=LazyGroup, lazy_commands=COMMANDS, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="supplyline")
@click.option("--db", "db", metavar="PATH", envvar="SUPPLYLINE_DB",
              help="The log file (default: $SUPPLYLINE_DB, else ./supplyline.duckdb).")
@click.option("--url", metavar="URL", envvar="SUPPLYLINE_URL",
              help="Work through a running 'supplyline serve' at URL (default: "
                   "$SUPPLYLINE_URL; found automatically while the service holds the log).")
@click.pass_context
def cli(ctx: click.Context, db: str | None, url: str | None) -> None:
    """Track who supplies whom with what: an append-only log of dated claims, and the
    timelines, pledge fulfilment and reports derived from it.

    \b
    Quick start:
      supplyline seed                      # load the built-in dataset
      supplyline events --type pledge      # what is in the log
      supplyline verify                    # check the hash chain
    """
    ctx.obj = {"db": db, "url": url}


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the command, mapping known failures to exit codes."""
    from .errors import run_guarded
    from .filemodes import restrict_umask

    restrict_umask()  # the log, backups and the service note: the user's alone
    sys.exit(run_guarded(lambda: cli.main(args=argv, prog_name="supplyline",
                                          standalone_mode=False)))


