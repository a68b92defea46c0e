"""A first main window: the due list of the register, late items first in red.

The full window (dashboard, companies, audits, committees, referentials) is built on top of
this in its own issue; this one already goes through the services only.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QTableView

from cedre_desk.services.due import CycleService
from cedre_desk.storage.database import Database
from cedre_desk.ui.due_model import SORT_ROLE, DueModel


class MainWindow(QMainWindow):
    def __init__(self, db: Database, lang: str, today: date) -> None:
        super().__init__()
        self._cycle = CycleService(db)
        self._today = today
        self._lang = lang
        fr = lang != "en"
        self.setWindowTitle(f"cedre-desk — {db.path.name if db.path else ''}")
        self.model = DueModel(lang, self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.setCentralWidget(self.table)
        self.summary = QLabel(self)
        self.statusBar().addPermanentWidget(self.summary)
        menu = self.menuBar().addMenu("&Fichier" if fr else "&File")
        refresh = QAction("Actualiser" if fr else "Refresh", self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh)
        quit_action = QAction("Quitter" if fr else "Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(refresh)
        menu.addAction(quit_action)
        self.resize(1000, 640)
        self.refresh()

    def refresh(self) -> None:
        rows = self._cycle.due(self._today, within_days=90)
        self.model.set_rows(rows)
        self.table.resizeColumnToContents(0)
        late = sum(r.late for r in rows)
        if self._lang == "en":
            self.summary.setText(f"{len(rows)} due within 90 days, {late} late")
        else:
            self.summary.setText(f"{len(rows)} échéance(s) à 90 jours, dont {late} en retard")
