"""The table models of the Le Cap screen: the assessments, the answers (editable), the scores
and the progress plan (editable). Small tables: each model keeps its rows as they are shown
and notes what the user changed, for the page to save."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from cedre_desk.audits.cap import CapGrid, CapIndicator
from cedre_desk.audits.dates import format_fr, parse_date
from cedre_desk.services.cap.assessments import REVIEWER_WORDS, STATUS_WORDS, AssessmentLine
from cedre_desk.services.cap.plan import ACTION_WORDS, ActionRow

_Index = QModelIndex | QPersistentModelIndex
LATE = QBrush(QColor("#b3261e"))
BELOW = QBrush(QColor("#fbe9e7"))
DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole


def percent(score: float | None) -> str:
    return "—" if score is None else f"{round(score * 100)} %"


class _Table(QAbstractTableModel):
    headers: list[str]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.headers[section]
        return None

    rows: list[Any]


class AssessmentListModel(_Table):
    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: list[AssessmentLine] = []
        self.headers = [self.tr("Date"), self.tr("Company or group"), self.tr("Status"),
                        self.tr("Review"), self.tr("Answers")]

    def set_rows(self, rows: list[AssessmentLine]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        if role != DISPLAY:
            return None
        line = self.rows[index.row()]
        word = 1 if self.lang == "en" else 0
        reviewer = REVIEWER_WORDS[line.reviewer_kind][word]
        if line.reviewer_name:
            reviewer = f"{line.reviewer_name} ({reviewer})"
        return (format_fr(line.held_on), line.subject, STATUS_WORDS[line.status][word],
                reviewer, str(line.answered))[index.column()]


@dataclass
class AnswerRow:
    indicator: CapIndicator
    level: int | None
    comment: str
    evidence: str


CODE, QUESTION, LEVEL, TARGET_COLUMN, COMMENT, EVIDENCE = range(6)


class AnswersModel(_Table):
    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.grid: CapGrid | None = None
        self.rows: list[AnswerRow] = []
        self.changed: set[str] = set()
        self.headers = [self.tr("Code"), self.tr("Question"), self.tr("Level"),
                        self.tr("Target"), self.tr("Comment"), self.tr("Evidence")]

    def load(self, grid: CapGrid, rows: list[AnswerRow]) -> None:
        self.beginResetModel()
        self.grid, self.rows, self.changed = grid, rows, set()
        self.endResetModel()

    def level_name(self, level: int | None) -> str:
        if level is None or self.grid is None:
            return "—"
        step = self.grid.scale[level]
        return f"{level} {step.label_en if self.lang == 'en' else step.label}"

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() in (LEVEL, COMMENT, EVIDENCE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        row = self.rows[index.row()]
        column = index.column()
        below = row.level is not None and row.level < row.indicator.target
        if role == Qt.ItemDataRole.BackgroundRole and below and column == LEVEL:
            return BELOW
        if role == Qt.ItemDataRole.ToolTipRole and column == QUESTION:
            return row.indicator.question
        if role == EDIT:
            return {LEVEL: -1 if row.level is None else row.level, COMMENT: row.comment,
                    EVIDENCE: row.evidence}.get(column)
        if role != DISPLAY:
            return None
        return (row.indicator.code, row.indicator.question, self.level_name(row.level),
                self.level_name(row.indicator.target), row.comment, row.evidence)[column]

    def setData(self, index: _Index, value: Any, role: int = EDIT) -> bool:
        if role != EDIT or not index.isValid():
            return False
        row = self.rows[index.row()]
        if index.column() == LEVEL:
            row.level = None if value is None or int(value) < 0 else int(value)
        elif index.column() == COMMENT:
            row.comment = str(value)
        elif index.column() == EVIDENCE:
            row.evidence = str(value)
        else:
            return False
        self.changed.add(row.indicator.code)
        self.dataChanged.emit(index, index)
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box over (value, text) choices, for a column whose EditRole is the value."""

    def __init__(self, choices: list[tuple[Any, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: _Index) -> QWidget:
        combo = QComboBox(parent)
        for value, text in self.choices:
            combo.addItem(text, value)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(EDIT))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), EDIT)


@dataclass(frozen=True)
class ScoreRow:
    title: str
    score: float | None
    previous: float | None
    target: float | None
    is_theme: bool


class ScoresModel(_Table):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ScoreRow] = []
        self.headers = [self.tr("Theme / sub-theme"), self.tr("Score"), self.tr("Previous"),
                        self.tr("Target")]

    def set_rows(self, rows: list[ScoreRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.FontRole and row.is_theme:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 and \
                row.score is not None and row.target is not None and row.score < row.target:
            return LATE
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != DISPLAY:
            return None
        return (row.title if row.is_theme else f"    {row.title}", percent(row.score),
                percent(row.previous), percent(row.target))[index.column()]


@dataclass
class PlanRow:
    id: int | None  # None: added here, not saved yet
    version: int
    indicator: str
    text: str
    owner: str
    due_on: date | None
    status: str
    late: bool


P_INDICATOR, P_TEXT, P_OWNER, P_DUE, P_STATUS = range(5)


class PlanModel(_Table):
    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: list[PlanRow] = []
        self.changed: set[int] = set()  # row numbers
        self.headers = [self.tr("Indicator"), self.tr("Action"), self.tr("Owner"),
                        self.tr("Due"), self.tr("Status")]

    def load(self, actions: list[ActionRow]) -> None:
        self.beginResetModel()
        self.rows = [PlanRow(a.id, a.version, a.data.indicator, a.data.text, a.data.owner,
                             a.data.due_on, a.data.status, a.late) for a in actions]
        self.changed = set()
        self.endResetModel()

    def add(self, row: PlanRow) -> int:
        number = len(self.rows)
        self.beginInsertRows(QModelIndex(), number, number)
        self.rows.append(row)
        self.changed.add(number)
        self.endInsertRows()
        return number

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() != P_INDICATOR:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole and row.late and column in (P_DUE, P_STATUS):
            return LATE
        if role == Qt.ItemDataRole.ToolTipRole and column == P_TEXT:
            return row.text
        if role == EDIT:
            return {P_TEXT: row.text, P_OWNER: row.owner,
                    P_DUE: format_fr(row.due_on) if row.due_on else "",
                    P_STATUS: row.status}.get(column)
        if role != DISPLAY:
            return None
        status = ACTION_WORDS[row.status][1 if self.lang == "en" else 0]
        if row.late:
            status += " — " + self.tr("late")
        return (row.indicator, row.text, row.owner,
                format_fr(row.due_on) if row.due_on else "", status)[column]

    def setData(self, index: _Index, value: Any, role: int = EDIT) -> bool:
        if role != EDIT or not index.isValid():
            return False
        row = self.rows[index.row()]
        column = index.column()
        if column == P_TEXT:
            row.text = str(value)
        elif column == P_OWNER:
            row.owner = str(value)
        elif column == P_DUE:
            text = str(value).strip()
            try:
                row.due_on = parse_date(text) if text else None
            except ValueError:
                return False  # the date typed is not one: the cell keeps its value
        elif column == P_STATUS:
            row.status = str(value)
        else:
            return False
        self.changed.add(index.row())
        self.dataChanged.emit(index, self.index(index.row(), P_STATUS))
        return True
