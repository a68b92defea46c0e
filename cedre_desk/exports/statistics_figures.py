"""The yearly figures document's data: what each figure is called and holds, and how its
values are written in French and English. The writers (statistics_files.py for Excel,
statistics_pdf.py for the PDF) import it; it imports no writer library, so JSON output and the
command line never load openpyxl or reportlab for it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

# The figures in the order the activity report gives them: (key, French, English).
FIGURES = (
    ("newly_certified", "Structures nouvellement certifiées", "Newly certified companies"),
    ("entered", "Structures entrées dans la démarche", "Companies entering the process"),
    ("renewed", "Renouvellements accordés", "Renewals granted"),
    ("preparing_renewal", "Structures préparant leur renouvellement",
     "Companies preparing their renewal"),
    ("follow_up_audits", "Audits de suivi réalisés", "Follow-up audits done"),
    ("certified_at_year_end", "Structures certifiées au 31 décembre",
     "Certified companies at 31 December"),
)


@dataclass(frozen=True)
class Figures:
    newly_certified: int
    entered: int
    renewed: int
    preparing_renewal: int
    follow_up_audits: int
    certified_at_year_end: int
    certified_by_scheme: Mapping[str, int]  # keyed "CEDRE" and "CEDRE ISO 9001"
    active_members: int
    certified_share: float  # 0 to 1


@dataclass(frozen=True)
class YearlyFigures:
    year: int
    total: Figures
    by_region: Mapping[str, Figures]
    by_type: Mapping[str, Figures]

    def as_json(self) -> dict[str, Any]:
        """The documented keys: the year, the totals, then the breakdowns."""
        return {"year": self.year, **_plain(self.total),
                "by_region": {k: _plain(v) for k, v in self.by_region.items()},
                "by_type": {k: _plain(v) for k, v in self.by_type.items()}}


def _plain(figures: Figures) -> dict[str, Any]:
    values = asdict(figures)
    values["certified_by_scheme"] = dict(figures.certified_by_scheme)
    return values


def percent(share: float, lang: str) -> str:
    value = f"{share * 100:.1f}"
    return f"{value} %" if lang == "en" else f"{value.replace('.', ',')}\u00a0%"


def type_name(name: str, lang: str) -> str:
    """A legal type as people write it: "other" is "autre" in French."""
    return ("autre" if lang != "en" else "other") if name == "other" else name


def figure_label(key: str, lang: str) -> str:
    for k, fr, en in FIGURES:
        if k == key:
            return en if lang == "en" else fr
    return key
