"""The command line measured as a user runs it: a whole process, from its start to its exit.

`cedre-desk-cli due` on the register, its output to /dev/null, against a process that only
imports sqlite3 and reads the rows the cycle rules are given (`CYCLE_ROW_QUERIES`): what any
program listing the due dates pays at least. Both alternated, one untimed run of each first
(the file in the page cache).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.jobs import CYCLE_ROW_QUERIES
from benchmarks.measure import ProcessRun, median, run_process
from benchmarks.registers import Register
from cedre_desk.storage.check_record import SETTLED_SECONDS

_SCAN = """
import json, sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print(sum(len(conn.execute(query).fetchall()) for query in json.loads(sys.argv[2])))
"""


def _cli() -> str:
    found = Path(sys.executable).with_name("cedre-desk-cli")
    return str(found) if found.exists() else "cedre-desk-cli"


def due_command(reg: Register, runs: int, judged_on: str, *,
                stored: bool = True) -> dict[str, Any]:
    """The command on the register as its day's users find it: the statuses stored for that
    day (by a window or a due list opened for writing; a reader cannot store them), stored
    here first, since the rules' revision or an earlier run's day may have left none that
    hold. With `stored` False, none is stored (a new release, a new committee session), the
    figure given without a target; they are stored again after."""
    record: dict[str, Any] = {"job": "due command" if stored else "due command, nothing stored",
                              "available": True}
    if "://" not in str(reg.path):
        _store_statuses(reg, forget=not stored)
    try:
        return _timed(record, reg, runs, judged_on)
    finally:
        if not stored and "://" not in str(reg.path):
            _store_statuses(reg, forget=False)


_STORE = """
import sys
from datetime import date
from pathlib import Path
from cedre_desk.services.due import CycleService
from cedre_desk.services.status_store import StatusStore
from cedre_desk.storage.opening import open_register
db = open_register(Path(sys.argv[1]))
try:
    # Forgotten first in both cases: the window job runs on the machine's real day and
    # stores statuses from that day on, which a store for the register's earlier day never
    # replaces (StatusStore.keep), so the command would compute them all at every run.
    StatusStore(db).forget()
    if sys.argv[3] == "store":
        CycleService(db).due(date.fromisoformat(sys.argv[2]))
finally:
    db.close()
"""


def _store_statuses(reg: Register, *, forget: bool) -> None:
    """In a process of its own: a child forked from a parent that had read the register would
    start with the parent's memory, and its peak would be the parent's."""
    subprocess.run([sys.executable, "-c", _STORE, str(reg.path), reg.today.isoformat(),
                    "forget" if forget else "store"], check=True)
    # A reader takes the verdict of the last check only of a file left still for a while
    # before it was checked (storage/check_record.py): otherwise the untimed first run could
    # not record its check, and every timed run would read the whole file again.
    time.sleep(SETTLED_SECONDS + 0.5)


def _timed(record: dict[str, Any], reg: Register, runs: int, judged_on: str) -> dict[str, Any]:
    command = [_cli(), "due", "--db", str(reg.path), "--today", reg.today.isoformat(),
               "--format", "csv"]
    scan = [sys.executable, "-c", _SCAN, str(reg.path), json.dumps(CYCLE_ROW_QUERIES)]
    job: list[ProcessRun] = []
    base: list[ProcessRun] = []
    for number in range(runs + 1):
        for argv, samples in ((command, job), (scan, base)):
            run = run_process(argv)
            if run.returncode != 0:
                record["error"] = f"{argv[0]} exit {run.returncode}: {run.stderr}"
                return record
            if number:  # the first of each is the untimed warm-up
                samples.append(run)
    record["measured"], record["baseline"] = _side(job), _side(base)
    record["command"] = " ".join(command)
    key = f"{judged_on}_s"
    record["judged_on"] = judged_on
    record["seconds"] = record["measured"][key]
    for name in ("wall", "net", "cpu"):
        baseline = record["baseline"][f"{name}_s"]
        record[f"ratio_{name}"] = round(record["measured"][f"{name}_s"] / baseline, 2) \
            if baseline else None
    record["ratio"] = record[f"ratio_{judged_on}"]
    record["peak_mb"] = record["measured"]["peak_mb"]
    return record


def _side(samples: list[ProcessRun]) -> dict[str, Any]:
    return {"wall_s": median([s.wall_s for s in samples]),
            "net_s": median([s.net_s for s in samples]),
            "cpu_s": median([s.cpu_s for s in samples]),
            "wall_max_s": max(s.wall_s for s in samples), "samples": len(samples),
            "peak_mb": max(s.peak_mb for s in samples)}
