"""Screenshots of the Le Cap screen for the README (docs/img/le-cap-*.png): the real window
on a demo register, under a virtual screen. Run it as scripts/screenshots does:

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/cap_screenshots.py \
        --db DEMO.sqlite --today 2026-11-22

It shows the Le Cap tab on the most recent assessment that has a previous one (so the radar
has both), and saves its three pages: the answers, the picture and the plan; then the
grid's editor on an indicator of theme 3.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ["CEDRE_DESK_HOME"] = tempfile.mkdtemp(prefix="cedre-shots-")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cedre_desk.audits.dates import parse_date
from cedre_desk.services.register import open_or_create
from cedre_desk.ui.app import install_style
from cedre_desk.ui.cap.view import ANSWERS, PICTURE, PLAN
from cedre_desk.ui.common.translations import Language
from cedre_desk.ui.main_window import CAP, MainWindow

sys.path.insert(0, str(Path(__file__).parent))
from window_screenshots import save, settle

PAGES = ((ANSWERS, "le-cap-reponses"), (PICTURE, "le-cap-photographie"),
         (PLAN, "le-cap-plan"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True, help="a demo register (copied first)")
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    parser.add_argument("--today", type=parse_date, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cedre-shots-db-")) / args.db.name
    shutil.copyfile(args.db, work)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    install_style(app)
    language = Language(app)
    language.apply("fr")
    today: date = args.today or date.today()  # noqa: DTZ011 - the demo's own day
    window = MainWindow(open_or_create(work, create=False), "fr", today=today,
                        language=language)
    window.resize(1360, 820)
    window.show()
    settle(app, window)
    window.show_view(CAP)
    view = window.cap_view
    view.refresh()
    compared = [line.id for line in view.list_model.rows
                if view.assessments.previous(line.id) is not None]
    if compared:
        view.select(compared[0])
    for page, name in PAGES:
        view.pages.setCurrentIndex(page)
        settle(app, window, 1.0)
        save(window, args.out / f"{name}.png")
    editor = view.edit_grid()
    shown = editor.tree.findItems("3.2.1", Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    if shown:
        editor.tree.setCurrentItem(shown[0])
    settle(app, window, 1.0)
    save(editor, args.out / "le-cap-grille.png")
    editor.reject()
    window.close()
    window.close_register()


if __name__ == "__main__":
    main()
