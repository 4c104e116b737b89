"""The HTTP API (JSON; OpenAPI at /openapi.json) and the web pages, over one Service."""

from __future__ import annotations

import datetime as dt
import hmac
import re
from pathlib import Path
from typing import Any, Literal

from fastapi import Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response

from events import PositionConflict, UnknownCode
from events.clock import utc_today
from events.fields import EVENT_TYPES

from . import __version__
from .api_drafts import drafts_router
from .api_trust import service_signer, trust_router
from .http_guard import BodyLimit
from .service import BadRequest, Service

__all__ = ["BodyLimit", "create_app"]

WEEK_DIR = re.compile(r"^\d{4}-W\d{2}$")
REVISION_DIR = re.compile(r"^r([2-9]|[1-9]\d+)$")
FILE_NAME = re.compile(r"^[a-z_]+\.(md|html|json|csv)$")


def create_app(service: Service) -> FastAPI:
    # FastAPI's own /docs and /redoc load their scripts from a CDN: ours come from the
    # service itself (docs_page.py)
    app = FastAPI(title="supplyline", version=__version__, docs_url=None, redoc_url=None,
                  swagger_ui_oauth2_redirect_url=None, default_response_class=SafeJSONResponse,
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
        given = request.headers.get("authorization", "").encode()
        if not hmac.compare_digest(given, f"Bearer {token}".encode()):
            raise HTTPException(401, "this request needs 'Authorization: Bearer <token>' "
                                     "($SUPPLYLINE_TOKEN)")

    app.include_router(drafts_router(service, require_token))
    sql_guard = ([Depends(require_token)] if service.settings.sql_requires_token and token
                 else [])

    def window(as_of: dt.date | None, at_position: int | None) -> Any:
        from projections import Window

        return Window(checked("as_of", as_of), at_position)

    def grade_filter(min_reliability: Literal["A", "B", "C", "D", "E", "F"] | None = None,
                     min_credibility: int | None = Query(None, ge=1, le=6)) -> Any:
        """``min_reliability`` and ``min_credibility`` (SPEC §5 step 9)."""
        from projections.grades import Grades

        return Grades(min_reliability, min_credibility)

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

    @app.get("/api/identity", tags=["service"])
    def identity(nonce: str = Query(..., pattern=r"^[0-9a-f]{16,128}$")) -> dict[str, Any]:
        """Proof that this service wrote the note next to the log (``supplyline.note``):
        HMAC-SHA256 of ``nonce`` under the secret in the note, which only the user who
        started the service can read. The command line checks it before it sends a token
        or events to the URL in the note."""
        from .note import proof

        if service.note is None:
            raise HTTPException(404, "this service left no note")
        return {"proof": proof(service.note.secret, nonce)}

    @app.post("/api/events", status_code=201, tags=["events"],
              dependencies=[Depends(require_token)])
    async def append_events(dry_run: bool = Query(False),  # noqa: B008
                            body: dict[str, Any] = Body(..., examples=[{  # noqa: B008
            "events": [{"type": "shipment", "reported_on": "2024-06-01", "source": "Analyst",
                        "supplier": "KP", "recipient": "RU", "item": "shell_152mm",
                        "quantity": 1000, "unit": "rounds", "measure": "cumulative",
                        "period_end": "2024-05"}],
            "expected_position": 37}])) -> dict[str, Any]:
        """Append one event (the body is the event) or a batch (``{"events": [...]}``),
        all or nothing. ``expected_position`` makes the append fail with 409 if the log
        has moved past it. ``?dry_run=true`` checks everything and appends nothing (the
        answer says what would be appended)."""
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
            return await service.append(records, expected, dry_run)
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
        # one more than the page: whether there is a next page, without reading the rest
        records = service.read_log().read(types=type, since_position=since_position,
                                          as_of=checked("as_of", as_of),
                                          at_position=at_position, limit=limit + 1)
        page = records[:limit]
        more = len(records) > limit
        from events import ALL_FIELDS

        keys = ("position", "recorded_at", "hash", *ALL_FIELDS)
        return {"events": [{k: r.get(k) for k in keys} for r in page],
                "next_since_position": page[-1]["position"] if more else None}

    @app.get("/api/timeline", tags=["projections"])
    def timeline(supplier: str, recipient: str, item: str, as_of: dt.date | None = None,
                 at_position: int | None = Query(None, ge=0),
                 freq: Literal["event", "week", "month"] = "event",
                 grades: Any = Depends(grade_filter)) -> dict[str, Any]:  # noqa: B008
        """The cumulative supply timeline of one flow (same JSON as ``supplyline timeline``)."""
        from projections import compute_timeline, load_flow_events
        from projections.frames import TIMELINE_COLUMNS

        flow = flow_codes(supplier, recipient, item)
        events = load_flow_events(service.cursor(), window(as_of, at_position), flow,
                                  TIMELINE_COLUMNS)
        return compute_timeline(events, service.catalogue, *flow, freq=freq,
                                as_of=as_of, grades=grades).as_dict()

    @app.get("/api/pledges", tags=["projections"])
    def pledges(as_of: dt.date | None = None,
                at_position: int | None = Query(None, ge=0),
                grades: Any = Depends(grade_filter)) -> list[dict[str, Any]]:  # noqa: B008
        """Every pledge and its fulfilment (same JSON as ``supplyline pledges``)."""
        return _pledges(service, window(as_of, at_position), grades)

    @app.get("/api/claims", tags=["projections"])
    def claims(supplier: str, recipient: str, item: str, as_of: dt.date | None = None,
               at_position: int | None = Query(None, ge=0),
               grades: Any = Depends(grade_filter)) -> dict[str, Any]:  # noqa: B008
        """Every shipment claim of a flow side by side (same JSON as ``supplyline claims``)."""
        from projections import compare_claims, load_flow_events

        flow = flow_codes(supplier, recipient, item)
        events = load_flow_events(service.cursor(), window(as_of, at_position), flow)
        return compare_claims(events, service.catalogue, *flow, grades=grades)

    @app.get("/api/explain", tags=["projections"])
    def explain(supplier: str, recipient: str, item: str,
                from_: dt.date = Query(..., alias="from"), to: dt.date = Query(...),
                at_position: int | None = Query(None, ge=0),
                grades: Any = Depends(grade_filter),  # noqa: B008
                sources: bool = False) -> dict[str, Any]:
        """Why a flow's row changed between as-of ``from`` and as-of ``to`` (same JSON as
        ``supplyline explain``); ``sources=true`` adds each claim's source and grade."""
        from projections import load_flow_events
        from projections.explain import explain as explain_change

        if from_ >= to:
            raise HTTPException(422, f"'from' ({from_}) must be before 'to' ({to})")
        flow = flow_codes(supplier, recipient, item)
        events = load_flow_events(service.cursor(), window(to, at_position), flow)
        return explain_change(events, service.catalogue, flow, from_, to, grades,
                              sources=sources)

    @app.post("/api/sql", tags=["sql"], dependencies=sql_guard,
              responses={200: {"content": {"application/json": {"example": {
                  "columns": ["type", "n"], "rows": [["shipment", 20]]}}}}})
    def run_sql(body: dict[str, Any] = Body(..., examples=[{  # noqa: B008
            "query": "SELECT type, count(*) AS n FROM events GROUP BY type"}])
            ) -> Response:
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
        verify --json``). The answer is kept until the log's head moves."""
        from trust import verify_all

        return service.cached(("verify", projections), lambda: verify_all(  # type: ignore[no-any-return]
            service.read_log(), projections=projections, owner=True).as_dict())

    @app.get("/api/catalogue", tags=["events"])
    def catalogue(kind: Literal["party", "item", "unit"] | None = None,
                  search: str | None = Query(None, max_length=200)) -> dict[str, Any]:
        """Parties, items and units with their names, accepted words, news words and units,
        and which catalogue version validated which positions (same JSON as ``supplyline
        catalogue list --json``)."""
        from .catalogue_view import catalogue_json

        return catalogue_json(service.catalogue, service.read_log(), kind, search)

    @app.get("/api/reports", tags=["reports"])
    def list_reports() -> list[dict[str, Any]]:
        """The report archive: one entry per week, newest first, each with every revision
        (``revision``, ``log_position``, ``head_hash``, ``files``, ``path``) and the
        ``newest`` marked; ``files`` are the newest revision's."""
        return _archive(service.settings.reports)

    @app.post("/api/reports", status_code=201, tags=["reports"],
              dependencies=[Depends(require_token)])
    def make_report(body: dict[str, Any] = Body(..., examples=[{"week": "2024-W25"}])  # noqa: B008
                    ) -> dict[str, Any]:
        """Write the weekly report for ``week`` (``latest``, or omitted: the last complete
        week) at ``at_position`` (default: the head)."""
        from events import LogError
        from reports import resolve_week, write_report

        from .bounds import checked_week
        from .filemodes import publish

        log = service.read_log()
        given = body.get("week")
        if given is not None and not isinstance(given, str):
            raise HTTPException(422, "week: must be a string like 2024-W25, or 'latest'")
        try:
            year, week = checked_week(resolve_week(log, given, utc_today()))
        except (ValueError, LogError) as exc:
            raise HTTPException(422, f"week: {exc}") from None
        at = body.get("at_position")
        if at is not None and (not isinstance(at, int) or isinstance(at, bool) or at < 0):
            raise HTTPException(422, "'at_position' must be a whole number >= 0")
        root = service.settings.reports
        written = write_report(log, year, week, root, at, signer=service_signer(service))
        publish(root, written.directory, [*written.files, written.directory / "revision.json"])
        return {"week": written.week, "files": [p.name for p in written.files],
                "revision": written.revision, "written": written.new}

    @app.get("/reports/{week}/{name}", tags=["reports"])
    def report_file(week: str, name: str) -> FileResponse:
        """One file of a week's first report; names outside the archive are 404."""
        return _report_file(week, None, name)

    @app.get("/reports/{week}/{revision}/{name}", tags=["reports"])
    def report_revision_file(week: str, revision: str, name: str) -> FileResponse:
        """One file of a later revision of a week's report (``r2``, ``r3``, ...)."""
        return _report_file(week, revision, name)

    def _report_file(week: str, revision: str | None, name: str) -> FileResponse:
        root = service.settings.reports.resolve()
        if (not WEEK_DIR.match(week) or not FILE_NAME.match(name)
                or (revision is not None and not REVISION_DIR.match(revision))):
            raise HTTPException(404, "no such report file")
        folder = root / week if revision is None else root / week / revision
        path = (folder / name).resolve()
        if path.parent != folder or not path.is_file():
            raise HTTPException(404, "no such report file")
        media = {"html": "text/html; charset=utf-8", "json": "application/json",
                 "md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8"}
        return FileResponse(path, media_type=media[name.rsplit(".", 1)[1]])

    from .docs_page import add_docs
    from .pages import add_pages
    from .pages_forms import add_form_pages
    from .pages_review import add_review_pages
    from .web_guard import WebGuard

    guard = WebGuard(token)  # the pages' writes: CSRF tokens and the token's session cookie
    add_pages(app, service)
    add_form_pages(app, service, guard)
    add_review_pages(app, service, guard)
    add_docs(app)
    return app


def checked(name: str, day: dt.date | None) -> dt.date | None:
    """A date parameter inside the realistic range (1900-2200), else 422."""
    from .bounds import checked_date

    try:
        return checked_date(name, day)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


class SafeJSONResponse(JSONResponse):
    """JSON that stays JSON: a number beyond float range (in a log written before the
    realistic ranges, a sum that overflowed) is written as null, never as ``Infinity``,
    which strict JSON does not have (and Starlette refuses with a 500)."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except ValueError:
            from events.plain import jsonable

            return super().render(jsonable(content))


def _pledges(service: Service, win: Any, grades: Any = None) -> list[dict[str, Any]]:
    """Every pledge's status: it reads the whole log, so it is kept per head position."""
    from projections import load_events, pledge_status
    from projections.pledges import pledge_records

    today = utc_today()

    def build() -> list[dict[str, Any]]:
        events = load_events(service.cursor(), win)
        return pledge_records(pledge_status(events, service.catalogue, win.as_of or today,
                                            grades=grades))

    return service.cached(("pledges", win, today, grades), build)  # type: ignore[no-any-return]


def _sql(service: Service, query: str, win: Any, timeout: float) -> Response:
    """Run the query in a SQL worker (supplyline/sqlpool.py) and pass its answer on as is."""
    import duckdb

    from projections.sql import SqlRefused, check_statement

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


def _archive(root: Path) -> list[dict[str, Any]]:
    from reports.archive import listing

    return listing(root)
