"""Reads the API and the pages share: pledge status (kept per head), the report archive,
and ad hoc SQL through the service's workers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import HTTPException
from fastapi.responses import Response

from supplyline.events.clock import utc_today

from .service import Service


def pledges(service: Service, win: Any, grades: Any = None) -> list[dict[str, Any]]:
    """Every pledge's status: it reads the whole log, so it is kept per head position."""
    from supplyline.projections import load_events, pledge_status
    from supplyline.projections.pledges import pledge_records

    today = utc_today()

    def build() -> list[dict[str, Any]]:
        events = load_events(service.cursor(), win)
        return pledge_records(pledge_status(events, service.catalogue, win.as_of or today,
                                            grades=grades))

    return service.cached(("pledges", win, today, grades), build)  # type: ignore[no-any-return]


def archive(root: Path) -> list[dict[str, Any]]:
    """The report archive, newest week first, every revision listed."""
    from supplyline.reports.archive import listing

    return listing(root)


def sql(service: Service, query: str, win: Any, timeout: float) -> Response:
    """Run the query in a SQL worker (supplyline/sqlpool.py) and pass its answer on as is."""
    import duckdb

    from supplyline.projections.sql import SqlRefused, check_statement

    from .sqlpool import SqlFailed, export_tables

    try:  # refuse before writing the tables, which can be costly
        with duckdb.connect(":memory:") as parser:
            check_statement(parser, query)
    except SqlRefused as exc:
        raise HTTPException(400, str(exc)) from None
    today = utc_today()
    pool = service.sql_pool()
    try:
        tables = pool.tables((service.head()[0], win, today),
                             lambda folder: export_tables(service, win, today, folder))
        body = pool.run(tables, query, timeout)
    except SqlFailed as exc:
        raise HTTPException(exc.status, str(exc)) from None
    return Response(body, media_type="application/json")
