"""What a failed ingest reports: light, so the command line can catch it without loading
the models."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputError:
    """One problem, located: ``file:line: field: message``."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        if self.line == 0 and self.field == "file":  # the file as a whole
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class IngestFailed(Exception):
    """The input had problems; nothing was appended. ``errors`` lists every one."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__(f"{len(errors)} error(s); nothing appended")
        self.errors = errors
