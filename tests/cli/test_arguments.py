"""Every command-line value is checked by the parser: a bad one is refused (exit 1) with its
reason in French and English, never an internal error (exit 3); exit 2 is kept for a misuse of
the command (an unknown option or command, a missing argument)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cedre_desk.__main__ import main
from cedre_desk.services.register import create_register


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("args") / "registre.sqlite"
    create_register(path).close()
    return path


def _exit(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as leaving:
        return int(leaving.code or 0)


@pytest.mark.parametrize(("argv", "said"), [
    (["stats", "--year", "0"], "année invalide"),
    (["stats", "--year", "-5"], "année invalide"),
    (["stats", "--year", "99999"], "année invalide"),
    (["export", "stats", "--year", "10000", "-o", "x.xlsx"], "année invalide"),
    (["due", "--within", "99999999999"], "nombre de jours invalide"),
    (["due", "--today", "9999-12-31", "--within", "5"], "date hors limites"),
    (["export", "report", "--audit", "99999999999999999999999", "-o", "x.pdf"],
     "identifiant invalide"),
    (["export", "report", "--audit", "0", "-o", "x.pdf"], "identifiant invalide"),
    (["export", "calendar", "--from", "9999-01-01", "-o", "x.ics"], "date hors limites"),
    (["export", "calendar", "--reminder", "1" * 5000, "-o", "x.ics"], "…"),
    (["demo", "--seed", "-1"], "graine invalide"),
    (["due", "--today", "31/02/2026"], "date invalide"),
    (["due", "--from", "demain"], "date invalide"),
    (["stats", "--year", "deux mille"], "année invalide"),
])
def test_values_out_of_range_are_refused_with_their_reason(argv, said, register, capsys):
    assert _exit([*argv, "--db", str(register)]) == 1
    err = capsys.readouterr().err
    assert said in err
    assert len(err) < 2000  # a 5,000-digit value is cut, not echoed whole


@pytest.mark.parametrize("argv", [
    ["stats", "--yeer", "2025"], ["due", "--within"], ["stats"], ["inconnue"],
    ["due", "--format", "xml"],
])
def test_a_misused_command_is_a_usage_error(argv, register, capsys):
    assert _exit([*argv, "--db", str(register)]) == 2
    assert "usage" in capsys.readouterr().err


def test_a_period_that_ends_before_it_starts_is_refused(register, tmp_path, capsys):
    assert _exit(["export", "calendar", "--db", str(register), "--from", "2020-01-01",
                  "--to", "2019-01-01", "-o", str(tmp_path / "x.ics")]) == 1
    assert "La fin de la période (01/01/2019) précède son début (01/01/2020)." in \
        capsys.readouterr().err
    assert not (tmp_path / "x.ics").exists()
    assert _exit(["due", "--db", str(register), "--from", "2020-01-01",
                  "--to", "2019-01-01"]) == 1
    assert "précède son début" in capsys.readouterr().err


def test_the_largest_values_accepted_still_run(register, tmp_path):
    assert _exit(["due", "--db", str(register), "--today", "2999-12-31",
                  "--within", "36500"]) == 0
    assert _exit(["export", "calendar", "--db", str(register), "--from", "2999-01-01",
                  "-o", str(tmp_path / "x.ics")]) == 0
    assert _exit(["stats", "--db", str(register), "--year", "2999"]) == 0


_VALUES = st.one_of(
    st.integers(min_value=-10**25, max_value=10**25).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.text(max_size=30).filter(lambda t: not t.startswith("-")),
)
_COMMANDS = [
    ["stats", "--year"], ["export", "stats", "-o", "{out}.xlsx", "--year"],
    ["due", "--within"], ["due", "--today"], ["due", "--today", "2999-12-31", "--within"],
    ["export", "report", "-o", "{out}.pdf", "--audit"],
    ["export", "calendar", "-o", "{out}.ics", "--from"],
    ["export", "calendar", "-o", "{out}.ics", "--to"],
    ["export", "calendar", "-o", "{out}.ics", "--reminder"],
    ["demo", "--db", "{out}.sqlite", "--companies", "1", "--seed"],
]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(_COMMANDS), value=_VALUES)
def test_random_values_never_end_in_an_internal_error(command, value, register, tmp_path):
    out = str(tmp_path / "out")
    argv = [part.replace("{out}", out) for part in command] + [value]
    if "--db" not in argv:
        argv += ["--db", str(register)]
    assert _exit(argv) in (0, 1)
