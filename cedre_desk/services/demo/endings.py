"""How the demo's files end on `today`, and the routes that lead there: a certified ending
needs a grant session, a number of renewals and a follow-up from which the cycle rules
arrive at it on `today`."""

from __future__ import annotations

import random
from datetime import timedelta

from cedre_desk.audits.vocabulary import CompanyState
from cedre_desk.services.demo.certification_file import CertificationFile
from cedre_desk.services.demo.cycle_dates import GROUPS_FROM, CycleDates

# How the files end up on `today` (a computed state each); the rest is the way there.
ENDINGS: tuple[tuple[CompanyState, float], ...] = (
    (CompanyState.NOT_ENGAGED, 0.13),
    (CompanyState.ENGAGED, 0.16),
    (CompanyState.CERTIFIED, 0.31),
    (CompanyState.RENEWAL_DUE, 0.07),
    (CompanyState.FOLLOW_UP_LATE, 0.07),
    (CompanyState.SUSPENDED, 0.03),
    (CompanyState.LAPSED, 0.04),
    (CompanyState.EXPIRED, 0.11),
    (CompanyState.WITHDRAWN, 0.08),
)
# When `today` leaves no way to reach an ending, the file takes the next one.
FALLBACK = {
    CompanyState.SUSPENDED: CompanyState.WITHDRAWN,
    CompanyState.WITHDRAWN: CompanyState.EXPIRED,
    CompanyState.LAPSED: CompanyState.EXPIRED,
    CompanyState.EXPIRED: CompanyState.CERTIFIED,
    CompanyState.RENEWAL_DUE: CompanyState.CERTIFIED,
    CompanyState.FOLLOW_UP_LATE: CompanyState.CERTIFIED,
    CompanyState.CERTIFIED: CompanyState.ENGAGED,
}

# (grant session, renewals before the last certificate, follow-up where the ending begins)
Route = tuple[int, int, int]


def reachable_endings(dates: CycleDates) -> dict[CompanyState, list[Route]]:
    """For each certified ending, the (grant session, cycle, follow-up) that reach it."""
    st, today, lead = dates.settings, dates.today, dates.lead
    options: dict[CompanyState, list[Route]] = {}

    def add(state: CompanyState, option: Route) -> None:
        options.setdefault(state, []).append(option)

    held = dates.held
    suspension = None
    if held >= 2 and dates.months(dates.sessions[held - 1], st.suspension_max_months) >= today:
        suspension = held - 1
    for g in range(held):
        for c, (start, end) in enumerate(dates.chain(g)):
            dues = [dates.months(start, k * st.follow_up_interval_months)
                    for k in range(1, st.follow_ups_per_cycle + 1)]
            if start <= today <= end:
                opens = dates.months(start, st.follow_up_interval_months
                                     * st.follow_ups_per_cycle)
                add(CompanyState.CERTIFIED if today < opens else CompanyState.RENEWAL_DUE,
                    (g, c, 0))
                late = [k for k, due in enumerate(dues, 1) if due < today - timedelta(14)]
                if late:
                    add(CompanyState.FOLLOW_UP_LATE, (g, c, late[-1]))
            if suspension is not None and start < dates.sessions[suspension] <= end:
                for k, due in enumerate(dues, 1):
                    low, high = dates.suspension_window(due, suspension)
                    if low <= high:
                        add(CompanyState.SUSPENDED, (g, c, k))
            restorable = dates.months(end, st.restoration_months)
            if end < today <= restorable:
                add(CompanyState.LAPSED, (g, c, 0))
            elif restorable < today:
                add(CompanyState.EXPIRED, (g, c, 0))
            for k, due in enumerate(dues, 1):
                s = dates.first_session(due + timedelta(34) + lead)
                if s + 1 < held and dates.sessions[s] <= end:
                    add(CompanyState.WITHDRAWN, (g, c, k))
    return options


def settle_ending(rng: random.Random, f: CertificationFile,
                  routes: dict[CompanyState, list[Route]], dates: CycleDates) -> Route | None:
    """The file's ending, falling back while no route reaches it (groups are certified from
    2013 only), and the route drawn for it; None for the endings without a certificate."""
    ending = f.ending
    route = None
    while ending not in (CompanyState.NOT_ENGAGED, CompanyState.ENGAGED):
        candidates = routes.get(ending, [])
        if f.group_id is not None:
            candidates = [o for o in candidates if dates.sessions[o[0]] >= GROUPS_FROM]
        if candidates:
            route = rng.choice(candidates)
            break
        ending = FALLBACK[ending]
    f.ending = ending
    return route
