"""The HTTP API (JSON; OpenAPI at /openapi.json) and the web pages, over one Service."""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from . import __version__
from .api_drafts import drafts_router
from .api_events import events_router
from .api_projections import projections_router
from .api_reports import reports_router
from .api_trust import trust_router
from .http_guard import BodyLimit
from .service import BadRequest, Service

__all__ = ["BodyLimit", "create_app"]


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
    app.include_router(events_router(service, require_token))
    app.include_router(projections_router(service, sql_guard))
    app.include_router(reports_router(service, require_token))

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


class SafeJSONResponse(JSONResponse):
    """JSON that stays JSON: a number beyond float range (in a log written before the
    realistic ranges, a sum that overflowed) is written as null, never as ``Infinity``,
    which strict JSON does not have (and Starlette refuses with a 500)."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except ValueError:
            from supplyline.events.plain import jsonable

            return super().render(jsonable(content))
