"""The window's start imports neither the export and import libraries nor Alembic.

They cost the start ≈0.5 s of CPU and ≈40 MB (docs/performance.md, "Window ready") for work
it may never do: openpyxl, reportlab and icalendar are loaded by the first export or import,
Alembic only when a register needs migrating. Each check runs in a fresh interpreter, since
this test process has imported all of them already.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cedre_desk.services.register import create_register

# What the start must not load; PIL and mako come in with reportlab and Alembic.
HEAVY = ("alembic", "mako", "openpyxl", "reportlab", "icalendar", "PIL")
COMMAND_MODULES = ("cedre_desk.cli.core_commands", "cedre_desk.cli.safety_commands",
                   "cedre_desk.cli.export_commands")
# The window's export and import dialogs come when asked for (ui/exchange/menu.py).
DIALOGS = ("cedre_desk.ui.exchange.exports", "cedre_desk.ui.exchange.import_dialog")
# The screens not on show, and a company's file, come when first shown (ui/screens.LazyPage).
HIDDEN_SCREENS = ("cedre_desk.ui.audits", "cedre_desk.ui.committees",
                  "cedre_desk.ui.referentials", "cedre_desk.ui.cap", "cedre_desk.ui.deadlines",
                  "cedre_desk.ui.companies.file_view", "cedre_desk.services.company_file")
# What rarely used menu entries run comes when they are chosen: the demonstration register's
# generator (Fichier › Registre de démonstration), the export service the Échéances page and
# File › Export use (docs/performance.md, "Window at 530 companies").
RARE_ACTIONS = ("cedre_desk.services.demo", "cedre_desk.services.exporting")

# The window's start as `cedre-desk --db PATH` runs it (main() reading sys.argv), stopped at
# the first turn of the event loop (the window built and shown), then what it had imported
# and the cycle collector's state.
WINDOW_START = """
import gc, json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
QTimer.singleShot(0, app.quit)
from cedre_desk.__main__ import main
sys.argv = ["cedre-desk", "--db", sys.argv[1]]
code = main()
print(json.dumps({"exit": code, "modules": sorted(sys.modules),
                  "window": any(type(w).__name__ == "MainWindow"
                                for w in app.topLevelWidgets()),
                  "frozen": gc.get_freeze_count(), "enabled": gc.isenabled()}))
"""


def _run(code: str, *args: str) -> dict:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                            text=True, check=False, timeout=180)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if m in names or m.startswith(tuple(f"{n}." for n in names))]


@pytest.mark.gui
def test_the_window_starts_without_the_export_libraries_nor_alembic(register_path: Path):
    create_register(register_path).close()
    shown = _run(WINDOW_START, str(register_path))
    assert shown["exit"] == 0 and shown["window"]
    assert _loaded(shown["modules"], HEAVY) == []
    assert _loaded(shown["modules"], COMMAND_MODULES) == [], "the command-line parser was built"
    assert _loaded(shown["modules"], DIALOGS) == []
    assert _loaded(shown["modules"], HIDDEN_SCREENS) == []
    # What the start imported is out of the cycle collector's passes (see the command's test)
    assert shown["enabled"] and shown["frozen"] > 50_000
    assert _loaded(shown["modules"], RARE_ACTIONS) == []


def test_a_command_loads_only_what_it_uses(register_path: Path):
    """`due` lists deadlines: no export library, no Alembic for an up-to-date register."""
    create_register(register_path).close()
    code = ("import json, sys\n"
            "from cedre_desk.__main__ import main\n"
            "code = main(['due', '--db', sys.argv[1], '--format', 'json'])\n"
            "print(json.dumps({'exit': code, 'modules': sorted(sys.modules)}))\n")
    shown = _run(code, str(register_path))
    assert shown["exit"] == 0
    assert _loaded(shown["modules"], HEAVY) == []
    # Nor the export and import code: only the parsers of the module that has `due`.
    assert _loaded(shown["modules"], ("cedre_desk.cli.export_commands",
                                      "cedre_desk.services.exporting",
                                      "cedre_desk.services.importing")) == []


def test_each_command_word_is_found_in_the_module_that_adds_it():
    """COMMAND_WORDS (which module to build for a command) says what the modules add."""
    import argparse
    import importlib

    from cedre_desk.cli.parser import COMMAND_MODULES, COMMAND_WORDS

    added = {}
    for name in COMMAND_MODULES:
        commands = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"cedre_desk.cli.{name}").register(commands)
        added.update(dict.fromkeys(commands.choices, name))
    assert added == COMMAND_WORDS



# A command run as the program (main() reading sys.argv, as the console scripts do): then the
# collector's state, and the same command given its arguments by a caller (as the tests do).
COLLECTOR_AFTER = """
import gc, json, sys
from cedre_desk.__main__ import main
register, own = sys.argv[1], sys.argv[2] == "own"
argv = ["due", "--db", register, "--format", "csv"]
if own:
    sys.argv = ["cedre-desk-cli", *argv]
code = main() if own else main(argv)
print(json.dumps({"exit": code, "frozen": gc.get_freeze_count(), "enabled": gc.isenabled()}))
"""


def test_a_command_leaves_what_it_imported_out_of_the_collector(register_path: Path):
    """Run as the program, a command's imports are frozen out of the cycle collector (each full
    pass walked them again: 0.2-0.3 s of `cedre-desk-cli due`, docs/performance.md); called
    with its arguments, as a caller's function, it leaves the collector alone."""
    create_register(register_path).close()
    own = _run(COLLECTOR_AFTER, str(register_path), "own")
    assert own["exit"] == 0 and own["enabled"]
    assert own["frozen"] > 50_000  # SQLAlchemy, SQLModel, the tables: over 100,000
    called = _run(COLLECTOR_AFTER, str(register_path), "called")
    assert called == {"exit": 0, "frozen": 0, "enabled": True}
