"""The safety parts of the window: the banner, Fichier > Restaurer une sauvegarde,
Outils > Vérifier le registre, the number of backups kept, the damaged-register offer."""

from __future__ import annotations

import json
import os
import socket
import time
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QMainWindow, QMessageBox, QWidget

from cedre_desk.services import maintenance
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.register import create_register
from cedre_desk.storage import lock
from cedre_desk.storage.opening import open_register
from cedre_desk.ui.safety import install_safety, open_with_recovery
from cedre_desk.ui.safety.banner import SafetyBanner


class Host(QMainWindow):
    """A window with the two menus install_safety needs, like the main window's."""

    def __init__(self, db, lang: str = "fr") -> None:
        super().__init__()
        self.db, self.lang, self.replaced = db, lang, 0
        self.file_menu = self.menuBar().addMenu("Fichier")
        self.file_menu.addAction("Ouvrir")
        self.file_menu.addSeparator()
        self.quit = self.file_menu.addAction("Quitter")
        self.tools_menu = self.menuBar().addMenu("Outils")
        self.setCentralWidget(QLabel("vues"))
        self.actions = install_safety(self, self.file_menu, self.tools_menu,
                                      database=lambda: self.db, lang=lambda: self.lang,
                                      on_register_replaced=self._replaced)

    def _replaced(self) -> None:
        self.replaced += 1


@pytest.fixture
def messages(monkeypatch) -> list[tuple[str, str]]:
    """QMessageBox's static functions record their text instead of waiting for a click;
    question() answers Yes."""
    said: list[tuple[str, str]] = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind,
                            lambda parent, title, text, *a, k=kind, **kw: said.append((k, text)))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **kw: (
        said.append(("question", a[2])) or QMessageBox.StandardButton.Yes))
    return said


def click_in_message_box(monkeypatch, button_text: str, seen: list[str]) -> None:
    """QMessageBox.exec() clicks the button whose text is `button_text`."""
    def fake_exec(box: QMessageBox) -> int:
        seen.append(box.text())
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", fake_exec)


def names(db) -> list[str]:
    return sorted(r.name for r in CompanyService(db).rows())


def test_the_actions_go_in_fichier_before_quitter_and_in_outils(qtbot, db):
    window = Host(db)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.file_menu.actions()]
    assert texts.index("Res&taurer une sauvegarde…") < texts.index("Quitter")
    assert [a.text() for a in window.tools_menu.actions() if a.text()] == [
        "&Vérifier le registre", "Nombre de sauvegardes à garder…"]
    assert window.actions.banner.isHidden()  # nothing to say about a sound local register


def test_the_words_follow_the_window_language(qtbot, db):
    window = Host(db, "en")
    qtbot.addWidget(window)
    assert window.actions.check.text() == "&Check the register"
    window.lang = "fr"
    window.actions.banner.refresh()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
    assert window.actions.check.text() == "&Vérifier le registre"


def test_restoring_a_backup_from_the_menu(qtbot, db, messages):
    CompanyService(db).create(CompanyInput(name="Avant"))
    maintenance.backup_now(db.path)
    CompanyService(db).create(CompanyInput(name="Après"))
    window = Host(db)
    qtbot.addWidget(window)
    shown = []

    def run(dialog):
        shown.append(dialog)
        assert dialog.model.rowCount() == 1
        assert "manuelle" in dialog.model.data(dialog.model.index(0, 1))
        dialog.restore_selected()
        return dialog.result()

    from cedre_desk.ui.safety.restore_dialog import RestoreDialog

    original_exec = RestoreDialog.exec
    RestoreDialog.exec = run  # type: ignore[method-assign]
    try:
        window.actions.restore.trigger()
    finally:
        RestoreDialog.exec = original_exec  # type: ignore[method-assign]
    assert shown and names(db) == ["Avant"]
    assert window.replaced == 1
    question = next(text for kind, text in messages if kind == "question")
    assert "gardé dans les sauvegardes" in question
    assert any("avant-restauration" in text for kind, text in messages if kind == "information")


def test_the_restore_dialog_lists_backups_newest_first_and_says_when_there_is_none(qtbot, db):
    from cedre_desk.ui.safety.restore_dialog import RestoreDialog

    dialog = RestoreDialog(lambda: [], lambda path: None, "fr")  # type: ignore[arg-type,return-value]
    qtbot.addWidget(dialog)
    assert not dialog.empty.isHidden() and not dialog.restore_button.isEnabled()
    first = maintenance.backup_now(db.path)
    second = maintenance.backup_now(db.path)
    dialog = RestoreDialog(lambda: maintenance.list_backups(db.path), lambda path: None, "en")  # type: ignore[arg-type,return-value]
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 2 and dialog.selected().path == second  # the newest
    assert first.exists()
    assert dialog.model.headerData(2, Qt.Orientation.Horizontal) == "Size"


def test_a_refused_restore_says_why_and_keeps_the_register(qtbot, db, messages, tmp_path):
    CompanyService(db).create(CompanyInput(name="Intacte"))
    bad = tmp_path / "pas-une-sauvegarde.sqlite"
    bad.write_text("texte")
    from cedre_desk.ui.safety.restore_dialog import RestoreDialog

    dialog = RestoreDialog(lambda: maintenance.list_backups(db.path),
                           lambda path: maintenance.restore_backup(db, path), "fr")
    qtbot.addWidget(dialog)
    dialog._confirm_and_restore(bad, bad.name)
    assert any("pas une sauvegarde" in text for kind, text in messages if kind == "warning")
    assert dialog.result_of_restore is None and names(db) == ["Intacte"]


def test_restore_is_refused_up_front_on_a_read_only_register(qtbot, register_path, messages):
    create_register(register_path).close()
    reader = open_register(register_path, read_only=True)
    window = Host(reader)
    qtbot.addWidget(window)
    window.actions.restore.trigger()
    assert messages == [("warning", reader.read_only_message().fr)]
    reader.close()


def test_checking_a_sound_register(qtbot, db, messages):
    window = Host(db)
    qtbot.addWidget(window)
    window.actions.check.trigger()
    assert messages[0][0] == "information" and "Registre sain" in messages[0][1]


def test_checking_a_damaged_register_offers_the_newest_sound_backup(qtbot, db, messages,
                                                                    monkeypatch):
    CompanyService(db).create(CompanyInput(name="Sauvée"))
    copy = maintenance.backup_now(db.path)
    window = Host(db)
    qtbot.addWidget(window)
    from cedre_desk.storage.disk_errors import DamagedRegisterError

    def damaged(_db):
        raise DamagedRegisterError(db.path, ("row 3 missing from index",))

    monkeypatch.setattr(maintenance, "check_open_register", damaged)
    offers: list[str] = []
    click_in_message_box(monkeypatch, "Restaurer cette sauvegarde", offers)
    CompanyService(db).create(CompanyInput(name="Perdue avec le registre abîmé"))
    window.actions.check.trigger()
    assert "row 3 missing" in messages[0][1]
    taken = maintenance.list_backups(db.path)[-1].taken_at
    assert f"{taken:%d/%m/%Y à %H:%M}" in offers[0] and "jamais effacé" in offers[0]
    assert names(db) == ["Sauvée"] and window.replaced == 1
    # Set aside with its journal files (read-only since the check: nothing merged into it).
    aside = [p for p in db.path.parent.iterdir()
             if ".endommage-" in p.name and p.suffix == ".sqlite"]
    assert len(aside) == 1 and copy.exists()


def test_the_offer_can_be_declined_and_nothing_changes(qtbot, register_path, monkeypatch,
                                                       messages):
    db = create_register(register_path)
    CompanyService(db).create(CompanyInput(name="Sauvée"))
    db.close()
    maintenance.backup_now(register_path)
    data = bytearray(register_path.read_bytes())
    data[5000:9000] = b"\xff" * 4000
    register_path.write_bytes(bytes(data))
    offers: list[str] = []
    click_in_message_box(monkeypatch, "Cancel", offers)
    opened = open_with_recovery(lambda: open_register(register_path), register_path, "en")
    assert opened is None and offers and "damaged" in offers[0]
    assert register_path.read_bytes() == bytes(data)


def test_opening_a_damaged_register_restores_the_newest_backup_when_accepted(
        qtbot, register_path, monkeypatch, messages):
    db = create_register(register_path)
    CompanyService(db).create(CompanyInput(name="Sauvée"))
    db.close()
    maintenance.backup_now(register_path)
    register_path.write_bytes(register_path.read_bytes()[:6000])
    offers: list[str] = []
    click_in_message_box(monkeypatch, "Restore this backup", offers)
    opened = open_with_recovery(lambda: open_register(register_path), register_path, "en")
    assert opened is not None and names(opened) == ["Sauvée"]
    opened.close()
    assert any("The damaged register is kept" in text for _, text in messages)


def test_no_sound_backup_means_the_damaged_file_is_left_alone(qtbot, register_path, messages):
    create_register(register_path).close()
    register_path.write_bytes(register_path.read_bytes()[:6000])
    before = register_path.read_bytes()
    assert open_with_recovery(lambda: open_register(register_path), register_path, "fr") is None
    assert messages[0][0] == "critical" and "aucune sauvegarde saine" in messages[0][1]
    assert register_path.read_bytes() == before


def test_the_number_of_backups_kept_is_asked_and_stored(qtbot, db, monkeypatch):
    window = Host(db)
    qtbot.addWidget(window)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **kw: (3, True))
    window.actions.backups_kept.trigger()
    assert maintenance.backups_kept(db) == 3


# -- the banner -----------------------------------------------------------------------------


def make_banner(qtbot, db, lang: str) -> SafetyBanner:
    """A banner inside a (hidden) window, as in the program: shown, it is no window itself."""
    holder = QWidget()
    qtbot.addWidget(holder)
    banner = SafetyBanner(lambda: db, lambda: lang, holder)
    banner.kept_holder = holder  # type: ignore[attr-defined] - the holder lives as long
    return banner


def _foreign_lock(path: Path, *, age: float) -> None:
    target = lock.lock_path(path)
    target.write_text(json.dumps({"user": "marie", "host": "PC-ACCUEIL", "pid": 4242,
                                  "since": datetime(2026, 3, 12, 14, 5).astimezone().isoformat(),
                                  "token": "autre"}))
    os.utime(target, (time.time() - age, time.time() - age))


def test_the_banner_says_who_holds_the_register(qtbot, register_path):
    create_register(register_path).close()
    _foreign_lock(register_path, age=10)
    db = open_register(register_path)
    banner = make_banner(qtbot, db, "fr")
    assert not banner.isHidden()
    assert "marie sur PC-ACCUEIL depuis le 12/03/2026 à 14:05" in banner.text.text()
    assert not banner.retry.isHidden() and banner.take_over.isHidden()
    with qtbot.assertNotEmitted(banner.became_writable):
        banner.retry.click()
    lock.lock_path(register_path).unlink()  # marie closed the register
    with qtbot.waitSignal(banner.became_writable):
        banner.retry.click()
    assert banner.isHidden() and not db.read_only
    db.close()


def test_the_banner_offers_to_take_over_an_abandoned_register(qtbot, register_path):
    create_register(register_path).close()
    _foreign_lock(register_path, age=lock.STALE_AFTER_SECONDS + 60)
    db = open_register(register_path)
    banner = make_banner(qtbot, db, "en")
    assert "no longer answers" in banner.text.text()
    assert not banner.take_over.isHidden()
    with qtbot.waitSignal(banner.became_writable):
        banner.take_over.click()
    assert not db.read_only
    assert "did not end properly" in banner.text.text()  # then: checked, sound
    assert not banner.dismiss.isHidden()
    db.close()


def test_the_banner_tells_about_a_network_drive_and_a_missed_backup(qtbot, db):
    banner = make_banner(qtbot, db, "fr")
    assert banner.isHidden()
    db.on_network = True
    banner.refresh()
    assert "une seule personne à la fois" in banner.text.text()
    from cedre_desk.errors import RegisterError

    db.backup_problem = RegisterError("Disque plein.", "Disk full.")
    banner.refresh()
    assert "sauvegarde du jour" in banner.text.text() and "Disque plein" in banner.text.text()
    banner.dismiss.click()
    assert banner.isHidden()


def test_the_banner_sits_above_the_views(qtbot, db):
    window = Host(db)
    qtbot.addWidget(window)
    layout = window.centralWidget().layout()
    assert layout.itemAt(0).widget() is window.actions.banner
    assert isinstance(layout.itemAt(1).widget(), QLabel)


def test_a_stale_lock_of_this_computer_is_taken_over_silently(qtbot, register_path):
    import subprocess
    import sys

    create_register(register_path).close()
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    target = lock.lock_path(register_path)
    target.write_text(json.dumps({"user": "moi", "host": socket.gethostname(),
                                  "pid": child.pid, "since": datetime.now().astimezone()
                                  .isoformat(), "token": "mort"}))
    db = open_register(register_path)
    banner = make_banner(qtbot, db, "fr")
    assert "ne s'est pas terminée proprement" in banner.text.text()
    db.close()


def test_a_register_found_damaged_after_opening_is_offered_its_backup(
        qtbot, register_path, monkeypatch, messages):
    """The quick_check runs beside the first reads (check_later): its failure reaches the
    window, which says so and offers the newest sound backup; meanwhile nothing is written."""
    db = create_register(register_path)
    CompanyService(db).create(CompanyInput(name="Sauvée"))
    db.close()
    maintenance.backup_now(register_path)
    data = bytearray(register_path.read_bytes())
    data[-12000:-8000] = b"\xff" * 4000  # a table's pages: the file still opens
    register_path.write_bytes(bytes(data))
    damaged = open_register(register_path, check_later=True)
    offers: list[str] = []
    click_in_message_box(monkeypatch, "Restaurer cette sauvegarde", offers)
    window = Host(damaged)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.replaced == 1, timeout=10_000)
    assert any("trouvé des problèmes" in text for kind, text in messages if kind == "warning")
    assert offers and names(damaged) == ["Sauvée"]
    CompanyService(damaged).create(CompanyInput(name="Écrite après la restauration"))
    damaged.close()


def test_a_sound_register_checked_after_opening_says_nothing(qtbot, db, register_path,
                                                             messages):
    db.close()
    opened = open_register(register_path, check_later=True)
    window = Host(opened)
    qtbot.addWidget(window)
    assert opened.opening_check is not None and opened.opening_check.wait(10) is True
    qtbot.wait(50)
    assert messages == [] and window.replaced == 0
    opened.close()


def test_the_default_button_never_sets_records_aside(qtbot, register_path, monkeypatch):
    """The damaged-register offer and the restore confirmation default to Cancel / No, and
    say which records newer than the copy the restore would set aside (issue 15, point 1)."""
    db = create_register(register_path)
    CompanyService(db).create(CompanyInput(name="Avant"))
    copy = maintenance.backup_now(register_path)
    CompanyService(db).create(CompanyInput(name="Après"))
    questions: list[tuple[str, object]] = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, buttons, default:
                        questions.append((text, default)) or QMessageBox.StandardButton.No)
    from cedre_desk.ui.safety.restore_dialog import RestoreDialog

    dialog = RestoreDialog(lambda: maintenance.list_backups(register_path),
                           lambda backup: maintenance.restore_backup(db, backup), "fr",
                           newer=lambda backup: maintenance.newer_records(register_path, backup))
    qtbot.addWidget(dialog)
    dialog.restore_selected()
    [(text, default)] = questions
    assert default == QMessageBox.StandardButton.No
    assert "1 structure(s)" in text and "jamais effacé" in text
    assert names(db) == ["Après", "Avant"]  # answered No: nothing restored
    db.close()
    data = bytearray(register_path.read_bytes())
    data[-12000:-8000] = b"\xff" * 4000
    register_path.write_bytes(bytes(data))
    defaults: list[str] = []

    def look(box: QMessageBox) -> int:
        button = box.defaultButton()
        defaults.append(button.text() if button is not None else "")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", look)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **kw: None)
    from cedre_desk.ui.safety.damaged import offer_recovery

    assert offer_recovery(None, register_path, "en") is False
    assert defaults and defaults[0] != "Restore this backup"
    assert register_path.read_bytes() == bytes(data) and copy.exists()
