"""The results as a Markdown table (printed, and written to OUT/latest.md)."""

from __future__ import annotations

from typing import Any


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _number(value: float | None, suffix: str = "") -> str:
    return "—" if value is None else f"{value:g}{suffix}"


def _verdict(record: dict[str, Any]) -> str:
    if not record["available"]:
        return f"not available yet: {record.get('reason')}"
    if record.get("error"):
        return f"ERROR: {record['error'][:120]}"
    texts = []
    for verdict in record.get("verdicts", []):
        mark = "met" if verdict["met"] else "MISSED" if verdict["met"] is False else "?"
        texts.append(f"{verdict['text']}: {mark}")
    if record.get("baseline_error"):
        texts.append(f"baseline ERROR: {record['baseline_error'][:80]}")
    if record.get("baseline_reason"):
        texts.append(f"no baseline: {record['baseline_reason']}")
    return "; ".join(texts) or "no target"


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        f"# Benchmark {results['started']}",
        "",
        f"Machine: {m['cpus']} cores ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}, "
        f"{m['system']}.",
        f"Load average (1, 5, 15 min) at start {results['load_average_start']}, at end "
        f"{results.get('load_average_end')}. Runs per figure: {results['runs']} (medians). "
        f"Targets judged on {results['judged_on']} time (net: wall time less the time the "
        "measuring thread waited for a CPU held by other processes).",
        "",
    ]
    for size, reg in results["registers"].items():
        lines.append(f"Register `{size}`: {reg['companies']:,} companies, {reg['audits']:,} "
                     f"audits, {reg['findings']:,} findings, {reg['sessions']} committee "
                     f"sessions since {reg['first_session']} (seed {reg['seed']}).")
    lines += ["", "| size | engine | job | wall | net | CPU | baseline wall | baseline net "
              "| baseline CPU | ratio net | ratio CPU | peak MB | targets |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for record in results["jobs"]:
        measured = record.get("measured") or {}
        baseline = record.get("baseline") or {}
        lines.append(
            f"| {record['size']} | {record.get('engine', 'sqlite')} | {record['job']} "
            f"| {_seconds(measured.get('wall_s'))} "
            f"| {_seconds(measured.get('net_s'))} | {_seconds(measured.get('cpu_s'))} "
            f"| {_seconds(baseline.get('wall_s'))} | {_seconds(baseline.get('net_s'))} "
            f"| {_seconds(baseline.get('cpu_s'))} | {_number(record.get('ratio_net'), '×')} "
            f"| {_number(record.get('ratio_cpu'), '×')} | {_number(record.get('peak_mb'))} "
            f"| {_verdict(record)} |")
    lines.append("")
    for record in results["jobs"]:
        if record["job"] == "window" and record.get("measured"):
            measured = record["measured"]
            lines.append(
                f"Window ({record['size']}): ready {_seconds(measured['wall_s'])} (net "
                f"{_seconds(measured['net_s'])}) after the "
                f"process started (readiness: {record.get('readiness')}), every list loaded "
                f"{_seconds(measured.get('all_lists_loaded_s'))}; peak memory with every list "
                f"loaded {measured['peak_mb']} MB (empty window "
                f"{record['baseline']['peak_mb']} MB).")
            floor = record.get("stack_floor")
            if floor:
                lines.append(
                    f"The stack's floor (an empty window after importing SQLModel and "
                    f"SQLAlchemy's ORM, no data): net {_seconds(floor['net_s'])}, "
                    f"{_number(floor.get('ratio_to_empty'), '×')} the empty window, "
                    f"{floor['peak_mb']} MB; the window ready is "
                    f"{_number(record.get('ratio_to_stack_floor'), '×')} that floor.")
    lines += _server_lines(results)
    lines.append(f"\nWhole run: {results.get('seconds')} s.")
    return "\n".join(lines) + "\n"


def _server_lines(results: dict[str, Any]) -> list[str]:
    """PostgreSQL against SQLite, job by job, from the same run (`--engine postgresql`)."""
    server = [r for r in results["jobs"] if r.get("engine") == "postgresql"]
    if not server:
        return []
    lines = ["", "On a PostgreSQL copy of the register, against the register file in the same "
             f"run ({results['judged_on']} time; the window's is its time to ready):", "",
             "| size | job | SQLite | PostgreSQL | ratio | ratio wall |",
             "| --- | --- | --- | --- | --- | --- |"]
    key = f"{results['judged_on']}_s"
    for record in server:
        lines.append(
            f"| {record['size']} | {record['job']} "
            f"| {_seconds((record.get('sqlite') or {}).get(key))} "
            f"| {_seconds((record.get('measured') or {}).get(key))} "
            f"| {_number(record.get('ratio_to_sqlite'), '×')} "
            f"| {_number(record.get('ratio_to_sqlite_wall'), '×')} |")
    for size, reg in results["registers"].items():
        if reg.get("server_copy_s") is not None:
            lines.append(f"\nRegister `{size}` copied to the server and verified "
                         f"(`cedre-desk-cli copy`) in {reg['server_copy_s']} s.")
    return lines
