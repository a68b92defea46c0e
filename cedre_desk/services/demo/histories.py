"""A demo file's story up to its first certificate: engagement with a coach, internal and mock
audits, the certification audit, deferrals and refusals, at times an earlier certification
that expired; then, for a certified file, its certificates' cycles up to its ending."""

from __future__ import annotations

import random
from datetime import date, timedelta

from cedre_desk.audits.cycle import Certificate, certificate_validity
from cedre_desk.audits.vocabulary import AuditKind, CompanyState, Outcome, Scheme
from cedre_desk.services.demo.audits import AuditWriter
from cedre_desk.services.demo.certification_file import CertificationFile, Pending
from cedre_desk.services.demo.committees import Committee
from cedre_desk.services.demo.cycle_dates import (
    FIRST_AUDIT_DAY,
    GROUPS_FROM,
    ISO_FROM,
    CycleDates,
)
from cedre_desk.services.demo.cycles import CertificateCycles
from cedre_desk.services.demo.endings import Route
from cedre_desk.services.demo.writer import RowWriter
from cedre_desk.storage.models import Engagement


class FileHistories:
    """Writes each file's story: engagements, audits and committee decisions."""

    def __init__(self, rng: random.Random, dates: CycleDates, out: RowWriter,
                 audits: AuditWriter, committee: Committee) -> None:
        self.rng = rng
        self.dates = dates
        self.settings = dates.settings
        self.today = dates.today
        self.lead = dates.lead
        self.out = out
        self.audits = audits
        self.committee = committee
        self.cycles = CertificateCycles(rng, dates, audits, committee)

    def write(self, f: CertificationFile, route: Route | None) -> None:
        """The file's history towards its ending (along `route` for a certified one), up to
        the first step that falls on or after `today`."""
        try:
            if f.ending is CompanyState.ENGAGED:
                self._engaged_history(f)
            elif route is not None:
                self._certified_history(f, *route)
        except Pending:
            pass

    def _engage(self, f: CertificationFile, day: date) -> None:
        f.engaged_on.append(day)
        notes = "Formation-action et démarche qualité (données fictives)."
        for member in f.members:
            self.out.add(Engagement, dict(
                id=self.out.next_id(Engagement), company_id=member, coach_id=f.coaches[0],
                started_on=day, notes=notes, version=1))

    def _choose_scheme(self, f: CertificationFile, on: date) -> None:
        if on < ISO_FROM:
            f.scheme = Scheme.CEDRE
            return
        share = 0.7 if f.group_id is not None else 0.22
        f.scheme = Scheme.CEDRE_ISO_9001 if self.rng.random() < share else Scheme.CEDRE

    def _engaged_history(self, f: CertificationFile) -> None:
        """Engaged, not certified: preparing, or a first audit deferred or refused."""
        rng, today, audit = self.rng, self.today, self.audits.audit
        earliest = max(FIRST_AUDIT_DAY, today - timedelta(8 * 365))
        if f.group_id is not None:
            earliest = max(earliest, GROUPS_FROM - timedelta(365))
        span = (today - timedelta(20) - earliest).days
        if span <= 0:
            return
        engaged_on = earliest + timedelta(rng.randint(0, span))
        self._choose_scheme(f, engaged_on)
        self._engage(f, engaged_on)
        day = engaged_on + timedelta(rng.randint(60, 200))
        _, end, done = audit(f, AuditKind.INTERNAL, day)
        if not done:
            return
        if rng.random() < 0.6:
            _, end, done = audit(f, AuditKind.MOCK, end + timedelta(rng.randint(60, 200)))
            if not done:
                return
        draw = rng.random()  # which way the preparation went
        day = end + timedelta(rng.randint(45, 240))
        if draw < 0.4:  # still preparing
            if day > today:
                audit(f, AuditKind.CERTIFICATION, day, planned=True)
            return
        if draw < 0.7:  # certification audit coming, or held and waiting for its committee
            day = max(day, today + timedelta(rng.randint(-50, 120)))
            audit(f, AuditKind.CERTIFICATION, day)
            return
        outcome = Outcome.DEFERRED if draw < 0.88 else Outcome.REFUSED
        audit_id, end, done = audit(f, AuditKind.CERTIFICATION, day,
                                    severity=1 if outcome is Outcome.DEFERRED else 2)
        s = self.dates.first_session(end + self.lead)
        self.committee.decide(f, s, outcome, audit_id, done)
        if outcome is Outcome.DEFERRED:
            audit(f, AuditKind.SPECIAL, self.dates.sessions[s] + timedelta(rng.randint(20, 90)))

    def _certified_history(self, f: CertificationFile, g: int, c_end: int, k: int,
                           prior_allowed: bool = True) -> None:
        """Preparation, certification at session `g`, `c_end` renewals, then the ending."""
        rng, lead, sessions = self.rng, self.lead, self.dates.sessions
        audit, decide = self.audits.audit, self.committee.decide
        grant = sessions[g]
        deferred = g >= 1 and rng.random() < 0.10 and (
            sessions[g - 1] - lead - timedelta(75) >= FIRST_AUDIT_DAY)
        first_decision = g - 1 if deferred else g
        refused = (f.ending is not CompanyState.EXPIRED and first_decision >= 3
                   and rng.random() < 0.06
                   and sessions[first_decision - 3] - lead - timedelta(400)
                   >= FIRST_AUDIT_DAY)
        if refused:
            refusal = first_decision - rng.randint(2, 3)
            first_audit = sessions[refusal] - lead - timedelta(rng.randint(5, 70))
        else:
            first_audit = sessions[first_decision] - lead - timedelta(rng.randint(5, 70))
        prep_days = rng.randint(240, 900)
        engaged_on = first_audit - timedelta(prep_days)
        if prior_allowed and f.group_id is None and not refused and g >= 8 \
                and rng.random() < 0.15:
            self._prior_run(f, engaged_on)
        self._choose_scheme(f, grant)
        self._engage(f, engaged_on)
        internal = max(engaged_on + timedelta(rng.randint(60, 200)),
                       FIRST_AUDIT_DAY + timedelta(rng.randint(0, 40)))
        if internal < first_audit - timedelta(60):
            audit(f, AuditKind.INTERNAL, internal)
        if rng.random() < 0.6:
            mock = first_audit - timedelta(rng.randint(25, 55))
            if mock >= FIRST_AUDIT_DAY:
                audit(f, AuditKind.MOCK, mock)
        if refused:
            audit_id, _, done = audit(f, AuditKind.CERTIFICATION, first_audit, severity=2)
            decide(f, refusal, Outcome.REFUSED, audit_id, done)
            retry = sessions[first_decision] - lead - timedelta(rng.randint(5, 70))
            audit(f, AuditKind.MOCK, retry - timedelta(rng.randint(60, 120)))
            first_audit = retry
        if deferred:
            audit_id, _, done = audit(f, AuditKind.CERTIFICATION, first_audit, severity=1)
            decide(f, g - 1, Outcome.DEFERRED, audit_id, done)
            day = sessions[g - 1] + timedelta(rng.randint(20, 60))
            _, _, special_done = audit(f, AuditKind.SPECIAL, min(day, grant - lead))
            if not special_done:
                raise Pending
        else:
            audit_id, _, done = audit(f, AuditKind.CERTIFICATION, first_audit)
        start, until = certificate_validity(Outcome.GRANTED, grant, None, self.settings)
        decide(f, g, Outcome.GRANTED, audit_id, done, (start, until))
        certificate = Certificate(f.scheme, grant, start, until)
        f.last_follow_up = None
        for _ in range(c_end):
            self.cycles.follow_ups(f, certificate, self.settings.follow_ups_per_cycle,
                                   history=True)
            certificate = self.cycles.renew(f, certificate)
        self.cycles.last_cycle(f, certificate, k)

    def _prior_run(self, f: CertificationFile, before: date) -> None:
        """An earlier certification that expired, long before the file started again."""
        st, dates = self.settings, self.dates
        g0 = self.rng.randrange(0, max(1, dates.first_session(before - timedelta(5 * 365))))
        chain = dates.chain(g0)
        past_cycles = [c for c, (_, end) in enumerate(chain[:3])
                       if dates.months(end, st.restoration_months) < before - timedelta(60)]
        if not past_cycles or dates.sessions[g0] - self.lead - timedelta(120) < FIRST_AUDIT_DAY:
            return
        saved = f.ending
        f.ending = CompanyState.EXPIRED
        self._certified_history(f, g0, self.rng.choice(past_cycles), 0, prior_allowed=False)
        f.ending = saved
