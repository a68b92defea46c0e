"""The grid edited in the window: themes > sub-themes > indicators as a tree, the indicator in
hand in a form (code, question, what each level means, target, suggested action); indicators
added, removed and moved within their sub-theme. Saved as a new version of the grid: the
assessments already made keep the version they were answered on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.audits.cap import CapGrid, CapIndicator, CapSubtheme, CapTheme
from cedre_desk.errors import UserError
from cedre_desk.ui.common.discard import keep_editing

_DRAFT = Qt.ItemDataRole.UserRole  # an indicator item's _Draft; a sub-theme item's code


@dataclass
class _Draft:
    """An indicator as it is being edited."""

    code: str
    question: str
    levels: list[str]
    target: int
    action: str
    subtheme: str = field(default="")

    @classmethod
    def of(cls, indicator: CapIndicator, subtheme: str) -> _Draft:
        return cls(indicator.code, indicator.question, list(indicator.levels), indicator.target,
                   indicator.action, subtheme)

    def indicator(self) -> CapIndicator:
        return CapIndicator(self.code, self.question, tuple(self.levels), self.target,
                            self.action)


class GridEditor(QDialog):
    """Edit `grid`; `save` keeps the edited grid as a new version and returns its id."""

    def __init__(self, grid: CapGrid, lang: str, today: date,
                 save: Callable[[CapGrid], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid, self.lang, self.save_grid = grid, lang, save
        self.saved_id: int | None = None
        self._loading = False  # True while the form shows an indicator: nothing to write back
        self.setWindowTitle(self.tr("Le Cap grid"))
        self.label = QLineEdit(f"{grid.label} {today.isoformat()}"[:60], self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Code"), self.tr("Theme, sub-theme, indicator")])
        self.tree.installEventFilter(self)
        for theme in grid.themes:
            theme_item = QTreeWidgetItem(self.tree, [theme.code, self._title(theme)])
            for sub in theme.subthemes:
                sub_item = QTreeWidgetItem(theme_item, [sub.code, self._title(sub)])
                sub_item.setData(0, _DRAFT, sub.code)
                for indicator in sub.indicators:
                    self._item(sub_item, _Draft.of(indicator, sub.code))
        self.tree.expandAll()
        # the codes whole, however deep: "3.2.1" under its theme and sub-theme
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, self.tree.columnWidth(0) + 12)
        self.tree.currentItemChanged.connect(lambda *_: self._show())

        self.code = QLineEdit(self)
        self.question = QPlainTextEdit(self)
        self.question.setTabChangesFocus(True)
        self.question.setMaximumHeight(110)
        self.meanings = [QLineEdit(self) for _ in grid.scale]
        self.target = QComboBox(self)
        for step in grid.scale:
            self.target.addItem(f"{step.level} {self._level_name(step.level)}", step.level)
        self.action = QPlainTextEdit(self)
        self.action.setTabChangesFocus(True)
        self.action.setMaximumHeight(110)
        self.form = QWidget(self)
        form = QFormLayout(self.form)
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Question"), self.question)
        for step, meaning in zip(grid.scale, self.meanings, strict=True):
            form.addRow(f"{step.level} {self._level_name(step.level)}", meaning)
        form.addRow(self.tr("Target"), self.target)
        form.addRow(self.tr("Suggested action"), self.action)
        self.code.textChanged.connect(lambda text: self._edit(code=text))
        self.question.textChanged.connect(
            lambda: self._edit(question=self.question.toPlainText()))
        for number, meaning in enumerate(self.meanings):
            meaning.textChanged.connect(lambda text, n=number: self._edit_level(n, text))
        self.target.currentIndexChanged.connect(
            lambda _: self._edit(target=self.target.currentData()))
        self.action.textChanged.connect(lambda: self._edit(action=self.action.toPlainText()))

        self.add_button = QPushButton(self.tr("Add an indicator"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.down_button = QPushButton(self.tr("Move down"), self)
        self.add_button.clicked.connect(self.add_indicator)
        self.remove_button.clicked.connect(self.remove_indicator)
        self.up_button.clicked.connect(lambda: self.move_indicator(-1))
        self.down_button.clicked.connect(lambda: self.move_indicator(1))
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save as a new version"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

        tools = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            tools.addWidget(button)
        tools.addStretch(1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(tools)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.form)
        splitter.setSizes([520, 560])
        top = QFormLayout()
        top.addRow(self.tr("New version's name"), self.label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr(
            "The assessments already made keep the grid they were answered on."), self))
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(1120, 640)
        first = self.tree.topLevelItem(0).child(0).child(0)
        self.tree.setCurrentItem(first)
        self._shown_grid = self.edited_grid()

    # The tree --------------------------------------------------------------------------------

    def current_draft(self) -> _Draft | None:
        item = self.tree.currentItem()
        draft = item.data(0, _DRAFT) if item is not None else None
        return draft if isinstance(draft, _Draft) else None

    def _subtheme_item(self) -> QTreeWidgetItem | None:
        """The sub-theme in hand: the one selected, or the selected indicator's."""
        item = self.tree.currentItem()
        if item is None:
            return None
        if isinstance(item.data(0, _DRAFT), _Draft):
            return item.parent()
        return item if isinstance(item.data(0, _DRAFT), str) else None

    def _item(self, parent: QTreeWidgetItem, draft: _Draft,
              position: int | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([draft.code, _one_line(draft.question)])
        item.setToolTip(1, draft.question)
        item.setData(0, _DRAFT, draft)
        if position is None:
            parent.addChild(item)
        else:
            parent.insertChild(position, item)
        return item

    def add_indicator(self) -> None:
        sub_item = self._subtheme_item()
        if sub_item is None:
            return
        code = str(sub_item.data(0, _DRAFT))
        taken = {d.code for d in self.drafts()}
        number = sub_item.childCount() + 1
        while f"{code}.{number}" in taken:
            number += 1
        draft = _Draft(f"{code}.{number}", "", ["" for _ in self.grid.scale],
                       len(self.grid.scale) - 2 if len(self.grid.scale) > 2 else 1, "", code)
        current = self.tree.currentItem()
        position = sub_item.indexOfChild(current) + 1 if current is not sub_item else None
        item = self._item(sub_item, draft, position)
        self.tree.setCurrentItem(item)
        self.question.setFocus()

    def remove_indicator(self) -> None:
        item = self.tree.currentItem()
        if item is None or self.current_draft() is None:
            return
        parent = item.parent()
        row = parent.indexOfChild(item)
        parent.takeChild(row)
        following = parent.child(min(row, parent.childCount() - 1))
        self.tree.setCurrentItem(following if following is not None else parent)

    def move_indicator(self, step: int) -> None:
        item = self.tree.currentItem()
        if item is None or self.current_draft() is None:
            return
        parent = item.parent()
        row = parent.indexOfChild(item)
        if not 0 <= row + step < parent.childCount():
            return
        parent.takeChild(row)
        parent.insertChild(row + step, item)
        self.tree.setCurrentItem(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Del removes the indicator in hand; Ctrl+Up and Ctrl+Down move it."""
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if event.key() == Qt.Key.Key_Delete:
                self.remove_indicator()
                return True
            if ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_indicator(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)

    # The form --------------------------------------------------------------------------------

    def _show(self) -> None:
        draft = self.current_draft()
        self.form.setEnabled(draft is not None)
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(draft is not None)
        self.add_button.setEnabled(self._subtheme_item() is not None)
        shown = draft or _Draft("", "", ["" for _ in self.grid.scale], 0, "")
        self._loading = True
        try:
            self.code.setText(shown.code)
            self.question.setPlainText(shown.question)
            for meaning, text in zip(self.meanings, shown.levels, strict=True):
                meaning.setText(text)
            self.target.setCurrentIndex(max(0, self.target.findData(shown.target)))
            self.action.setPlainText(shown.action)
        finally:
            self._loading = False

    def _edit(self, **values: object) -> None:
        draft = self.current_draft()
        if draft is None or self._loading:
            return
        for key, value in values.items():
            setattr(draft, key, value)
        item = self.tree.currentItem()
        item.setText(0, draft.code)
        item.setText(1, _one_line(draft.question))
        item.setToolTip(1, draft.question)

    def _edit_level(self, level: int, text: str) -> None:
        draft = self.current_draft()
        if draft is not None and not self._loading:
            draft.levels[level] = text

    # Saving ----------------------------------------------------------------------------------

    def drafts(self) -> list[_Draft]:
        """Every indicator, in the tree's order."""
        found: list[_Draft] = []
        for t in range(self.tree.topLevelItemCount()):
            theme = self.tree.topLevelItem(t)
            for s in range(theme.childCount()):
                sub = theme.child(s)
                found += [sub.child(i).data(0, _DRAFT) for i in range(sub.childCount())]
        return found

    def edited_grid(self) -> CapGrid:
        """The grid as the tree and the form now have it, under the new version's name."""
        themes = []
        for t, theme in enumerate(self.grid.themes):
            theme_item = self.tree.topLevelItem(t)
            subthemes = []
            for s, sub in enumerate(theme.subthemes):
                sub_item = theme_item.child(s)
                indicators = tuple(sub_item.child(i).data(0, _DRAFT).indicator()
                                   for i in range(sub_item.childCount()))
                subthemes.append(CapSubtheme(sub.code, sub.title, sub.title_en, indicators))
            themes.append(CapTheme(theme.code, theme.title, theme.title_en, tuple(subthemes)))
        source = (f"Modifiée dans la fenêtre depuis « {self.grid.label} » / edited in the "
                  f"window from “{self.grid.label}”.")
        return CapGrid(self.label.text(), self.grid.title, source, False, self.grid.scale,
                       tuple(themes))

    def reject(self) -> None:
        """Cancel or Escape: the edits are not thrown away without asking."""
        if self.edited_grid() != self._shown_grid and keep_editing(
                self, self.tr("Discard the changes made to the grid?")):
            return
        super().reject()

    def save(self) -> bool:
        try:
            self.saved_id = self.save_grid(self.edited_grid())
        except UserError as error:
            self.note.setText(error.message(self.lang))
            return False
        self.accept()
        return True

    # Words -----------------------------------------------------------------------------------

    def _title(self, part: CapTheme | CapSubtheme) -> str:
        return part.title_en if self.lang == "en" else part.title

    def _level_name(self, level: int) -> str:
        step = self.grid.scale[level]
        return step.label_en if self.lang == "en" else step.label


def _one_line(text: str) -> str:
    return " ".join(text.split())
