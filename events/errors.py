"""Errors the log raises; each carries a message a user can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    """One problem with one input record: which record, which field, what is wrong."""

    index: int  # position of the record in the batch, from 0
    field: str
    message: str


class AppendRejected(Exception):
    """The batch was refused as a whole; nothing was appended."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(f"{len(issues)} problem(s); nothing appended")
        self.issues = issues


class LogError(Exception):
    """A failure of the log that is not the input's fault (exit status 1)."""


class LogBusy(LogError):
    """Another process holds the log file (``pid``: which one, when DuckDB says)."""

    def __init__(self, message: str, pid: int | None = None) -> None:
        super().__init__(message)
        self.pid = pid


class LogMissing(LogError):
    """No log at the given path."""


class PositionConflict(LogError):
    """The log has moved past the position the caller expected."""

    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(f"the log is at position {actual}, not {expected} as expected")
        self.expected = expected
        self.actual = actual
