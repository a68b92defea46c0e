"""The audit list as a Qt table model that sorts and filters by itself, on precomputed keys.

QSortFilterProxyModel over a Python model took 20 s to sort 100,000 rows (it calls back into
Python for every comparison); here a sort is Python's `sorted` over one key list per column,
computed once and cached, and a filter is a pass over precomputed search keys. The model
keeps all rows and shows `_visible`, the indices of the rows that pass the filter, in the
current sort order, and hands them to the view in pages (canFetchMore/fetchMore): a view
given 180,000 rows at once spends longer on its header bookkeeping, at every filter, than the
filter itself takes; given a page, it keeps up with typing, and more rows come as it scrolls.

`prepare_rows` does the costly part (folding names for the search, ranking each column's
values for the sort) and is meant to run on the reading thread; the model itself only does
what must happen on the GUI thread.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import compress
from operator import attrgetter
from time import monotonic
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from cedre_desk.audits.dates import format_fr
from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, label
from cedre_desk.services.audit_list import AuditListRow

(DATE, OWNER, TOWN, KIND, STATUS, VERSION, FINDINGS, MINOR_NC, MAJOR_NC, AUDITORS) = range(10)
COLUMN_COUNT = 10
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE = 1000  # rows handed to the view at a time
_NUMBERS = (FINDINGS, MINOR_NC, MAJOR_NC)
_SERVED = frozenset({Qt.ItemDataRole.DisplayRole, ROW_ROLE, Qt.ItemDataRole.TextAlignmentRole,
                     Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LATE = QBrush(QColor("#b3261e"))
_PLANNED = QBrush(QColor("#5f6368"))


def fold(text: str) -> str:
    """Lower case without accents: "Étienne" is found by "etienne"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class PreparedRows:
    rows: list[AuditListRow]
    owner_search: list[str]  # folded "owner siret town" of each distinct owner
    row_owner: list[int]  # each row's index in owner_search
    row_year: list[int]  # each row's year, 0 without a date
    sort_keys: list[list[int]]  # per column, each row's rank: sorting compares small ints
    # 0 .. len(rows) - 1, the int objects every sort order of the model is made of: each
    # order then holds 8 bytes a row, not a new int object per row (200,000 of them).
    indices: list[int]


def _ranks(values: list[Any], key: Callable[[Any], Any] | None = None) -> list[int]:
    """Each value's rank among the distinct values (by `key` when given: values with the
    same key share a rank): 180,000 rows sort faster on these ints than on their strings,
    and the distinct values are few (an owner has ten audits), so `key` is computed once
    per distinct value and every rank int is shared."""
    distinct = set(values)
    if key is None:
        rank = {value: n for n, value in enumerate(sorted(distinct))}
    else:
        keys = {value: key(value) for value in distinct}
        key_rank = {k: n for n, k in enumerate(sorted(set(keys.values())))}
        rank = {value: key_rank[k] for value, k in keys.items()}
    return [rank[value] for value in values]


def prepare_rows(rows: list[AuditListRow], lang: str) -> PreparedRows:
    """The rows with their search and sort keys (folding is done once per owner)."""
    owners: dict[tuple[str, str, str], tuple[int, str, str]] = {}
    owner_search: list[str] = []
    row_owner: list[int] = []
    owner_keys: list[str] = []
    town_keys: list[str] = []
    for row in rows:
        raw = (row.owner, row.siret, row.town)
        keys = owners.get(raw)
        if keys is None:
            owner, town = fold(row.owner), fold(row.town)
            keys = owners[raw] = (len(owner_search), owner, town)
            owner_search.append(f"{owner} {row.siret} {town}")
        row_owner.append(keys[0])
        owner_keys.append(keys[1])
        town_keys.append(keys[2])
    labels = {value: label(value, lang).casefold() for value in (*AuditKind, *AuditStatus)}
    days = [r.on for r in rows]
    # One int per distinct day (some 6,000), not one per row: a day's ordinal and year are
    # above the small ints Python keeps, so each row would otherwise hold new ones.
    ordinals = {day: day.toordinal() for day in set(days) if day is not None}
    years = {day: day.year for day in ordinals}
    ordinals[None] = years[None] = 0
    sort_keys = [
        [ordinals[day] for day in days],
        _ranks(owner_keys),
        _ranks(town_keys),
        _ranks([r.kind for r in rows], labels.__getitem__),
        _ranks([r.status for r in rows], labels.__getitem__),
        _ranks([r.version for r in rows]),
        [r.findings for r in rows],
        [r.minor_nc for r in rows],
        [r.major_nc for r in rows],
        _ranks([r.auditors for r in rows], str.casefold),
    ]
    row_year = [years[day] for day in days]
    return PreparedRows(rows, owner_search, row_owner, row_year, sort_keys,
                        list(range(len(rows))))


@dataclass(frozen=True)
class AuditFilter:
    text: str = ""
    kind: AuditKind | None = None
    status: AuditStatus | None = None
    version_id: int | None = None  # the CEDRE version audited
    year: int | None = None

    def narrows(self, before: AuditFilter) -> bool:
        """True when this filter only adds letters to `before`'s search text: the rows it
        keeps are among those `before` kept."""
        same_choices = (self.kind, self.status, self.version_id, self.year) == (
            before.kind, before.status, before.version_id, before.year)
        return same_choices and fold(before.text).strip() in fold(self.text)


class AuditListModel(QAbstractTableModel):
    def __init__(self, lang: str, today: Callable[[], date], parent: Any = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._today = today
        self._today_read = (0.0, date.min)  # (when, what): the clock read once a second
        self._data = PreparedRows([], [], [], [], [[] for _ in range(COLUMN_COUNT)], [])
        self._visible: list[int] = []
        self._shown = 0  # how many of _visible the view has been given
        self._filter = AuditFilter()
        self._sort_column = DATE
        self._descending = True
        self._orders: dict[int, list[int]] = {}  # ascending order of row indices, per column
        self._labels: dict[Any, str] = {}
        self._headers = (
            self.tr("Date"), self.tr("Company or group"), self.tr("Town"), self.tr("Kind"),
            self.tr("Status"), self.tr("Referential"), self.tr("Findings"), self.tr("NCm"),
            self.tr("NCM"), self.tr("Auditors"),
        )

    # Content --------------------------------------------------------------------------------

    def set_rows(self, prepared: PreparedRows) -> None:
        self.beginResetModel()
        self._data = prepared
        self._orders = {}
        self._visible = self._select(self._order(), self._filter)
        self._shown = min(PAGE, len(self._visible))
        self.endResetModel()

    def set_filter(self, wanted: AuditFilter) -> None:
        if wanted == self._filter:
            return
        # Typing one more letter only looks at the rows still shown.
        source = self._visible if wanted.narrows(self._filter) else self._order()
        self.beginResetModel()
        self._filter = wanted
        self._visible = self._select(source, wanted)
        self._shown = min(PAGE, len(self._visible))
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if not 0 <= column < COLUMN_COUNT or (column, descending) == (
                self._sort_column, self._descending):
            return
        kept = self.persistentIndexList()
        kept_rows = [self._visible[i.row()] for i in kept]
        self._sort_column, self._descending = column, descending
        visible = self._select(self._order(), self._filter)
        position = {row: n for n, row in enumerate(visible)} if kept else {}
        # A selected row that moves past the page shown: give the view rows up to it first,
        # so that it stays selected (a layout change must not change the row count).
        needed = max((position[row] + 1 for row in kept_rows), default=0)
        if needed > self._shown:
            self.fetchMore(QModelIndex(), needed - self._shown)
        self.layoutAboutToBeChanged.emit()
        self._visible = visible
        if kept:
            self.changePersistentIndexList(kept, [
                self.index(position[row], i.column()) for i, row in zip(kept, kept_rows,
                                                                         strict=True)])
        self.layoutChanged.emit()

    def row_at(self, row: int) -> AuditListRow:
        return self._data.rows[self._visible[row]]

    def total(self) -> int:
        return len(self._data.rows)

    def loaded_rows(self) -> list[AuditListRow]:
        """Every row loaded, in id order (for a reload to share the unchanged ones)."""
        return self._data.rows

    def years(self) -> list[int]:
        return sorted(set(self._data.row_year) - {0}, reverse=True)

    def versions(self) -> list[tuple[int, str]]:
        """(id, label) of the CEDRE versions the audits were held against."""
        seen = {r.version_id: r.version for r in self._data.rows}
        return sorted(((version_id, text.split(" + ")[0]) for version_id, text in seen.items()),
                      key=lambda item: item[1])

    # Sorting and filtering ------------------------------------------------------------------

    def _order(self) -> list[int]:
        ascending = self._orders.get(self._sort_column)
        if ascending is None:
            keys = self._data.sort_keys[self._sort_column]
            ascending = self._orders[self._sort_column] = sorted(
                self._data.indices, key=keys.__getitem__)
        return ascending[::-1] if self._descending else ascending

    def _select(self, source: list[int], wanted: AuditFilter) -> list[int]:
        """The rows of `source` that pass the filter, in `source`'s order. Each test is one
        pass of C-level iterators (map, compress) over the rows still in: no Python call per
        row, which is what keeps a keystroke on 200,000 audits near 20 ms of work."""
        data = self._data
        rows = data.rows
        needle = fold(wanted.text).strip()
        if needle:
            owner_passes = [needle in key for key in data.owner_search]  # 20,000, not 200,000
            source = list(compress(source, map(owner_passes.__getitem__,
                                               map(data.row_owner.__getitem__, source))))
        for attribute, value in (("kind", wanted.kind), ("status", wanted.status),
                                 ("version_id", wanted.version_id)):
            if value is not None:
                source = list(compress(source, map(
                    value.__eq__, map(attrgetter(attribute), map(rows.__getitem__, source)))))
        if wanted.year is not None:
            source = list(compress(source, map(
                wanted.year.__eq__, map(data.row_year.__getitem__, source))))
        return source

    # QAbstractTableModel --------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._shown < len(self._visible)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex, at_least: int = PAGE) -> None:
        if parent.isValid():
            return
        more = min(max(at_least, PAGE), len(self._visible) - self._shown)
        if more > 0:
            self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
            self._shown += more
            self.endInsertRows()

    def matching(self) -> int:
        """How many rows pass the filter (the view may not have been given them all yet)."""
        return len(self._visible)

    def position_of(self, audit_id: int) -> int | None:
        """The row where an audit is shown, giving the view rows up to it; None if hidden."""
        rows = self._data.rows
        for n, i in enumerate(self._visible):
            if rows[i].id == audit_id:
                if n >= self._shown:
                    self.fetchMore(QModelIndex(), n + 1 - self._shown)
                return n
        return None

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < COLUMN_COUNT):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A repaint asks each visible cell for a dozen roles: those not served are turned
        # away first (a keystroke's repaint asks for some 2,500 cells x roles).
        if role not in _SERVED or not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        row = self._data.rows[self._visible[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBERS:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (OWNER, AUDITORS, VERSION):
            return self._display(row, column)
        return None

    def _display(self, row: AuditListRow, column: int) -> str:
        if column == DATE:
            return format_fr(row.on)
        if column == KIND:
            return self._label(row.kind)
        if column == STATUS:
            return self._label(row.status)
        value = (None, row.owner, row.town, None, None, row.version, row.findings,
                 row.minor_nc, row.major_nc, row.auditors)[column]
        return str(value)

    def _colour(self, row: AuditListRow, column: int) -> QBrush | None:
        if row.status is AuditStatus.PLANNED:
            overdue = row.on is not None and row.on < self._day()
            return _LATE if overdue and column in (DATE, STATUS) else _PLANNED
        if column == MAJOR_NC and row.major_nc:
            return _LATE
        return None

    def _day(self) -> date:
        read_at, day = self._today_read
        now = monotonic()
        if now - read_at > 1:
            day = self._today()
            self._today_read = (now, day)
        return day

    def _label(self, value: Any) -> str:
        text = self._labels.get(value)
        if text is None:
            text = self._labels[value] = label(value, self._lang)
        return text
