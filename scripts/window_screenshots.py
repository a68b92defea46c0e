"""Screenshots of the window's main views, for the README: the real window, in French, on a
demo register, under a virtual screen. Run through scripts/screenshots, which makes the demo
register and starts Xvfb:

    scripts/screenshots                # docs/img/*.png from a 530-company demo register

The register is copied first (opening it writes its lock and the day's backup), and the
window's settings go to a temporary folder: nothing of the user's is read or changed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ["CEDRE_DESK_HOME"] = tempfile.mkdtemp(prefix="cedre-shots-")

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from cedre_desk.audits.dates import parse_date
from cedre_desk.services.register import create_register, open_or_create
from cedre_desk.ui.app import install_style
from cedre_desk.ui.common.translations import Language
from cedre_desk.ui.main_window import (
    AUDITS,
    COMMITTEES,
    COMPANIES,
    DASHBOARD,
    DEADLINES,
    REFERENTIALS,
    MainWindow,
)

SHOTS = (
    (DASHBOARD, "tableau-de-bord"),
    (COMPANIES, "structures"),
    (AUDITS, "audits"),
    (COMMITTEES, "comites"),
    (REFERENTIALS, "referentiels"),
)


def settle(app: QApplication, window: MainWindow, seconds: float = 0.5) -> None:
    """Until every background read is on screen, then a moment for the paint."""
    deadline = time.monotonic() + 60
    while window.runner is not None and window.runner.pending() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


WIDTH: int | None = None  # --width: pictures scaled down to it (the user guide's)


def save(widget: QWidget, path: Path) -> None:
    picture = widget.grab()
    if WIDTH is not None and picture.width() > WIDTH:
        picture = picture.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
        # 256 colours are plenty for a window, and the guide ships inside the program
        picture = picture.toImage().convertToFormat(
            QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
            | Qt.ImageConversionFlag.AvoidDither)
    if not picture.save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


def preview_shot(app: QApplication, window: MainWindow, today: date, path: Path) -> None:
    """Fichier › Imprimer › the renewal calendar: the print preview of the PDF's pages."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    window.exchange.print_calendar.trigger()
    deadline = time.monotonic() + 120
    while window.findChild(QPrintPreviewDialog) is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    preview = window.findChild(QPrintPreviewDialog)
    if preview is None:
        raise SystemExit("the print preview did not open")
    preview.resize(1100, 820)
    settle(app, window, 1.5)
    save(preview, path)
    preview.close()


def first_start_shot(app: QApplication, window: MainWindow, path: Path) -> None:
    """An empty register: the dashboard's ways to begin (opened last: it swaps the register)."""
    empty = Path(tempfile.mkdtemp(prefix="cedre-shots-empty-")) / "registre.sqlite"
    window.swap_register(create_register(empty))
    window.show_view(DASHBOARD)
    settle(app, window)
    save(window, path)


def deadlines_shot(app: QApplication, window: MainWindow, path: Path) -> None:
    """Échéances: this quarter's due list, with what is late, as the page shows it."""
    window.show_view(DEADLINES)
    chooser = window.deadlines.chooser
    chooser.kind.setCurrentIndex(chooser.kind.findData("quarter"))
    settle(app, window, 1.0)
    save(window, path)


def preferences_shot(app: QApplication, window: MainWindow, path: Path) -> None:
    """Édition › Préférences: the dashboard's horizon."""
    from cedre_desk.ui.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(window.preferences, 90, window)
    dialog.show()
    settle(app, window, 0.5)
    save(dialog, path)
    dialog.close()


def main() -> None:
    global WIDTH
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True, help="a demo register (copied first)")
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    parser.add_argument("--today", type=parse_date, default=None)
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    parser.add_argument("--width", type=int, default=None, help="scale pictures down to it")
    args = parser.parse_args()
    WIDTH = args.width
    work = Path(tempfile.mkdtemp(prefix="cedre-shots-db-")) / args.db.name
    shutil.copyfile(args.db, work)
    args.out.mkdir(parents=True, exist_ok=True)

    app = QApplication(sys.argv)
    install_style(app)
    language = Language(app)
    language.apply(args.lang)
    today: date = args.today or date.today()  # noqa: DTZ011 - the demo's own day
    window = MainWindow(open_or_create(work, create=False), args.lang, today=today,
                        language=language)
    window.resize(1360, 820)
    window.show()
    settle(app, window)
    for number, name in SHOTS:
        window.show_view(number)
        refresh = getattr(window.current_view(), "refresh", None)
        if refresh is not None and number >= AUDITS:
            refresh()  # the hosted views read when asked
        settle(app, window, 2.0 if number >= AUDITS else 0.5)
        save(window, args.out / f"{number + 1:02d}-{name}.png")
    # A company file: the first late company of the dashboard, which has a history to show.
    board = window.dashboard.board
    if board is not None and board.late:
        window.open_company(board.late[0].company_id)
        settle(app, window)
        save(window, args.out / "06-fiche-structure.png")
    preview_shot(app, window, today, args.out / "07-apercu-impression.png")
    deadlines_shot(app, window, args.out / "08-echeances.png")
    preferences_shot(app, window, args.out / "09-preferences.png")
    first_start_shot(app, window, args.out / "00-premier-demarrage.png")
    window.close()
    window.close_register()


if __name__ == "__main__":
    main()
