"""Labels of the vocabulary: every value has its own French and English label."""

from __future__ import annotations

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    EventKind,
    FindingLevel,
    Outcome,
    Scheme,
    SessionStatus,
    label,
)


def test_values_spelled_alike_in_two_vocabularies_keep_their_own_labels():
    """AuditStatus.PLANNED and SessionStatus.PLANNED are both the text "planned"."""
    assert label(AuditStatus.PLANNED) == "Planifié"
    assert label(SessionStatus.PLANNED) == "Prévue"
    assert label(CompanyState.SUSPENDED) == "Suspendue"
    assert label(Outcome.SUSPENDED, "en") == "Suspended"


def test_every_value_has_a_french_and_an_english_label():
    for vocabulary in (AuditKind, AuditStatus, FindingLevel, Outcome, SessionStatus,
                       CompanyState, EventKind, Scheme):
        for value in vocabulary:
            assert label(value, "fr") and label(value, "en"), value
            if vocabulary is not Scheme:  # a missing label falls back to the stored code
                assert label(value, "en") != value.value, value
