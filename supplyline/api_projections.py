"""HTTP routes over the projections: timelines, pledges, claims, explanations, and
read-only SQL."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Query
from fastapi.params import Depends as DependsParam
from fastapi.responses import Response

from .api_params import flow_codes, grade_filter, whole_number, window
from .queries import pledges as pledges_of
from .queries import sql as run_query
from .service import Service


def projections_router(service: Service, sql_guard: list[DependsParam]) -> APIRouter:
    router = APIRouter()

    @router.get("/api/timeline", tags=["projections"])
    def timeline(supplier: str, recipient: str, item: str, as_of: dt.date | None = None,
                 at_position: int | None = Query(None, ge=0),
                 freq: Literal["event", "week", "month"] = "event",
                 grades: Any = Depends(grade_filter)) -> dict[str, Any]:  # noqa: B008
        """The cumulative supply timeline of one flow (same JSON as ``supplyline timeline``)."""
        from supplyline.projections import compute_timeline, load_flow_events
        from supplyline.projections.frames import TIMELINE_COLUMNS

        flow = flow_codes(service, supplier, recipient, item)
        events = load_flow_events(service.cursor(), window(as_of, at_position), flow,
                                  TIMELINE_COLUMNS)
        return compute_timeline(events, service.catalogue, *flow, freq=freq,
                                as_of=as_of, grades=grades).as_dict()

    @router.get("/api/pledges", tags=["projections"])
    def pledges(as_of: dt.date | None = None,
                at_position: int | None = Query(None, ge=0),
                grades: Any = Depends(grade_filter)) -> list[dict[str, Any]]:  # noqa: B008
        """Every pledge and its fulfilment (same JSON as ``supplyline pledges``)."""
        return pledges_of(service, window(as_of, at_position), grades)

    @router.get("/api/claims", tags=["projections"])
    def claims(supplier: str, recipient: str, item: str, as_of: dt.date | None = None,
               at_position: int | None = Query(None, ge=0),
               grades: Any = Depends(grade_filter)) -> dict[str, Any]:  # noqa: B008
        """Every shipment claim of a flow side by side (same JSON as ``supplyline claims``)."""
        from supplyline.projections import compare_claims, load_flow_events

        flow = flow_codes(service, supplier, recipient, item)
        events = load_flow_events(service.cursor(), window(as_of, at_position), flow)
        return compare_claims(events, service.catalogue, *flow, grades=grades)

    @router.get("/api/explain", tags=["projections"])
    def explain(supplier: str, recipient: str, item: str,
                from_: dt.date = Query(..., alias="from"), to: dt.date = Query(...),
                at_position: int | None = Query(None, ge=0),
                grades: Any = Depends(grade_filter),  # noqa: B008
                sources: bool = False) -> dict[str, Any]:
        """Why a flow's row changed between as-of ``from`` and as-of ``to`` (same JSON as
        ``supplyline explain``); ``sources=true`` adds each claim's source and grade."""
        from supplyline.projections import load_flow_events
        from supplyline.projections.explain import explain as explain_change

        if from_ >= to:
            raise HTTPException(422, f"'from' ({from_}) must be before 'to' ({to})")
        flow = flow_codes(service, supplier, recipient, item)
        events = load_flow_events(service.cursor(), window(to, at_position), flow)
        return explain_change(events, service.catalogue, flow, from_, to, grades,
                              sources=sources)

    @router.post("/api/sql", tags=["sql"], dependencies=sql_guard,
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
        whole_number("at_position", at_position)
        if not 0.1 <= timeout <= 300:
            raise HTTPException(422, "'timeout' must be between 0.1 and 300 seconds")
        return run_query(service, query, window(as_of, at_position), timeout)

    return router
