"""The figures' data stands apart from its writers: reading it loads no writer library."""

from __future__ import annotations

import subprocess
import sys


def test_the_figures_data_loads_neither_openpyxl_nor_reportlab():
    code = ("import sys\n"
            "import cedre_desk.exports.statistics_figures\n"
            "print(sorted(m for m in ('openpyxl', 'reportlab') if m in sys.modules))\n")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, timeout=120)
    assert shown.stdout.strip() == "[]", shown.stderr


def test_the_writers_do_not_import_each_other():
    """statistics_pdf reads the data module, never the Excel writer (the circle of issue 16)."""
    code = ("import sys\n"
            "import cedre_desk.exports.statistics_pdf\n"
            "print('cedre_desk.exports.statistics_files' in sys.modules)\n")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, timeout=120)
    assert shown.stdout.strip() == "False", shown.stderr
