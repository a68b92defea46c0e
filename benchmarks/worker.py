"""One side of one job (the job or its baseline), timed in a process of its own.

    python -m benchmarks.worker JOB job|baseline --register SIDECAR.json --work DIR \
        --runs N --result FILE

The parent (benchmarks.run) reads the result file and this process's peak memory.
"""

from __future__ import annotations

import argparse
import json
import traceback
from datetime import date
from pathlib import Path

from benchmarks.jobs import JOBS, Context, NotAvailable
from benchmarks.measure import Timings, write_result
from benchmarks.registers import Register


def load_register(sidecar: Path) -> Register:
    data = json.loads(sidecar.read_text())
    path = data["path"] if "://" in data["path"] else Path(data["path"])  # a server's URL
    return Register(**{**data, "path": path,
                       "today": date.fromisoformat(data["today"])})


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("job", choices=sorted(JOBS))
    parser.add_argument("side", choices=("job", "baseline"))
    parser.add_argument("--register", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--result", type=Path, required=True)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    ctx = Context(load_register(args.register), args.work)
    make = JOBS[args.job][0 if args.side == "job" else 1]
    try:
        action = make(ctx)
    except NotAvailable as exc:
        write_result(args.result, {"available": False, "reason": str(exc)})
        return 0
    timings = Timings()
    try:
        if action.warmup:
            action.setup()
            action.run()
        for _ in range(args.runs):
            action.setup()
            timings.time(action.run)
    except Exception as exc:  # reported as a failed job, with its traceback
        write_result(args.result, {"available": True, "error": repr(exc),
                                   "traceback": traceback.format_exc()[-3000:]})
        return 1
    finally:
        action.close()
    write_result(args.result, {"available": True, "warmup": action.warmup,
                               "wall": timings.wall, "net": timings.net, "cpu": timings.cpu,
                               **timings.summary()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
