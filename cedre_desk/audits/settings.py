"""The cycle settings: every figure of the certification cycle, with DOMAIN.md's defaults.

Stored in the register (one row per field, see storage) so a federation can change them;
the cycle rules only ever receive a `CycleSettings` value.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class CycleSettings:
    # A certificate runs this many months from the decision that grants or renews it.
    certificate_months: int = 36
    # Follow-up audits: the first due this many months after the cycle's anchor, then again.
    follow_up_interval_months: int = 12
    follow_ups_per_cycle: int = 2
    # A lapsed certificate can be restored within this many months of its expiry.
    restoration_months: int = 6
    # A suspension turns into a withdrawal after this many months.
    suspension_max_months: int = 6
    # The renewal file must reach the committee this many days before its session.
    file_lead_days: int = 42
    # The committee is expected to sit in these months, unless a session is entered in them:
    # (month, which weekday of it: 1 first ... 4 fourth, -1 last). By default the second
    # Thursday of June and the third Thursday of November, as the federation's sessions of
    # 13/06/2013, 21/11/2013, 11/06/2015 and 19/11/2015.
    expected_sessions: tuple[tuple[int, int], ...] = ((6, 2), (11, 3))
    # The weekday the committee sits on (0 Monday ... 3 Thursday ... 6 Sunday).
    expected_session_weekday: int = 3
    # Events due within this many days are shown as coming soon.
    due_soon_days: int = 90

    def __post_init__(self) -> None:
        positive = ("certificate_months", "follow_up_interval_months")
        for name in positive:
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, int) and value < 0:
                raise ValueError(f"{f.name} must not be negative")
        months = [month for month, _rank in self.expected_sessions]
        if not months or any(not 1 <= m <= 12 for m in months):
            raise ValueError("expected_sessions must name months from 1 to 12")
        if len(set(months)) != len(months):
            raise ValueError("expected_sessions must name each month once")
        if any(rank not in (1, 2, 3, 4, -1) for _month, rank in self.expected_sessions):
            raise ValueError("expected_sessions: the weekday's rank is 1 to 4, or -1 (last)")
        if not 0 <= self.expected_session_weekday <= 6:
            raise ValueError("expected_session_weekday must be 0 (Monday) to 6 (Sunday)")
        if self.follow_up_interval_months * self.follow_ups_per_cycle >= self.certificate_months:
            raise ValueError("follow-ups must fall inside the certificate's validity")
