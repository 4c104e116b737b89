"""HTTP routes over the report archive: list it, write a week's report (a new revision,
never overwriting one), and serve its files."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException
from fastapi.responses import FileResponse

from supplyline.events.clock import utc_today

from .api_params import whole_number
from .api_trust import service_signer
from .queries import archive
from .service import Service

WEEK_DIR = re.compile(r"^\d{4}-W\d{2}$")
REVISION_DIR = re.compile(r"^r([2-9]|[1-9]\d+)$")
FILE_NAME = re.compile(r"^[a-z_]+\.(md|html|json|csv)$")


def reports_router(service: Service, require_token: Callable[..., Any]) -> APIRouter:
    router = APIRouter()

    @router.get("/api/reports", tags=["reports"])
    def list_reports() -> list[dict[str, Any]]:
        """The report archive: one entry per week, newest first, each with every revision
        (``revision``, ``log_position``, ``head_hash``, ``files``, ``path``) and the
        ``newest`` marked; ``files`` are the newest revision's."""
        return archive(service.settings.reports)

    @router.post("/api/reports", status_code=201, tags=["reports"],
              dependencies=[Depends(require_token)])
    def make_report(body: dict[str, Any] = Body(..., examples=[{"week": "2024-W25"}])  # noqa: B008
                    ) -> dict[str, Any]:
        """Write the weekly report for ``week`` (``latest``, or omitted: the last complete
        week) at ``at_position`` (default: the head)."""
        from supplyline.events import LogError
        from supplyline.reports import resolve_week, write_report

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
        at = whole_number("at_position", body.get("at_position"))
        root = service.settings.reports
        written = write_report(log, year, week, root, at, signer=service_signer(service))
        publish(root, written.directory, [*written.files, written.directory / "revision.json"])
        return {"week": written.week, "files": [p.name for p in written.files],
                "revision": written.revision, "written": written.new}

    @router.get("/reports/{week}/{name}", tags=["reports"])
    def report_file(week: str, name: str) -> FileResponse:
        """One file of a week's first report; names outside the archive are 404."""
        return _report_file(week, None, name)

    @router.get("/reports/{week}/{revision}/{name}", tags=["reports"])
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

    return router
