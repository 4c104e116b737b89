"""Reading input files, validating them and loading the built-in seed dataset."""

from typing import TYPE_CHECKING

from supplyline.events.lazy import lazy_attributes

from .errors import IngestFailed, InputError

if TYPE_CHECKING:
    from .pipeline import ingest, located_records
    from .readers import FORMATS, UnreadableFile, read_records

__all__ = ["FORMATS", "IngestFailed", "InputError", "UnreadableFile", "ingest",
           "located_records", "read_records"]

# The rest loads on first use: reading and validating need the models (pydantic), which a
# command that only reads the log never builds.
__getattr__ = lazy_attributes(__name__, {
    "ingest": "pipeline", "located_records": "pipeline", "FORMATS": "readers",
    "UnreadableFile": "readers", "read_records": "readers"})
