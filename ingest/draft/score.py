"""Scoring drafts against gold: the records an analyst would draft from an article.

Gold is a JSON file ``{"articles": {FILE: {"reported_on", "via", "claims": [...]}}}``;
each claim gives the character spans of the sentence(s) it comes from (``spans``, any of
which may hold it: a headline can repeat a sentence) and the fields an analyst would
write. Gold never holds an article's text.

- quantity recall: gold claims drafted with the right type, unit(s) and bounds;
- full recall: also the flow (supplier, recipient or subject), item, measure, metric, per;
- precision: candidates that are a gold claim (type, unit(s), bounds), of all candidates;
- verbatim: candidates whose quote is exactly the text at their span;
- dates: of the fully matched claims whose gold gives dates (``period_start``,
  ``period_end``, ``due_by``), those drafted with every one of them right.

A candidate matches a gold claim when its span overlaps one of the claim's spans; each
candidate matches at most one claim.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

QUANTITY = {"conversion": ("from_unit", "to_unit", "factor", "factor_low", "factor_high")}
_BOUNDS = ("unit", "quantity", "quantity_low", "quantity_high")
DATES = ("period_start", "period_end", "due_by")
FULL = {"shipment": ("supplier", "recipient", "item", "measure"),
        "pledge": ("supplier", "recipient", "item"),
        "estimate": ("metric", "subject", "supplier", "recipient", "item", "per"),
        "conversion": ("item",)}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) <= 0.005 * max(abs(a), abs(b))
    return bool(a == b)


def quantity_match(record: dict[str, Any], gold: dict[str, Any]) -> bool:
    if record.get("type") != gold["type"]:
        return False
    fields = QUANTITY.get(gold["type"], _BOUNDS)
    if gold["type"] == "estimate" and record.get("metric") != gold.get("metric"):
        return False
    return all(_same(record.get(f), gold.get(f)) for f in fields)


def full_match(record: dict[str, Any], gold: dict[str, Any]) -> bool:
    fields = FULL[gold["type"]]
    if gold["type"] == "estimate":
        fields = (("metric", "supplier", "recipient", "item", "per")
                  if gold.get("metric") == "supply_share"
                  else ("metric", "subject", "item", "per"))
    return quantity_match(record, gold) and all(record.get(f) == gold.get(f) for f in fields)


def _overlaps(span: list[int], spans: list[list[int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def score_article(candidates: list[dict[str, Any]], gold: list[dict[str, Any]], text: str
                  ) -> dict[str, Any]:
    """Counts for one article: gold claims, candidates, quantity and full hits, verbatim
    quotes, and the gold claims missed (their index and type)."""
    used: set[int] = set()
    quantity = full = dated = dates = 0
    missed = []
    for g_index, g in enumerate(gold):
        near = [i for i, c in enumerate(candidates)
                if i not in used and _overlaps(c["span"], g["spans"])]
        best = next((i for i in near if full_match(candidates[i]["record"], g)), None)
        if best is not None:
            full += 1
            given = [f for f in DATES if f in g]
            if given:
                dated += 1
                dates += all(candidates[best]["record"].get(f) == g[f] for f in given)
        else:
            best = next((i for i in near if quantity_match(candidates[i]["record"], g)), None)
        if best is None:
            missed.append({"index": g_index, "type": g["type"], "spans": g["spans"]})
            continue
        used.add(best)
        quantity += 1
    verbatim = sum(1 for c in candidates
                   if c["record"].get("quote") == text[c["span"][0]:c["span"][1]]
                   and c["record"]["quote"] in text)
    return {"gold": len(gold), "candidates": len(candidates), "quantity": quantity,
            "full": full, "matched": len(used), "verbatim": verbatim, "dated": dated,
            "dates": dates, "missed": missed}


def figures(counts: list[dict[str, Any]]) -> dict[str, Any]:
    """The four figures over several articles (each claim and candidate counts once)."""
    g = sum(c["gold"] for c in counts)
    n = sum(c["candidates"] for c in counts)
    dated = sum(c.get("dated", 0) for c in counts)
    return {"articles": len(counts), "gold": g, "candidates": n,
            "quantity_recall": round(sum(c["quantity"] for c in counts) / g, 3) if g else None,
            "full_recall": round(sum(c["full"] for c in counts) / g, 3) if g else None,
            "precision": round(sum(c["matched"] for c in counts) / n, 3) if n else None,
            "verbatim": round(sum(c["verbatim"] for c in counts) / n, 3) if n else None,
            "dates": round(sum(c.get("dates", 0) for c in counts) / dated, 3) if dated else None,
            "dated": dated}


def evaluate(gold_file: Path, texts: Path, catalogue: Any) -> dict[str, Any]:
    """Draft every article of ``gold_file`` (found in ``texts``) and score the drafts:
    ``{"figures": {...}, "articles": {FILE: counts}}``."""
    from .drafter import draft_text

    gold = json.loads(gold_file.read_text("utf-8"))
    counts = {}
    for name, article in sorted(gold["articles"].items()):
        text = article_text(texts / name)
        day = article.get("reported_on")
        candidates = draft_text(text, catalogue, document=name,
                                reported_on=dt.date.fromisoformat(day) if day else None,
                                via=article.get("via"))
        counts[name] = score_article(candidates, gold_claims(article, text), text)
    return {"figures": figures(list(counts.values())), "articles": counts}


def article_text(path: Path) -> str:
    """The text drafts index into: the file's text, or a web page's readable text."""
    raw = path.read_text("utf-8")
    if path.suffix.lower() in (".html", ".htm"):
        from .text import html_to_text

        return html_to_text(raw)
    return raw


def gold_claims(article: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """An article's gold claims with spans: given, or found from anchors (pieces of our
    own test articles' sentences)."""
    out = []
    for claim in article["claims"]:
        claim = dict(claim)
        anchors = claim.pop("anchors", None)
        if anchors is not None:
            claim["spans"] = []
            for anchor in anchors:
                at = text.find(anchor)
                if at < 0:
                    raise ValueError(f"gold anchor {anchor!r} is not in the article")
                claim["spans"].append([at, at + len(anchor)])
        out.append(claim)
    return out
