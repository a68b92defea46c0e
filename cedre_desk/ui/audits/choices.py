"""Two choices of the audit editor: who the audit is about (one of 20,000 companies or a
group, found by typing any part of its name) and who conducts it (auditors ticked in a list,
the first ticked being the lead).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QListView, QWidget

from cedre_desk.services.audit_list import AuditOwner
from cedre_desk.services.auditors import AuditorRow
from cedre_desk.ui.common.matching import haystack, matching, search_words

AUDITOR_ROLE = Qt.ItemDataRole.UserRole + 1


class OwnerChoice(QComboBox):
    """Every company ("name — town") and every group ("name (group)"), found by typing
    with the companies list's matcher: "ebene" finds "Atelier Ébène — Orléans"."""

    SHOWN = 200  # proposals in the popup; more typing narrows them

    def __init__(self, owners: Sequence[AuditOwner], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Sized by a name's usual length, not by the longest of 20,000 names.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(28)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("", None)
        group_label = self.tr("{name} (group)")
        self._texts: list[str] = []
        for owner in owners:
            if owner.company_id is not None:
                text = f"{owner.name} — {owner.town}" if owner.town else owner.name
                self.addItem(text, f"c{owner.company_id}")
            else:
                text = group_label.format(name=owner.name)
                self.addItem(text, f"g{owner.group_id}")
            self._texts.append(text)
        self._haystacks = [haystack(text) for text in self._texts]
        # The popup lists what the shared matcher found; Qt's own filter (case-blind, not
        # accent-blind) is left out: the completer shows its model as it is.
        self.proposals = QStringListModel(self)
        completer = QCompleter(self.proposals, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(self._propose)

    def _propose(self, text: str) -> None:
        words = search_words(text)
        if not words:
            self.proposals.setStringList([])
            return
        found = matching(self._haystacks, words)[:self.SHOWN]
        self.proposals.setStringList([self._texts[i] for i in found])
        if found:
            self.completer().complete()

    def choose(self, company_id: int | None, group_id: int | None) -> None:
        key = f"c{company_id}" if company_id else f"g{group_id}" if group_id else None
        self.setCurrentIndex(max(0, self.findData(key)))

    def chosen(self) -> tuple[int | None, int | None]:
        """(company, group) named in the field, typed or picked; (None, None) for none."""
        found = self.findText(self.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        data = self.itemData(found) if found > 0 else None
        if not data:
            return None, None
        number = int(data[1:])
        return (number, None) if data[0] == "c" else (None, number)


class AuditorPicker(QListView):
    """Auditors to tick; the order of ticking is kept, the first (the lead) shown in bold."""

    picked_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self._picked: list[int] = []
        self.items.itemChanged.connect(self._ticked)

    def fill(self, auditors: Sequence[AuditorRow], chosen: Sequence[int]) -> None:
        """The active auditors, and the chosen ones even if no longer active."""
        self.items.blockSignals(True)
        self.items.clear()
        for row in auditors:
            if not row.active and row.id not in chosen:
                continue
            item = QStandardItem(row.name)
            item.setData(row.id, AUDITOR_ROLE)
            item.setEditable(False)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked if row.id in chosen
                               else Qt.CheckState.Unchecked)
            self.items.appendRow(item)
        self.items.blockSignals(False)
        self._picked = list(chosen)
        self._show_lead()
        if self._picked:
            self.scrollTo(self._index_of(self._picked[0]), QListView.ScrollHint.PositionAtTop)

    def picked(self) -> tuple[int, ...]:
        return tuple(self._picked)

    def tick(self, auditor_id: int, on: bool = True) -> None:
        item = self.items.itemFromIndex(self._index_of(auditor_id))
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _index_of(self, auditor_id: int):  # -> QModelIndex
        for row in range(self.items.rowCount()):
            if self.items.item(row).data(AUDITOR_ROLE) == auditor_id:
                return self.items.index(row, 0)
        return self.items.index(-1, 0)

    def _ticked(self, item: QStandardItem) -> None:
        auditor_id = item.data(AUDITOR_ROLE)
        if item.checkState() == Qt.CheckState.Checked:
            if auditor_id not in self._picked:
                self._picked.append(auditor_id)
        elif auditor_id in self._picked:
            self._picked.remove(auditor_id)
        self._show_lead()
        self.picked_changed.emit()

    def _show_lead(self) -> None:
        lead = self._picked[0] if self._picked else None
        self.items.blockSignals(True)  # a font is no tick: no itemChanged for it
        try:
            for row in range(self.items.rowCount()):
                item = self.items.item(row)
                font = item.font()
                if font.bold() != (item.data(AUDITOR_ROLE) == lead):
                    font.setBold(not font.bold())
                    item.setFont(font)
        finally:
            self.items.blockSignals(False)
        self.viewport().update()
