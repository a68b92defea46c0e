"""What the committee decisions leave a company with: a certificate, an open suspension, a
withdrawal, or what it held through a group it left.

Re-exported by `cedre_desk.audits.cycle`, which turns this standing into a status on a day;
kept apart so the rules of the decisions read on their own (DOMAIN.md, "The certification
cycle", with the defaults of `CycleSettings`):
- a GRANTED or RENEWED decision starts a certificate (a renewal runs from the old expiry);
- a suspension turns into a withdrawal after 6 months, unless the certificate expires first:
  it then ends with the certificate; a second suspension does not restart the clock;
- a withdrawn certificate is never renewed or maintained: only a new grant starts again;
- what a company holds through its group it holds only while it belongs to the group;
- a decision taken after the day asked for does not exist yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from cedre_desk.audits.certificates import (
    Certificate,
    CycleError,
    certificate_from,
    restorable_until,
)
from cedre_desk.audits.dates import add_months
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import Outcome, Scheme

# What a withdrawn certificate can never have: only a certification audit and a new GRANTED
# start again (DOMAIN.md; ISO/IEC 17021-1, 9.6.5).
_REFUSED_AFTER_WITHDRAWAL = (Outcome.RENEWED, Outcome.MAINTAINED)


@dataclass(frozen=True)
class DecisionFact:
    on: date  # committee session date
    outcome: Outcome
    scheme: Scheme
    valid_from: date | None = None  # as stored; for granted/renewed
    valid_until: date | None = None
    # A group's decision: the last day the company belonged to the group (what the decision
    # gives ends then). None: the company's own decision, or a member still.
    held_until: date | None = None


@dataclass(frozen=True)
class Standing:
    """Where the decisions alone leave a company: the result of replaying them."""

    certificate: Certificate | None
    suspended_on: date | None
    withdrawn: bool
    # Left the group whose certificate it held: that certificate, and the last day.
    left: tuple[Certificate, date] | None = None


def suspension_ends_on(suspended_on: date, settings: CycleSettings) -> date:
    return add_months(suspended_on, settings.suspension_max_months)


def _start_certificate(
    decision: DecisionFact, previous: Certificate | None, settings: CycleSettings
) -> Certificate:
    """The certificate a GRANTED/RENEWED decision starts: its stored dates win when complete,
    as they are what the committee wrote on the certificate."""
    stored = None
    if decision.valid_from is not None and decision.valid_until is not None:
        stored = (decision.valid_from, decision.valid_until)
    return certificate_from(
        decision.outcome, decision.on, decision.scheme, previous, settings, stored
    )


def withdrawn_by_suspension_on(
    suspended_on: date | None, certificate: Certificate | None, settings: CycleSettings
) -> date | None:
    """The day an open suspension turns into a withdrawal: the day after its limit, if the
    certificate is still valid then. A suspension still open at expiry ends with the
    certificate instead (the company is lapsed from the next day, not suspended)."""
    if suspended_on is None or certificate is None:
        return None
    end = suspension_ends_on(suspended_on, settings)
    return end + timedelta(days=1) if end < certificate.valid_until else None


def suspension_open(
    suspended_on: date | None, certificate: Certificate | None, day: date
) -> date | None:
    """`suspended_on` if the suspension is still open on `day` (the certificate not expired)."""
    if suspended_on is None or certificate is None or day > certificate.valid_until:
        return None
    return suspended_on


def replay(decisions: Sequence[DecisionFact], settings: CycleSettings, today: date) -> Standing:
    """Apply the decisions taken by `today` in date order (stable for equal dates)."""
    certificate: Certificate | None = None
    suspended_on: date | None = None
    withdrawn = False
    held_until: date | None = None
    left: tuple[Certificate, date] | None = None
    for decision in sorted((d for d in decisions if d.on <= today), key=lambda d: d.on):
        if _left_before(certificate, held_until, suspended_on, settings, decision.on):
            # Left the group before this decision: what it held through the group ended.
            assert certificate is not None and held_until is not None
            left = (certificate, held_until)
            certificate, suspended_on, held_until = None, None, None
        # A suspension left to run past its limit became a withdrawal on its own, before this
        # decision: a late MAINTAINED cannot revive the certificate. One still open at expiry
        # ended with the certificate.
        turned = withdrawn_by_suspension_on(suspended_on, certificate, settings)
        if not withdrawn and turned is not None and decision.on >= turned:
            certificate, withdrawn = None, True  # suspended_on kept: why it was withdrawn
        elif not withdrawn:
            suspended_on = suspension_open(suspended_on, certificate, decision.on)
        outcome = decision.outcome
        if withdrawn and outcome in _REFUSED_AFTER_WITHDRAWAL:
            # Refused when entered (check_decision); one the register holds from before
            # changes nothing: only a GRANTED starts afresh.
            continue
        if outcome.starts_certificate:
            # A new certificate leaves any suspension behind, and is held as long as the
            # decision's file lasts for the company (its own: always).
            certificate = _start_certificate(decision, certificate, settings)
            suspended_on, withdrawn = None, False
            held_until, left = decision.held_until, None
        elif outcome is Outcome.MAINTAINED:
            suspended_on = None
        elif outcome is Outcome.SUSPENDED and certificate is not None and suspended_on is None:
            # A second suspension does not restart the clock: the limit counts from the first.
            suspended_on = decision.on
        elif outcome is Outcome.WITHDRAWN and certificate is not None:
            certificate, suspended_on, withdrawn = None, None, True
            held_until, left = None, None
        # DEFERRED and REFUSED change nothing; nor do decisions with nothing to act on.
    if _left_before(certificate, held_until, suspended_on, settings, today):
        assert certificate is not None and held_until is not None
        return Standing(None, None, False, (certificate, held_until))
    return Standing(certificate, suspended_on, withdrawn, left)


def _left_before(certificate: Certificate | None, held_until: date | None,
                 suspended_on: date | None, settings: CycleSettings, day: date) -> bool:
    """True when the company left, before `day`, the group through which it holds
    `certificate`, while the certificate still meant something: valid or restorable, and not
    withdrawn by an overlong suspension first (a certificate dead before the company left
    stays as it ended: expired, or withdrawn)."""
    if certificate is None or held_until is None or held_until >= day:
        return False
    if held_until > restorable_until(certificate, settings):
        return False
    turned = withdrawn_by_suspension_on(suspended_on, certificate, settings)
    return turned is None or held_until < turned


def check_decision(
    outcome: Outcome,
    earlier: Sequence[DecisionFact],
    on: date,
    settings: CycleSettings,
) -> None:
    """Raise CycleError (in English and French) if a decision `outcome` taken on `on` is not
    allowed after the `earlier` decisions of the same file: a withdrawn certificate (by a
    WITHDRAWN decision, or a suspension left past its limit) is never renewed or maintained.
    Decisions of `earlier` dated after `on` are not taken yet and do not count."""
    if outcome not in _REFUSED_AFTER_WITHDRAWAL:
        return
    standing = replay(earlier, settings, on)
    turned = withdrawn_by_suspension_on(standing.suspended_on, standing.certificate, settings)
    if standing.withdrawn or (turned is not None and on >= turned):
        verb_en, verb_fr = (("renewed", "renouvelé") if outcome is Outcome.RENEWED
                            else ("maintained", "maintenu"))
        raise CycleError(
            f"the certificate was withdrawn: it cannot be {verb_en}. Only a certification"
            " audit and a new GRANTED decision start again",
            f"le certificat a été retiré : il ne peut pas être {verb_fr}. Seuls un audit de"
            " certification et une nouvelle décision « accordée » permettent de repartir")
