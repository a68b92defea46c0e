"""What a granting or renewing decision gives: a certificate and its validity dates.

Re-exported by `cedre_desk.audits.cycle`; kept apart so the validity rule reads on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from cedre_desk.audits.dates import add_months, format_fr
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import Outcome, Scheme

_ONE_DAY = timedelta(days=1)


class CycleError(ValueError):
    """A decision the certification cycle does not allow (e.g. renewing with nothing to renew).

    A ValueError: it is the user's input that is wrong, and the message says what to do, in
    English (`en`, the exception's text) and in French (`fr`).
    """

    def __init__(self, en: str, fr: str | None = None) -> None:
        super().__init__(en)
        self.en = en
        self.fr = fr if fr is not None else en


@dataclass(frozen=True)
class Certificate:
    scheme: Scheme
    decided_on: date  # date of the granting/renewing decision
    valid_from: date
    valid_until: date  # LAST day of validity (inclusive)
    # The start of the unbroken cycle when it differs from valid_from: a restored certificate
    # is valid from its decision but its cycle (follow-ups, expiry) runs from the old expiry.
    cycle_from: date | None = None

    @property
    def cycle_start(self) -> date:
        """The day the cycle's follow-ups and length count from."""
        return self.cycle_from or self.valid_from


def cycle_end(start: date, settings: CycleSettings) -> date:
    """The last day of a cycle starting on `start`: the day before the same date
    `certificate_months` later. When that month lacks the day (a start on 29 February, or a
    31st), the anniversary is the first day of the next month, so the cycle ends on the last
    day of the month: 29/02/2016 runs through 28/02/2019 (and the next cycle starts on
    01/03/2019), never ending before a start on 28/02/2016 (through 27/02/2019)."""
    anniversary = add_months(start, settings.certificate_months)
    return anniversary if anniversary.day != start.day else anniversary - _ONE_DAY


def restorable_until(certificate: Certificate, settings: CycleSettings) -> date:
    """The last day a lapsed certificate can still be restored by a renewal."""
    return add_months(certificate.valid_until, settings.restoration_months)


def certificate_validity(
    outcome: Outcome, decided_on: date, previous: Certificate | None, settings: CycleSettings
) -> tuple[date, date]:
    """The (valid_from, valid_until) that a GRANTED or RENEWED decision gives.

    GRANTED starts on the decision date. RENEWED continues the unbroken cycle: the new cycle
    starts the day after the previous expiry, so renewing early does not shorten the cycle.
    Decided after that expiry (a restoration, within `restoration_months`), the certificate
    is valid from the decision date (ISO/IEC 17021-1, 9.6.3.3: no certificate covers the gap)
    and still ends where the unbroken cycle would have.
    """
    if outcome is Outcome.GRANTED:
        return decided_on, cycle_end(decided_on, settings)
    if outcome is not Outcome.RENEWED:
        raise CycleError(f"a {outcome.value} decision does not give a certificate",
                         f"une décision « {outcome.value} » ne donne pas de certificat")
    if previous is None:
        raise CycleError(
            "nothing to renew: a certification audit and a GRANTED decision are needed",
            "rien à renouveler : il faut un audit de certification et une décision « accordée »")
    limit = restorable_until(previous, settings)
    if decided_on > limit:
        raise CycleError(
            f"the certificate expired on {format_fr(previous.valid_until)} and could only be"
            f" restored until {format_fr(limit)}: a certification audit and a GRANTED"
            " decision are needed",
            f"le certificat a expiré le {format_fr(previous.valid_until)} et ne pouvait être"
            f" restauré que jusqu'au {format_fr(limit)} : il faut un audit de certification et"
            " une décision « accordée »")
    start = previous.valid_until + _ONE_DAY
    return max(start, decided_on), cycle_end(start, settings)


def certificate_from(
    outcome: Outcome,
    decided_on: date,
    scheme: Scheme,
    previous: Certificate | None,
    settings: CycleSettings,
    stored: tuple[date, date] | None = None,
) -> Certificate:
    """The certificate a GRANTED or RENEWED decision starts. `stored` validity dates win,
    as they are what the committee wrote on the certificate; a restoration's cycle still
    counts from the old expiry's next day."""
    if stored is None:
        valid_from, valid_until = certificate_validity(outcome, decided_on, previous, settings)
    else:
        valid_from, valid_until = stored
        if valid_until < valid_from:
            raise CycleError(
                f"decision of {decided_on.isoformat()}: the certificate ends before it starts",
                f"décision du {format_fr(decided_on)} : le certificat finit avant de commencer")
    cycle_from = None
    if outcome is Outcome.RENEWED and previous is not None:
        unbroken = previous.valid_until + _ONE_DAY
        if unbroken < valid_from <= decided_on:  # a restoration
            cycle_from = unbroken
    return Certificate(scheme, decided_on, valid_from, valid_until, cycle_from)


def renewal_opens_on(certificate: Certificate, settings: CycleSettings) -> date:
    """The day the renewal comes due: when the cycle's last follow-up falls due.

    From then on the next audit of the company is its renewal audit, so the register shows
    the company as "renewal due".
    """
    span = settings.follow_up_interval_months * settings.follow_ups_per_cycle
    return add_months(certificate.cycle_start, span)
