"""The picture of an assessment: the radar of the themes with the previous assessment and the
target beside it, the scores by theme and sub-theme, and what moved since the previous one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.audits.dates import format_fr
from cedre_desk.services.cap.pictures import AssessmentPicture
from cedre_desk.ui.cap.models import ScoreRow, ScoresModel, percent
from cedre_desk.ui.cap.radar import RadarChart, RadarData
from cedre_desk.ui.common.column_layout import ColumnLayout
from cedre_desk.ui.common.preferences import Preferences


class PicturePage(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None, *,
                 preferences: Preferences | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.radar = RadarChart(self)
        self.model = ScoresModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        ColumnLayout(self.table, "cap-scores", preferences).restore()
        self.table.setWordWrap(False)
        self.overall = QLabel(self)
        self.moves = QLabel(self)
        self.moves.setWordWrap(True)
        self.moves.setTextFormat(Qt.TextFormat.RichText)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.overall)
        side_layout.addWidget(self.table, 3)
        side_layout.addWidget(self.moves, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.radar)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 480])
        QVBoxLayout(self).addWidget(splitter)

    def load(self, shown: AssessmentPicture | None) -> None:
        if shown is None:
            self.radar.set_data(None)
            self.model.set_rows([])
            self.overall.clear()
            self.moves.clear()
            return
        en = self.lang == "en"
        grid, current, target = shown.grid, shown.current, shown.target
        previous = shown.previous_picture
        themes = grid.themes
        self.radar.set_data(RadarData(
            axes=tuple(f"{t.code} {t.title_en if en else t.title}" for t in themes),
            rings=tuple((s.score, f"{s.level} {s.label_en if en else s.label}")
                        for s in grid.scale if s.score > 0),
            current=tuple(current.themes[t.code] for t in themes),
            target=tuple(target.themes[t.code] for t in themes),
            previous=tuple(previous.themes.get(t.code) for t in themes) if previous else None,
            legend=(self.tr("This assessment ({day})").format(
                        day=format_fr(shown.assessment.data.held_on)),
                    self.tr("Previous ({day})").format(
                        day=format_fr(shown.previous_on) if shown.previous_on else ""),
                    self.tr("Target"))))
        rows: list[ScoreRow] = []
        for theme in themes:
            rows.append(ScoreRow(f"{theme.code} {theme.title_en if en else theme.title}",
                                 current.themes[theme.code],
                                 previous.themes.get(theme.code) if previous else None,
                                 target.themes[theme.code], True))
            rows += [ScoreRow(f"{s.code} {s.title_en if en else s.title}",
                              current.subthemes[s.code],
                              previous.subthemes.get(s.code) if previous else None,
                              target.subthemes[s.code], False) for s in theme.subthemes]
        self.model.set_rows(rows)
        self.table.setColumnHidden(2, previous is None)
        self.overall.setText(self.tr("Overall: {score} ({answered} of {total} indicators "
                                     "answered)").format(score=percent(current.overall),
                                                         answered=current.answered,
                                                         total=current.total))
        if shown.previous is None:
            self.moves.setText(self.tr("No previous assessment to compare with."))
            return
        ups = [m for m in shown.moves if m.up]
        downs = [m for m in shown.moves if not m.up]
        text = self.tr("Since {day}: {up} indicator(s) up, {down} down.").format(
            day=format_fr(shown.previous_on) if shown.previous_on else "", up=len(ups),
            down=len(downs))
        lines = [f"{m.code} : {_level(m.before)} → {_level(m.after)}" for m in shown.moves[:12]]
        self.moves.setText("<br/>".join([f"<b>{text}</b>", *lines]))


def _level(level: int | None) -> str:
    return "—" if level is None else str(level)
