"""The benchmark on a PostgreSQL copy of a register (`--engine postgresql`, issue 13).

The run starts its own throwaway server, the way the test suite does: `benchmarks.run`
re-runs itself under scripts/with-postgres (a server made in a temporary folder, on a private
unix socket, stopped and removed afterwards), which names the server in CEDRE_DESK_TEST_PG.
Each register is then copied up with the program's own `cedre-desk-cli copy` (verified: row
counts and checksums on both sides) into a database of its own, and the same jobs are timed on
that copy; their figures are compared with SQLite's from the same run.

That server runs with fsync and synchronous_commit off (scripts/with-postgres: a throwaway
server); the jobs measured are reads, with the due list's stored statuses as their only
write, so commits weigh little in them. The server and the client share the machine's cores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from benchmarks.measure import ROOT
from benchmarks.registers import Register

SERVER_VARIABLE = "CEDRE_DESK_TEST_PG"  # set by scripts/with-postgres: the admin URL
WITH_POSTGRES = ROOT / "scripts" / "with-postgres"
# The jobs with a PostgreSQL side; the others read or write files and gain nothing from it.
SERVER_GROUPS = ("window", "lists", "due")


def under_server(argv: list[str]) -> None:
    """Re-run this benchmark beside a server of its own, unless one is already given."""
    if os.environ.get(SERVER_VARIABLE):
        return
    command = [str(WITH_POSTGRES), sys.executable, "-m", "benchmarks.run", *argv]
    os.execv(command[0], command)


def copy_up(reg: Register, out: Path) -> tuple[Register, float]:
    """The register copied into a fresh database on the server (through `cedre-desk-cli
    copy`), as a Register whose path is the database's URL, and the seconds the copy took."""
    admin = os.environ[SERVER_VARIABLE]
    name = f"bench_{reg.size}_{reg.seed}"
    engine = sa.create_engine(make_url(admin).set(drivername="postgresql+psycopg"),
                              isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "cedre_desk", "copy", "--from",
                           str(reg.path), "--to", url], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"copy to the server failed ({done.returncode}): {done.stderr}")
    _store_statuses(url, reg)
    copy = replace(reg, path=url)
    sidecar = out / "work" / f"{reg.size}-postgresql.json"
    sidecar.parent.mkdir(parents=True, exist_ok=True)
    sidecar.write_text(json.dumps(copy.as_json(), indent=2))
    return copy, seconds


def _store_statuses(url: str, reg: Register) -> None:
    """The cycle statuses stored for the register's day, as the file holds them (its builder
    listed what was due): `copy` leaves derived data out (services.register_copy). Without
    them the window probe, which runs first on the machine's real day, would store statuses
    that do not hold on the register's day, and every due list timed after would compute
    them all again: a figure of the order of the jobs, not of the server."""
    from cedre_desk.services.due import CycleService
    from cedre_desk.storage.server import open_server

    db = open_server(url)
    try:
        CycleService(db).due(reg.today)
    finally:
        db.close()


def sidecar_of(reg: Register, out: Path) -> Path:
    """Where the worker finds the register: the file's own sidecar, or the copy's."""
    if "://" in str(reg.path):
        return out / "work" / f"{reg.size}-postgresql.json"
    return Path(reg.path).with_suffix(".json")


def ratios_to_sqlite(jobs: list[dict[str, object]]) -> None:
    """On each PostgreSQL job, its figures over SQLite's for the same job and size."""
    sqlite = {(j["size"], j["job"]): j for j in jobs if j.get("engine", "sqlite") == "sqlite"}
    for job in jobs:
        if job.get("engine") != "postgresql" or not job.get("measured"):
            continue
        twin = sqlite.get((job["size"], job["job"]))
        if twin is None or not twin.get("measured"):
            continue
        ours, theirs = job["measured"], twin["measured"]
        assert isinstance(ours, dict) and isinstance(theirs, dict)
        job["sqlite"] = {key: theirs.get(key) for key in ("wall_s", "net_s", "cpu_s")}
        job["ratio_to_sqlite"] = _ratio(ours.get(f"{job['judged_on']}_s"),
                                        theirs.get(f"{job['judged_on']}_s"))
        job["ratio_to_sqlite_wall"] = _ratio(ours.get("wall_s"), theirs.get("wall_s"))


def _ratio(value: object, base: object) -> float | None:
    if not isinstance(value, int | float) or not isinstance(base, int | float) or not base:
        return None
    return round(value / base, 2)
