"""Reading input files, validating them and loading the built-in seed dataset."""

from .pipeline import IngestFailed, InputError, append_located, ingest, load
from .readers import FORMATS, UnreadableFile, read_records

__all__ = ["FORMATS", "IngestFailed", "InputError", "UnreadableFile", "append_located",
           "ingest", "load", "read_records"]
