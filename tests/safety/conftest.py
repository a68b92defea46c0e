"""The crash harness: a fork server (crash_worker.py) and a way to kill its children."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

WORKER = Path(__file__).with_name("crash_worker.py")


def kills(config: pytest.Config, quick: int, full: int) -> int:
    """How many kills a crash test makes: a few in the quick run, many with --runslow."""
    return full if config.getoption("--runslow") else quick


@dataclass
class Round:
    number: int
    lines: list[str] = field(default_factory=list)

    @property
    def acks(self) -> list[list[str]]:
        return [line.split()[1:] for line in self.lines if line.startswith("ack ")]

    @property
    def done(self) -> bool:
        return "done" in self.lines

    @property
    def errors(self) -> list[str]:
        return [line for line in self.lines if line.startswith("error ")]


class Zygote:
    def __init__(self, home: Path) -> None:
        env = dict(os.environ, CEDRE_DESK_HOME=str(home), PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen([sys.executable, str(WORKER)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, env=env, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.round_number = 0
        assert self._next(60.0) == "0 zygote"

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def _next(self, timeout: float) -> str:
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"the crash worker said nothing for {timeout} s") from None

    def _send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()

    def run(self, scenario: str, *, kill_after: float | None, timeout: float = 60.0,
            **job: Any) -> Round:
        """Fork a child running `scenario`; SIGKILL it `kill_after` seconds after it started
        (None: let it finish). Returns every line the child wrote."""
        self.round_number += 1
        number = self.round_number
        self._send(dict(job, scenario=scenario, round=number))
        result = Round(number)
        pid = None
        while pid is None:
            tag, _, rest = self._next(timeout).partition(" ")
            if int(tag) == number and rest.startswith("pid "):
                pid = int(rest.split()[1])
        started = time.monotonic()
        if kill_after is None:
            self._collect_until(result, number, ("done", "error"), timeout)
        else:
            time.sleep(max(0.0, kill_after - (time.monotonic() - started)))
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            _wait_gone(pid)
        self._send({"sync": number})
        self._collect_until(result, number, ("synced",), timeout)
        return result

    def _collect_until(self, result: Round, number: int, ends: tuple[str, ...],
                       timeout: float) -> None:
        while True:
            tag, _, rest = self._next(timeout).partition(" ")
            if int(tag) != number:
                continue
            if rest != "synced":
                result.lines.append(rest)
            if rest.startswith(ends):
                return

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=10)
        if self.process.stdout:
            self.process.stdout.close()


def _wait_gone(pid: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.002)
    raise AssertionError(f"process {pid} survived SIGKILL")


@pytest.fixture(scope="session")
def zygote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Zygote]:
    if not hasattr(os, "fork"):
        pytest.skip("the crash tests fork (POSIX only)")
    server = Zygote(tmp_path_factory.mktemp("crash-home"))
    yield server
    server.close()
