"""The seeded registers the benchmark runs on, built once and kept under benchmarks/out/.

A register is the demo generator's (`generate_demo`, the same as `cedre-desk-cli demo`), then
topped up to the issue's reference proportions, which the generator alone does not reach:

- committee sessions back to 40 years before `today` (the generator starts in 2005): June and
  November sessions, held, with no decision (the certification did not exist yet; the cycle
  rules still read every session);
- 10 audits and 30 findings per company: copies of done internal and mock audits (same
  company or group, version, dates and lead auditor) with copies of their findings. Those
  kinds never move the cycle and only go to files already engaged, so every computed state
  stays what the generator steered it to;
- one special audit with 300 findings, for the PDF report benchmark.

The file is named after (size, seed, schema revision, today): a change of schema builds anew.
A sidecar JSON keeps the counts and the ids the jobs need.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, FindingLevel
from cedre_desk.services.register import create_register
from cedre_desk.storage.migrate import head_revision
from cedre_desk.storage.models import (
    Audit,
    AuditAuditor,
    CommitteeSession,
    Company,
    Finding,
    Requirement,
)

SIZES = {"small": 530, "reference": 20_000}  # companies: the federation; the reference size
AUDITS_PER_COMPANY = 10  # 200,000 audits for 20,000 companies
FINDINGS_PER_COMPANY = 30  # 600,000 findings
SESSION_YEARS = 40
REPORT_FINDINGS = 300
TODAY = date(2026, 11, 22)  # the day the registers are generated for (fixed: cached files)


@dataclass(frozen=True)
class Register:
    path: Path | str  # a file, or a server's URL for a PostgreSQL copy (server_copy)
    size: str
    seed: int
    today: date
    schema: str
    companies: int
    audits: int
    findings: int
    sessions: int
    first_session: str
    report_audit_id: int
    built_seconds: float

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = str(self.path)
        data["today"] = self.today.isoformat()
        return data


def register(out: Path, size: str, seed: int, *, log: Any = print) -> Register:
    """The register of `size` and `seed`, built when not cached yet."""
    revision = head_revision()
    folder = out / "registers"
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{size}-seed{seed}-rev{revision}-{TODAY:%Y%m%d}"
    path, sidecar = folder / f"{stem}.sqlite", folder / f"{stem}.json"
    if path.exists() and sidecar.exists():
        data = json.loads(sidecar.read_text())
        return Register(**{**data, "path": path, "today": date.fromisoformat(data["today"])})
    log(f"building the {size} register ({SIZES[size]} companies, seed {seed}); "
        "this is done once and cached")
    partial = folder / f"{stem}.partial.sqlite"
    for leftover in _files_of(partial):
        leftover.unlink(missing_ok=True)
    from cedre_desk.services.demo import generate_demo  # only to build: it may be mid-rewrite

    start = time.perf_counter()
    db = create_register(partial)
    try:
        generate_demo(db, companies=SIZES[size], seed=seed, today=TODAY)
        with db.engine.begin() as conn:
            _top_up(conn, SIZES[size])
            report_id = _report_audit(conn)
        with db.engine.connect() as conn:
            counts = _counts(conn)
    finally:
        db.close()
    built = time.perf_counter() - start
    partial.rename(path)
    result = Register(path=path, size=size, seed=seed, today=TODAY, schema=revision,
                      report_audit_id=report_id, built_seconds=round(built, 1), **counts)
    sidecar.write_text(json.dumps(result.as_json(), indent=2))
    log(f"built {path.name} in {built:.0f} s: {counts}")
    return result


def _files_of(path: Path) -> Iterable[Path]:
    return (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal"))


def _counts(conn: Connection) -> dict[str, Any]:
    def count(model: Any) -> int:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(model)) or 0)

    first = conn.scalar(sa.select(sa.func.min(sa.type_coerce(CommitteeSession.held_on,
                                                             sa.String))))
    return {"companies": count(Company), "audits": count(Audit), "findings": count(Finding),
            "sessions": count(CommitteeSession), "first_session": str(first)}


def _second_thursday(year: int, month: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 7 * (nth - 1))


def _top_up(conn: Connection, companies: int) -> None:
    _old_sessions(conn)
    _more_audits(conn, companies * AUDITS_PER_COMPANY, companies * FINDINGS_PER_COMPANY)


def _old_sessions(conn: Connection) -> None:
    known = {str(day) for day in conn.scalars(
        sa.select(sa.type_coerce(CommitteeSession.held_on, sa.String)))}
    rows = []
    for year in range(TODAY.year - SESSION_YEARS + 1, TODAY.year):
        for month, nth in ((6, 2), (11, 3)):
            held_on = _second_thursday(year, month, nth)
            if held_on.isoformat() not in known and held_on < TODAY:
                rows.append(dict(held_on=held_on, place="Paris", members="", status="held",
                                 version=1))
    if rows:
        conn.execute(sa.insert(CommitteeSession.__table__), rows)


def _more_audits(conn: Connection, audit_target: int, finding_target: int) -> None:
    audit_columns = [c.name for c in Audit.__table__.columns if c.name != "id"]
    sources = conn.execute(
        sa.select(Audit.__table__).where(
            Audit.kind.in_((AuditKind.INTERNAL, AuditKind.MOCK)),
            Audit.status != AuditStatus.PLANNED)
        .order_by(Audit.id)).mappings().all()
    missing = audit_target - int(conn.scalar(sa.select(sa.func.count()).select_from(Audit)))
    if missing <= 0 or not sources:
        return
    next_id = int(conn.scalar(sa.select(sa.func.max(Audit.id))) or 0) + 1
    leads = dict(conn.execute(sa.select(AuditAuditor.audit_id, AuditAuditor.auditor_id)
                              .where(AuditAuditor.lead)).all())
    copies: list[tuple[int, int]] = []  # (new audit id, source audit id)
    audits, links = [], []
    for number in range(missing):
        source = sources[number % len(sources)]
        row = {name: source[name] for name in audit_columns}
        row.update(id=next_id, kind=AuditKind.INTERNAL.value, version=1)
        audits.append(row)
        if source["id"] in leads:
            links.append(dict(audit_id=next_id, auditor_id=leads[source["id"]], lead=True))
        copies.append((next_id, source["id"]))
        next_id += 1
    conn.execute(sa.insert(Audit.__table__), audits)
    if links:
        conn.execute(sa.insert(AuditAuditor.__table__), links)

    finding_columns = [c.name for c in Finding.__table__.columns if c.name != "id"]
    source_ids = {source for _, source in copies}
    by_audit: dict[int, list[Any]] = {}
    for finding in conn.execute(sa.select(Finding.__table__).where(
            Finding.audit_id.in_(sa.select(Audit.id).where(
                Audit.kind.in_((AuditKind.INTERNAL, AuditKind.MOCK)))))).mappings():
        if finding["audit_id"] in source_ids:
            by_audit.setdefault(finding["audit_id"], []).append(finding)
    missing_findings = finding_target - int(
        conn.scalar(sa.select(sa.func.count()).select_from(Finding)))
    findings: list[dict[str, Any]] = []
    positions: dict[int, int] = {}
    while len(findings) < missing_findings:
        added = len(findings)
        for new_id, source_id in copies:
            for finding in by_audit.get(source_id, ()):
                if len(findings) >= missing_findings:
                    break
                row = {name: finding[name] for name in finding_columns}
                positions[new_id] = positions.get(new_id, 0) + 1
                row.update(audit_id=new_id, position=positions[new_id], version=1)
                findings.append(row)
        if len(findings) == added:
            break  # no source audit has findings to copy
    for chunk in range(0, len(findings), 50_000):
        conn.execute(sa.insert(Finding.__table__), findings[chunk:chunk + 50_000])


def _report_audit(conn: Connection) -> int:
    """A special audit with 300 findings, on the company of the latest certification audit."""
    source = conn.execute(
        sa.select(Audit.__table__).where(
            Audit.kind == AuditKind.CERTIFICATION, Audit.status != AuditStatus.PLANNED,
            Audit.company_id.is_not(None))
        .order_by(Audit.start_on.desc(), Audit.id.desc()).limit(1)).mappings().one()
    row = {c.name: source[c.name] for c in Audit.__table__.columns if c.name != "id"}
    row.update(kind=AuditKind.SPECIAL.value, status=AuditStatus.REPORT_SENT.value, version=1,
               conclusion="Audit complémentaire très détaillé (banc d'essai : 300 constats).")
    audit_id = conn.execute(sa.insert(Audit.__table__).values(**row)).inserted_primary_key[0]
    lead = conn.scalar(sa.select(AuditAuditor.auditor_id).where(
        AuditAuditor.audit_id == source["id"], AuditAuditor.lead))
    if lead is not None:
        conn.execute(sa.insert(AuditAuditor.__table__).values(
            audit_id=audit_id, auditor_id=lead, lead=True))
    requirements = list(conn.scalars(sa.select(Requirement.id).where(
        Requirement.version_id == source["version_id"]).order_by(Requirement.id)))
    levels = list(FindingLevel)
    findings = []
    for number in range(REPORT_FINDINGS):
        level = levels[number % len(levels)]
        nonconformity = level in (FindingLevel.MINOR_NC, FindingLevel.MAJOR_NC)
        findings.append(dict(
            audit_id=audit_id,
            requirement_id=requirements[number % len(requirements)] if requirements else None,
            level=level.value,
            text=(f"Constat n° {number + 1} : la procédure d'accueil des salariés en insertion "
                  "est appliquée, mais les enregistrements des entretiens de suivi ne sont pas "
                  "tous datés ni signés par l'accompagnateur socio-professionnel."),
            action="Compléter et signer les fiches de suivi ; contrôle trimestriel."
            if nonconformity else "",
            action_due=source["end_on"] + timedelta(days=90)
            if nonconformity and source["end_on"] else None,
            action_closed_on=None, position=number + 1, version=1))
    conn.execute(sa.insert(Finding.__table__), findings)
    return int(audit_id)
