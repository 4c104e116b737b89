"""The event record, the catalogue and the append-only log."""

from .catalogue import Catalogue, UnknownCode
from .dates import PartialDate
from .errors import AppendRejected, Issue, LogBusy, LogError, LogMissing, PositionConflict
from .log import AppendResult, EventLog, Head, VerifyResult
from .models import ALL_FIELDS, EVENT_TYPES, LIST_FIELDS, MODELS, RECORD_VERSION
from .validate import validate_record

__all__ = [
    "ALL_FIELDS", "EVENT_TYPES", "LIST_FIELDS", "MODELS", "RECORD_VERSION",
    "AppendRejected", "AppendResult", "Catalogue", "EventLog", "Head", "Issue", "LogBusy",
    "LogError", "LogMissing", "PartialDate", "PositionConflict", "UnknownCode", "VerifyResult",
    "validate_record",
]
