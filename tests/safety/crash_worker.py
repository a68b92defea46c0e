"""The process the crash tests kill: a fork server running the real program's code.

Started once per test session, it imports cedre-desk (the slow part), then reads one job per
line on its standard input and forks a child for it, so a test can kill hundreds of children
quickly. A child writes one line per change whose call returned ("<round> ack ..."), with a
single write(2) to the pipe right after the service call returns: a change acknowledged here
was committed by the program, and must be in the register after any kill.

Lines on standard output: "<round> pid <pid>" (the zygote, after forking), "<round> ready"
(the child opened the register), "<round> ack <what>..." (a call returned), "<round> done"
(the job ended by itself), "<round> synced" (the zygote's answer to a sync: every line
written before it by a dead child has been read).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from alembic.config import Config

from cedre_desk.audits.vocabulary import AuditKind, FindingLevel
from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.exporting import ExportService
from cedre_desk.services.groups import GroupService
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.storage import backup, migrate
from cedre_desk.storage.opening import open_register


def say(round_no: int, text: str) -> None:
    os.write(1, f"{round_no} {text}\n".encode())


def services(job: dict[str, Any]) -> None:
    """Changes through the services, as the window makes them, until killed."""
    r = job["round"]
    db = open_register(Path(job["db"]), user="crash")
    say(r, "ready")
    companies, auditors = CompanyService(db), AuditorService(db)
    audits, groups = AuditService(db), GroupService(db)
    version = next(v.id for v in ReferentialService(db).versions()
                   if v.referential == CEDRE and v.label == "V3")
    rnd = random.Random(job["seed"])
    mine: list[int] = []
    for i in range(1, job.get("limit", 10**9)):
        op = rnd.random()
        if op < 0.4 or len(mine) < 2:
            name = f"R{r}-{i}"
            company = companies.create(CompanyInput(name=name, town="Ambert", department="63"))
            mine.append(company)
            say(r, f"ack company {company} {name}")
        elif op < 0.6:
            company = rnd.choice(mine)
            record = companies.get(company)
            town = f"T{r}-{i}"
            new_version = companies.update(company, replace(record.data, town=town),
                                           record.version)
            say(r, f"ack update {company} {new_version} {town}")
        elif op < 0.7:
            say(r, f"ack auditor {auditors.create(f'Auditrice R{r}-{i}')}")
        elif op < 0.85:
            audit = audits.create(AuditInput(AuditKind.INTERNAL, version,
                                             company_id=rnd.choice(mine),
                                             planned_on=date(2026, 1, 1) + timedelta(days=i)))
            say(r, f"ack audit {audit}")
            finding = audits.add_finding(audit, FindingInput(FindingLevel.IMPROVEMENT,
                                                             f"Constat R{r}-{i}"))
            say(r, f"ack finding {finding}")
        elif op < 0.93:
            say(r, f"ack group {groups.create(f'Groupe R{r}-{i}', rnd.sample(mine, 2))}")
        else:
            company = companies.create(CompanyInput(name=f"D{r}-{i}"))
            say(r, f"ack company {company} D{r}-{i}")
            say(r, f"ack deleting {company}")  # from here its deletion may commit unsaid
            companies.delete(company)
            say(r, f"ack deleted {company}")
    db.close()


def export(job: dict[str, Any]) -> None:
    """Excel registers written again and again over the same file."""
    r = job["round"]
    db = open_register(Path(job["db"]), user="crash")
    say(r, "ready")
    for _ in range(job.get("limit", 10**9)):
        ExportService(db).register(Path(job["target"]), today=date(2026, 11, 22))
        say(r, "ack exported")
    db.close()


def backups(job: dict[str, Any]) -> None:
    """Verified copies made again and again."""
    r = job["round"]
    say(r, "ready")
    for _ in range(job.get("limit", 10**9)):
        copy = backup.backup_register(Path(job["db"]), backup.MANUAL)
        say(r, f"ack backup {copy}")


def migration(job: dict[str, Any]) -> None:
    """Open an older register: verified copy, then the upgrade, in one transaction."""
    r = job["round"]

    def config() -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", job["scripts"])
        return cfg

    migrate.alembic_config = config  # the extra revision lives in the test's folder
    migrate.head_revision = lambda: "9001_crash"  # and is the head an opening migrates to
    say(r, "ready")
    db = open_register(Path(job["db"]), user="crash")
    say(r, "ack migrated")
    db.close()


SCENARIOS = {"services": services, "export": export, "backups": backups,
             "migration": migration}


def main() -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped as they die
    os.write(1, b"0 zygote\n")
    for line in sys.stdin:
        job = json.loads(line)
        if "sync" in job:
            say(job["sync"], "synced")
            continue
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            code = 0
            try:
                SCENARIOS[job["scenario"]](job)
                say(job["round"], "done")
            except BaseException as exc:  # a failure must be seen by the test, not hidden
                say(job["round"], f"error {type(exc).__name__}: {exc}".replace("\n", " "))
                code = 1
            os._exit(code)
        say(job["round"], f"pid {pid}")


if __name__ == "__main__":
    main()
