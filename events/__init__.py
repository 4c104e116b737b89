"""The event record, the catalogue and the append-only log."""

from typing import TYPE_CHECKING

from .canonical import RECORD_VERSION
from .catalogue import Catalogue, UnknownCode
from .chain import AppendResult, Head, LogRow
from .dates import PartialDate
from .errors import AppendRejected, Issue, LogBusy, LogError, LogMissing, PositionConflict
from .fields import ALL_FIELDS, EVENT_TYPES, LIST_FIELDS
from .integrity import VerifyResult
from .lazy import lazy_attributes
from .log import EventLog

if TYPE_CHECKING:
    from .models import MODELS
    from .validate import validate_record

__all__ = [
    "ALL_FIELDS", "EVENT_TYPES", "LIST_FIELDS", "MODELS", "RECORD_VERSION",
    "AppendRejected", "AppendResult", "Catalogue", "EventLog", "Head", "Issue", "LogBusy",
    "LogError", "LogMissing", "LogRow", "PartialDate", "PositionConflict", "UnknownCode",
    "VerifyResult", "validate_record",
]

# The models (pydantic) load on first use: commands that only read the log never build
# one, and importing them costs every command start-up time.
__getattr__ = lazy_attributes(__name__, {"MODELS": "models", "validate_record": "validate"})
