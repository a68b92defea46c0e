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
    # When no committee session is entered for a year, these months are expected.
    expected_session_months: tuple[int, ...] = (6, 11)
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
        if not self.expected_session_months or any(
            not 1 <= m <= 12 for m in self.expected_session_months
        ):
            raise ValueError("expected_session_months must be months from 1 to 12")
        if self.follow_up_interval_months * self.follow_ups_per_cycle >= self.certificate_months:
            raise ValueError("follow-ups must fall inside the certificate's validity")
