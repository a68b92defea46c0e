"""The yearly figures document's data: what each figure is called and holds, and how its
values are written in French and English. The writers (statistics_files.py for Excel,
statistics_pdf.py for the PDF) import it; it imports no writer library, so JSON output and the
command line never load openpyxl or reportlab for it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
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
    ("engaged_at_year_end", "Structures engagées dans la démarche au 31 décembre",
     "Companies engaged in the process at 31 December"),
)

# The schemes in the order the activity report lists its newly certified companies.
PUBLISHED_SCHEMES = ("CEDRE ISO 9001", "CEDRE")


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
    engaged_at_year_end: int


@dataclass(frozen=True)
class ListedCompany:
    """A company as the published lists name it."""

    name: str
    legal_types: tuple[str, ...]  # LegalType values, in the vocabulary's order
    town: str
    department: str


@dataclass(frozen=True)
class PublishedLine:
    """One line of the newly certified list: a company, or the member companies of a group
    certified together by one decision (`group`: the group's name)."""

    companies: tuple[ListedCompany, ...]
    group: str | None = None


@dataclass(frozen=True)
class CapFigures:
    """Le Cap in the year: the companies that ran it (a group's run counts for its members on
    the day), of which reviewed by a third party, else by a peer."""

    companies: int = 0
    third_party: int = 0
    peer: int = 0

    @property
    def reviewed(self) -> int:
        return self.third_party + self.peer

    @property
    def reviewed_share(self) -> float:
        """reviewed / companies, rounded to 4 decimals (0 when none ran it)."""
        return round(self.reviewed / self.companies, 4) if self.companies else 0.0

    def as_json(self) -> dict[str, Any]:
        return {"companies": self.companies, "reviewed": self.reviewed,
                "third_party": self.third_party, "peer": self.peer,
                "reviewed_share": self.reviewed_share}


# The Le Cap lines of the documents: (French, English).
CAP_TITLE = ("Le Cap, l'auto-évaluation", "Le Cap, the self-assessment")
CAP_RAN = ("Structures ayant mené Le Cap", "Companies that ran Le Cap")
CAP_REVIEWED = ("dont relues par un tiers ou un pair", "of which reviewed by a third party "
                "or a peer")
CAP_THIRD_PARTY = ("par un tiers", "by a third party")
CAP_PEER = ("par un pair", "by a peer")


def cap_words(words: tuple[str, str], lang: str) -> str:
    return words[1] if lang == "en" else words[0]


@dataclass(frozen=True)
class YearlyFigures:
    year: int
    total: Figures
    by_region: Mapping[str, Figures]
    by_type: Mapping[str, Figures]
    # The lines of the newly certified, keyed by scheme in PUBLISHED_SCHEMES order.
    newly_certified_lines: Mapping[str, tuple[PublishedLine, ...]]
    engaged: tuple[ListedCompany, ...]  # the companies engaged at 31 December, by name
    cap: CapFigures = CapFigures()  # Le Cap in the year, every region
    # Le Cap per region ("—": no region), only the regions where a company ran it
    cap_by_region: Mapping[str, CapFigures] = field(default_factory=dict)

    def as_json(self, lang: str = "fr") -> dict[str, Any]:
        """The documented keys: the year, the totals, the breakdowns, then the lists (each
        newly certified line with its text as the report prints it, in `lang`)."""
        return {"year": self.year, **_plain(self.total),
                "by_region": {k: _plain(v) for k, v in self.by_region.items()},
                "by_type": {k: _plain(v) for k, v in self.by_type.items()},
                "newly_certified_lines": {
                    scheme: [{"text": line_text(line, lang), "group": line.group,
                              "companies": [asdict(c) | {"legal_types": list(c.legal_types)}
                                            for c in line.companies]}
                             for line in lines]
                    for scheme, lines in self.newly_certified_lines.items()},
                "engaged_companies": [asdict(c) | {"legal_types": list(c.legal_types)}
                                      for c in self.engaged],
                "le_cap": {**self.cap.as_json(), "by_region": {
                    region: figures.as_json() for region, figures in self.cap_by_region.items()}}}


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


def types_text(legal_types: tuple[str, ...], lang: str) -> str:
    """"AI et ETTI": the types a line prints ("other" says nothing there and is left out)."""
    return _enumerate([t for t in legal_types if t != "other"], lang)


def types_cell(legal_types: tuple[str, ...], lang: str) -> str:
    """Every type, "other" as "autre": the types a table's cell shows."""
    return _enumerate([type_name(t, lang) for t in legal_types], lang)


def company_text(company: ListedCompany, lang: str) -> str:
    """"VILLETTE EMPLOI (AI et ETTI)"; the name alone when it has no type to print."""
    types = types_text(company.legal_types, lang)
    return f"{company.name} ({types})" if types else company.name


def place_text(town: str, department: str, lang: str) -> str:
    """"à Salon de Provence (13)"; empty without a town or department."""
    where = " ".join(part for part in (town, f"({department})" if department else "") if part)
    if not town:
        return where
    return f"{'at' if lang == 'en' else 'à'} {where}"


def line_text(line: PublishedLine, lang: str) -> str:
    """A line as the activity report prints it: "CDM INTERIM (ETTI) et COUP DE MAIN (AI) à
    Ambert (63)". Companies of one place share it; places follow each other with " ; "
    ("; " in English)."""
    places: dict[tuple[str, str], list[str]] = {}
    for company in line.companies:
        places.setdefault((company.town, company.department), []).append(
            company_text(company, lang))
    parts = []
    for (town, department), names in places.items():
        where = place_text(town, department, lang)
        parts.append(f"{_enumerate(names, lang)} {where}" if where else _enumerate(names, lang))
    return ("; " if lang == "en" else " ; ").join(parts)


def _enumerate(items: list[str], lang: str) -> str:
    """"A", "A et B", "A, B et C" ("and" in English)."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {'and' if lang == 'en' else 'et'} {items[-1]}"
