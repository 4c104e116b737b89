"""The built-in dataset: complete records, idempotent, and written in our own words."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from supplyline.events import EventLog
from supplyline.ingest.seed import seed_documents, seed_path
from tests.conftest import SHARED_SEEDS


def test_seed_is_idempotent(cli) -> None:
    """Running seed twice appends the dataset once."""
    first = cli("seed", "--json").json()
    second = cli("seed", "--json").json()
    assert first["appended"] >= 30 and first["duplicates"] == 0
    assert second == {"appended": 0, "duplicates": first["appended"], "first_position": None,
                      "last_position": None}
    assert cli("verify", "--json").json()["ok"]


def test_every_seed_event_is_sourced_dated_graded_and_explained(seeded: Path) -> None:
    """Each event names its source, article, report date, grades and has notes."""
    docs = {d["document_id"] for d in seed_documents()}
    with EventLog(seeded, read_only=True) as log:
        events = log.read()
    for e in events:
        assert e["source"] and e["notes"], e["event_id"]
        assert e["document"] in docs, e["event_id"]
        assert e["reliability"] in "ABCDE" and 1 <= e["credibility"] <= 5, e["event_id"]
        assert "quote" not in e, "seed events must not quote the articles"
    assert {e["document"] for e in events} == docs, "every article contributes"
    types = Counter(e["type"] for e in events)
    assert set(types) == {"pledge", "shipment", "estimate", "meeting", "conversion"}
    units = {e["unit"] for e in events if e["type"] == "shipment"}
    assert {"rounds", "containers", "metric_tons"} <= units


def test_headline_figures_are_in_the_seed(seeded: Path) -> None:
    """The figures the project grew from are all there, once per original source."""
    with EventLog(seeded, read_only=True) as log:
        events = log.read(types=["shipment", "pledge"])
    figures = Counter((e.get("quantity") or e.get("quantity_low"), e["unit"]) for e in events)
    for figure in [(300000.0, "rounds"), (1000000.0, "rounds"), (6700.0, "containers"),
                   (10000.0, "containers"), (74000.0, "metric_tons"), (350000.0, "rounds"),
                   (11000.0, "containers")]:
        assert figures[figure] >= 1, figure
    # the 10,000-container claim appears in two articles but is one claim
    assert figures[(10000.0, "containers")] == 1


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n", text) if len(s.split()) >= 8]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.mark.skipif(not SHARED_SEEDS.exists(), reason="the shared seed articles are not beside "
                                                      "this checkout")
def test_no_article_text_is_copied_into_the_project() -> None:
    """No run of 9 consecutive words from any seed article appears in the project's files."""
    root = Path(__file__).resolve().parents[1]
    shingles: set[tuple[str, ...]] = set()
    for article in SHARED_SEEDS.glob("*.txt"):
        words = _words(article.read_text("utf-8"))
        shingles |= {tuple(words[i:i + 9]) for i in range(len(words) - 8)}
    offenders = []
    for path in root.rglob("*"):
        if not path.is_file() or any(p in path.parts for p in (".git", ".venv", "demo",
                                                                "__pycache__", ".hypothesis")):
            continue
        if path.suffix not in {".py", ".md", ".jsonl", ".json", ".html", ".txt", ".csv"}:
            continue
        words = _words(path.read_text("utf-8", errors="ignore"))
        hits = {tuple(words[i:i + 9]) for i in range(len(words) - 8)} & shingles
        if hits:
            offenders.append((str(path.relative_to(root)), " ".join(sorted(hits)[0])))
    assert offenders == []


def test_seed_file_is_packaged() -> None:
    """The dataset ships inside the installed package, not only in the checkout."""
    assert seed_path().exists()
    assert len(seed_path().read_text("utf-8").splitlines()) >= 30
