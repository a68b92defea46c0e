"""Le Cap's grid edited in the window, as a person does it: open the editor from the screen,
pick an indicator in the tree, retype its question, its levels, its target and its action,
add one, remove one, move one, save as a new version; a refusal says why and keeps the edit."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from cedre_desk.services.cap.assessments import Answer, AssessmentInput, CapAssessmentService
from cedre_desk.services.cap.grids import CapGridService
from cedre_desk.services.history import HistoryService
from cedre_desk.ui.cap.grid_editor import GridEditor
from cedre_desk.ui.cap.view import CapView

from .helpers import TODAY, answer_next_question, restore_language, small_register  # noqa: F401 - a fixture

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the dialog really opens


@pytest.fixture
def view(qtbot, db, restore_language):  # noqa: F811
    from PySide6.QtWidgets import QApplication

    from cedre_desk.ui.common.translations import Language

    language = Language(QApplication.instance())
    restore_language.append(language)
    language.apply("fr")
    ids = small_register(db)
    service = CapAssessmentService(db)
    earlier = service.create(AssessmentInput(date(2013, 5, 2), company_id=ids["late"]),
                             today=TODAY)
    service.save_answers(earlier, [Answer("1.1.1", 0)])
    widget = CapView(db, "fr", lambda: TODAY)
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    widget.ids, widget.earlier = ids, earlier
    return widget


def _open_editor(qtbot, view) -> GridEditor:
    qtbot.mouseClick(view.grid_edit, Qt.MouseButton.LeftButton)
    editor = view.findChild(GridEditor)
    assert editor is not None and editor.isVisible()
    return editor


def _click(qtbot, editor: GridEditor, item: QTreeWidgetItem) -> None:
    editor.tree.scrollToItem(item)
    rect = editor.tree.visualItemRect(item)
    qtbot.mouseClick(editor.tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    assert editor.tree.currentItem() is item


def _indicator(editor: GridEditor, code: str) -> QTreeWidgetItem:
    found = editor.tree.findItems(code, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    assert len(found) == 1
    return found[0]


def _codes(editor: GridEditor, subtheme: str) -> list[str]:
    item = _indicator(editor, subtheme)
    return [item.child(n).text(0) for n in range(item.childCount())]


def test_an_indicator_edited_added_removed_and_moved_is_saved_as_a_new_version(qtbot, view):
    editor = _open_editor(qtbot, view)
    assert editor.tree.topLevelItemCount() == 4
    assert editor.tree.topLevelItem(0).text(1) == "Identité"
    assert editor.code.text() == "1.1.1"  # the first indicator is in hand

    _click(qtbot, editor, _indicator(editor, "1.1.2"))
    assert editor.form.isEnabled()
    editor.question.setPlainText("Les salariés élisent-ils leurs représentants ?")
    editor.meanings[0].setText("Aucune élection.")
    editor.target.setCurrentIndex(3)
    editor.action.setPlainText("Organiser l'élection des représentants.")
    assert _indicator(editor, "1.1.2").text(1) == "Les salariés élisent-ils leurs représentants ?"

    _click(qtbot, editor, _indicator(editor, "1.2"))  # a sub-theme: nothing to edit
    assert not editor.form.isEnabled() and not editor.remove_button.isEnabled()
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    added = editor.tree.currentItem()
    assert added.parent() is _indicator(editor, "1.2") and editor.code.text() == "1.2.3"
    editor.code.clear()
    qtbot.keyClicks(editor.code, "1.2.9")
    editor.question.setPlainText("Le projet est-il présenté aux financeurs ?")
    for meaning, text in zip(editor.meanings, ("Jamais.", "Parfois.", "Chaque année.",
                                               "Avec eux."), strict=True):
        meaning.setText(text)
    editor.action.setPlainText("Présenter le projet aux financeurs.")

    _click(qtbot, editor, _indicator(editor, "1.2.1"))
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)  # removed
    assert _codes(editor, "1.2") == ["1.2.2", "1.2.9"]
    _click(qtbot, editor, _indicator(editor, "1.2.9"))
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _codes(editor, "1.2") == ["1.2.9", "1.2.2"]
    qtbot.mouseClick(editor.down_button, Qt.MouseButton.LeftButton)
    assert _codes(editor, "1.2") == ["1.2.2", "1.2.9"]

    editor.label.setText("Grille régionale 2014")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()

    grids = CapGridService(view.db)
    grid_id, grid = grids.current()
    assert grid.label == "Grille régionale 2014"
    assert view.grid_label.text() == "Grille : Grille régionale 2014"
    second = grid.indicator("1.1.2")
    assert second is not None
    assert (second.question, second.levels[0], second.target, second.action) == (
        "Les salariés élisent-ils leurs représentants ?", "Aucune élection.", 3,
        "Organiser l'élection des représentants.")
    assert [i.code for i in grid.themes[0].subthemes[1].indicators] == ["1.2.2", "1.2.9"]
    assert grid.indicator("1.2.9").levels == ("Jamais.", "Parfois.", "Chaque année.",
                                              "Avec eux.")
    assert len(grid.indicators()) == 22  # one removed, one added
    # the assessment made before keeps its grid; the change is in the history
    assert CapAssessmentService(view.db).get(view.earlier).grid.indicator("1.2.1") is not None
    assert any(c.field == "definition" for c in HistoryService(view.db).for_record(
        "cap_grid", grid_id))


def test_a_refused_grid_says_why_and_keeps_the_editor_open(qtbot, view):
    editor = _open_editor(qtbot, view)
    _click(qtbot, editor, _indicator(editor, "2.1.1"))
    editor.question.setPlainText("   ")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert editor.note.text() == "Indicateur 2.1.1 : question obligatoire."
    assert editor.question.toPlainText() == "   "  # the edit in hand stays
    assert CapGridService(view.db).versions()[0][1] == "provisoire-2026-1"
    editor.question.setPlainText("Les personnes accompagnées sont-elles écoutées ?")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert CapGridService(view.db).current()[1].indicator("2.1.1").question == (
        "Les personnes accompagnées sont-elles écoutées ?")


def test_cancel_writes_nothing(qtbot, view):
    editor = _open_editor(qtbot, view)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    asked = answer_next_question("Abandonner les modifications")  # thrown away
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    assert asked == ["Abandonner les modifications faites à la grille ?"]
    assert not editor.isVisible()
    assert [v[1] for v in CapGridService(view.db).versions()] == ["provisoire-2026-1"]
