"""Timing and memory helpers: median of runs, child processes with their own peak memory,
the machine and its load.

Every job runs in a child process of its own, so its peak memory (the kernel's maxrss of that
child, from wait4) is the job's and nothing else's. Inside the child each run is timed twice:
wall time (time.perf_counter) and CPU time of the whole process (time.process_time, all its
threads): on a 2-core machine shared with other work, CPU time moves far less than wall time.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def run_delay() -> float:
    """Seconds the calling thread has spent waiting for a CPU (runnable, not running), from
    /proc/thread-self/schedstat; 0 where the kernel does not tell."""
    try:
        return int(_SCHEDSTAT.read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


_SCHEDSTAT = Path("/proc/thread-self/schedstat")


@dataclass
class Timings:
    """The samples of one measured side (the job or its baseline), in seconds: wall time;
    net wall time (wall less the time the thread waited for a CPU that other processes held:
    what the job would take on an idle machine, file writes and fsync included); CPU time."""

    wall: list[float] = field(default_factory=list)
    net: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def time(self, action: Callable[[], Any]) -> Any:
        wall, cpu, waited = time.perf_counter(), time.process_time(), run_delay()
        result = action()
        self.cpu.append(time.process_time() - cpu)
        elapsed = time.perf_counter() - wall
        self.wall.append(elapsed)
        self.net.append(max(0.0, elapsed - (run_delay() - waited)))
        return result

    def summary(self) -> dict[str, Any]:
        return {"wall_s": median(self.wall), "net_s": median(self.net),
                "cpu_s": median(self.cpu), "wall_max_s": max(self.wall) if self.wall else None,
                "samples": len(self.wall)}


def median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 4) if values else None


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict[str, Any]:
    memory_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    except OSError:
        pass
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory_gb": round(memory_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "system": platform.platform()}


@dataclass
class ChildResult:
    returncode: int
    data: dict[str, Any]  # what the child wrote to its result file
    peak_mb: float  # the child's peak resident memory
    wall_s: float  # from just before the child was started to its end
    cpu_s: float  # user + system time of the child
    stderr: str


def run_child(module: str, args: Sequence[str], *, env: dict[str, str] | None = None,
              timeout: float = 3600) -> ChildResult:
    """`python -m module args... --result FILE` in a child of its own; its peak memory from
    wait4 (the kernel's maxrss of exactly that child)."""
    with tempfile.TemporaryDirectory(prefix="cedre-bench-") as tmp:
        result_file = Path(tmp) / "result.json"
        stderr_file = Path(tmp) / "stderr.txt"
        command = [sys.executable, "-m", module, *args, "--result", str(result_file)]
        started = time.monotonic()
        with stderr_file.open("w") as stderr:
            child = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})},
                                     stdout=subprocess.DEVNULL, stderr=stderr)
            killer = threading.Timer(timeout, child.kill)  # a stuck child never hangs us
            killer.start()
            try:
                _pid, status, usage = os.wait4(child.pid, 0)  # blocks: no polling
            finally:
                killer.cancel()
            ended = time.monotonic()
        child.returncode = os.waitstatus_to_exitcode(status)
        data = json.loads(result_file.read_text()) if result_file.exists() else {}
        data.setdefault("started_monotonic", started)
        return ChildResult(child.returncode, data, round(usage.ru_maxrss / 1024, 1),
                           ended - started, usage.ru_utime + usage.ru_stime,
                           stderr_file.read_text()[-4000:])


def write_result(path: Path, data: dict[str, Any]) -> None:
    Path(path).write_text(json.dumps(data, indent=2, default=str))


@dataclass
class ProcessRun:
    returncode: int
    wall_s: float  # from just before the process was started to its exit
    net_s: float  # wall less the time its main thread waited for a CPU held by others
    cpu_s: float  # user + system time of the process, every thread
    peak_mb: float
    stderr: str


def run_process(command: Sequence[str], *, timeout: float = 600) -> ProcessRun:
    """A whole program run, `command`, timed from its start to its exit (imports, opening,
    work, output to /dev/null). Its main thread's wait for a CPU is read from
    /proc/PID/schedstat once it has exited but before it is reaped (waitid WNOWAIT)."""
    with tempfile.TemporaryFile(mode="w+") as stderr:
        started = time.monotonic()
        child = subprocess.Popen(list(command), cwd=ROOT, stdout=subprocess.DEVNULL,
                                 stderr=stderr)
        killer = threading.Timer(timeout, child.kill)
        killer.start()
        try:
            os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)
            ended = time.monotonic()
            try:
                waited = int(Path(f"/proc/{child.pid}/schedstat").read_text().split()[1]) / 1e9
            except (OSError, IndexError, ValueError):
                waited = 0.0
            _pid, status, usage = os.wait4(child.pid, 0)
        finally:
            killer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        wall = ended - started
        return ProcessRun(child.returncode, wall, max(0.0, wall - waited),
                          usage.ru_utime + usage.ru_stime, round(usage.ru_maxrss / 1024, 1),
                          stderr.read()[-4000:])
