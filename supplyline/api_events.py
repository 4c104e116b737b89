"""HTTP routes over the log itself: append (one event or a batch), seed, read events,
verify, and the catalogue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Query

from supplyline.events import PositionConflict
from supplyline.events.fields import EVENT_TYPES

from .api_params import checked
from .service import BadRequest, Service


def events_router(service: Service, require_token: Callable[..., Any]) -> APIRouter:
    router = APIRouter()

    @router.post("/api/events", status_code=201, tags=["events"],
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

    @router.post("/api/seed", status_code=201, tags=["events"],
              dependencies=[Depends(require_token)])
    def seed() -> dict[str, Any]:
        """Append the built-in dataset curated from the seed articles (idempotent)."""
        from supplyline.ingest.seed import load_seed

        return service.writer.call(lambda log: load_seed(log)).as_dict()  # type: ignore[no-any-return]

    @router.get("/api/events", tags=["events"])
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
        from supplyline.events import ALL_FIELDS

        keys = ("position", "recorded_at", "hash", *ALL_FIELDS)
        return {"events": [{k: r.get(k) for k in keys} for r in page],
                "next_since_position": page[-1]["position"] if more else None}

    @router.get("/api/verify", tags=["events"])
    def verify(projections: bool = False) -> dict[str, Any]:
        """Check the hash chain, the Merkle tree, the seals and the typed tables; with
        ``projections``, also a rebuild of the projections (same JSON as ``supplyline
        verify --json``). The answer is kept until the log's head moves."""
        from supplyline.trust import verify_all

        return service.cached(("verify", projections), lambda: verify_all(  # type: ignore[no-any-return]
            service.read_log(), projections=projections, owner=True).as_dict())

    @router.get("/api/catalogue", tags=["events"])
    def catalogue(kind: Literal["party", "item", "unit"] | None = None,
                  search: str | None = Query(None, max_length=200)) -> dict[str, Any]:
        """Parties, items and units with their names, accepted words, news words and units,
        and which catalogue version validated which positions (same JSON as ``supplyline
        catalogue list --json``)."""
        from .catalogue_view import catalogue_json

        return catalogue_json(service.catalogue, service.read_log(), kind, search)

    return router
