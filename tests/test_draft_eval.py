"""supplyline draft against gold: the seed articles (one test each) and our own synthetic
articles, scored as in the closing note; and the invariants of every candidate."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supplyline.events import Catalogue, validate_record
from supplyline.ingest.draft import draft_text
from supplyline.ingest.draft.score import (
    article_text,
    evaluate,
    figures,
    gold_claims,
    score_article,
)
from tests.conftest import SHARED_SEEDS

DATA = Path(__file__).resolve().parent / "data" / "drafting"
SEED_GOLD = json.loads((DATA / "seeds.json").read_text("utf-8"))["articles"]
needs_seeds = pytest.mark.skipif(not SHARED_SEEDS.exists(), reason="the shared seed articles "
                                 f"are not beside this checkout ({SHARED_SEEDS})")


def drafted(name: str, article: dict[str, Any], folder: Path) -> tuple[str, list[Any]]:
    text = article_text(folder / name)
    day = article.get("reported_on")
    return text, draft_text(text, Catalogue.builtin(), document=name,
                            reported_on=dt.date.fromisoformat(day) if day else None,
                            via=article.get("via"))


@needs_seeds
@pytest.mark.parametrize("name", sorted(SEED_GOLD))
def test_seed_article_against_gold(name: str) -> None:
    """Each seed article: every claim an analyst would draft is drafted with the right
    type, unit and bounds, most with the right flow and item, and little else."""
    text, candidates = drafted(name, SEED_GOLD[name], SHARED_SEEDS)
    counts = score_article(candidates, gold_claims(SEED_GOLD[name], text), text)
    assert counts["missed"] == [], counts
    assert counts["full"] >= 0.75 * counts["gold"], counts
    assert counts["matched"] >= 0.9 * counts["candidates"], counts
    assert counts["verbatim"] == counts["candidates"]


@needs_seeds
def test_seed_figures_meet_the_targets() -> None:
    result = evaluate(DATA / "seeds.json", SHARED_SEEDS, Catalogue.builtin())["figures"]
    assert result["quantity_recall"] >= 0.9 and result["full_recall"] >= 0.7
    assert result["precision"] >= 0.6 and result["verbatim"] == 1.0


@pytest.mark.parametrize("name", ["synthetic", "heldout", "fresh", "tuning"])
def test_our_own_articles_meet_the_targets(name: str) -> None:
    """Articles written for these tests, in our own words: quantity recall >= 0.9, full
    recall >= 0.6 on each set (>= 0.7 on all together), precision >= 0.6, every quote
    verbatim."""
    result = evaluate(DATA / f"{name}.json", DATA / name, Catalogue.builtin())
    f = result["figures"]
    assert f["quantity_recall"] >= 0.9 and f["full_recall"] >= 0.6, result
    assert f["precision"] >= 0.6 and f["verbatim"] == 1.0, result


def test_all_our_own_articles_meet_the_full_recall_target() -> None:
    counts = [c for name in ("synthetic", "heldout", "fresh", "tuning") for c in evaluate(
        DATA / f"{name}.json", DATA / name, Catalogue.builtin())["articles"].values()]
    assert figures(counts)["full_recall"] >= 0.7


def test_on_the_blind_set_candidates_are_real_claims_quoted_verbatim() -> None:
    """The blind sets (never used to change a rule) measure how the drafter does on text
    it has not seen: most of its candidates are real claims (precision >= 0.6), every
    quote is verbatim, and dates are mostly right. Their recall is reported in
    docs/drafting.md, not asserted: it is what the drafter finds on new text, below the
    issue's targets."""
    for name in ("blind", "blind15", "blind19", "blind21", "blind24", "blind37", "blind38"):
        f = evaluate(DATA / f"{name}.json", DATA / name, Catalogue.builtin())["figures"]
        assert f["precision"] >= 0.6 and f["verbatim"] == 1.0, (name, f)
        assert f["dates"] >= 0.6, (name, f)


@pytest.mark.parametrize(("name", "quantity", "full"), [("blind2", 0.9, 0.65),
                                                        ("blind3", 0.85, 0.75),
                                                        ("blind4", 0.85, 0.7),
                                                        ("blind5", 0.85, 0.65),
                                                        ("blind6", 0.95, 0.75),
                                                        ("blind7", 0.95, 0.7),
                                                        ("blind8", 0.9, 0.7),
                                                        ("blind9", 0.8, 0.7),
                                                        ("blind10", 0.95, 0.7),
                                                        ("blind11", 0.9, 0.7),
                                                        ("blind12", 0.85, 0.6),
                                                        ("blind13", 0.85, 0.8),
                                                        ("blind14", 0.9, 0.75),
                                                        ("blind16", 0.85, 0.7),
                                                        ("blind17", 0.8, 0.6),
                                                        ("blind18", 0.9, 0.75),
                                                        ("blind20", 0.9, 0.75),
                                                        ("blind22", 0.95, 0.8),
                                                        ("blind23", 0.85, 0.65),
                                                        ("blind25", 0.95, 0.8),
                                                        ("blind26", 0.95, 0.8),
                                                        ("blind27", 0.95, 0.7),
                                                        ("blind28", 0.95, 0.75),
                                                        ("blind29", 0.9, 0.6),
                                                        ("blind30", 0.9, 0.6),
                                                        ("blind31", 0.9, 0.7),
                                                        ("blind32", 0.95, 0.65),
                                                        ("blind33", 0.9, 0.8),
                                                        ("blind34", 0.9, 0.65),
                                                        ("blind35", 0.95, 0.7),
                                                        ("blind36", 0.9, 0.7)])
def test_former_blind_sets_keep_what_rounds_4_to_33_gained(name: str, quantity: float,
                                                           full: float) -> None:
    """blind2 to blind36 (blind15, blind19, blind21 and blind24 apart, never read) were each
    scored blind once (rounds 3 to 32) and then used to write the next round's rules
    (tests/test_draft_round4.py, tests/test_draft_round7.py to tests/test_draft_round33.py;
    rounds 21 and 25 read the misses of the sets already read): they now guard them, as the
    tuning sets do."""
    f = evaluate(DATA / f"{name}.json", DATA / name, Catalogue.builtin())["figures"]
    assert f["quantity_recall"] >= quantity and f["full_recall"] >= full, f
    assert f["precision"] >= 0.85 and f["verbatim"] == 1.0, f


def test_the_scorer_counts_what_it_says() -> None:
    """A right candidate counts for both recalls, a wrong flow for quantity only, a
    candidate of no claim against precision."""
    text = "A sentence. Another one."
    gold = [{"spans": [[0, 11]], "type": "shipment", "unit": "rounds", "quantity": 10,
             "supplier": "KP", "recipient": "RU", "item": None, "measure": "cumulative"},
            {"spans": [[12, 24]], "type": "shipment", "unit": "rounds", "quantity_low": 5,
             "supplier": "IR", "recipient": "RU", "item": None, "measure": "cumulative"}]
    right = {"type": "shipment", "unit": "rounds", "quantity": 10, "supplier": "KP",
             "recipient": "RU", "measure": "cumulative", "quote": "A sentence."}
    wrong_flow = {**right, "quantity_low": 5, "supplier": "KP", "quote": "Another one."}
    del wrong_flow["quantity"]
    extra = {**right, "quantity": 99, "quote": "Another one."}
    counts = score_article([{"record": right, "span": [0, 11]},
                            {"record": wrong_flow, "span": [12, 24]},
                            {"record": extra, "span": [12, 24]}], gold, text)
    assert (counts["quantity"], counts["full"], counts["matched"], counts["candidates"],
            counts["verbatim"]) == (2, 1, 2, 3, 3)


_PARTIES = ["North Korea", "Russia", "Iran", "the European Union", "Kyiv", "Poland",
            "Germany", "Tehran", "Ukraine", "the Czech Republic"]
_VERBS = ["sent", "has sent", "supplied", "delivered", "will deliver", "pledged",
          "received", "promised to send", "shipped", "fires", "produces", "has"]
_AMOUNTS = ["300,000 shells", "more than 2 million artillery rounds", "up to 3.5 million "
            "shells", "about 900 shipping containers", "half a million rounds", "2,000 drones",
            "40 per cent", "between 2 and 3 million shells", "74,000 tonnes", "€2bn",
            "thousands of Shahed drones", "12 missiles"]
_TAILS = ["", " to Ukraine", " to Russia", " from Iran", " a day", " a month", " so far",
          " in November", " since September 2023", " by the end of the year",
          ", officials said", ", according to the ministry", " last month"]
_SENTENCE = st.builds(lambda a, v, n, t1, t2: f"{a} {v} {n}{t1}{t2}.",
                      st.sampled_from(_PARTIES), st.sampled_from(_VERBS),
                      st.sampled_from(_AMOUNTS), st.sampled_from(_TAILS),
                      st.sampled_from(_TAILS))
_NOISE = st.text(alphabet=st.sampled_from(list("abc XYZ,.;\n\u2019\u201c\u201d-0123456789")),
                 max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_SENTENCE, _NOISE), min_size=1, max_size=6),
       st.sampled_from(["\n", " ", "\n\n", "  "]), st.booleans())
def test_every_candidate_quotes_its_span(parts: list[str], glue: str, dated: bool) -> None:
    """Whatever the text: each candidate's quote is exactly the text at its span (so the
    log's quote check passes), candidates come in text order, complete ones validate, and
    the same text gives the same candidates."""
    text = glue.join(parts)
    day = dt.date(2024, 2, 27) if dated else None
    cat = Catalogue.builtin()
    found = draft_text(text, cat, document="p.txt", reported_on=day, via="Wire")
    starts = [c["span"][0] for c in found]
    assert starts == sorted(starts)
    for c in found:
        start, end = c["span"]
        assert 0 <= start < end <= len(text)
        assert c["record"]["quote"] == text[start:end] and c["record"]["document"] == "p.txt"
        assert 0.0 <= c["confidence"] <= 1.0
        if not c["missing"]:
            assert validate_record(c["record"], cat)[1] == []
    assert draft_text(text, cat, document="p.txt", reported_on=day, via="Wire") == found
