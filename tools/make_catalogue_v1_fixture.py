"""Write tests/fixtures/log-catalogue-v1.duckdb: a log made by supplyline before the
catalogue knew every state (built-in catalogue version 1, 17 parties, commit 6adfff1), with
a user's own catalogue additions and events that use them.

The log is made by that commit's own code, taken from git (``git archive``) and run with
its own command line, so the file holds exactly what that version wrote:

    python tools/make_catalogue_v1_fixture.py

Run once; the file is committed. tests/reliability/test_catalogue_upgrade.py opens it with
the current code.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "log-catalogue-v1.duckdb"
COMMIT = "6adfff1"  # the last commit with the 17-party catalogue
STAMP = "2025-01-01T00:00:00Z"
# the user's own events: they name the user's additions (MM, its alias Burma, shell_125mm,
# the item alias "Grad"), so the upgraded log must keep those additions to read them
EVENTS = """\
type,event_id,reported_on,source,supplier,recipient,item,quantity,unit,measure,period_end
shipment,user-mm-1,2024-11-04,Analyst,Burma,RU,shell_125mm,20000,rounds,cumulative,2024-10
shipment,user-grad-1,2024-11-05,Analyst,KP,RU,Grad,3000,rounds,cumulative,2024-10
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        code = Path(tmp) / "code"
        archive = subprocess.run(["git", "archive", COMMIT, "events", "ingest", "projections",
                                  "reports", "supplyline"], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(code, filter="data")
        events = Path(tmp) / "user.csv"
        events.write_text(EVENTS, encoding="utf-8")
        OUT.unlink(missing_ok=True)

        # the library calls its commands make, without the materialised projections the
        # commands add (they would triple the file; tests/reliability covers old logs
        # without them being rebuilt)
        script = f"""
import sys, datetime as dt
sys.path.insert(0, {str(code)!r})
import events
assert events.__file__.startswith({str(code)!r}), events.__file__
from pathlib import Path
from events import EventLog
from events.dates import parse_utc_timestamp
from ingest import ingest
from ingest.seed import load_seed
stamp = parse_utc_timestamp({STAMP!r})
with EventLog({str(OUT)!r}) as log:
    load_seed(log, recorded_at=stamp)
    log.add_catalogue_entry("party", "MM", "Myanmar", None, ["Burma"])
    log.add_catalogue_entry("item", "shell_125mm", "125 mm tank round", "rounds")
    log.add_catalogue_entry("item_alias", "rocket_122mm", "Grad")
    print(ingest(log, [Path({str(events)!r})], recorded_at=stamp))
    print(log.verify())
"""
        subprocess.run([sys.executable, "-c", script], check=True, cwd=tmp)
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
