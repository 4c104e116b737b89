"""Measures of supplyline draft: the time per article, as a whole command and in process,
and the evaluation figures against gold (tests/data/drafting/).

``times``: ``supplyline draft ARTICLE --reported-on D --via OUTLET`` on one article, run
as a user runs it (a fresh process each time: Python, the drafter's import and its
catalogue matcher, registering the document in the log); the same command on every article
at once (the matcher is built once); and ``draft_text`` alone in a process whose pipeline is built,
with the import and build timed apart. ``figures``: quantity recall, full recall,
precision and verbatim quotes on the seed articles (when ../shared/seeds is there) and on
our own synthetic articles (every ``blind*`` set; ``blind``, ``blind15``, ``blind19``,
``blind21``, ``blind24``, ``blind37`` and ``blind38`` are the sets never read, and
docs/drafting.md says which sets were scored once on their first run).
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "drafting"
SEEDS = ROOT.parent / "shared" / "seeds"
_CHILD = """
import datetime as dt, json, sys, time
t0 = time.perf_counter()
from supplyline.events import Catalogue
from supplyline.ingest.draft import draft_text
from supplyline.ingest.draft.nlp import pipeline
cat = Catalogue.builtin()
pipeline(cat)
built = time.perf_counter() - t0
articles = json.loads(sys.argv[1])
runs = []
for _ in range(3):
    t = time.perf_counter()
    for path, day, via in articles:
        draft_text(open(path, encoding="utf-8").read(), cat, document=path,
                   reported_on=dt.date.fromisoformat(day) if day else None, via=via)
    runs.append((time.perf_counter() - t) / len(articles))
print(json.dumps({"build_s": built, "per_article_s": sorted(runs)[1]}))
"""


def articles() -> list[tuple[Path, str | None, str | None]]:
    """(file, reported_on, via) of the seed articles when they are there, else ours."""
    gold, folder = ((DATA / "seeds.json", SEEDS) if SEEDS.exists()
                    else (DATA / "synthetic.json", DATA / "synthetic"))
    found = json.loads(gold.read_text("utf-8"))["articles"]
    return [(folder / name, a.get("reported_on"), a.get("via")) for name, a in
            sorted(found.items()) if name.endswith(".txt")]


def times(repeat: int = 5) -> dict[str, Any]:
    chosen = articles()
    cli = [str(Path(sys.executable).parent / "supplyline")]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "draft.duckdb")
        path, day, via = chosen[len(chosen) // 2]
        one = [*cli, "--db", db, "draft", str(path), "--reported-on", day or "2024-06-19",
               "--via", via or "Outlet"]
        single, cpu = [], []
        for _ in range(repeat):
            used = _children_cpu()
            t = time.perf_counter()
            subprocess.run(one, check=True, capture_output=True)
            single.append(time.perf_counter() - t)
            cpu.append(_children_cpu() - used)
        every = [*cli, "--db", db, "draft", *(str(p) for p, _, _ in chosen),
                 "--reported-on", "2024-06-19"]
        together = []
        for _ in range(max(1, repeat // 2)):
            t = time.perf_counter()
            subprocess.run(every, check=True, capture_output=True)
            together.append((time.perf_counter() - t) / len(chosen))
    child = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(
        [(str(p), d, v) for p, d, v in chosen])], check=True, capture_output=True, text=True)
    inner = json.loads(child.stdout)
    return {"article": path.name, "articles": len(chosen),
            "one_article_command_s": statistics.median(single), "one_article_runs": single,
            # CPU seconds of the same runs: what the command costs when the host is busy
            # with other work (wall time then includes waiting for a core)
            "one_article_command_cpu_s": statistics.median(cpu),
            "per_article_in_one_command_s": statistics.median(together),
            "pipeline_build_s": inner["build_s"],
            "per_article_in_process_s": inner["per_article_s"]}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def figures() -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from supplyline.events import Catalogue
    from supplyline.ingest.draft.score import evaluate

    cat = Catalogue.builtin()
    out: dict[str, Any] = {}
    if SEEDS.exists():
        out["seeds"] = evaluate(DATA / "seeds.json", SEEDS, cat)["figures"]
    blind = sorted((p.stem for p in DATA.glob("blind*.json")),
                   key=lambda n: int(n[5:] or 1))  # every blind set, in the order written
    for name in ("synthetic", "heldout", "fresh", "tuning", *blind):
        out[name] = evaluate(DATA / f"{name}.json", DATA / name, cat)["figures"]
    return out


def run(repeat: int = 5) -> dict[str, Any]:
    started = dt.datetime.now(dt.UTC)
    result = {**times(repeat), "figures": figures()}
    result["measured_at"] = started.isoformat(timespec="seconds")
    return result


def rows(r: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    one, together = r["one_article_command_s"], r["per_article_in_one_command_s"]
    out = [
        ("draft: one article, whole command (cold process)",
         f"{one:.2f} s (runs {', '.join(f'{x:.2f}' for x in r['one_article_runs'])}; "
         f"CPU {r['one_article_command_cpu_s']:.2f} s)", "< 1 s", one < 1),
        (f"draft: {r['articles']} articles in one command, per article", f"{together:.2f} s",
         "< 1 s", together < 1),
        ("  in process: the drafter's import and matcher once / drafting per article",
         f"{r['pipeline_build_s']:.2f} s / {1000 * r['per_article_in_process_s']:.0f} ms",
         "(info)", True),
    ]
    for name, f in r["figures"].items():
        ok = (f["quantity_recall"] >= 0.9 and f["full_recall"] >= 0.7 and f["precision"] >= 0.6
              and f["verbatim"] == 1.0)
        out.append((f"draft figures, {name} ({f['articles']} articles, {f['gold']} claims)",
                    f"quantity {f['quantity_recall']:.2f}, full {f['full_recall']:.2f}, "
                    f"precision {f['precision']:.2f}, verbatim {f['verbatim']:.2f}",
                    ">= 0.9/0.7/0.6, 1.0", ok))
    return out
