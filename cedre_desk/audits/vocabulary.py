"""The words of the certification world, as closed sets of values.

Stored values are the English lower-case codes below; the French labels are what the
interface shows first. Nothing here imports anything but the standard library, so the
cycle rules, the storage layer and the interface all share one vocabulary.
"""

from __future__ import annotations

from enum import StrEnum


class LegalType(StrEnum):
    """Legal types of a member company; a company may carry several ("AI et ETTI")."""

    AI = "AI"
    ACI = "ACI"
    EI = "EI"
    ETTI = "ETTI"
    ETT_ESS = "ETT ESS"
    GES = "GES"
    OSP = "OSP"
    OTHER = "other"


class Scheme(StrEnum):
    CEDRE = "CEDRE"
    CEDRE_ISO_9001 = "CEDRE ISO 9001"


class AuditKind(StrEnum):
    INTERNAL = "internal"
    MOCK = "mock"
    CERTIFICATION = "certification"
    FOLLOW_UP = "follow_up"
    RENEWAL = "renewal"
    SPECIAL = "special"


class AuditStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    REPORT_SENT = "report_sent"
    CLOSED = "closed"

    @property
    def is_done(self) -> bool:
        """True once the audit has taken place (done, reported or closed)."""
        return self is not AuditStatus.PLANNED


class FindingLevel(StrEnum):
    """The usual French audit scale, from best to worst."""

    STRENGTH = "PF"
    IMPROVEMENT = "PP"
    SENSITIVE = "PS"
    MINOR_NC = "NCm"
    MAJOR_NC = "NCM"

    @property
    def is_nonconformity(self) -> bool:
        return self in (FindingLevel.MINOR_NC, FindingLevel.MAJOR_NC)


class Outcome(StrEnum):
    """A certification committee's decision on one file."""

    GRANTED = "granted"
    RENEWED = "renewed"
    MAINTAINED = "maintained"
    DEFERRED = "deferred"
    REFUSED = "refused"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"

    @property
    def starts_certificate(self) -> bool:
        return self in (Outcome.GRANTED, Outcome.RENEWED)


class SessionStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"


class CompanyState(StrEnum):
    """Where a company stands in the certification cycle; computed, never typed."""

    NOT_ENGAGED = "not_engaged"
    ENGAGED = "engaged"
    CERTIFIED = "certified"
    FOLLOW_UP_LATE = "follow_up_late"
    RENEWAL_DUE = "renewal_due"
    SUSPENDED = "suspended"
    LAPSED = "lapsed"  # expired, still restorable
    EXPIRED = "expired"  # expired past the restoration window: start again
    WITHDRAWN = "withdrawn"
    # Left the group whose certificate it held: no certificate of its own, start again
    LEFT_GROUP = "left_group"


class EventKind(StrEnum):
    FOLLOW_UP_1 = "follow_up_1"
    FOLLOW_UP_2 = "follow_up_2"
    FOLLOW_UP = "follow_up"  # third and later, when the settings ask for more than two
    RENEWAL_AUDIT = "renewal_audit"
    RENEWAL_COMMITTEE = "renewal_committee"
    EXPIRY = "expiry"
    SUSPENSION_END = "suspension_end"
    RESTORATION_LIMIT = "restoration_limit"


# French labels first, English second: the interface and the exports use these.
_PAIRS: tuple[tuple[StrEnum, tuple[str, str]], ...] = (
    (AuditKind.INTERNAL, ("Audit interne", "Internal audit")),
    (AuditKind.MOCK, ("Audit à blanc", "Mock audit")),
    (AuditKind.CERTIFICATION, ("Audit de certification", "Certification audit")),
    (AuditKind.FOLLOW_UP, ("Audit de suivi", "Follow-up audit")),
    (AuditKind.RENEWAL, ("Audit de renouvellement", "Renewal audit")),
    (AuditKind.SPECIAL, ("Audit spécial", "Special audit")),
    (AuditStatus.PLANNED, ("Planifié", "Planned")),
    (AuditStatus.DONE, ("Réalisé", "Done")),
    (AuditStatus.REPORT_SENT, ("Rapport envoyé", "Report sent")),
    (AuditStatus.CLOSED, ("Clos", "Closed")),
    (FindingLevel.STRENGTH, ("Point fort", "Strength")),
    (FindingLevel.IMPROVEMENT, ("Piste de progrès", "Improvement lead")),
    (FindingLevel.SENSITIVE, ("Point sensible", "Sensitive point")),
    (FindingLevel.MINOR_NC, ("Non-conformité mineure", "Minor nonconformity")),
    (FindingLevel.MAJOR_NC, ("Non-conformité majeure", "Major nonconformity")),
    (Outcome.GRANTED, ("Accordée", "Granted")),
    (Outcome.RENEWED, ("Renouvelée", "Renewed")),
    (Outcome.MAINTAINED, ("Maintenue", "Maintained")),
    (Outcome.DEFERRED, ("Ajournée", "Deferred")),
    (Outcome.REFUSED, ("Refusée", "Refused")),
    (Outcome.SUSPENDED, ("Suspendue", "Suspended")),
    (Outcome.WITHDRAWN, ("Retirée", "Withdrawn")),
    (SessionStatus.PLANNED, ("Prévue", "Planned")),
    (SessionStatus.HELD, ("Tenue", "Held")),
    (CompanyState.NOT_ENGAGED, ("Non engagée", "Not engaged")),
    (CompanyState.ENGAGED, ("Engagée", "Engaged")),
    (CompanyState.CERTIFIED, ("Certifiée", "Certified")),
    (CompanyState.FOLLOW_UP_LATE, ("Suivi en retard", "Follow-up late")),
    (CompanyState.RENEWAL_DUE, ("Renouvellement à préparer", "Renewal due")),
    (CompanyState.SUSPENDED, ("Suspendue", "Suspended")),
    (CompanyState.LAPSED, ("Échue (restaurable)", "Lapsed (restorable)")),
    (CompanyState.EXPIRED, ("Échue", "Expired")),
    (CompanyState.WITHDRAWN, ("Retirée", "Withdrawn")),
    (CompanyState.LEFT_GROUP, ("Sortie du groupe", "Left its group")),
    (EventKind.FOLLOW_UP_1, ("Audit de suivi 1", "Follow-up audit 1")),
    (EventKind.FOLLOW_UP_2, ("Audit de suivi 2", "Follow-up audit 2")),
    (EventKind.FOLLOW_UP, ("Audit de suivi", "Follow-up audit")),
    (EventKind.RENEWAL_AUDIT, (
        "Audit de renouvellement (date limite)",
        "Renewal audit (latest date)",
    )),
    (EventKind.RENEWAL_COMMITTEE, ("Comité à atteindre", "Committee to reach")),
    (EventKind.EXPIRY, ("Échéance du certificat", "Certificate expiry")),
    (EventKind.SUSPENSION_END, ("Fin de suspension (retrait)", "End of suspension (withdrawal)")),
    (EventKind.RESTORATION_LIMIT, ("Limite de restauration", "Restoration limit")),
    (Scheme.CEDRE, ("CEDRE", "CEDRE")),
    (Scheme.CEDRE_ISO_9001, ("CEDRE ISO 9001", "CEDRE ISO 9001")),
)


# Keyed by (vocabulary, value): a StrEnum member equals its text, so AuditStatus.PLANNED and
# SessionStatus.PLANNED ("planned" both) would otherwise be one key with one label.
LABELS: dict[tuple[type[StrEnum], str], tuple[str, str]] = {
    (type(value), value.value): texts for value, texts in _PAIRS
}


def labels_of(value: StrEnum) -> tuple[str, str]:
    """(French, English) labels of a vocabulary value; its code when it has none."""
    return LABELS.get((type(value), value.value), (value.value, value.value))


def label(value: StrEnum, lang: str = "fr") -> str:
    """The label of a vocabulary value in the interface language ("fr" or "en")."""
    fr, en = labels_of(value)
    return en if lang == "en" else fr
