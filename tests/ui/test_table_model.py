"""The row model: sorting and filtering on precomputed keys, selection kept across a sort."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt

from cedre_desk.ui.common.table_model import ROW_ROLE, SORT_ROLE, Column, RowTableModel, fold

ROWS = [("Bretagne", 3), ("Île-de-France", 1), ("auvergne", 2), ("Éclat", 2)]


def model() -> RowTableModel:
    table = RowTableModel([Column("Region", lambda r: r[0]),
                           Column("Count", lambda r: str(r[1]), lambda r: r[1])])
    table.set_rows(ROWS)
    return table


def column(table: RowTableModel, number: int = 0) -> list[str]:
    return [table.index(row, number).data() for row in range(table.rowCount())]


def test_fold_ignores_case_and_accents():
    assert fold("Île-de-France ÉCLAT") == "ile-de-france eclat"


def test_text_sorts_without_case_or_accents_and_keys_sort_raw_values():
    table = model()
    table.sort(0)
    assert column(table) == ["auvergne", "Bretagne", "Éclat", "Île-de-France"]
    table.sort(1, Qt.SortOrder.DescendingOrder)
    assert column(table, 1) == ["3", "2", "2", "1"]
    assert table.index(0, 1).data(SORT_ROLE) == 3
    assert table.index(0, 0).data(ROW_ROLE) == ("Bretagne", 3)


def test_a_filter_keeps_the_sort_and_none_shows_everything():
    table = model()
    table.sort(0, Qt.SortOrder.DescendingOrder)
    table.set_filter(lambda i: ROWS[i][1] == 2)
    assert column(table) == ["Éclat", "auvergne"]
    assert [r[0] for r in table.visible_rows()] == ["Éclat", "auvergne"]
    table.set_filter(None)
    assert table.rowCount() == 4
    assert table.row_of(lambda r: r[0] == "Bretagne") == 2


def test_the_selection_follows_its_row_through_a_sort(qtbot):
    table = model()
    selection = QItemSelectionModel(table)
    selection.select(table.index(1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    kept = QPersistentModelIndex(table.index(1, 0))
    table.sort(0)
    assert kept.data() == "Île-de-France"
    assert selection.selectedIndexes()[0].data() == "Île-de-France"


def test_the_model_passes_the_model_tester(qtmodeltester):
    table = model()
    table.sort(1)
    table.set_filter(lambda i: i != 0)
    qtmodeltester.check(table)
    empty = RowTableModel([Column("A", str)])
    qtmodeltester.check(empty)


def paged(count: int = 250, page: int = 100) -> RowTableModel:
    table = RowTableModel([Column("Name", lambda r: r[0]),
                           Column("Number", lambda r: str(r[1]), lambda r: r[1])],
                          page_rows=page)
    table.set_rows([(f"name {n:04}", n) for n in range(count)])
    return table


def test_a_paged_model_gives_its_rows_a_page_at_a_time():
    table = paged()
    assert table.rowCount() == 100 and table.visible_count() == 250
    assert table.canFetchMore(QModelIndex())
    table.fetchMore(QModelIndex())
    assert table.rowCount() == 200
    table.fetchMore(QModelIndex())
    assert table.rowCount() == 250 and not table.canFetchMore(QModelIndex())
    assert len(table.visible_rows()) == 250


def test_a_paged_model_sorts_every_row_not_only_those_fetched():
    table = paged()
    table.sort(1, Qt.SortOrder.DescendingOrder)
    assert table.rowCount() == 100
    assert column(table, 1)[:3] == ["249", "248", "247"]  # rows never fetched come first
    table.set_filter(lambda i: i % 2 == 0)
    assert table.rowCount() == 100 and table.visible_count() == 125
    assert column(table, 1)[0] == "248"


def test_a_paged_model_keeps_the_selected_row_through_a_sort(qtbot):
    table = paged()
    selection = QItemSelectionModel(table)
    selection.select(table.index(5, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    kept = QPersistentModelIndex(table.index(5, 0))
    table.sort(1, Qt.SortOrder.DescendingOrder)  # name 0005 now 245th: fetched down to it
    assert kept.row() == 244 and kept.data() == "name 0005"
    assert table.rowCount() == 245
    assert selection.selectedIndexes()[0].data() == "name 0005"


def test_a_paged_model_reveals_a_row_asked_for():
    table = paged()
    number = table.row_of(lambda r: r[1] == 230)
    assert number == 230 and table.rowCount() == 100
    table.reveal(number)
    assert table.rowCount() == 231 and table.index(230, 0).data() == "name 0230"
    table.fetch_all()
    assert table.rowCount() == 250


def test_a_paged_model_passes_the_model_tester(qtmodeltester):
    table = paged()
    qtmodeltester.check(table)
    table.fetchMore(QModelIndex())
    table.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(table)
