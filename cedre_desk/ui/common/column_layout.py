"""How every table of the window lays out its columns, one way for all: sized to what they
show, and remembered between runs under a key of the table's own.

Sizing. Each column gets the width of its widest text (on a sample of rows) and its title.
A column of short values (dates, statuses, ids, SIRET: no wider than SHORT_CHARS characters)
is never cut. When the columns do not all fit in the table, the long text columns (names,
findings, corrective actions, values of a change) give up width, the widest first, down to
ELIDED_CHARS characters (their title elided too); they elide, and the full text is in a
tooltip. Then, if need be, a title wider than its column's short values elides. A title
elides at its end ("NC maj…", never clipped at both sides as Qt's header does by default),
and every title shows whole in its tooltip (ElidedTitles, also for a header sized otherwise,
as the referentials' tree). Whatever width is
left over goes to the last column, so nothing sits off-screen while there is room. The
sizing runs again when the rows are reloaded and when the table changes size.

Remembering. The order of the columns and the sort are restored as left. A width is kept
only for a column the user resized by hand: the others are sized again to the data, so a
layout saved while the table was empty never cuts the dates of the next run.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QToolTip, QTreeView

from cedre_desk.ui.common.preferences import Preferences, TableLayout
from cedre_desk.ui.common.table_model import RowTableModel

SAVE_DELAY_MS = 400  # a drag-resize emits many signals: write the layout once it stops
SAMPLE_ROWS = 200  # rows measured, spread over the whole list
SHORT_CHARS = 32  # a column no wider than this (in average characters) is never cut
ELIDED_CHARS = 12  # a long text column keeps at least this much when it has to give way
TITLE_CHARS = 9  # a title wider than its column's short values elides to this, if it must
WIDEST_CHARS = 60  # a column is not made wider than this to show its longest text
_CELL_PADDING = 14  # the item's text margins and the grid line, with a little air


class ColumnLayout(QObject):
    """Sizes and remembers the columns of `view` (a QTableView or QTreeView); made a child
    of the view, it lives and dies with it."""

    def __init__(self, view: QTableView | QTreeView, key: str | None = None,
                 preferences: Preferences | None = None) -> None:
        super().__init__(view)
        self._view = view
        self._key = key if preferences is not None else None
        self._preferences = preferences
        self._quiet = False  # true while the program itself sets widths
        self._sized_by_hand: set[int] = set()
        self._natural: list[int] = []  # each column's width for its content, measured
        self._floor: list[int] = []  # what it keeps when space is short
        self._measured_rows = 0
        header = self.header()
        header.setStretchLastSection(False)  # the last column gets what is left, by fit()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsMovable(True)
        ElidedTitles(header)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)
        header.sectionResized.connect(self._resized)
        header.sectionMoved.connect(self._changed)
        header.sortIndicatorChanged.connect(self._changed)
        model = view.model()
        model.modelReset.connect(self.refit)
        model.rowsInserted.connect(self._rows_added)
        model.columnsInserted.connect(self.refit)
        view.viewport().installEventFilter(self)

    def key(self) -> str | None:
        return self._key

    def header(self) -> QHeaderView:
        view = self._view
        return view.horizontalHeader() if isinstance(view, QTableView) else view.header()

    # Remembering ------------------------------------------------------------------------------

    def restore(self) -> bool:
        """The order, sort and hand-set widths saved under the key; False when none was."""
        saved = self._saved()
        if saved is None:
            return False
        header = self.header()
        self._quiet = True
        try:
            restored = header.restoreState(saved.state)
            # A state saved by an older version may carry stretched columns.
            header.setStretchLastSection(False)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        finally:
            self._quiet = False
        if restored:
            self._sized_by_hand = {c for c in saved.sized_by_hand if c < header.count()}
        return restored

    def save(self) -> None:
        """Write the layout now (else it is written SAVE_DELAY_MS after the last change)."""
        if self._key is None or self._preferences is None:
            return
        self._save_timer.stop()
        header = self.header()
        self._preferences.set_table_layout(self._key, TableLayout(
            header.saveState(), sorted(self._sized_by_hand), header.count()))

    def sized_by_hand(self) -> set[int]:
        return set(self._sized_by_hand)

    def _saved(self) -> TableLayout | None:
        if self._key is None or self._preferences is None:
            return None
        saved = self._preferences.table_layout(self._key)
        if saved is None or saved.columns != self.header().count():
            return None  # the table's columns changed since: start afresh
        return saved

    def _resized(self, column: int, _old: int, new: int) -> None:
        if self._quiet or new == 0:
            return
        self._sized_by_hand.add(column)
        self._changed()

    def _changed(self, *_: object) -> None:
        if self._key is not None:
            self._save_timer.start()

    # Sizing -----------------------------------------------------------------------------------

    def refit(self) -> None:
        """Measure the rows now shown, then size the columns to them."""
        self._measure()
        self.fit()

    def fit(self) -> None:
        """Size the columns not resized by hand to the width the table has."""
        header = self.header()
        count = header.count()
        if len(self._natural) != count:
            self._measure()
        order = [header.logicalIndex(v) for v in range(count)]
        order = [c for c in order if not header.isSectionHidden(c)]
        if not order:
            return
        fixed = {c: header.sectionSize(c) for c in order if c in self._sized_by_hand}
        free = [c for c in order if c not in fixed]
        room = self._view.viewport().width() - sum(fixed.values())
        widths = share(room, [self._natural[c] for c in free], [self._floor[c] for c in free])
        sizes = dict(zip(free, widths, strict=True))
        last = order[-1]
        if last in sizes:  # what is left over goes to the last column
            sizes[last] += max(0, room - sum(widths))
        self._quiet = True
        try:
            for column, width in sizes.items():
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._quiet = False

    def _rows_added(self, *_: object) -> None:
        if self._measured_rows < SAMPLE_ROWS:  # a list read in pages: measure the first ones
            self.refit()

    def _measure(self) -> None:
        header = self.header()
        metrics = self._view.fontMetrics()
        char = max(1, metrics.averageCharWidth())
        texts = self._sample_texts()
        self._natural, self._floor = [], []
        for column in range(header.count()):
            title = max(header.sectionSizeHint(column), metrics.horizontalAdvance(
                str(self._view.model().headerData(column, Qt.Orientation.Horizontal) or ""))
                + 2 * _CELL_PADDING)
            # Each distinct text measured once: states, events and days repeat down a list.
            content = max((metrics.horizontalAdvance(t) for t in set(texts[column])), default=0)
            natural = max(title, min(content + _CELL_PADDING, WIDEST_CHARS * char))
            self._natural.append(natural)
            short = content + _CELL_PADDING <= SHORT_CHARS * char
            # A short value is never cut; a long title over it may elide ("NC maj…").
            self._floor.append(max(content + _CELL_PADDING, min(title, TITLE_CHARS * char))
                               if short else min(natural, ELIDED_CHARS * char))

    def _sample_texts(self) -> list[list[str]]:
        """Each column's texts over up to SAMPLE_ROWS rows spread over the list (all the
        rows loaded, not only those a filter shows: the widths do not jump while typing)."""
        model = self._view.model()
        columns = model.columnCount()
        if isinstance(model, RowTableModel):
            rows: Sequence[object] = model.rows()
            self._measured_rows = len(rows)
            picked = rows[::max(1, len(rows) // SAMPLE_ROWS)]
            return [[model.columns[c].text(row) for row in picked] for c in range(columns)]
        count = model.rowCount()
        self._measured_rows = count
        numbers = range(0, count, max(1, count // SAMPLE_ROWS))
        return [[str(model.index(r, c).data() or "") for r in numbers]
                for c in range(columns)]

    # The full text of a cut cell ---------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        elif event.type() == QEvent.Type.Hide and self._save_timer.isActive():
            self.save()  # a dialog closed before the delay: its layout is kept all the same
        elif event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            return self._tooltip(event)
        return False

    def _tooltip(self, event: QHelpEvent) -> bool:
        """A cell whose text is cut shows it whole in a tooltip (unless the model has one)."""
        index: QModelIndex = self._view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False
        text = str(index.data() or "")
        width = self._view.visualRect(index).width()
        if not text or self._view.fontMetrics().horizontalAdvance(text) + _CELL_PADDING <= width:
            return False
        QToolTip.showText(event.globalPos(), text, self._view.viewport())
        return True


class ElidedTitles(QObject):
    """A header's titles elide at their end ("NC maj…": Qt's header clips them at both sides)
    and each shows whole in a tooltip, however narrow its column (unless the model has a
    tooltip for it: the header shows that one). For every ColumnLayout, and for a header
    sized otherwise (a tree's); made a child of the header, it lives and dies with it."""

    def __init__(self, header: QHeaderView) -> None:
        super().__init__(header)
        self._header = header
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return (event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent)
                and self._title_tooltip(event))

    def _title_tooltip(self, event: QHelpEvent) -> bool:
        header = self._header
        column = header.logicalIndexAt(event.pos())
        model = header.model()
        if column < 0 or model is None or model.headerData(
                column, header.orientation(), Qt.ItemDataRole.ToolTipRole):
            return False
        title = str(model.headerData(column, header.orientation()) or "")
        if not title:
            return False
        QToolTip.showText(event.globalPos(), title, header.viewport())
        return True


def share(room: int, natural: Sequence[int], floor: Sequence[int]) -> list[int]:
    """The widths of columns wanting `natural` in `room`: all of it when it fits; else the
    widest are cut to one common width, never below their `floor` (which may overflow)."""
    if sum(natural) <= room:
        return list(natural)
    if sum(floor) >= room:
        return list(floor)
    # The widest level L such that every column at min(natural, max(floor, L)) fits.
    low, high = 0, max(natural)
    while low < high:
        level = (low + high + 1) // 2
        if sum(min(n, max(f, level)) for n, f in zip(natural, floor, strict=True)) <= room:
            low = level
        else:
            high = level - 1
    return [min(n, max(f, low)) for n, f in zip(natural, floor, strict=True)]
