"""The referential versions an imported audit is recorded against: the ones the row names,
else the CEDRE version in force on the audit's date (and the ISO 9001 one for a CEDRE ISO 9001
audit). A version typed by hand that a later one had replaced is imported as typed, with a
warning; an unknown one rejects the row."""

from __future__ import annotations

from datetime import date
from typing import Any

from cedre_desk.audits.versions import version_in_force
from cedre_desk.audits.vocabulary import Scheme
from cedre_desk.imports.workbook_records import AuditRecord, Problem, Source
from cedre_desk.services.importing.plan import Planner
from cedre_desk.services.referentials import CEDRE, ISO_9001


def audit_versions(p: Planner, record: AuditRecord) -> tuple[int, int | None]:
    source = record.source
    day = record.start_on or record.planned_on or record.end_on
    if record.version:
        version = p.index.version_named(record.version, iso=False)
        if version is None:
            raise p.reject(source, f"version de référentiel inconnue : « {record.version} »"
                           " (attendu : CEDRE V1, V2 ou V3).",
                           f"unknown referential version: “{record.version}” "
                           "(expected CEDRE V1, V2 or V3).")
        _warn_if_not_in_force(p, version, day, source)
    else:
        version = _in_force(p, CEDRE, day, source)
    iso = None
    if record.iso_version:
        iso = p.index.version_named(record.iso_version, iso=True)
        if iso is None:
            raise p.reject(source, f"version ISO inconnue : « {record.iso_version} ».",
                           f"unknown ISO version: “{record.iso_version}”.")
    elif record.scheme is Scheme.CEDRE_ISO_9001 and day is not None:
        # Hand-kept history may predate the ISO 9001 versions the register knows (2008):
        # the audit is then recorded against CEDRE alone, its decision keeps the scheme.
        candidates = [(v, v.adopted_on) for v in p.index.versions
                      if v.referential == ISO_9001]
        iso = version_in_force(candidates, day)
    return version.id, iso.id if iso else None


def _warn_if_not_in_force(p: Planner, version: Any, day: date | None, source: Source) -> None:
    """A version typed by hand that a later one had replaced by the audit's date (V2 on
    an audit after 20/11/2015) is imported as typed, with a warning."""
    candidates = [(v, v.adopted_on) for v in p.index.versions
                  if v.referential == version.referential]
    in_force = version_in_force(candidates, day) if day else None
    if in_force is None or in_force.adopted_on <= version.adopted_on:
        return
    p.plan.warnings.append(Problem(
        source.sheet, source.row,
        f"référentiel {version.referential} {version.label} indiqué pour un audit du "
        f"{day:%d/%m/%Y}, alors que {in_force.referential} {in_force.label} est en vigueur "
        f"depuis le {in_force.adopted_on:%d/%m/%Y} : importé tel qu'écrit, à vérifier.",
        f"referential {version.referential} {version.label} given for an audit of "
        f"{day:%d/%m/%Y}, while {in_force.referential} {in_force.label} has been in force "
        f"since {in_force.adopted_on:%d/%m/%Y}: imported as written, to be checked."))


def _in_force(p: Planner, referential: str, day: date | None, source: Source) -> Any:
    candidates = [(v, v.adopted_on) for v in p.index.versions
                  if v.referential == referential]
    version = version_in_force(candidates, day) if day else None
    if version is None:
        raise p.reject(
            source, f"version du référentiel {referential} introuvable : indiquez-la ou "
            "datez l'audit.",
            f"no {referential} version found: give it or date the audit.")
    return version
