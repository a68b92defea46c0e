"""The due list's CSV is the csv module's own, byte for byte: the command writes each line from
pieces written once per distinct value (cli/output.py), which must come to the very line the
csv module writes for the whole row, whatever a company's name holds."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cedre_desk.__main__ import main
from cedre_desk.audits.dates import format_fr
from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    EventKind,
    Outcome,
    Scheme,
    label,
)
from cedre_desk.cli.output import due_csv
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.due import CycleService, DueRow
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.services.register import create_register

# What a spreadsheet or the csv module could trip on: both delimiters, quotes, line breaks,
# the formula starts the command escapes, spaces, accents.
_AWKWARD = ";,\"'\r\n\t =+-@éÉ ß"
_TEXT = st.text(alphabet=st.sampled_from(_AWKWARD) | st.characters(codec="utf-8",
                                                                   exclude_categories=["Cs"]),
                max_size=12)
_ROWS = st.lists(st.builds(
    DueRow,
    company_id=st.integers(1, 5),
    company=_TEXT,
    siret=st.none() | _TEXT,
    event=st.sampled_from(EventKind),
    due=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    late=st.booleans(),
    expected_session=st.booleans(),
    state=st.sampled_from(CompanyState),
    scheme=st.none() | st.sampled_from(Scheme),
), max_size=12)


def _as_text(cell: str) -> str:
    return "'" + cell if cell and cell[0] in "=+-@\t\r" else cell


def csv_written_whole(rows: list[DueRow], lang: str) -> str:
    """The listing as the csv module writes it, row by row (the command's format before the
    pieces): the day, late or not, company and SIRET kept as text, the event and state."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if lang == "fr" else ",")
    writer.writerow(("Échéance", "Retard", "Structure", "SIRET", "Événement", "État") if
                    lang == "fr" else ("Due", "Late", "Company", "SIRET", "Event", "State"))
    for row in rows:
        writer.writerow((
            format_fr(row.due) if lang == "fr" else row.due.isoformat(),
            ("oui" if lang == "fr" else "yes") if row.late else "",
            _as_text(row.company), _as_text(row.siret or ""),
            label(row.event, lang) + (" *" if row.expected_session else ""),
            label(row.state, lang)))
    return buffer.getvalue()


@settings(max_examples=300, deadline=None)
@given(rows=_ROWS, lang=st.sampled_from(("fr", "en")))
def test_the_csv_is_the_csv_modules_own_whatever_the_names(rows, lang):
    assert due_csv(rows, lang) == csv_written_whole(rows, lang)


def test_the_command_writes_the_csv_of_the_due_list(register_path: Path, capsys):
    """The whole command: names alike but for their case, quotes and delimiters, a formula
    start, on a register of several companies certified on the same days."""
    db = create_register(register_path)
    try:
        version = ReferentialService(db).in_force(CEDRE, date(2013, 4, 1))
        assert version is not None
        companies, audits = CompanyService(db), AuditService(db)
        committees = CommitteeService(db)
        sessions = [committees.create_session(date(2013, 6, 13)),
                    committees.create_session(date(2013, 11, 14))]
        names = ["acme", "ACME", "Acme; \"Nord\"", "=SOMME(A1)", "Ébéniste, atelier", "zèbre"]
        for number, name in enumerate(names):
            company = companies.create(CompanyInput(
                name=name, town=f"Ville {number}",
                siret="73282932000074" if number == 0 else None))
            audit = audits.create(AuditInput(
                AuditKind.CERTIFICATION, version.id, company_id=company,
                start_on=date(2013, 4, 2) + timedelta(days=number), status=AuditStatus.DONE))
            committees.record_decision(DecisionInput(
                sessions[number // 3], Outcome.GRANTED, Scheme.CEDRE, company_id=company,
                audit_id=audit))
        today = date(2015, 1, 5)
        rows = CycleService(db).due(today)
    finally:
        db.close()
    assert len(rows) >= len(names)
    for lang in ("fr", "en"):
        assert main(["due", "--db", str(register_path), "--today", today.isoformat(),
                     "--format", "csv", "--lang", lang]) == 0
        assert capsys.readouterr().out == csv_written_whole(rows, lang)
