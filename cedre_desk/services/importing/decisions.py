"""The committee decisions of a workbook, planned after everything they rest on.

Each decision is placed on its committee session (importing.sessions_placed), then checked
as the services check one typed in the window: the cycle rules (a withdrawn certificate is
never renewed), the audit it rests on, its certificate's validity and number. They are
planned in date order, so that each renewal finds the certificate it renews.
"""

from __future__ import annotations

from datetime import date

from cedre_desk.audits.certificates import Certificate, CycleError, certificate_validity
from cedre_desk.audits.cycle import DecisionFact, check_decision
from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, Outcome, Scheme
from cedre_desk.imports.workbook_records import AuditRecord, DecisionRecord, Problem
from cedre_desk.services import validation
from cedre_desk.services.importing.plan import File, Planner
from cedre_desk.services.importing.sessions_placed import place_on_session

_AUDIT_FOR = {Outcome.GRANTED: AuditKind.CERTIFICATION, Outcome.RENEWED: AuditKind.RENEWAL}


def plan_decisions(p: Planner) -> None:
    dated: list[DecisionRecord] = []
    p.each(p.parsed.decisions, lambda r: dated.append(place_on_session(p, r)))
    # In date order, so that each renewal finds the certificate it renews.
    p.each(sorted(dated, key=lambda r: r.session_on), lambda r: _decision(p, r))


def file_of(p: Planner, record: AuditRecord | DecisionRecord) -> File:
    if record.company is not None:
        group = p.group_named_as_company(record.company, record.source)
        if group is not None:
            return ("g", group)
        return ("c", p.company_id(record.company, record.source))
    return ("g", p.group(record.group, record.source))


def _decision(p: Planner, record: DecisionRecord) -> None:
    source = record.source
    kind, file_id = file_of(p, record)
    if (kind, file_id, record.session_on, str(record.outcome)) in p.index.decisions:
        p.plan.counts["decisions_known"] += 1  # imported before: never doubled
        return
    session_id = p.session(record.session_on, source)
    if (session_id, kind, file_id) in p.index.decided:
        raise p.reject(source, "ce dossier a déjà une décision à cette session.",
                       "this file already has a decision at this session.")
    audit_id = _audit_for(p, record, (kind, file_id))
    # The scheme follows the audit: one with an ISO version is a CEDRE ISO 9001 audit.
    iso = audit_id is not None and p.audit_rows[audit_id]["iso_version_id"] is not None
    scheme = record.scheme or (Scheme.CEDRE_ISO_9001 if iso else Scheme.CEDRE)
    valid_from, valid_until = _certificate(p, record, (kind, file_id), scheme)
    number = _certificate_number(p, record, scheme)
    conditions = p.check(source, lambda: validation.clean_text(record.conditions, "conditions"))
    p.index.decided.add((session_id, kind, file_id))
    p.plan.add("decision", {"id": p.index.take_id("decision"), "session_id": session_id,
                            "company_id": file_id if kind == "c" else None,
                            "group_id": file_id if kind == "g" else None,
                            "audit_id": audit_id, "outcome": record.outcome, "scheme": scheme,
                            "certificate_number": number, "valid_from": valid_from,
                            "valid_until": valid_until, "conditions": conditions,
                            "version": 1}, source)
    p.plan.counts["decisions"] += 1


def _certificate(p: Planner, record: DecisionRecord, file: File, scheme: Scheme
                 ) -> tuple[date | None, date | None]:
    _cycle_allows(p, record, file, scheme)
    if not record.outcome.starts_certificate:
        return None, None
    source = record.source
    earlier = [c for c in p.index.certificates.get(file, []) if c[0] < record.session_on]
    previous = None
    if earlier:
        on, start, until = max(earlier)
        previous = Certificate(scheme, on, start, until)
    computed: tuple[date, date] | None = None
    try:
        computed = certificate_validity(record.outcome, record.session_on, previous,
                                        p.index.settings)
    except CycleError as error:
        if not (record.valid_from and record.valid_until):
            raise p.reject(
                source, "renouvellement impossible : aucun certificat en cours ou "
                "restaurable avant cette décision. Ajoutez la décision d'origine ou "
                "indiquez les dates de validité (Valable du / Valable jusqu'au).",
                f"renewal impossible: {error}. Add the original decision or give the "
                "validity dates (Valid from / Valid until).") from None
    valid_from = record.valid_from or (computed[0] if computed else None)
    valid_until = record.valid_until or (computed[1] if computed else None)
    assert valid_from is not None and valid_until is not None
    if valid_until < valid_from:
        raise p.reject(source, "le certificat finit avant de commencer.",
                       "the certificate ends before it starts.")
    if computed is not None and (valid_from, valid_until) != computed:
        _warn_typed_validity(p, record, (valid_from, valid_until), computed)
    p.index.certificates[file].append((record.session_on, valid_from, valid_until))
    return valid_from, valid_until


def _warn_typed_validity(p: Planner, record: DecisionRecord, typed: tuple[date, date],
                         computed: tuple[date, date]) -> None:
    """Validity dates typed in the workbook that the cycle rules would not give: the
    register keeps what was typed, the dates on the certificate the company holds (see
    docs/cycle.md), and says so with the computed ones, so that a typing slip is seen."""
    differ_fr, differ_en = [], []
    for (fr, en), kept, rule in ((("valable du", "valid from"), typed[0], computed[0]),
                                 (("valable jusqu'au", "valid until"), typed[1], computed[1])):
        if kept != rule:
            differ_fr.append(f"{fr} {kept:%d/%m/%Y} saisi, {rule:%d/%m/%Y} calculé")
            differ_en.append(f"{en} {kept.isoformat()} typed, {rule.isoformat()} computed")
    p.plan.warnings.append(Problem(
        record.source.sheet, record.source.row,
        f"dates de validité saisies différentes de celles des règles du cycle "
        f"({'; '.join(differ_fr)}) : le registre garde les dates saisies, celles du "
        "certificat délivré ; les échéances en découlent. Corrigez le classeur si c'est une "
        "faute de frappe.",
        f"typed validity dates differ from the cycle rules' ({'; '.join(differ_en)}): the "
        "register keeps the typed dates, those of the certificate issued; the due dates "
        "follow from them. Correct the workbook if it is a typing slip."))


def _cycle_allows(p: Planner, record: DecisionRecord, file: File, scheme: Scheme) -> None:
    """Reject a decision the cycle forbids after the file's earlier decisions in the
    workbook: a withdrawn certificate renewed or maintained (the rule of the services)."""
    earlier = p.decision_facts[file]
    try:
        check_decision(record.outcome, earlier, record.session_on, p.index.settings)
    except CycleError as error:
        raise p.reject(record.source, f"{error.fr}.", f"{error.en}.") from None
    earlier.append(DecisionFact(record.session_on, record.outcome, scheme,
                                record.valid_from, record.valid_until))


def _certificate_number(p: Planner, record: DecisionRecord, scheme: Scheme) -> str | None:
    number = record.certificate_number.strip()
    if not number and record.outcome.starts_certificate:
        prefix = "CEDRE-ISO" if scheme is Scheme.CEDRE_ISO_9001 else "CEDRE"
        sequence = 1
        while f"{prefix}-{record.session_on.year}-{sequence:04d}" in \
                p.index.certificate_numbers:
            sequence += 1
        number = f"{prefix}-{record.session_on.year}-{sequence:04d}"
    if not number:
        return None
    if number in p.index.certificate_numbers:
        raise p.reject(record.source, f"le numéro de certificat {number} est déjà "
                       "attribué.", f"certificate number {number} is already taken.")
    p.index.certificate_numbers.add(number)
    return number


def _audit_for(p: Planner, record: DecisionRecord, file: File) -> int | None:
    found = None
    if record.row_audit is not None:
        found = p.audit_of_record.get(id(record.row_audit))
    elif record.audit_number is not None:
        found = p.audit_by_number.get(record.audit_number)
        if found is None:
            raise p.reject(record.source, f"audit n° {record.audit_number} absent du "
                           "classeur.", f"audit no. {record.audit_number} is not in "
                           "the workbook.")
    if found is None:
        return None
    audit_id, audit = found
    source = record.source
    if (("c", audit["company_id"]) if audit["company_id"] else ("g", audit["group_id"])) \
            != file:
        raise p.reject(source, "l'audit choisi concerne une autre structure.",
                       "the chosen audit concerns another company.")
    done_on = audit["end_on"] or audit["start_on"]
    if audit["status"] is AuditStatus.PLANNED or done_on is None:
        raise p.reject(source, "l'audit de cette décision n'a pas encore eu lieu.",
                       "this decision's audit has not taken place yet.")
    if record.session_on < done_on:
        raise p.reject(source, f"la décision ({record.session_on:%d/%m/%Y}) précède la "
                       f"fin de son audit ({done_on:%d/%m/%Y}).",
                       f"the decision ({record.session_on:%d/%m/%Y}) is before the end "
                       f"of its audit ({done_on:%d/%m/%Y}).")
    needed = _AUDIT_FOR.get(record.outcome)
    if needed is not None and audit["kind"] not in (needed, AuditKind.SPECIAL):
        raise p.reject(source, "une certification accordée repose sur un audit de "
                       "certification, un renouvellement sur un audit de renouvellement.",
                       "a grant rests on a certification audit, a renewal on a renewal "
                       "audit.")
    return audit_id
