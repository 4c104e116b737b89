"""Reading input files, validating them and loading the built-in seed dataset."""

from .pipeline import IngestFailed, InputError, ingest, located_records
from .readers import FORMATS, UnreadableFile, read_records

__all__ = ["FORMATS", "IngestFailed", "InputError", "UnreadableFile", "ingest",
           "located_records", "read_records"]
