"""The demo's audit rows: each audit with its auditors and, once done, its findings against
the audited versions' requirements, with corrective actions for the nonconformities."""

from __future__ import annotations

import random
from datetime import date, timedelta
from math import ceil

from cedre_desk.audits.cycle import AuditFact
from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, FindingLevel, Scheme
from cedre_desk.services.demo import names
from cedre_desk.services.demo.catalogue import Catalogue
from cedre_desk.services.demo.certification_file import CertificationFile
from cedre_desk.services.demo.writer import RowWriter
from cedre_desk.storage.models import Audit, AuditAuditor, Finding

# Levels of ordinary findings, weighted; major nonconformities only where the story has one.
LEVEL_POOL = (
    [FindingLevel.STRENGTH] * 30 + [FindingLevel.IMPROVEMENT] * 35
    + [FindingLevel.SENSITIVE] * 20 + [FindingLevel.MINOR_NC] * 15
)
FINDING_COUNTS = {
    AuditKind.CERTIFICATION: (2, 3, 4, 4, 4, 5, 6),
    AuditKind.FOLLOW_UP: (2, 2, 3, 3, 4, 4, 5),
    AuditKind.RENEWAL: (2, 3, 4, 4, 4, 5, 6),
    AuditKind.SPECIAL: (1, 1, 2),
    AuditKind.MOCK: (1, 2, 2, 3),
    AuditKind.INTERNAL: (1, 1, 2),
}
DURATIONS = {
    AuditKind.CERTIFICATION: (1.5, 2.0, 2.0, 2.5),
    AuditKind.FOLLOW_UP: (0.5, 1.0, 1.0, 1.5),
    AuditKind.RENEWAL: (1.5, 2.0, 2.0),
    AuditKind.SPECIAL: (0.5, 1.0),
    AuditKind.MOCK: (1.0, 1.5),
    AuditKind.INTERNAL: (0.5, 1.0),
}
CONCLUSIONS = {
    AuditKind.INTERNAL: ("Audit interne de préparation mené avec l'équipe permanente.",
                         "Poursuivre la mise en place des enregistrements."),
    AuditKind.MOCK: ("Audit à blanc : le système qualité se met en place.",
                     "Traiter les écarts relevés avant l'audit de certification."),
    AuditKind.CERTIFICATION: ("Système qualité en place et appliqué.",
                              "Avis favorable à la certification."),
    AuditKind.FOLLOW_UP: ("Le système qualité est maintenu et s'améliore.",
                          "Maintien de la certification recommandé."),
    AuditKind.RENEWAL: ("Le système qualité a mûri sur le cycle écoulé.",
                        "Avis favorable au renouvellement."),
    AuditKind.SPECIAL: ("Audit complémentaire sur les non-conformités relevées.",
                        "Vérifier la levée des écarts au prochain audit."),
}
SEVERE = ("Écarts majeurs constatés sur le système qualité.",
          "Saisine du comité de certification : non-conformité majeure.")


def weekday_start(day: date, ndays: int) -> date:
    """`day`, moved back so that an audit of `ndays` days runs from Monday to Friday."""
    return day - timedelta(days=max(0, day.weekday() + ndays - 5))


class AuditWriter:
    """Audits, their auditors and findings, added to the writer as the files' stories
    call for them (ids in the order written)."""

    def __init__(self, rng: random.Random, out: RowWriter, today: date,
                 catalogue: Catalogue) -> None:
        self.rng = rng
        self.out = out
        self.today = today
        self.catalogue = catalogue

    def audit(self, f: CertificationFile, kind: AuditKind, day: date, *, planned: bool = False,
              severity: int = 0, keep_open: bool = False) -> tuple[int, date, bool]:
        """Write one audit (done if it ends before today, unless `planned`), its auditors and,
        once done, its findings. Returns (id, end date or planned date, done)."""
        rng, out, today, catalogue = self.rng, self.out, self.today, self.catalogue
        duration = rng.choice(DURATIONS[kind])
        if f.group_id is not None and kind in (AuditKind.CERTIFICATION, AuditKind.RENEWAL):
            duration += 1.0
        ndays = ceil(duration)
        start = weekday_start(day, ndays)
        end = start + timedelta(ndays - 1)
        done = not planned and end < today
        audit_id = out.next_id(Audit)
        version_id = catalogue.at(catalogue.cedre, start)
        iso_id = (catalogue.at(catalogue.iso, start)
                  if f.scheme is Scheme.CEDRE_ISO_9001 else None)
        if done:
            age = (today - end).days
            status = (AuditStatus.CLOSED if age > 120 else
                      AuditStatus.REPORT_SENT if age > 21 else AuditStatus.DONE)
            conclusion, recommendation = SEVERE if severity else CONCLUSIONS[kind]
        else:
            status = AuditStatus.PLANNED
            conclusion = recommendation = ""
        out.add(Audit, dict(
            id=audit_id, company_id=f.company_id, group_id=f.group_id, kind=kind,
            version_id=version_id, iso_version_id=iso_id,
            planned_on=start if done or not planned else day,
            start_on=start if done else None, end_on=end if done else None, status=status,
            duration_days=duration, conclusion=conclusion, recommendation=recommendation,
            version=1))
        f.audits.append(AuditFact(kind, status, start if done else day, end if done else None))
        team = f.team
        lead_auditor = rng.choice(team)
        out.add(AuditAuditor, dict(audit_id=audit_id, auditor_id=lead_auditor, lead=True))
        second = kind in (AuditKind.CERTIFICATION, AuditKind.RENEWAL) and rng.random() < 0.4
        if second and len(team) > 1:
            other = rng.choice([a for a in team if a != lead_auditor])
            out.add(AuditAuditor, dict(audit_id=audit_id, auditor_id=other, lead=False))
        if done:
            self._findings(audit_id, kind, end, catalogue.pool(version_id, iso_id),
                           severity, keep_open)
        return audit_id, end if done else day, done

    def _findings(self, audit_id: int, kind: AuditKind, end: date, pool: list[int],
                  severity: int, keep_open: bool) -> None:
        """About three findings, against the audited versions' requirements; a corrective
        action with a deadline for each nonconformity, most of them closed by now."""
        # The hottest loop of the demo (600,000 findings at scale): picks by index from
        # random() are several times faster than Random.choice.
        rnd, out, today = self.rng.random, self.out, self.today
        counts = FINDING_COUNTS[kind]
        count = max(counts[int(rnd() * len(counts))], severity)
        rows = out.rows[Finding]
        for position in range(count):
            level = (FindingLevel.MAJOR_NC if position < severity
                     else LEVEL_POOL[int(rnd() * len(LEVEL_POOL))])
            action = ""
            action_due = closed_on = None
            if level is FindingLevel.MAJOR_NC or level is FindingLevel.MINOR_NC:
                choices = names.NONCONFORMITIES[level]
                text, action = choices[int(rnd() * len(choices))]
                months = 1 if level is FindingLevel.MAJOR_NC else 1 + int(rnd() * 3)
                action_due = end + timedelta(30 * months)
                closing = end + timedelta(7 + int(rnd() * (30 * months + 14)))
                if closing < today and not (keep_open and level is FindingLevel.MAJOR_NC) \
                        and rnd() < 0.92:
                    closed_on = closing
            else:
                texts = names.FINDINGS[level]
                text = texts[int(rnd() * len(texts))]
            rows.append(dict(
                id=out.next_id(Finding), audit_id=audit_id,
                requirement_id=pool[int(rnd() * len(pool))], level=level, text=text,
                action=action, action_due=action_due, action_closed_on=closed_on,
                position=position, version=1))
        out.pending += count
