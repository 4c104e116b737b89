"""Synthetic logs for benchmarks: realistic mixes of claims, deterministic by seed.

    python bench/generate.py --events 1000000 --out /tmp/events.csv
    python bench/generate.py --events 1000000 --profile v1 --out /tmp/events-v1.csv

Two profiles. ``v2`` (the default) looks like what users send now that the catalogue knows
every state: suppliers from 42 states and blocs, the busiest far more often than the rest
(Russia's from four, Ukraine's from 38, among them CZ, TR, NO, NL and SE), 16 items (about
500 flows), an outlet in 85% of rows, the URL of the article in 40% (five claims in a row
share one), a quote in some and notes in 30%, and partial dates (a month or a year) in
about 60% of the period fields. ``v1`` is the file of earlier runs (14 suppliers x 2
recipients x 7 items, about 200 flows, no URL or quote), kept so that ratios compare
across sessions.

In both, most events are shipment claims, cumulative and per-period, in every unit (a
third need a conversion); the rest are pledges, estimates, meetings, conversions
(item-specific and generic, some with ranges and valid-from dates), corrections
(``supersedes``) and 1% retractions. Cells hold codes, never quotes or commas (a plain CSV).
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


# -- profile v2: what users send ------------------------------------------------------
# the busiest suppliers first; each is drawn with weight 1 / rank
RU_SUPPLIERS = ["KP", "IR", "BY", "CN"]
UA_SUPPLIERS = ["US", "DE", "GB", "CZ", "PL", "FR", "NL", "NO", "SE", "TR", "KR", "DK", "FI",
                "CA", "EE", "LT", "LV", "IT", "ES", "BE", "RO", "BG", "SK", "PT", "AU", "JP",
                "GR", "HR", "SI", "LU", "IS", "IE", "NZ", "AT", "CH", "HU", "EU", "NATO"]
V2_ITEMS = {"RU": ["shell_152mm", "shell_122mm", "shell_artillery", "rocket_122mm",
                   "missile_srbm", "drone_shahed", "ammo_small_arms", "mortar_round"],
            "UA": ["shell_155mm", "shell_105mm", "shell_152mm", "shell_artillery",
                   "rocket_227mm", "missile_cruise", "missile_air_defence", "drone_fpv",
                   "shell_tank", "mortar_round", "ammo_small_arms", "glide_bomb"]}
V2_UNITS = {"missile_srbm": "units", "missile_cruise": "units", "missile_air_defence": "units",
            "drone_shahed": "units", "drone_fpv": "units", "glide_bomb": "units"}
OUTLETS = {"Reuters": "reuters.example", "Bloomberg": "bloomberg.example",
           "The Washington Post": "wapo.example", "Financial Times": "ft.example",
           "Yonhap": "yonhap.example", "Kyiv Independent": "kyivindependent.example",
           "Le Monde": "lemonde.example", "Der Spiegel": "spiegel.example",
           "Ceske noviny": "ceskenoviny.example", "NRK": "nrk.example"}
V2_COLUMNS = [*COLUMNS, "url", "quote", "location"]
NOTES = ["figure rounded by the source", "estimate from satellite imagery",
         "includes deliveries via third countries", "official statement",
         "leaked document", "cumulative since the start of the war",
         "part of a larger package", "disputed by the recipient"]


def _weights(names: list[str]) -> list[float]:
    return [1 / (rank + 1) for rank in range(len(names))]


def _v2_date(rng: random.Random, year: int, month: int, day: int, day_share: float,
             month_share: float) -> str:
    """A full date, else a month, else a year (the rest of the share)."""
    x = rng.random()
    return (f"{year}-{month:02d}-{day:02d}" if x < day_share
            else f"{year}-{month:02d}" if x < day_share + month_share else f"{year}")


def rows_v2(n: int, seed: int = 7, kinds: str = "all") -> Iterator[dict[str, str]]:
    """``rows`` of profile v2 (see the module's docstring)."""
    rng = random.Random(seed)
    sources = [f"Source {i:02d}" for i in range(120)]
    outlets = list(OUTLETS)
    ru_w, ua_w = _weights(RU_SUPPLIERS), _weights(UA_SUPPLIERS)
    shipments: list[str] = []
    for i in range(n):
        year, month, day = rng.randint(2022, 2025), rng.randint(1, 12), rng.randint(1, 28)
        outlet = rng.choice(outlets) if rng.random() < 0.75 else ""
        row = {"event_id": f"e{i}", "reported_on": f"{year}-{month:02d}-{day:02d}",
               "source": rng.choice(sources), "via": outlet,
               "reliability": rng.choice("ABCDEF"), "credibility": str(rng.randint(1, 6))}
        if rng.random() < 0.4:  # the article's URL: five claims in a row share one
            article = i // 5
            row["via"] = outlets[article % len(outlets)]
            row["url"] = f"https://{OUTLETS[row['via']]}/articles/{article}"
        if rng.random() < 0.3:
            row["notes"] = rng.choice(NOTES)
        kind, x = "shipment", rng.random()
        if kinds == "all":
            if i < 20:
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
            _conversion_v2(rng, row, year, month)
        elif kind == "estimate":
            side = rng.choice(["RU", "UA"])
            row.update(type="estimate", metric=rng.choice(["stock", "production_rate",
                                                           "consumption_rate"]),
                       subject=rng.choice(["RU", "UA", "KP", "US", "DE"]),
                       item=rng.choice(V2_ITEMS[side][:4]), unit="rounds",
                       quantity=str(float(rng.randint(1_000, 5_000_000))),
                       period_end=_v2_date(rng, year, month, day, 0.2, 0.6))
            if row["metric"] != "stock":
                row["per"] = rng.choice(["day", "month", "year"])
        elif kind == "meeting":
            parties = rng.sample(UA_SUPPLIERS[:20], 2) + ["UA"]
            row.update(type="meeting", title=f"Ramstein-format talks {i}",
                       period_start=_v2_date(rng, year, month, day, 0.7, 0.3),
                       participants=";".join(parties),
                       location=rng.choice(["Ramstein", "Brussels", "Kyiv", "Prague", ""]))
            if row["period_start"] > row["reported_on"]:  # a year or month: not after
                row["period_start"] = row["reported_on"]
        elif kind == "retraction":
            target = shipments.pop(rng.randrange(len(shipments)))
            row.update(type="retraction", target=target, reason="source withdrew the figure")
        else:
            row["type"] = "pledge" if kind == "pledge" else "shipment"
            if kind == "correction":
                row["supersedes"] = shipments.pop(rng.randrange(len(shipments)))
            recipient = "RU" if rng.random() < 0.35 else "UA"
            supplier = (rng.choices(RU_SUPPLIERS, ru_w)[0] if recipient == "RU"
                        else rng.choices(UA_SUPPLIERS, ua_w)[0])
            _claim_v2(rng, row, supplier, recipient, year, month, day)
            if row["type"] == "shipment":
                shipments.append(row["event_id"])
        yield {c: row.get(c, "") for c in V2_COLUMNS}


def _conversion_v2(rng: random.Random, row: dict[str, str], year: int, month: int) -> None:
    item = rng.choice(sorted({*V2_ITEMS["RU"], *V2_ITEMS["UA"]}))
    row["from_unit"] = rng.choice(["containers", "metric_tons"])
    row["to_unit"] = V2_UNITS.get(item, "rounds")
    if rng.random() < 0.6:
        row["item"] = item
    factor = rng.uniform(20, 600) if row["to_unit"] == "rounds" else rng.uniform(0.5, 40)
    if rng.random() < 0.5:
        row["factor"] = f"{factor:.1f}"
    else:
        row["factor_low"], row["factor_high"] = f"{factor * 0.7:.1f}", f"{factor * 1.3:.1f}"
    if rng.random() < 0.7:
        row["period_start"] = f"{year}-{month:02d}"


def _claim_v2(rng: random.Random, row: dict[str, str], supplier: str, recipient: str,
              year: int, month: int, day: int) -> None:
    item = rng.choice(V2_ITEMS[recipient])
    row.update(supplier=supplier, recipient=recipient, item=item)
    canonical = V2_UNITS.get(item, "rounds")
    row["unit"] = (canonical if rng.random() < 0.75
                   else rng.choice(["containers", "metric_tons"]))
    q = float(rng.randint(1, 2_000_000))
    shape = rng.random()
    if shape < 0.55:
        row["quantity"] = str(q)
    elif shape < 0.8:
        row["quantity_low"], row["quantity_high"] = str(q * 0.8), str(q * 1.2)
    elif shape < 0.9:
        row["quantity_low"] = str(q)
    else:
        row["quantity_high"] = str(q)
    if rng.random() < 0.1:
        row["quote"] = f"about {int(q):d} {item.split('_')[0]}s were delivered"
    if row["type"] == "pledge":
        row["period_start"] = _v2_date(rng, year, month, day, 0.3, 0.7)
        row["due_by"] = _v2_date(rng, year + 1, month, day, 0.1, 0.5)
        return
    row["period_end"] = _v2_date(rng, year, month, day, 0.55, 0.3)
    if rng.random() < 0.4:
        row["measure"] = "increment"
        row["period_start"] = (f"{year}-{month:02d}" if len(row["period_end"]) > 4
                               else f"{year}")
    else:
        row["measure"] = "cumulative"


PROFILES = {"v1": (rows, COLUMNS), "v2": (rows_v2, V2_COLUMNS)}


def write_csv(path: Path, n: int, seed: int = 7, profile: str = "v2") -> Path:
    make, columns = PROFILES[profile]
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns)
        w.writeheader()
        for row in make(n, seed):
            w.writerow(row)
    return path


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--events", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--profile", choices=sorted(PROFILES), default="v2",
                   help="v2: what users send (default); v1: the bench's earlier file")
    p.add_argument("--out", type=Path, required=True)
    a = p.parse_args()
    write_csv(a.out, a.events, a.seed, a.profile)
