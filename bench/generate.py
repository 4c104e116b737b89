"""Synthetic logs for benchmarks: realistic mixes of claims, deterministic by seed.

    python bench/generate.py --events 1000000 --out /tmp/events.csv

About 200 flows (14 suppliers x 2 recipients x 7 items) and 50 sources. Most events are
shipment claims, cumulative and per-period, in every unit (a third need a conversion);
the rest are pledges, estimates, meetings, conversions (item-specific and generic, some
with ranges and valid-from dates), corrections (``supersedes``) and 1% retractions.
Dates are partial as in real reporting: a day, a month or only a year.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Iterator
from pathlib import Path

SUPPLIERS = ["KP", "IR", "BY", "CN", "EU", "US", "KR", "GB", "DE", "PL", "FR", "EE", "LT",
             "RS"]
RECIPIENTS = ["RU", "UA"]
ITEMS = ["shell_152mm", "shell_155mm", "shell_122mm", "shell_artillery", "rocket_122mm",
         "missile_srbm", "drone_shahed"]
COLUMNS = ["event_id", "type", "reported_on", "source", "via", "reliability", "credibility",
           "supersedes", "supplier", "recipient", "item", "quantity", "quantity_low",
           "quantity_high", "unit", "measure", "period_start", "period_end", "due_by",
           "metric", "subject", "per", "title", "participants", "from_unit", "to_unit",
           "factor", "factor_low", "factor_high", "target", "reason", "notes"]
# Each claim's share of a stream; shipments take the rest.
MIX = (("conversion", 0.001), ("estimate", 0.02), ("meeting", 0.01), ("retraction", 0.01),
       ("correction", 0.005), ("pledge", 0.03))


def _canonical(item: str) -> str:
    return "units" if item in ("missile_srbm", "drone_shahed") else "rounds"


def _conversion(rng: random.Random, row: dict[str, str], year: int, month: int) -> None:
    item = rng.choice(ITEMS)
    row["from_unit"] = rng.choice(["containers", "metric_tons"])
    row["to_unit"] = _canonical(item)
    if rng.random() < 0.6:
        row["item"] = item
    factor = rng.uniform(20, 600)
    if rng.random() < 0.5:
        row["factor"] = f"{factor:.1f}"
    else:
        row["factor_low"], row["factor_high"] = f"{factor * 0.7:.1f}", f"{factor * 1.3:.1f}"
    if rng.random() < 0.7:
        row["period_start"] = f"{year}-{month:02d}"


def rows(n: int, seed: int = 7, kinds: str = "all") -> Iterator[dict[str, str]]:
    """``n`` event records as CSV cells (strings; empty = absent). ``kinds="claims"`` gives
    only shipments and pledges, which need no earlier events of the same stream."""
    rng = random.Random(seed)
    sources = [f"Source {i:02d}" for i in range(50)]
    shipments: list[str] = []  # ids a retraction or correction may target
    for i in range(n):
        year, month, day = rng.randint(2022, 2025), rng.randint(1, 12), rng.randint(1, 28)
        row = {"event_id": f"e{i}", "reported_on": f"{year}-{month:02d}-{day:02d}",
               "source": rng.choice(sources), "via": rng.choice(["", "Reuters", "Bloomberg"]),
               "reliability": rng.choice("ABCDEF"), "credibility": str(rng.randint(1, 6)),
               "notes": "synthetic" if rng.random() < 0.2 else ""}
        kind, x = "shipment", rng.random()
        if kinds == "all":
            if i < 20:  # conversions first, so most claims in other units can be converted
                x = 0.0
            for name, share in MIX:
                if x < share:
                    kind = name
                    break
                x -= share
        elif x < 0.03:
            kind = "pledge"
        if kind in ("retraction", "correction") and not shipments:
            kind = "shipment"
        if kind == "conversion":
            row["type"] = "conversion"
            _conversion(rng, row, year, month)
        elif kind == "estimate":
            row.update(type="estimate", metric=rng.choice(["stock", "production_rate"]),
                       subject=rng.choice(["RU", "KP", "UA"]), item=rng.choice(ITEMS[:4]),
                       unit="rounds", quantity=str(float(rng.randint(1_000, 5_000_000))),
                       period_end=f"{year}-{month:02d}")
            if row["metric"] == "production_rate":
                row["per"] = rng.choice(["month", "year"])
        elif kind == "meeting":
            row.update(type="meeting", title=f"Talks {i}", period_start=row["reported_on"],
                       participants=";".join(rng.sample(SUPPLIERS + RECIPIENTS, 2)))
        elif kind == "retraction":
            target = shipments.pop(rng.randrange(len(shipments)))
            row.update(type="retraction", target=target, reason="source withdrew the figure")
        else:
            row["type"] = "pledge" if kind == "pledge" else "shipment"
            if kind == "correction":
                row["supersedes"] = shipments.pop(rng.randrange(len(shipments)))
            _claim(rng, row, year, month, day)
            if row["type"] == "shipment":
                shipments.append(row["event_id"])
        yield {c: row.get(c, "") for c in COLUMNS}


def _claim(rng: random.Random, row: dict[str, str], year: int, month: int, day: int) -> None:
    item = rng.choice(ITEMS)
    row.update(supplier=rng.choice(SUPPLIERS), recipient=rng.choice(RECIPIENTS), item=item)
    row["unit"] = (_canonical(item) if rng.random() < 0.7
                   else rng.choice(["containers", "metric_tons"]))
    q = float(rng.randint(1, 5_000_000))
    shape = rng.random()
    if shape < 0.6:
        row["quantity"] = str(q)
    elif shape < 0.8:
        row["quantity_low"], row["quantity_high"] = str(q * 0.8), str(q * 1.2)
    else:
        row["quantity_low"] = str(q)
    if row["type"] == "pledge":
        row["period_start"] = f"{year}-{month:02d}"
        row["due_by"] = f"{year + 1}-{month:02d}"
        return
    precision = rng.random()
    # never a period that begins after the claim was reported (SPEC §2 plausibility)
    row["period_end"] = (f"{year}-{month:02d}-{rng.randint(1, day):02d}" if precision < 0.6
                         else f"{year}-{month:02d}" if precision < 0.9 else f"{year}")
    if rng.random() < 0.4:
        row["measure"] = "increment"
        row["period_start"] = f"{year}-{month:02d}" if precision < 0.9 else f"{year}"
    else:
        row["measure"] = "cumulative"


def write_csv(path: Path, n: int, seed: int = 7) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        for row in rows(n, seed):
            w.writerow(row)
    return path


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--events", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--out", type=Path, required=True)
    a = p.parse_args()
    write_csv(a.out, a.events, a.seed)
