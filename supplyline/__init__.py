"""supplyline: the command line, HTTP API and settings over the event log and projections."""

__version__ = "0.1.0"
