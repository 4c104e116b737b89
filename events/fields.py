"""The names of event types and fields, without the models (pydantic), for code that only
reads the log. ``events.models`` checks on import that they match its models."""

from __future__ import annotations

EVENT_TYPES = ("pledge", "shipment", "estimate", "meeting", "conversion", "retraction")
# Every field any record may carry, in the order output tables use.
ALL_FIELDS: tuple[str, ...] = (
    "event_id", "type", "reported_on", "source", "via", "url", "document", "quote",
    "reliability", "credibility", "supersedes", "notes", "quantity", "quantity_low",
    "quantity_high", "supplier", "recipient", "item", "unit", "measure", "period_start",
    "period_end", "due_by", "metric", "subject", "per", "title", "participants", "location",
    "from_unit", "to_unit", "factor", "factor_low", "factor_high", "target", "reason")
LIST_FIELDS = frozenset({"participants"})
# What an event id may be (SPEC §2): the models, the column-wise ingest and the bench's
# least work check it with this.
EVENT_ID_PATTERN = r"^[A-Za-z0-9._:-]{1,64}$"
