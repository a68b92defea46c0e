"""A certificate's life in the demo: its follow-ups, its renewal, and the last (or running)
certificate, where the file's ending is played out."""

from __future__ import annotations

import random
from datetime import date, timedelta

from cedre_desk.audits.cycle import Certificate, certificate_validity
from cedre_desk.audits.vocabulary import AuditKind, CompanyState, Outcome, Scheme
from cedre_desk.services.demo.audits import AuditWriter
from cedre_desk.services.demo.certification_file import CertificationFile, Pending
from cedre_desk.services.demo.committees import Committee
from cedre_desk.services.demo.cycle_dates import SINGLE_OFFER_FROM, CycleDates


class CertificateCycles:
    """The steps of a certificate's cycle. A step whose audit or decision is not done by
    `today` raises `Pending`: the file's history stops there."""

    def __init__(self, rng: random.Random, dates: CycleDates, audits: AuditWriter,
                 committee: Committee) -> None:
        self.rng = rng
        self.dates = dates
        self.settings = dates.settings
        self.today = dates.today
        self.lead = dates.lead
        self.audits = audits
        self.committee = committee

    def follow_ups(self, f: CertificationFile, certificate: Certificate, count: int, *,
                   history: bool) -> None:
        """Follow-ups 1..count of a certificate, all done."""
        for k in range(1, count + 1):
            self.follow_up(f, certificate, k, history=history)

    def follow_up(self, f: CertificationFile, certificate: Certificate, k: int, *,
                  history: bool) -> None:
        """Follow-up k, done around its due date; in past cycles now and then late, or with
        a major nonconformity (then the committee acts on it)."""
        rng = self.rng
        due = self.dates.months(certificate.valid_from,
                                k * self.settings.follow_up_interval_months)
        late = history and rng.random() < 0.12
        day = due + timedelta(rng.randint(10, 100)) if late else due - timedelta(rng.randint(0, 75))
        day = max(day, (f.last_follow_up or certificate.decided_on) + timedelta(30))
        severe = history and not late and k == 1 and rng.random() < 0.05
        audit_id, end, done = self.audits.audit(f, AuditKind.FOLLOW_UP, day,
                                                severity=1 if severe else 0)
        if not done:
            raise Pending
        f.last_follow_up = end
        if severe:
            self._major_at_follow_up(f, audit_id, end)

    def _major_at_follow_up(self, f: CertificationFile, audit_id: int, end: date) -> None:
        """A major nonconformity at a follow-up: maintained with conditions, or suspended
        then maintained after a special audit (when the next session is within the limit)."""
        rng, dates, decide = self.rng, self.dates, self.committee.decide
        sessions = dates.sessions
        s = dates.first_session(end + self.lead)
        limit = dates.months(sessions[s], self.settings.suspension_max_months)
        if s + 1 < dates.held and sessions[s + 1] <= limit and rng.random() < 0.5:
            decide(f, s, Outcome.SUSPENDED, audit_id, True,
                   conditions="Suspension : audit spécial sous six mois.")
            day = sessions[s] + timedelta(rng.randint(20, 60))
            special, _, done = self.audits.audit(f, AuditKind.SPECIAL,
                                                 min(day, sessions[s + 1] - self.lead))
            decide(f, s + 1, Outcome.MAINTAINED, special, done,
                   conditions="Levée de la suspension : non-conformité levée.")
        else:
            decide(f, s, Outcome.MAINTAINED, audit_id, True,
                   conditions="Maintien sous réserve de lever la non-conformité "
                              "majeure sous trois mois.")

    def renew(self, f: CertificationFile, certificate: Certificate) -> Certificate:
        """The renewal audit and decision: before expiry, or at times restored after it."""
        rng, lead, st, dates = self.rng, self.lead, self.settings, self.dates
        sessions = dates.sessions
        end = certificate.valid_until
        s = dates.last_session(end)
        after_fu = (f.last_follow_up or certificate.decided_on) + timedelta(20)
        restorable = dates.months(end, st.restoration_months)
        # The last session before expiry may already hold this file's follow-up decision
        # (sessions have their real days: a June expiry can fall before June's session);
        # the renewal then comes at the next session, as a restoration.
        taken = s in f.used_sessions
        late = s + 1 < dates.held and sessions[s + 1] <= restorable and (
            taken or rng.random() < 0.05)
        if taken and not late:
            raise Pending  # no session left for it before the restoration window closes
        if late:
            s += 1
            day = max(after_fu, end - timedelta(rng.randint(0, 30)))
        else:
            day = max(after_fu, sessions[s] - lead - timedelta(rng.randint(5, 100)))
        day = min(day, sessions[s] - lead - timedelta(4))
        if f.scheme is Scheme.CEDRE and day >= SINGLE_OFFER_FROM and rng.random() < 0.08:
            f.scheme = Scheme.CEDRE_ISO_9001
        audit_id, _, done = self.audits.audit(f, AuditKind.RENEWAL, day)
        decided_on = sessions[s]
        start, until = certificate_validity(Outcome.RENEWED, decided_on, certificate, st)
        self.committee.decide(f, s, Outcome.RENEWED, audit_id, done, (start, until))
        f.last_follow_up = None
        return Certificate(f.scheme, decided_on, start, until)

    def last_cycle(self, f: CertificationFile, certificate: Certificate, k: int) -> None:
        """The running (or last) certificate: where the file's ending is played out."""
        rng, st, today, lead = self.rng, self.settings, self.today, self.lead
        dates, audit, decide = self.dates, self.audits.audit, self.committee.decide
        sessions = dates.sessions
        n = st.follow_ups_per_cycle
        ending = f.ending
        due = dates.months(certificate.valid_from, max(k, 1) * st.follow_up_interval_months)
        if ending is CompanyState.CERTIFIED:
            for k_next in range(1, n + 1):
                due = dates.months(certificate.valid_from,
                                   k_next * st.follow_up_interval_months)
                if due >= today:  # the next follow-up: held early already, or planned
                    day = max(due - timedelta(rng.randint(0, 75)),
                              (f.last_follow_up or certificate.decided_on) + timedelta(30))
                    audit(f, AuditKind.FOLLOW_UP, day)
                    return
                self.follow_up(f, certificate, k_next, history=False)
        elif ending is CompanyState.RENEWAL_DUE:
            self.follow_ups(f, certificate, n, history=False)
            s = dates.last_session(certificate.valid_until)
            if s >= dates.held:
                day = sessions[s] - lead - timedelta(rng.randint(5, 80))
                day = max(day, (f.last_follow_up or today) + timedelta(20))
                audit(f, AuditKind.RENEWAL, day)
            else:  # the session before expiry is past: the renewal audit is late
                audit(f, AuditKind.RENEWAL, today + timedelta(rng.randint(10, 90)), planned=True)
        elif ending is CompanyState.FOLLOW_UP_LATE:
            self.follow_ups(f, certificate, k - 1, history=False)
            day = (due - timedelta(rng.randint(0, 40)) if rng.random() < 0.5
                   else today + timedelta(rng.randint(5, 60)))
            audit(f, AuditKind.FOLLOW_UP, day, planned=True)
        elif ending is CompanyState.SUSPENDED:
            self.follow_ups(f, certificate, k - 1, history=False)
            suspension = dates.held - 1
            low, high = dates.suspension_window(due, suspension)
            day = low + timedelta(rng.randint(0, max(0, (high - low).days)))
            audit_id, _, done = audit(f, AuditKind.FOLLOW_UP, day, severity=1, keep_open=True)
            decide(f, suspension, Outcome.SUSPENDED, audit_id, done,
                   conditions="Suspension : non-conformité majeure à lever sous six mois.")
            audit(f, AuditKind.SPECIAL, today + timedelta(rng.randint(10, 60)), planned=True)
        elif ending is CompanyState.WITHDRAWN:
            self.follow_ups(f, certificate, k - 1, history=False)
            day = max(due + timedelta(rng.randint(-60, 30)),
                      (f.last_follow_up or certificate.decided_on) + timedelta(30))
            audit_id, end, done = audit(f, AuditKind.FOLLOW_UP, day, severity=1,
                                        keep_open=True)
            s = dates.first_session(end + lead)
            decide(f, s, Outcome.SUSPENDED, audit_id, done,
                   conditions="Suspension : non-conformité majeure à lever sous six mois.")
            special = None
            if rng.random() < 0.5:
                day = sessions[s] + timedelta(rng.randint(20, 60))
                special, _, done = audit(f, AuditKind.SPECIAL, min(day, sessions[s + 1] - lead),
                                         severity=1, keep_open=True)
            decide(f, s + 1, Outcome.WITHDRAWN, special, special is None or done,
                   conditions="Retrait : non-conformité majeure non levée.")
        elif ending is CompanyState.LAPSED:
            self.follow_ups(f, certificate, n, history=False)
            if rng.random() < 0.5:
                audit(f, AuditKind.RENEWAL, today + timedelta(rng.randint(10, 60)), planned=True)
        elif ending is CompanyState.EXPIRED:
            missed = rng.random() < 0.25
            self.follow_ups(f, certificate, n - 1 if missed else n, history=False)
            if missed:
                last_due = dates.months(certificate.valid_from,
                                        n * st.follow_up_interval_months)
                audit(f, AuditKind.FOLLOW_UP, last_due - timedelta(rng.randint(0, 30)),
                      planned=True)
