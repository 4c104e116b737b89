"""Synthetic logs for benchmarks: realistic mixes of claims, deterministic by seed.

    python bench/generate.py --events 1000000 --out /tmp/events.csv
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

SUPPLIERS = ["KP", "IR", "BY", "CN", "EU", "US", "KR", "GB", "DE", "PL"]
RECIPIENTS = ["RU", "UA"]
ITEMS = ["shell_152mm", "shell_155mm", "shell_122mm", "shell_artillery", "rocket_122mm",
         "missile_srbm", "drone_shahed"]
COLUMNS = ["event_id", "type", "reported_on", "source", "via", "reliability", "credibility",
           "supplier", "recipient", "item", "quantity", "quantity_low", "quantity_high", "unit",
           "measure", "period_start", "period_end", "due_by", "notes"]


def rows(n: int, seed: int = 7):
    rng = random.Random(seed)
    sources = [f"Source {i:02d}" for i in range(50)]
    for i in range(n):
        sup, rec = rng.choice(SUPPLIERS), rng.choice(RECIPIENTS)
        item = rng.choice(ITEMS)
        canonical = "units" if item in ("missile_srbm", "drone_shahed") else "rounds"
        unit = canonical if rng.random() < 0.7 else rng.choice(["containers", "metric_tons"])
        year, month = rng.randint(2022, 2025), rng.randint(1, 12)
        day = rng.randint(1, 28)
        end = (f"{year}-{month:02d}-{day:02d}" if rng.random() < 0.6 else f"{year}-{month:02d}")
        q = float(rng.randint(1, 5_000_000))
        kind = "pledge" if rng.random() < 0.03 else "shipment"
        row = {"event_id": f"e{i}", "type": kind, "reported_on": f"{year}-{month:02d}-{day:02d}",
               "source": rng.choice(sources), "via": rng.choice(["", "Reuters", "Bloomberg"]),
               "reliability": rng.choice("ABCDEF"), "credibility": str(rng.randint(1, 6)),
               "supplier": sup, "recipient": rec, "item": item, "unit": unit,
               "notes": "synthetic" if rng.random() < 0.2 else ""}
        shape = rng.random()
        if shape < 0.6:
            row["quantity"] = q
        elif shape < 0.8:
            row["quantity_low"], row["quantity_high"] = q * 0.8, q * 1.2
        else:
            row["quantity_low"] = q
        if kind == "pledge":
            row["period_start"] = f"{year}-{month:02d}"
            row["due_by"] = f"{year + 1}-{month:02d}"
        else:
            incr = rng.random() < 0.4
            row["measure"] = "increment" if incr else "cumulative"
            row["period_end"] = end
            if incr:
                row["period_start"] = f"{year}-{month:02d}"
        yield row


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
