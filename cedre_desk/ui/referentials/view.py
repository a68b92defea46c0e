"""Référentiels: the versions, each one's requirement tree, one requirement's title and text.

A version whose structure is not the federation's official text (the catalogue shipped with
the program: chapters and codes only, some of it inferred) says so above its tree, with its
source. A version's requirements can be loaded from the federation's Excel sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.errors import ConflictError, UserError, ValidationError
from cedre_desk.services.referentials import ReferentialService, VersionInfo
from cedre_desk.services.requirements import (
    RequirementRecord,
    RequirementService,
    RequirementText,
)
from cedre_desk.storage.database import Database
from cedre_desk.ui.common.column_layout import ElidedTitles
from cedre_desk.ui.common.fields import FieldMessage, FieldMessages
from cedre_desk.ui.common.formatting import day
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.read_only import mark_editing, mark_form
from cedre_desk.ui.common.table_model import Column, RowTableModel
from cedre_desk.ui.common.tables import DataTable
from cedre_desk.ui.referentials.sheet_loader import SheetLoader

REQUIREMENT_ROLE = Qt.ItemDataRole.UserRole + 1
_NOTE_STYLE = "background: #fff4d6; color: #5c3c00; padding: 6px; border-radius: 3px;"


@dataclass(frozen=True)
class ReferentialServices:
    referentials: ReferentialService
    requirements: RequirementService

    @classmethod
    def over(cls, db: Database) -> ReferentialServices:
        return cls(ReferentialService(db), RequirementService(db))


class ReferentialsView(QWidget):
    changed = Signal()  # a requirement was edited or a sheet loaded
    message = Signal(str)  # for the status bar

    def __init__(self, services: ReferentialServices | Database, lang: str,
                 today: Callable[[], date] | None = None,
                 parent: QWidget | None = None, *,
                 preferences: Preferences | None = None) -> None:
        super().__init__(parent)
        if isinstance(services, Database):  # the window hosts it with the register alone
            services = ReferentialServices.over(services)
        self._services, self._lang = services, lang
        self._record: RequirementRecord | None = None

        self.versions = DataTable(RowTableModel([
            Column(self.tr("Version"), lambda v: v.name),
            Column(self.tr("Adopted on"), lambda v: day(v.adopted_on),
                   key=lambda v: v.adopted_on.toordinal()),
            Column(self.tr("Title"), lambda v: v.title, tooltip=lambda v: v.title),
        ], self), "referential-versions", preferences, self, sort_column=None)
        self.versions_model = self.versions.table_model()
        self.versions_model.setParent(self.versions)  # deleted after its selection model
        self.versions.selectionModel().selectionChanged.connect(self._version_chosen)
        self.load_button = QPushButton(self.tr("Load from an Excel sheet…"), self)
        mark_editing(self.load_button)
        self.load_button.clicked.connect(self.load_sheet)
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(QLabel(self.tr("Versions"), left))
        left_column.addWidget(self.versions, 1)
        left_column.addWidget(self.load_button)

        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(_NOTE_STYLE)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeView(self)
        self.tree_model = QStandardItemModel(self)
        self.tree.setModel(self.tree_model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        ElidedTitles(self.tree.header())  # as every table's: "Tit…", whole in a tooltip
        self.tree.selectionModel().currentChanged.connect(self._requirement_chosen)
        middle = QWidget(self)
        middle_column = QVBoxLayout(middle)
        middle_column.setContentsMargins(0, 0, 0, 0)
        middle_column.addWidget(self.note)
        middle_column.addWidget(self.tree, 1)

        self.editor = self._requirement_editor()
        splitter = QSplitter(self)
        for part in (left, middle, self.editor):
            splitter.addWidget(part)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([300, 560, 380])
        QVBoxLayout(self).addWidget(splitter)

    def _requirement_editor(self) -> QGroupBox:
        box = QGroupBox(self.tr("Requirement"), self)
        self.messages = FieldMessages(FieldMessage(box), self._lang)
        self.code = QLabel(box)
        self.title_edit = QLineEdit(box)
        self.title_en_edit = QLineEdit(box)
        self.text_edit = QPlainTextEdit(box)
        self.text_edit.setPlaceholderText(self.tr("The requirement's text, from the sheet"))
        self.findings_label = QLabel(box)
        form = QFormLayout()
        form.addRow(self.tr("Code"), self.code)
        for field, caption, widget in (("title", self.tr("Title"), self.title_edit),
                                       ("title_en", self.tr("English title"),
                                        self.title_en_edit),
                                       ("text", self.tr("Text"), self.text_edit)):
            holder = QWidget(box)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            message = FieldMessage(holder)
            column.addWidget(message)
            self.messages.add(field, message, widget)
            form.addRow(caption, holder)
        form.addRow(self.tr("Findings"), self.findings_label)
        self.save_button = QPushButton(self.tr("Save the requirement"), box)
        self.save_button.clicked.connect(self.save_requirement)
        self.revert_button = QPushButton(self.tr("Undo my changes"), box)
        self.revert_button.clicked.connect(self._show_record)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch()
        layout = QVBoxLayout(box)
        layout.addWidget(self.messages.general)
        layout.addLayout(form, 1)
        layout.addLayout(buttons)
        mark_form(box)  # a read-only register: the requirement shown, not typed into
        return box

    # Versions -------------------------------------------------------------------------------

    def refresh(self) -> None:
        chosen = self.current_version()
        versions = self._services.referentials.versions()
        self.versions_model.set_rows(versions)
        wanted = chosen.id if chosen else (versions[-1].id if versions else None)
        self.versions.select_row(self.versions_model.row_of(lambda v: v.id == wanted))
        self._version_chosen()

    def current_version(self) -> VersionInfo | None:
        return self.versions.current_row()

    def choose_version(self, referential: str, label: str) -> None:
        self.versions.select_row(self.versions_model.row_of(
            lambda v: (v.referential, v.label) == (referential, label)))

    def _version_chosen(self) -> None:
        version = self.current_version()
        self.load_button.setEnabled(version is not None)
        self._fill_tree(version)
        self._show_requirement(None)

    def _fill_tree(self, version: VersionInfo | None) -> None:
        model = self.tree_model
        model.clear()
        model.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Title"), self.tr("Findings")])
        if version is None:
            self.note.hide()
            return
        source = self._services.requirements.version_source(version.id)
        if source.official_text:
            self.note.hide()
        else:
            self.note.setText(self.tr(
                "The structure of {version} shown here is not the federation's official text: "
                "it is the program's catalogue (chapters and codes, no requirement text). "
                "Load the federation's sheet to replace it.").format(version=version.name))
            # Where the structure comes from, as the catalogue says it (in English).
            self.note.setToolTip(source.source)
            self.note.show()
        english = self._lang == "en"
        items: dict[int, QStandardItem] = {}
        for node in self._services.requirements.tree(version.id):
            title = node.title_en if english and node.title_en else node.title
            row = [QStandardItem(node.code), QStandardItem(title),
                   QStandardItem(str(node.findings) if node.findings else "")]
            for item in row:
                item.setData(node.id, REQUIREMENT_ROLE)
                item.setEditable(False)
            row[1].setToolTip(title)
            row[2].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            parent = items.get(node.parent_id or 0)
            (parent or model.invisibleRootItem()).appendRow(row)
            items[node.id] = row[0]
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

    def load_sheet(self) -> None:
        version = self.current_version()
        if version is None:
            return
        result = SheetLoader(self._services.referentials, self._lang, self).run(version)
        if result is None:
            return
        self._fill_tree(version)
        self._show_requirement(None)
        self.message.emit(self.tr("{version}: {added} requirement(s) added, {updated} updated.")
                          .format(version=version.name, added=result.added,
                                  updated=result.updated))
        self.changed.emit()

    # One requirement ------------------------------------------------------------------------

    def select_requirement(self, code: str) -> None:
        found = self.tree_model.match(self.tree_model.index(0, 0), Qt.ItemDataRole.DisplayRole,
                                      code, 1, Qt.MatchFlag.MatchExactly
                                      | Qt.MatchFlag.MatchRecursive)
        if found:
            self.tree.setCurrentIndex(found[0])

    def _requirement_chosen(self, current: QModelIndex) -> None:
        requirement_id = current.data(REQUIREMENT_ROLE) if current.isValid() else None
        self._show_requirement(requirement_id)

    def _show_requirement(self, requirement_id: int | None) -> None:
        try:
            self._record = (self._services.requirements.get(requirement_id)
                            if requirement_id is not None else None)
        except UserError as error:
            self._record = None
            self.messages.general.show_error(error.message(self._lang))
        self._show_record()

    def _show_record(self) -> None:
        record = self._record
        self.messages.clear()
        for widget in (self.title_edit, self.title_en_edit, self.text_edit, self.save_button,
                       self.revert_button):
            widget.setEnabled(record is not None)
        self.code.setText(record.code if record else "")
        self.title_edit.setText(record.content.title if record else "")
        self.title_en_edit.setText(record.content.title_en if record else "")
        for edit in (self.title_edit, self.title_en_edit):
            edit.setCursorPosition(0)  # show a long title from its start
        self.text_edit.setPlainText(record.content.text if record else "")
        self.findings_label.setText(str(record.findings) if record else "")

    def save_requirement(self) -> bool:
        record = self._record
        if record is None:
            return False
        self.messages.clear()
        typed = RequirementText(self.title_edit.text(), self.title_en_edit.text(),
                                self.text_edit.toPlainText())
        try:
            saved = self._services.requirements.update_requirement(record.id, typed,
                                                                   record.content)
        except (ValidationError, ConflictError) as error:
            self.messages.show(error)
            return False
        except UserError as error:
            self.messages.general.show_error(error.message(self._lang))
            return False
        self._record = RequirementRecord(record.id, record.version_id, record.parent_id,
                                         record.code, saved, record.findings)
        current = self.tree.currentIndex()
        title = saved.title_en if self._lang == "en" and saved.title_en else saved.title
        self.tree_model.setData(current.siblingAtColumn(1), title)
        self.message.emit(self.tr("Requirement {code} saved.").format(code=record.code))
        self.changed.emit()
        return True
