"""The HTTP API (JSON; OpenAPI at /openapi.json) and the web pages, over one Service."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

from fastapi import Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse

from events import PositionConflict, UnknownCode
from events.fields import EVENT_TYPES

from . import __version__
from .api_trust import service_signer, trust_router
from .service import BadRequest, Service

WEEK_DIR = re.compile(r"^\d{4}-W\d{2}$")
FILE_NAME = re.compile(r"^[a-z_]+\.(md|html|json|csv)$")


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, before they are buffered."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await _too_large(send, self.limit)
        seen = 0

        async def limited() -> Any:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await _too_large(send, self.limit)


class _TooLarge(Exception):
    pass


async def _too_large(send: Any, limit: int) -> None:
    body = b'{"detail": "request body over %d bytes"}' % limit
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


def create_app(service: Service) -> FastAPI:
    app = FastAPI(title="supplyline", version=__version__,
                  description="Append claims about munitions supply; read timelines, pledges, "
                              "claims, reports; run read-only SQL.")
    app.state.service = service
    app.include_router(trust_router(service))
    token = service.settings.token

    # async, so FastAPI runs it on the event loop instead of handing every write to a
    # worker thread and back (a thread hop per request, measurable under many clients)
    async def require_token(request: Request) -> None:
        if token is None:
            return
        if request.headers.get("authorization", "") != f"Bearer {token}":
            raise HTTPException(401, "writes need 'Authorization: Bearer <token>' "
                                     "($SUPPLYLINE_TOKEN)")

    def window(as_of: dt.date | None, at_position: int | None) -> Any:
        from projections import Window

        return Window(as_of, at_position)

    def flow_codes(supplier: str, recipient: str, item: str) -> tuple[str, str, str]:
        cat = service.catalogue
        try:
            return cat.party(supplier), cat.party(recipient), cat.item(item).code
        except UnknownCode as exc:
            raise HTTPException(422, str(exc)) from None

    @app.exception_handler(BadRequest)
    async def _bad(request: Request, exc: BadRequest) -> JSONResponse:
        return JSONResponse({"detail": exc.detail, "errors": exc.errors}, status_code=422)

    @app.get("/health", tags=["service"])
    def health() -> dict[str, Any]:
        position, head = service.head()
        return {"ok": True, "version": __version__, "position": position, "head_hash": head}

    @app.post("/api/events", status_code=201, tags=["events"],
              dependencies=[Depends(require_token)])
    async def append_events(body: dict[str, Any] = Body(..., examples=[{  # noqa: B008
            "events": [{"type": "shipment", "reported_on": "2024-06-01", "source": "Analyst",
                        "supplier": "KP", "recipient": "RU", "item": "shell_152mm",
                        "quantity": 1000, "unit": "rounds", "measure": "cumulative",
                        "period_end": "2024-05"}],
            "expected_position": 37}])) -> dict[str, Any]:
        """Append one event (the body is the event) or a batch (``{"events": [...]}``),
        all or nothing. ``expected_position`` makes the append fail with 409 if the log
        has moved past it."""
        if "events" in body:
            records = body["events"]
            if not isinstance(records, list):
                raise BadRequest([{"index": -1, "field": "events",
                                   "message": "must be a list"}], "bad request")
            extra = set(body) - {"events", "expected_position"}
            if extra:
                raise BadRequest([{"index": -1, "field": f, "message": "unknown field"}
                                  for f in sorted(extra)], "bad request")
        else:
            records = [body]
        expected = body.get("expected_position") if "events" in body else None
        if expected is not None and (not isinstance(expected, int) or isinstance(expected, bool)
                                     or expected < 0):
            raise BadRequest([{"index": -1, "field": "expected_position",
                               "message": "must be a whole number >= 0"}], "bad request")
        try:
            return await service.append(records, expected)
        except PositionConflict as exc:
            raise HTTPException(409, str(exc)) from None

    @app.post("/api/seed", status_code=201, tags=["events"],
              dependencies=[Depends(require_token)])
    def seed() -> dict[str, Any]:
        """Append the built-in dataset curated from the seed articles (idempotent)."""
        from ingest.seed import load_seed

        return service.writer.call(lambda log: load_seed(log)).as_dict()  # type: ignore[no-any-return]

    @app.get("/api/events", tags=["events"])
    def list_events(type: list[Literal[EVENT_TYPES]] | None = Query(None),  # type: ignore[valid-type]  # noqa: A002, B008
                    since_position: int | None = Query(None, ge=0),
                    as_of: dt.date | None = None,
                    at_position: int | None = Query(None, ge=0),
                    limit: int = Query(1000, ge=1, le=100_000)) -> dict[str, Any]:
        """Events oldest first; page with ``since_position`` = the previous page's
        ``next_since_position``."""
        records = service.read_log().read(types=type, since_position=since_position,
                                          as_of=as_of, at_position=at_position)
        page = records[:limit]
        more = len(records) > limit
        from events import ALL_FIELDS

        keys = ("position", "recorded_at", "hash", *ALL_FIELDS)
        return {"events": [{k: r.get(k) for k in keys} for r in page],
                "next_since_position": page[-1]["position"] if more else None}

    @app.get("/api/timeline", tags=["projections"])
    def timeline(supplier: str, recipient: str, item: str, as_of: dt.date | None = None,
                 at_position: int | None = Query(None, ge=0),
                 freq: Literal["event", "week", "month"] = "event") -> dict[str, Any]:
        """The cumulative supply timeline of one flow (same JSON as ``supplyline timeline``)."""
        from projections import compute_timeline, load_flow_events
        from projections.frames import TIMELINE_COLUMNS

        flow = flow_codes(supplier, recipient, item)
        events = load_flow_events(service.cursor(), window(as_of, at_position), flow,
                                  TIMELINE_COLUMNS)
        return compute_timeline(events, service.catalogue, *flow, freq=freq,
                                as_of=as_of).as_dict()

    @app.get("/api/pledges", tags=["projections"])
    def pledges(as_of: dt.date | None = None,
                at_position: int | None = Query(None, ge=0)) -> list[dict[str, Any]]:
        """Every pledge and its fulfilment (same JSON as ``supplyline pledges``)."""
        return _pledges(service, window(as_of, at_position))

    @app.get("/api/claims", tags=["projections"])
    def claims(supplier: str, recipient: str, item: str, as_of: dt.date | None = None,
               at_position: int | None = Query(None, ge=0)) -> dict[str, Any]:
        """Every shipment claim of a flow side by side (same JSON as ``supplyline claims``)."""
        from projections import compare_claims, load_flow_events

        flow = flow_codes(supplier, recipient, item)
        events = load_flow_events(service.cursor(), window(as_of, at_position), flow)
        return compare_claims(events, service.catalogue, *flow)

    @app.post("/api/sql", tags=["sql"])
    def run_sql(body: dict[str, Any] = Body(..., examples=[{  # noqa: B008
            "query": "SELECT type, count(*) AS n FROM events GROUP BY type"}])
            ) -> dict[str, Any]:
        """One read-only query over ``events``, ``timeline``, ``timeline_excluded`` and
        ``pledge_status`` (optional ``as_of``, ``at_position``, ``timeout`` seconds)."""
        query = body.get("query")
        if not isinstance(query, str) or not query.strip():
            raise HTTPException(422, "'query' must be a non-empty string")
        try:
            as_of = dt.date.fromisoformat(body["as_of"]) if body.get("as_of") else None
            at_position = body.get("at_position")
            timeout = float(body.get("timeout", 30.0))
        except (TypeError, ValueError) as exc:
            raise HTTPException(422, f"bad parameter: {exc}") from None
        if at_position is not None and (not isinstance(at_position, int) or at_position < 0):
            raise HTTPException(422, "'at_position' must be a whole number >= 0")
        if not 0.1 <= timeout <= 300:
            raise HTTPException(422, "'timeout' must be between 0.1 and 300 seconds")
        return _sql(service, query, window(as_of, at_position), timeout)

    @app.get("/api/verify", tags=["events"])
    def verify(projections: bool = False) -> dict[str, Any]:
        """Check the hash chain, the Merkle tree, the seals and the typed tables; with
        ``projections``, also a rebuild of the projections (same JSON as ``supplyline
        verify --json``)."""
        from trust import verify_all

        return verify_all(service.read_log(), projections=projections, owner=True).as_dict()

    @app.get("/api/reports", tags=["reports"])
    def list_reports() -> list[dict[str, Any]]:
        """The report archive: one entry per week, newest first."""
        return _archive(service.settings.reports)

    @app.post("/api/reports", status_code=201, tags=["reports"],
              dependencies=[Depends(require_token)])
    def make_report(body: dict[str, Any] = Body(..., examples=[{"week": "2024-W25"}])  # noqa: B008
                    ) -> dict[str, Any]:
        """Write the weekly report for ``week`` (``latest``, or omitted: the last complete
        week) at ``at_position`` (default: the head)."""
        from reports import resolve_week, write_report

        log = service.read_log()
        try:
            year, week = resolve_week(log, body.get("week"), dt.datetime.now(dt.UTC).date())
        except (ValueError, TypeError) as exc:
            raise HTTPException(422, f"week: {exc}") from None
        at = body.get("at_position")
        if at is not None and (not isinstance(at, int) or at < 0):
            raise HTTPException(422, "'at_position' must be a whole number >= 0")
        written = write_report(log, year, week, service.settings.reports, at,
                               signer=service_signer(service))
        return {"week": written.week, "files": [p.name for p in written.files]}

    @app.get("/reports/{week}/{name}", tags=["reports"])
    def report_file(week: str, name: str) -> FileResponse:
        """One file of the archive; names outside it are 404."""
        root = service.settings.reports.resolve()
        if not WEEK_DIR.match(week) or not FILE_NAME.match(name):
            raise HTTPException(404, "no such report file")
        path = (root / week / name).resolve()
        if path.parent.parent != root or not path.is_file():
            raise HTTPException(404, "no such report file")
        media = {"html": "text/html; charset=utf-8", "json": "application/json",
                 "md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8"}
        return FileResponse(path, media_type=media[name.rsplit(".", 1)[1]])

    from .pages import add_pages

    add_pages(app, service)
    return app


def _pledges(service: Service, win: Any) -> list[dict[str, Any]]:
    from projections import load_events, pledge_status

    today = dt.datetime.now(dt.UTC).date()
    events = load_events(service.cursor(), win)
    rows = pledge_status(events, service.catalogue, win.as_of or today).to_dicts()
    for r in rows:
        if r["projected_completion"] is not None:
            r["projected_completion"] = r["projected_completion"].isoformat()
    return rows


def _sql(service: Service, query: str, win: Any, timeout: float) -> dict[str, Any]:
    import duckdb

    from projections.sql import (
        SqlRefused,
        SqlTimeout,
        check_statement,
        open_isolated,
        projection_frames,
        run_query,
    )

    try:  # refuse before building the projection frames, which can be costly
        with duckdb.connect(":memory:") as parser:
            check_statement(parser, query)
    except SqlRefused as exc:
        raise HTTPException(400, str(exc)) from None
    today = dt.datetime.now(dt.UTC).date()
    frames = service.cached(("sql", win, today), lambda: projection_frames(
        service.cursor(), service.catalogue, win, today))
    con = open_isolated(frames)
    try:
        result = run_query(con, query, timeout)
    except SqlRefused as exc:
        raise HTTPException(400, str(exc)) from None
    except SqlTimeout as exc:
        raise HTTPException(408, str(exc)) from None
    finally:
        con.close()
    return {"columns": result.columns,
            "rows": [[_jsonable(v) for v in r] for r in result.rows]}


def _jsonable(v: Any) -> Any:
    if isinstance(v, dt.date | dt.datetime):
        return v.isoformat()
    if isinstance(v, float) and v != v:  # NaN
        return None
    if isinstance(v, (int, float, str, bool)) or v is None:
        return v
    if isinstance(v, list):
        return [_jsonable(x) for x in v]
    return str(v)


def _archive(root: Path) -> list[dict[str, Any]]:
    if not root.is_dir():
        return []
    weeks = sorted((d for d in root.iterdir() if d.is_dir() and WEEK_DIR.match(d.name)),
                   key=lambda d: d.name, reverse=True)
    return [{"week": d.name, "files": sorted(p.name for p in d.iterdir()
                                             if FILE_NAME.match(p.name))}
            for d in weeks]
