"""The import driven with random cell values: it imports or refuses (exit 0 or 1), never ends
in an internal error (exit 3) (issue 15, point 7)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from cedre_desk.__main__ import main
from cedre_desk.services.register import create_register

pytestmark = pytest.mark.sqlite_only  # the command line on a register file

HEADER = ["Nom", "SIRET", "Ville", "Département", "Type de structure", "Date d'audit",
          "Type d'audit", "Auditeur", "Date du comité", "Décision", "Groupe", "Référentiel"]

_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
_CELL = st.one_of(
    st.none(), _TEXT,
    st.sampled_from(["_xD800_", "\u202eISIS", "=1+1", "31/02/2015", "2150-01-01", "0001-01-01",
                     "Accordée", "initial", "AI et ETTI", "12345678901234", "AI", "13",
                     "a" * 5_000, "CEDRE V3", "renouvellement", "suivi 1"]),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=False, width=32),
    st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9999, 12, 31)),
    st.booleans(),
)
_ROWS = st.lists(st.lists(_CELL, min_size=len(HEADER), max_size=len(HEADER)),
                 min_size=1, max_size=6)


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("random-import") / "registre.sqlite"
    create_register(path).close()
    return path


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_ROWS, dry_run=st.booleans())
def test_random_cells_are_imported_or_refused_never_an_internal_error(rows, dry_run, register,
                                                                      tmp_path, capsys):
    book = tmp_path / "hasard.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Structures"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(book)
    argv = ["import", "--db", str(register), str(book)] + (["--dry-run"] if dry_run else [])
    assert main(argv) in (0, 1)
    assert "Erreur interne" not in capsys.readouterr().err
