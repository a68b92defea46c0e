"""Benchmark the main jobs on seeded registers, each against a baseline measured in the same
run, and judge them against issue 6's targets.

    .venv/bin/python -m benchmarks.run [--size small|reference|all] [--runs 5]
                                       [--out benchmarks/out] [--only JOB ...]
                                       [--engine sqlite|postgresql]

`--engine postgresql` also times the window, the lists and the due list on a PostgreSQL copy
of each register (a server of the run's own: benchmarks.server_copy) and gives each its ratio
to SQLite's in the same run (target: within 2x).

Exit status: 0 every measured target met; 1 a measured target missed; 2 a job that exists
failed with an error. A job whose code is not in the program yet is reported "not available
yet" and judged on nothing. Results: OUT/latest.json and OUT/latest.md (also kept with a
time stamp). See docs/performance.md.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.cli_jobs import due_command
from benchmarks.measure import ChildResult, load_average, machine, median, run_child
from benchmarks.registers import SIZES, Register, register
from benchmarks.report import render
from benchmarks.server_copy import (
    SERVER_GROUPS,
    copy_up,
    ratios_to_sqlite,
    sidecar_of,
    under_server,
)
from benchmarks.targets import judge, judge_server

IN_PROCESS = {  # job name in the results -> worker job
    "due list": "due",
    "due list, nothing stored": "due-computed",
    "excel export": "export",
    "excel import": "import",
    "pdf report (300 findings)": "report",
    "ics calendar (12 months)": "calendar",
    "yearly figures": "yearly",
    "writer's full check": "check",
}
# `--only due` runs both due lists: a group is a job's name up to its first '-'.
GROUPS = ("window", "lists", "cli",
          *dict.fromkeys(job.split("-")[0] for job in IN_PROCESS.values()))
MIN_RUNS = 5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=(*SIZES, "all"), default="all")
    parser.add_argument("--runs", type=int, default=MIN_RUNS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out"))
    parser.add_argument("--only", nargs="+", choices=GROUPS, help="measure only these")
    parser.add_argument("--judge", choices=("net", "cpu", "wall"), default="net",
                        help="the time the targets are judged on (default: net wall time, "
                             "wall time less the time spent waiting for a CPU that other "
                             "processes held; see docs/performance.md)")
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite",
                        help="postgresql: also on a PostgreSQL copy of each register, with "
                             "the ratios to SQLite's")
    args = parser.parse_args(argv)
    if args.engine == "postgresql":
        under_server(list(sys.argv[1:] if argv is None else argv))
    if args.runs < MIN_RUNS:
        print(f"note: {args.runs} runs, fewer than the {MIN_RUNS} a record needs")
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    compile_program()
    sizes = list(SIZES) if args.size == "all" else [args.size]
    groups = args.only or list(GROUPS)
    results: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python -m benchmarks.run", *(argv or sys.argv[1:])]),
        "machine": machine(), "load_average_start": load_average(), "runs": args.runs,
        "judged_on": args.judge, "registers": {}, "jobs": [],
    }
    started = time.perf_counter()
    for size in sizes:
        reg = register(out, size, args.seed)
        results["registers"][size] = reg.as_json()
        work = out / "work" / size
        work.mkdir(parents=True, exist_ok=True)
        results["jobs"] += measure(reg, groups, work, args, "sqlite", out)
        server_groups = [g for g in groups if g in SERVER_GROUPS]
        if args.engine == "postgresql" and server_groups:
            print(f"[{size}] copying the register to the server…", flush=True)
            copy, seconds = copy_up(reg, out)
            results["registers"][size]["server_copy_s"] = round(seconds, 1)
            print(f"    copied and verified in {seconds:.1f} s", flush=True)
            results["jobs"] += measure(copy, server_groups, work, args, "postgresql", out)
    ratios_to_sqlite(results["jobs"])
    for record in results["jobs"]:
        if record.get("engine") == "postgresql":
            record["verdicts"] += judge_server(record)
    results["load_average_end"] = load_average()
    results["seconds"] = round(time.perf_counter() - started)
    verdicts = [v for job in results["jobs"] for v in job["verdicts"]]
    missed = [v["target"] for v in verdicts if v["met"] is False]
    errors = [job["job"] for job in results["jobs"]
              if job.get("error") or job.get("baseline_error")]
    results["missed"], results["errors"] = missed, errors
    _save(out, results)
    print(render(results))
    if errors:
        print(f"failed with an error: {', '.join(errors)}")
        return 2
    if missed:
        print(f"targets missed: {', '.join(missed)}")
        return 1
    return 0


def measure(reg: Register, groups: list[str], work: Path, args: argparse.Namespace,
            engine: str, out: Path) -> list[dict[str, Any]]:
    """Every job of `groups` on `reg` (a file, or a server copy when `engine` is postgresql)."""
    measured = []
    sidecar = sidecar_of(reg, out)
    for group in groups:
        print(f"[{reg.size}, {engine}] {group}…", flush=True)
        if group == "window":
            records = [window_start(reg, args.runs, args.judge)]
        elif group == "lists":
            records = lists(reg, args.runs, args.judge)
        elif group == "cli":
            records = [due_command(reg, args.runs, args.judge),
                       due_command(reg, args.runs, args.judge, stored=False)]
        else:  # on a server, SQLite's own run is the baseline: no raw sqlite3 read
            records = [in_process(name, job, sidecar, work, args.runs, args.judge,
                                  baseline=engine == "sqlite")
                       for name, job in IN_PROCESS.items() if job.split("-")[0] == group]
        for record in records:
            record["size"], record["engine"] = reg.size, engine
            record["verdicts"] = judge(record["job"], record, reg.size) \
                if record["available"] and not record.get("error") else []
            measured.append(record)
            print(f"    {record['job']}: {_short(record)}", flush=True)
    return measured


def compile_program() -> None:
    """The program's bytecode, written before any job runs, as an installed cedre-desk has it
    (pip compiles what it installs; the .deb and the Windows bundle ship it) and as the
    libraries it is compared with have theirs. Where PYTHONDONTWRITEBYTECODE is set (this
    shared machine sets it), every child compiled the program's modules again from source:
    0.2-0.4 s of CPU at each window start, which no user pays after the first."""
    import cedre_desk

    compileall.compile_dir(Path(cedre_desk.__file__).parent, quiet=1)


def _save(out: Path, results: dict[str, Any]) -> None:
    stamp = results["started"].replace(":", "").replace("-", "")[:15]
    text = json.dumps(results, indent=2, default=str)
    (out / "latest.json").write_text(text)
    (out / f"results-{stamp}.json").write_text(text)
    (out / "latest.md").write_text(render(results))


def _short(record: dict[str, Any]) -> str:
    if not record["available"]:
        return f"not available yet ({record['reason']})"
    if record.get("error"):
        return f"ERROR {record['error']}"
    parts = [f"{record['seconds']:.3f} s" if record.get("seconds") is not None else "",
             f"ratio {record['ratio']:.2f}" if record.get("ratio") is not None else "",
             f"{record['peak_mb']:.0f} MB" if record.get("peak_mb") is not None else ""]
    return ", ".join(p for p in parts if p)


def _ratio(job: float | None, baseline: float | None) -> float | None:
    if job is None or not baseline:
        return None
    return round(job / baseline, 2)


# --- in-process jobs --------------------------------------------------------------------------


def in_process(name: str, job: str, sidecar: Path, work: Path, runs: int,
               judged_on: str, *, baseline: bool = True) -> dict[str, Any]:
    record: dict[str, Any] = {"job": name, "available": True}
    sides = (("job", "measured"), ("baseline", "baseline"))
    for side, key in sides if baseline else sides[:1]:
        child = run_child("benchmarks.worker", [job, side, "--register", str(sidecar),
                                                "--work", str(work), "--runs", str(runs)])
        data = child.data
        if data.get("available") is False:
            if side == "job":
                return {**record, "available": False, "reason": data["reason"]}
            record["baseline_reason"] = data["reason"]
            continue
        if child.returncode != 0 or "error" in data or "wall_s" not in data:
            error = data.get("error") or f"exit {child.returncode}: {child.stderr}"
            if side == "job":
                record["error"] = error
                record["traceback"] = data.get("traceback", child.stderr)
                return record
            record["baseline_error"] = error  # the job's own figures still stand
            continue
        record[key] = {"wall_s": data["wall_s"], "net_s": data["net_s"],
                       "cpu_s": data["cpu_s"],
                       "wall_max_s": data["wall_max_s"], "samples": data["samples"],
                       "warmup": data["warmup"], "peak_mb": child.peak_mb}
    _derive(record, judged_on)
    return record


# --- the window start -------------------------------------------------------------------------


def _probe(args: list[str]) -> ChildResult:
    """A window probe under offscreen Qt (BENCH_QPA=xcb for a real display, with Xvfb), with
    a data folder of its own, removed afterwards: no remembered register or layout."""
    with tempfile.TemporaryDirectory(prefix="cedre-bench-home-") as home:
        env = {"QT_QPA_PLATFORM": os.environ.get("BENCH_QPA", "offscreen"),
               "CEDRE_DESK_HOME": home}
        return run_child("benchmarks.window_probe", args, env=env)


def window_start(reg: Register, runs: int, judged_on: str) -> dict[str, Any]:
    empty: list[tuple[float, float, float, float]] = []  # wall, CPU, peak MB, net wall
    app: list[tuple[float, float, float, float, float]] = []  # ..., every list loaded
    record: dict[str, Any] = {"job": "window", "available": True}
    stack: list[tuple[float, float, float, float]] = []  # the same with SQLModel imported
    for _ in range(runs):  # alternated, so a change of load touches both alike
        for mode, samples in (("empty", empty), ("stack", stack)):
            child = _probe([mode])
            data = child.data
            if "ready_monotonic" not in data:
                record["error"] = f"the {mode} window never got ready: {child.stderr}"
                return record
            wall = data["ready_monotonic"] - data["started_monotonic"]
            samples.append((wall, data["ready_cpu_s"], child.peak_mb,
                            wall - data.get("ready_waited_s", 0.0)))
        child = _probe(["app", "--db", str(reg.path)])
        data = child.data
        if "ready_monotonic" not in data or data.get("error"):
            record["error"] = data.get("error") or f"exit {child.returncode}: {child.stderr}"
            record["traceback"] = data.get("traceback", child.stderr)
            return record
        loaded = data.get("all_loaded_monotonic", data["ready_monotonic"])
        wall = data["ready_monotonic"] - data["started_monotonic"]
        app.append((wall, data["ready_cpu_s"], child.peak_mb,
                    wall - data.get("ready_waited_s", 0.0), loaded - data["started_monotonic"]))
        record["lists_loaded"] = {k: data[k] for k in ("companies_loaded", "audits_loaded")
                                  if k in data}
        record["readiness"] = data.get("readiness")
    record["measured"] = {"wall_s": median([a[0] for a in app]),
                          "net_s": median([a[3] for a in app]),
                          "cpu_s": median([a[1] for a in app]),
                          "wall_max_s": max(a[0] for a in app), "samples": len(app),
                          "peak_mb": max(a[2] for a in app),
                          "all_lists_loaded_s": median([a[4] for a in app])}
    record["baseline"] = {"wall_s": median([e[0] for e in empty]),
                          "net_s": median([e[3] for e in empty]),
                          "cpu_s": median([e[1] for e in empty]),
                          "wall_max_s": max(e[0] for e in empty), "samples": len(empty),
                          "peak_mb": max(e[2] for e in empty)}
    # Not a target: the floor the fixed stack sets (an empty window that imported SQLModel),
    # and the window's ratio to it, i.e. what the program adds on top of its stack.
    record["stack_floor"] = {"wall_s": median([e[0] for e in stack]),
                             "net_s": median([e[3] for e in stack]),
                             "cpu_s": median([e[1] for e in stack]),
                             "peak_mb": max(e[2] for e in stack)}
    _derive(record, judged_on)
    key = f"{judged_on}_s"
    record["stack_floor"]["ratio_to_empty"] = _ratio(record["stack_floor"][key],
                                                     record["baseline"][key])
    record["ratio_to_stack_floor"] = _ratio(record["measured"][key], record["stack_floor"][key])
    record["stack_floor"]["ratios"] = {  # the window ready over the floor, each time
        name: _ratio(record["measured"][f"{name}_s"], record["stack_floor"][f"{name}_s"])
        for name in ("wall", "net", "cpu")}
    return record


def _derive(record: dict[str, Any], judged_on: str) -> None:
    """seconds, ratio and peak_mb: the figures the targets look at."""
    measured, baseline = record["measured"], record.get("baseline") or {}
    key = f"{judged_on}_s"
    record["judged_on"] = judged_on
    record["seconds"] = measured[key]
    record["ratio"] = _ratio(measured[key], baseline.get(key))
    record["ratio_wall"] = _ratio(measured["wall_s"], baseline.get("wall_s"))
    record["ratio_net"] = _ratio(measured["net_s"], baseline.get("net_s"))
    record["ratio_cpu"] = _ratio(measured["cpu_s"], baseline.get("cpu_s"))
    record["peak_mb"] = measured.get("peak_mb")


# --- keystrokes and sorts in the lists --------------------------------------------------------


def lists(reg: Register, runs: int, judged_on: str) -> list[dict[str, Any]]:
    child = _probe(["lists", "--db", str(reg.path), "--runs", str(runs)])
    data = child.data
    records = []
    for name in ("companies", "audits"):
        for action, plain in (("keystroke", "plain_filter"), ("sort", "plain_sort")):
            record: dict[str, Any] = {"job": f"{name} {action}", "available": True}
            found = data.get(name)
            if found is None:
                record["error"] = data.get("error") or f"exit {child.returncode}: " \
                    f"{child.stderr}"
                record["traceback"] = data.get("traceback", child.stderr)
            elif not found.get("available"):
                record.update(available=False, reason=found.get("reason"))
            else:
                samples = found["samples"]
                if not samples[f"{action}_wall"]:
                    record.update(available=False, reason="no search field in the view")
                    records.append(record)
                    continue
                record["rows"] = found["rows"]
                record["typed"] = found.get("word")
                record["measured"] = _side(samples, action, child.peak_mb)
                record["baseline"] = _side(samples, plain, None)
                _derive(record, judged_on)
            records.append(record)
    return records


def _side(samples: dict[str, list[float]], name: str, peak_mb: float | None) -> dict[str, Any]:
    wall, cpu = samples[f"{name}_wall"], samples[f"{name}_cpu"]
    return {"wall_s": median(wall), "net_s": median(samples[f"{name}_net"]),
            "cpu_s": median(cpu), "wall_max_s": max(wall, default=None),
            "samples": len(wall), "peak_mb": peak_mb}


if __name__ == "__main__":
    sys.exit(main())
