"""Grade filters (SPEC §5 step 9): keep only shipment claims graded at least so well."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

RELIABILITY = "ABCDEF"
CREDIBILITY = range(1, 7)


@dataclass(frozen=True)
class Grades:
    """``--min-reliability`` (A-F) and ``--min-credibility`` (1-6); None: no filter."""

    min_reliability: str | None = None
    min_credibility: int | None = None

    def __post_init__(self) -> None:
        if self.min_reliability is not None and (
                len(self.min_reliability) != 1 or self.min_reliability not in RELIABILITY):
            raise ValueError(f"min_reliability must be one of A-F, got "
                             f"{self.min_reliability!r}")
        if self.min_credibility is not None and self.min_credibility not in CREDIBILITY:
            raise ValueError(f"min_credibility must be 1-6, got {self.min_credibility!r}")

    @property
    def active(self) -> bool:
        return self.min_reliability is not None or self.min_credibility is not None

    def below(self) -> pl.Expr:
        """True for claims graded below the filter: reliability later in A-F than the
        minimum, or credibility higher than it."""
        out = pl.lit(False)
        if self.min_reliability is not None:
            out = out | (pl.col("reliability") > self.min_reliability)
        if self.min_credibility is not None:
            out = out | (pl.col("credibility") > self.min_credibility)
        return out

    def reason(self) -> pl.Expr:
        """Why a claim is out: ``below the grade filter (E5)``."""
        return pl.format("below the grade filter ({}{})", "reliability", "credibility")

    def params(self) -> dict[str, str | int | None]:
        """The filter as the API's query parameters (None: not given)."""
        return {"min_reliability": self.min_reliability, "min_credibility": self.min_credibility}

    def describe(self) -> str:
        """The filter in words, for reports and pages ('' when there is none)."""
        parts = []
        if self.min_reliability is not None:
            parts.append(f"reliability {self.min_reliability} or better")
        if self.min_credibility is not None:
            parts.append(f"credibility {self.min_credibility} or better")
        return " and ".join(parts)


NO_FILTER = Grades()
