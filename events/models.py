"""The event record of SPEC §2 as frozen pydantic models, one per event type.

Validation needs a :class:`~events.catalogue.Catalogue` to resolve parties, items and
units; pass it as ``context={"catalogue": cat}`` (``validate_record`` does this).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationInfo,
    field_validator,
)

from .canonical import RECORD_VERSION  # noqa: F401  (re-exported)
from .catalogue import Catalogue
from .dates import PartialDate, parse_full_date
from .fields import (  # noqa: F401  (re-exported)
    ALL_FIELDS,
    EVENT_ID_PATTERN,
    EVENT_TYPES,
    LIST_FIELDS,
)
from .limits import Limits, current_limits

RATE_METRICS = ("production_rate", "consumption_rate")

EventId = Annotated[str, Field(pattern=EVENT_ID_PATTERN)]
Text = Annotated[str, Field(min_length=1, max_length=10_000)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _catalogue(info: ValidationInfo) -> Catalogue:
    ctx = info.context or {}
    cat: Catalogue | None = ctx.get("catalogue")
    if cat is None:
        raise RuntimeError("validation needs context={'catalogue': Catalogue}")
    return cat


# -- realistic ranges (events/limits.py): validators of their own, named alike in every model
def _limits(info: ValidationInfo) -> Limits:
    given = (info.context or {}).get("limits")
    return given if isinstance(given, Limits) else current_limits()


def _quantity_range_validator(*fields: str) -> Any:
    def check(cls: type, v: float | None, info: ValidationInfo) -> float | None:
        problem = None if v is None else _limits(info).quantity_problem(v)
        if problem:
            raise ValueError(problem)
        return v

    return field_validator(*fields)(classmethod(check))


def _factor_range_validator(*fields: str) -> Any:
    def check(cls: type, v: float | None, info: ValidationInfo) -> float | None:
        problem = None if v is None else _limits(info).factor_problem(v)
        if problem:
            raise ValueError(problem)
        return v

    return field_validator(*fields)(classmethod(check))


def _date_range_validator(*fields: str) -> Any:
    def check(cls: type, v: Any, info: ValidationInfo) -> Any:
        limits = _limits(info)
        if isinstance(v, PartialDate):
            problem = limits.date_problem(v.first) or limits.date_problem(v.last)
        else:
            problem = None if v is None else limits.date_problem(v)
        if problem:
            raise ValueError(problem)
        return v

    return field_validator(*fields)(classmethod(check))


class _Event(BaseModel):
    """Fields common to every event type."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    event_id: EventId | None = None
    reported_on: dt.date
    source: Annotated[str, Field(min_length=1, max_length=200)]
    via: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    url: str | None = None
    document: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    quote: Text | None = None
    reliability: Literal["A", "B", "C", "D", "E", "F"] = "F"
    credibility: Annotated[int, Field(ge=1, le=6)] = 6
    supersedes: EventId | None = None
    notes: Text | None = None


    _reported_on_in_range = _date_range_validator("reported_on")

    @field_validator("reported_on", mode="before")
    @classmethod
    def _full_date(cls, v: Any) -> dt.date:
        return parse_full_date(v)

    @field_validator("url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        if v is not None and not _URL.match(v):
            raise ValueError("must be an http(s) URL")
        return v

    @field_validator("credibility", mode="before")
    @classmethod
    def _credibility(cls, v: Any) -> Any:
        if isinstance(v, bool | float):
            raise ValueError("must be a whole number 1-6")
        return v

    def cross_checks(self) -> list[tuple[str, str]]:
        """Rules that span fields, as (field, message); empty when the record is valid."""
        return []

    def plausibility(self, recorded_on: dt.date) -> list[tuple[str, str]]:
        """SPEC §2's plausibility rules, as (field, message): what no real claim can say,
        given the day the event is recorded."""
        out = []
        if self.reported_on > recorded_on:
            out.append(("reported_on", f"{self.reported_on} is after the day the event is "
                                       f"recorded ({recorded_on}); a claim cannot have been "
                                       "made public in the future"))
        supplier, recipient = getattr(self, "supplier", None), getattr(self, "recipient", None)
        if supplier is not None and supplier == recipient:
            out.append(("recipient", f"is the supplier ({supplier}); supplier and recipient "
                                     "must differ"))
        return out


class _Quantity(BaseModel):
    quantity: NonNegative | None = None
    quantity_low: NonNegative | None = None
    quantity_high: NonNegative | None = None

    _quantities_in_range = _quantity_range_validator("quantity", "quantity_low",
                                                     "quantity_high")

    def _quantity_checks(self) -> list[tuple[str, str]]:
        q, lo, hi = self.quantity, self.quantity_low, self.quantity_high
        if q is None and lo is None and hi is None:
            return [("quantity", "one of quantity, quantity_low, quantity_high is required")]
        out = []
        if lo is not None and hi is not None and lo > hi:
            out.append(("quantity_low", "must be <= quantity_high"))
        if q is not None and lo is not None and lo > q:
            out.append(("quantity_low", "must be <= quantity"))
        if q is not None and hi is not None and q > hi:
            out.append(("quantity_high", "must be >= quantity"))
        return out


def _party_validator(*fields: str) -> Any:
    def resolve(cls: type, v: Any, info: ValidationInfo) -> Any:
        if v is None:
            return v
        if not isinstance(v, str):
            raise ValueError("must be a party code or name")
        return _catalogue(info).party(v)

    return field_validator(*fields)(classmethod(resolve))


def _item_validator(*fields: str) -> Any:
    def resolve(cls: type, v: Any, info: ValidationInfo) -> Any:
        if v is None:
            return v
        if not isinstance(v, str):
            raise ValueError("must be an item code")
        return _catalogue(info).item(v).code

    return field_validator(*fields)(classmethod(resolve))


def _unit_validator(*fields: str) -> Any:
    def resolve(cls: type, v: Any, info: ValidationInfo) -> Any:
        if v is None:
            return v
        if not isinstance(v, str):
            raise ValueError("must be a unit")
        return _catalogue(info).unit(v)

    return field_validator(*fields)(classmethod(resolve))


def _period_check(start: PartialDate | None, end: PartialDate | None) -> list[tuple[str, str]]:
    if start is not None and end is not None and end.last < start.first:
        return [("period_end", "must be >= period_start")]
    return []


class Shipment(_Event, _Quantity):
    """Supply that happened: cumulative (total so far) or an increment over a period."""

    type: Literal["shipment"]
    supplier: str
    recipient: str
    item: str
    unit: str
    measure: Literal["cumulative", "increment"]
    period_start: PartialDate | None = None
    period_end: PartialDate

    _parties = _party_validator("supplier", "recipient")
    _items = _item_validator("item")
    _units = _unit_validator("unit")
    _dates_in_range = _date_range_validator("period_start", "period_end")

    def cross_checks(self) -> list[tuple[str, str]]:
        out = self._quantity_checks() + _period_check(self.period_start, self.period_end)
        if self.measure == "increment" and self.period_start is None:
            out.append(("period_start", "is required when measure is increment"))
        return out

    def plausibility(self, recorded_on: dt.date) -> list[tuple[str, str]]:
        out = super().plausibility(recorded_on)
        if self.period_end.first > self.reported_on:
            out.append(("period_end", f"{self.period_end} begins after reported_on "
                                      f"({self.reported_on}); nobody reports a delivery before "
                                      "the period it covers has begun"))
        return out


class Pledge(_Event, _Quantity):
    """A promise to supply a quantity by a date."""

    type: Literal["pledge"]
    supplier: str
    recipient: str
    item: str
    unit: str
    period_start: PartialDate
    due_by: PartialDate

    _parties = _party_validator("supplier", "recipient")
    _items = _item_validator("item")
    _units = _unit_validator("unit")
    _dates_in_range = _date_range_validator("period_start", "due_by")

    def cross_checks(self) -> list[tuple[str, str]]:
        out = self._quantity_checks()
        if self.due_by.last < self.period_start.first:
            out.append(("due_by", "must be >= period_start"))
        return out


class Estimate(_Event, _Quantity):
    """An assessed level or rate: stocks, production, consumption, capacity, supply share."""

    type: Literal["estimate"]
    metric: Literal[
        "stock", "production_rate", "consumption_rate", "capacity_utilisation", "supply_share"
    ]
    unit: str
    period_start: PartialDate | None = None
    period_end: PartialDate
    subject: str | None = None
    item: str | None = None
    per: Literal["day", "week", "month", "year"] | None = None
    supplier: str | None = None
    recipient: str | None = None

    _parties = _party_validator("subject", "supplier", "recipient")
    _items = _item_validator("item")
    _units = _unit_validator("unit")
    _dates_in_range = _date_range_validator("period_start", "period_end")

    def cross_checks(self) -> list[tuple[str, str]]:
        out = self._quantity_checks() + _period_check(self.period_start, self.period_end)
        if self.metric in RATE_METRICS and self.per is None:
            out.append(("per", f"is required for metric {self.metric}"))
        if self.metric == "supply_share":
            for f in ("supplier", "recipient"):
                if getattr(self, f) is None:
                    out.append((f, "is required for metric supply_share"))
        elif self.supplier is not None or self.recipient is not None:
            f = "supplier" if self.supplier is not None else "recipient"
            out.append((f, "is only allowed for metric supply_share"))
        return out


class Meeting(_Event):
    """A dated meeting, summit or decision between parties."""

    type: Literal["meeting"]
    title: Annotated[str, Field(min_length=1, max_length=300)]
    participants: Annotated[list[str], Field(min_length=1)]
    period_start: PartialDate
    period_end: PartialDate | None = None
    location: Annotated[str, Field(min_length=1, max_length=200)] | None = None

    _dates_in_range = _date_range_validator("period_start", "period_end")

    @field_validator("participants", mode="before")
    @classmethod
    def _split(cls, v: Any) -> Any:
        return [p for p in v.split(";") if p.strip()] if isinstance(v, str) else v

    @field_validator("participants")
    @classmethod
    def _participants(cls, v: list[str], info: ValidationInfo) -> list[str]:
        cat = _catalogue(info)
        codes: list[str] = []
        for p in v:
            code = cat.party(p)
            if code not in codes:
                codes.append(code)
        return codes

    def cross_checks(self) -> list[tuple[str, str]]:
        return _period_check(self.period_start, self.period_end)


class Conversion(_Event):
    """A factor turning one unit into another (e.g. containers into rounds), from a date on."""

    type: Literal["conversion"]
    from_unit: str
    to_unit: str
    factor: Positive | None = None
    factor_low: Positive | None = None
    factor_high: Positive | None = None
    item: str | None = None
    period_start: PartialDate | None = None

    _items = _item_validator("item")
    _units = _unit_validator("from_unit", "to_unit")
    _dates_in_range = _date_range_validator("period_start")
    _factors_in_range = _factor_range_validator("factor", "factor_low", "factor_high")

    def cross_checks(self) -> list[tuple[str, str]]:
        f, lo, hi = self.factor, self.factor_low, self.factor_high
        out: list[tuple[str, str]] = []
        if f is None and (lo is None or hi is None):
            field = "factor" if lo is None and hi is None else (
                "factor_high" if hi is None else "factor_low")
            out.append((field, "give factor, or factor_low and factor_high"))
        if lo is not None and hi is not None and lo > hi:
            out.append(("factor_low", "must be <= factor_high"))
        if f is not None and lo is not None and lo > f:
            out.append(("factor_low", "must be <= factor"))
        if f is not None and hi is not None and f > hi:
            out.append(("factor_high", "must be >= factor"))
        if self.from_unit == self.to_unit:
            out.append(("to_unit", "must differ from from_unit"))
        return out


class Retraction(_Event):
    """Withdraws an earlier event from every projection from now on."""

    type: Literal["retraction"]
    target: EventId
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


Event = Annotated[
    Shipment | Pledge | Estimate | Meeting | Conversion | Retraction,
    Field(discriminator="type"),
]
EVENT_ADAPTER: TypeAdapter[Any] = TypeAdapter(Event)
MODELS: dict[str, type[_Event]] = {
    "shipment": Shipment,
    "pledge": Pledge,
    "estimate": Estimate,
    "meeting": Meeting,
    "conversion": Conversion,
    "retraction": Retraction,
}

# events.fields lists the fields for readers that do not load the models: the same ones
_DERIVED = tuple(dict.fromkeys(
    ["event_id", "type", "reported_on", "source", "via", "url", "document", "quote",
     "reliability", "credibility", "supersedes", "notes"]
    + [f for m in MODELS.values() for f in m.model_fields]))
if _DERIVED != ALL_FIELDS or set(MODELS) != set(EVENT_TYPES):
    raise ImportError(f"events.fields is out of date: ALL_FIELDS should be {_DERIVED}")
