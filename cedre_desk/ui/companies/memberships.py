"""A company's groups and the days of each membership: the day it joined ("Entré(e) le") and
the day it left ("Sorti(e) le"), typed in the project's date fields; a group it is not in yet
can be joined. A member shares a group's decisions and audits only between those days, and
what it holds through the group ends the day after it left (docs/cycle.md, 8).

Saved through GroupService.set_memberships: one transaction, each day in the change history;
a refusal is shown in the dialog and everything typed stays.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.errors import UserError
from cedre_desk.services.groups import GroupLine, GroupService
from cedre_desk.ui.common.date_field import DateField
from cedre_desk.ui.common.fields import FieldMessage


class MembershipsDialog(QDialog):
    def __init__(self, groups: GroupService, company_id: int, company: str, lang: str,
                 today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._groups, self._company_id, self._lang = groups, company_id, lang
        self.setWindowTitle(self.tr("Groups of {company}").format(company=company))
        self.read = groups.groups_of(company_id)
        grid = QGridLayout()
        for column, title in enumerate((self.tr("Group"), self.tr("Joined on"),
                                        self.tr("Left on"))):
            grid.addWidget(QLabel(f"<b>{title}</b>", self), 0, column)
        # One row per membership: (its line as read, joined field, left field).
        self.rows: list[tuple[GroupLine, DateField, DateField]] = []
        for number, line in enumerate(self.read, start=1):
            joined, left = self._date_pair(today, line.joined_on, line.left_on)
            grid.addWidget(QLabel(line.name, self), number, 0)
            grid.addWidget(joined, number, 1)
            grid.addWidget(left, number, 2)
            self.rows.append((line, joined, left))
        # A group it is not in yet, joined on the day typed.
        self.new_group = QComboBox(self)
        self.new_group.addItem(self.tr("(join a group)"), None)
        known = {line.group_id for line in self.read}
        for group_id, name, _count in groups.rows():
            if group_id not in known:
                self.new_group.addItem(name, group_id)
        self.new_joined, self.new_left = self._date_pair(today, None, None)
        last = len(self.read) + 1
        grid.addWidget(self.new_group, last, 0)
        grid.addWidget(self.new_joined, last, 1)
        grid.addWidget(self.new_left, last, 2)
        self.message = FieldMessage(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(QLabel(self.tr(
            "Empty: member since always, or member still. A member shares the group's "
            "decisions and audits only between these days."), self))
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _date_pair(self, today: date, joined_on: date | None,
                   left_on: date | None) -> tuple[DateField, DateField]:
        joined = DateField(today, self, lang=self._lang, record_field="joined_on")
        joined.set_value(joined_on)
        left = DateField(today, self, lang=self._lang, record_field="left_on")
        left.set_value(left_on)
        return joined, left

    def wanted(self) -> list[GroupLine] | None:
        """The memberships as typed; None when a field holds what is not a date (its
        refusal is shown under it)."""
        fields = [field for _, joined, left in self.rows for field in (joined, left)]
        if not all([field.commit() for field in (*fields, self.new_joined, self.new_left)]):
            return None
        lines = [GroupLine(line.group_id, line.name, joined.value(), left.value())
                 for line, joined, left in self.rows]
        new_id = self.new_group.currentData()
        if new_id is not None:
            lines.append(GroupLine(new_id, self.new_group.currentText(),
                                   self.new_joined.value(), self.new_left.value()))
        return lines

    def accept(self) -> None:
        self.message.clear_message()
        wanted = self.wanted()
        if wanted is None:
            return
        try:
            self._groups.set_memberships(self._company_id, wanted, self.read)
        except UserError as exc:
            self.message.show_error(exc.message(self._lang))
            return
        super().accept()
