"""The yearly figures (see services/statistics.py for what each one counts; their data:
statistics_figures.py) as an Excel workbook and a PDF page with charts (statistics_pdf.py, with
reportlab loaded when a PDF is written)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from cedre_desk.exports.statistics_figures import (
    CAP_PEER,
    CAP_RAN,
    CAP_REVIEWED,
    CAP_THIRD_PARTY,
    FIGURES,
    CapFigures,
    Figures,
    ListedCompany,
    YearlyFigures,
    cap_words,
    figure_label,
    line_text,
    type_name,
    types_cell,
)
from cedre_desk.exports.workbook_model import Column, Sheet, WorkbookReport
from cedre_desk.exports.workbook_writer import write_workbook

# The breakdowns' column heads, short: a column is as wide as its head (the full labels are
# on the first sheet).
_SHORT_FR = ("Nouvelles certifiées", "Entrées", "Renouvelées", "Préparant renouv.",
             "Audits de suivi", "Certifiées 31/12", "Engagées 31/12")
_SHORT_EN = ("Newly certified", "Entered", "Renewed", "Preparing renewal", "Follow-ups",
             "Certified 31/12", "Engaged 31/12")


def _breakdown_columns(first: str, lang: str) -> list[Column]:
    en = lang == "en"
    heads = [first, *(_SHORT_EN if en else _SHORT_FR),
             "CEDRE", "CEDRE ISO 9001", "Active members" if en else "Adhérents actifs",
             "Share certified (%)" if en else "Part certifiée (%)"]
    kinds = ["text"] + ["int"] * 10 + ["number"]
    return [Column(h, k, 14) for h, k in zip(heads, kinds, strict=True)]


def _breakdown_row(name: str, f: Figures) -> tuple[Any, ...]:
    return (name, f.newly_certified, f.entered, f.renewed, f.preparing_renewal,
            f.follow_up_audits, f.certified_at_year_end, f.engaged_at_year_end,
            f.certified_by_scheme.get("CEDRE", 0),
            f.certified_by_scheme.get("CEDRE ISO 9001", 0), f.active_members,
            round(f.certified_share * 100, 1))


def write_statistics_workbook(target: Path, data: YearlyFigures, *,
                              lang: str = "fr") -> WorkbookReport:
    en = lang == "en"
    total = data.total
    summary = [(figure_label(key, lang), getattr(total, key)) for key, _, _ in FIGURES]
    summary += [(f"{'Certified' if en else 'Certifiées'} CEDRE",
                 total.certified_by_scheme.get("CEDRE", 0)),
                (f"{'Certified' if en else 'Certifiées'} CEDRE ISO 9001",
                 total.certified_by_scheme.get("CEDRE ISO 9001", 0)),
                ("Active members" if en else "Adhérents actifs", total.active_members),
                ("Share of active members certified (%)" if en
                 else "Part des adhérents actifs certifiés (%)",
                 round(total.certified_share * 100, 1)),
                (cap_words(CAP_RAN, lang), data.cap.companies),
                (f"Le Cap: {cap_words(CAP_REVIEWED, lang)} (%)" if en
                 else f"Le Cap : {cap_words(CAP_REVIEWED, lang)} (%)",
                 round(data.cap.reviewed_share * 100, 1))]
    sheets = [
        Sheet(str(data.year), f"Chiffres{data.year}",
              [Column("Figure" if en else "Indicateur", "text", 44),
               Column(str(data.year), "number", 10)], summary),
        Sheet("By region" if en else "Par région", "ParRegion",
              _breakdown_columns("Region" if en else "Région", lang),
              [_breakdown_row(k, v) for k, v in data.by_region.items()]),
        Sheet("By type" if en else "Par type", "ParType",
              _breakdown_columns("Type", lang),
              [_breakdown_row(type_name(k, lang), v) for k, v in data.by_type.items()]),
        _newly_certified_sheet(data, lang),
        _engaged_sheet(data, lang),
        _cap_sheet(data, lang),
    ]
    title = f"CEDRE figures {data.year}" if en else f"Chiffres CEDRE {data.year}"
    return write_workbook(target, sheets, title=title)


def _company_columns(lang: str) -> list[Column]:
    en = lang == "en"
    return [Column("Company" if en else "Structure", "text", 36),
            Column("Legal types" if en else "Types", "text", 14),
            Column("Town" if en else "Ville", "text", 24),
            Column("Department" if en else "Département", "text", 12)]


def _company_cells(company: ListedCompany, lang: str) -> tuple[str, ...]:
    return (company.name, types_cell(company.legal_types, lang), company.town,
            company.department)


def _newly_certified_sheet(data: YearlyFigures, lang: str) -> Sheet:
    """One row per company, with its scheme, its group and its line as the report prints it
    (the same line on each of a group's rows), so the sheet filters and sorts."""
    en = lang == "en"
    rows = [(scheme, line_text(line, lang), line.group, *_company_cells(company, lang))
            for scheme, lines in data.newly_certified_lines.items() for line in lines
            for company in line.companies]
    columns = [Column("Scheme" if en else "Certification", "text", 16),
               Column("As published" if en else "Ligne du rapport", "text", 60),
               Column("Group" if en else "Groupe", "text", 24), *_company_columns(lang)]
    return Sheet(f"Newly certified {data.year}" if en else f"Nouvelles certifiées {data.year}",
                 "NouvellesCertifiees", columns, rows)


def _engaged_sheet(data: YearlyFigures, lang: str) -> Sheet:
    en = lang == "en"
    return Sheet("Engaged at 31-12" if en else "Engagées au 31-12", "Engagees",
                 _company_columns(lang), [_company_cells(c, lang) for c in data.engaged])


def _cap_sheet(data: YearlyFigures, lang: str) -> Sheet:
    """Le Cap per region, then the total: the companies that ran it, those reviewed."""
    en = lang == "en"
    heads = ["Region" if en else "Région", cap_words(CAP_RAN, lang),
             "Reviewed" if en else "Relues", cap_words(CAP_THIRD_PARTY, lang),
             cap_words(CAP_PEER, lang), "Share reviewed (%)" if en else "Part relue (%)"]
    columns = [Column(heads[0], "text", 26), *(Column(h, "int", 14) for h in heads[1:5]),
               Column(heads[5], "number", 14)]

    def row(name: str, figures: CapFigures) -> tuple[Any, ...]:
        return (name, figures.companies, figures.reviewed, figures.third_party, figures.peer,
                round(figures.reviewed_share * 100, 1))

    rows = [row(name, f) for name, f in data.cap_by_region.items()]
    return Sheet(f"Le Cap {data.year}", "LeCap", columns, [*rows, row("Total", data.cap)])


def write_statistics_pdf(target: Path, data: YearlyFigures, *, printed_on: date,
                         lang: str = "fr") -> Path:
    from cedre_desk.exports.statistics_pdf import write_pdf  # loads reportlab

    return write_pdf(target, data, printed_on=printed_on, lang=lang)
