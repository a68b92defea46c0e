"""What a granting or renewing decision gives: a certificate and its validity dates.

Re-exported by `cedre_desk.audits.cycle`; kept apart so the validity rule reads on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from cedre_desk.audits.dates import add_months, format_fr
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import Outcome, Scheme


class CycleError(ValueError):
    """A decision the certification cycle does not allow (e.g. renewing with nothing to renew).

    A ValueError: it is the user's input that is wrong, and the message says what to do.
    """


@dataclass(frozen=True)
class Certificate:
    scheme: Scheme
    decided_on: date  # date of the granting/renewing decision
    valid_from: date
    valid_until: date  # LAST day of validity (inclusive)


def restorable_until(certificate: Certificate, settings: CycleSettings) -> date:
    """The last day a lapsed certificate can still be restored by a renewal."""
    return add_months(certificate.valid_until, settings.restoration_months)


def certificate_validity(
    outcome: Outcome, decided_on: date, previous: Certificate | None, settings: CycleSettings
) -> tuple[date, date]:
    """The (valid_from, valid_until) that a GRANTED or RENEWED decision gives.

    A certificate runs `certificate_months` from its start; `valid_until` is the day before the
    same date `certificate_months` later, so that a renewal can start the very next day with
    no gap and no overlap. GRANTED starts on the decision date. RENEWED starts the day after
    the previous expiry: renewing early does not shorten the cycle (the new certificate runs
    from the old expiry), and restoring a lapsed certificate within the restoration window
    does not lengthen it either (the cycle stays anchored on the old expiry).
    """
    if outcome is Outcome.GRANTED:
        start = decided_on
    elif outcome is Outcome.RENEWED:
        if previous is None:
            raise CycleError(
                "nothing to renew: a certification audit and a GRANTED decision are needed"
            )
        limit = restorable_until(previous, settings)
        if decided_on > limit:
            raise CycleError(
                f"the certificate expired on {format_fr(previous.valid_until)} and could only be"
                f" restored until {format_fr(limit)}: a certification audit and a GRANTED"
                " decision are needed"
            )
        start = previous.valid_until + timedelta(days=1)
    else:
        raise CycleError(f"a {outcome.value} decision does not give a certificate")
    return start, add_months(start, settings.certificate_months) - timedelta(days=1)


def renewal_opens_on(certificate: Certificate, settings: CycleSettings) -> date:
    """The day the renewal comes due: when the cycle's last follow-up falls due.

    From then on the next audit of the company is its renewal audit, so the register shows
    the company as "renewal due".
    """
    span = settings.follow_up_interval_months * settings.follow_ups_per_cycle
    return add_months(certificate.valid_from, span)
