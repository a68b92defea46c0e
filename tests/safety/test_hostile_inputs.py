"""Hostile inputs (issue 5, point 7): each gets one clear message in the user's language, and
nothing changes. docs/reliability.md lists every case with the test that backs it."""

from __future__ import annotations

import os
import sqlite3
import zipfile
from contextlib import closing
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from cedre_desk.__main__ import main
from cedre_desk.audits.dates import parse_date
from cedre_desk.audits.vocabulary import AuditKind, AuditStatus
from cedre_desk.errors import UserError, ValidationError
from cedre_desk.imports.requirement_sheet import read_requirement_sheet
from cedre_desk.imports.workbook import read_workbook
from cedre_desk.paths import backups_dir
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.exporting import ExportService
from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.services.register import create_register
from cedre_desk.storage.database import NOT_WRITABLE
from cedre_desk.storage.disk_errors import DamagedRegisterError
from cedre_desk.storage.opening import open_register

TODAY = date(2026, 11, 22)


def _both_languages(error: UserError) -> None:
    assert error.fr and error.en and error.fr != error.en
    assert "Traceback" not in error.fr


# -- register files ---------------------------------------------------------------------------


@pytest.fixture
def made(register_path: Path) -> Path:
    db = create_register(register_path)
    CompanyService(db).create(CompanyInput(name="ISIS"))
    db.close()
    return register_path


@pytest.mark.parametrize(("content", "fr", "en"), [
    (b"", "pas un registre", "not a cedre-desk register"),
    (b"nom;ville\nISIS;Istres\n", "pas un registre", "not a cedre-desk register"),
    (b"%PDF-1.7\n", "pas un registre", "not a cedre-desk register"),
])
def test_a_file_that_is_not_a_register_is_refused_in_both_languages(tmp_path: Path, capsys,
                                                                    content, fr, en):
    path = tmp_path / "registre.sqlite"
    path.write_bytes(content)
    assert main(["due", "--db", str(path)]) == 7
    assert fr in capsys.readouterr().err
    assert main(["--lang", "en", "due", "--db", str(path)]) == 7
    assert en in capsys.readouterr().err
    assert path.read_bytes() == content and not backups_dir(path).exists()


def test_another_programs_sqlite_database_is_refused(tmp_path: Path):
    path = tmp_path / "firefox.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE moz_places (url TEXT)")
    before = path.read_bytes()
    with pytest.raises(UserError) as caught:
        open_register(path)
    _both_languages(caught.value)
    assert "n'est pas un registre" in caught.value.fr and path.read_bytes() == before


def test_a_truncated_register_is_refused_as_damaged_and_left_as_it_is(made: Path, capsys):
    cut = made.read_bytes()[: made.stat().st_size // 2]
    made.write_bytes(cut)
    with pytest.raises(DamagedRegisterError) as caught:
        open_register(made)
    _both_languages(caught.value)
    assert "endommagé" in caught.value.fr and "damaged" in caught.value.en
    assert main(["--lang", "en", "due", "--db", str(made)]) == 8
    assert "damaged" in capsys.readouterr().err
    assert made.read_bytes() == cut


def test_a_register_from_a_newer_version_is_refused_and_left_as_it_is(made: Path, capsys):
    with closing(sqlite3.connect(made)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = made.read_bytes()
    assert main(["due", "--db", str(made)]) == 1
    assert "version plus récente" in capsys.readouterr().err
    with pytest.raises(UserError) as caught:
        open_register(made, read_only=True)
    assert "newer version" in caught.value.en
    assert made.read_bytes() == before and not backups_dir(made).exists()


def test_a_read_only_register_is_opened_for_reading_and_refuses_changes(made: Path,
                                                                        monkeypatch):
    monkeypatch.setattr("cedre_desk.storage.opening.is_writable", lambda path: False)
    monkeypatch.setattr("cedre_desk.storage.engine.is_writable", lambda path: False)
    before = made.read_bytes()
    db = open_register(made)
    assert db.read_only_reason == NOT_WRITABLE
    assert [r.name for r in CompanyService(db).rows()] == ["ISIS"]
    with pytest.raises(UserError) as caught:
        CompanyService(db).create(CompanyInput(name="Nouvelle"))
    _both_languages(caught.value)
    assert "lecture seule" in caught.value.fr
    db.close()
    assert made.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root ignores file permissions")
def test_a_really_read_only_folder_is_opened_for_reading(made: Path):  # pragma: no cover
    for extra in made.parent.glob(made.name + "-*"):
        extra.unlink()
    made.chmod(0o444)
    made.parent.chmod(0o555)
    try:
        db = open_register(made)
        assert db.read_only_reason == NOT_WRITABLE
        assert [r.name for r in CompanyService(db).rows()] == ["ISIS"]
        db.close()
    finally:
        made.parent.chmod(0o755)
        made.chmod(0o644)


def test_a_full_disk_during_the_command_line_backup_is_one_clear_line(made: Path, capsys,
                                                                      monkeypatch):
    import errno

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("cedre_desk.storage.backup.copy_register", full)
    assert main(["backup", "--db", str(made)]) == 4
    err = capsys.readouterr().err
    assert err.startswith("Disque plein") and "Traceback" not in err
    assert main(["--lang", "en", "backup", "--db", str(made)]) == 4
    assert capsys.readouterr().err.startswith("Disk full")
    assert list(backups_dir(made).glob("*")) == []


# -- import files -----------------------------------------------------------------------------


def _valid_xlsx(path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Structures"
    sheet.append(["Code", "Titre", "Texte", "Nom", "Ville"])
    sheet.append(["1.1", "Titre", "Texte", "ISIS", "Istres"])
    workbook.save(path)
    return path


def _with_sheet_xml(source: Path, target: Path, prolog: bytes) -> Path:
    """A copy of `source` whose first sheet XML starts with `prolog` (a DOCTYPE)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = data[data.index(b"<worksheet"):]
                body = body.replace(b"<v>", b"<v>&bomb;", 1) if b"<v>" in body else body
                data = prolog + body
            zout.writestr(item, data)
    return target


_BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY l0 "lol">'
    + b"".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">'.encode() for i in range(1, 10))
    + b'<!ENTITY bomb "&l9;">]>'
)
_EXTERNAL_ENTITY = (b'<?xml version="1.0"?><!DOCTYPE worksheet '
                    b'[<!ENTITY bomb SYSTEM "file:///etc/passwd">]>')


def _hostile_file(kind: str, folder: Path) -> Path:
    path = folder / ("ancien.xls" if kind == "xls" else f"{kind}.xlsx")
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated":
        whole = _valid_xlsx(folder / "whole.xlsx").read_bytes()
        path.write_bytes(whole[: len(whole) // 2])
    elif kind == "password":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000
                         + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100)
    elif kind == "xls":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    elif kind == "csv":
        path.write_text("Nom;Ville\nISIS;Istres\n", encoding="utf-8")
    elif kind == "bomb":
        _with_sheet_xml(_valid_xlsx(folder / "whole.xlsx"), path, _BILLION_LAUGHS)
    elif kind == "external":
        _with_sheet_xml(_valid_xlsx(folder / "whole.xlsx"), path, _EXTERNAL_ENTITY)
    return path


HOSTILE = ["empty", "truncated", "password", "xls", "csv", "bomb", "external"]
_EXPECTED = {"password": ("mot de passe", "password"), "xls": ("97-2003", "97-2003"),
             "csv": ("CSV", "CSV"), "truncated": ("endommagé", "damaged"),
             "bomb": ("endommagé", "damaged"), "external": ("endommagé", "damaged")}


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_requirement_sheets_are_refused(tmp_path: Path, kind: str):
    path = _hostile_file(kind, tmp_path)
    with pytest.raises(UserError) as caught:
        read_requirement_sheet(path)
    _both_languages(caught.value)
    if kind in _EXPECTED:
        fr, en = _EXPECTED[kind]
        assert fr in caught.value.fr and en in caught.value.en
    assert "root:" not in caught.value.fr  # an external entity never reads a file


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_workbooks_are_refused_and_the_register_is_unchanged(db, tmp_path: Path,
                                                                     kind: str):
    path = _hostile_file(kind, tmp_path)
    CompanyService(db).create(CompanyInput(name="Avant"))
    with pytest.raises(UserError) as caught:
        ImportService(db).run(path, today=TODAY)
    _both_languages(caught.value)
    if kind in _EXPECTED:
        fr, en = _EXPECTED[kind]
        assert fr in caught.value.fr and en in caught.value.en
    with pytest.raises(UserError):
        read_workbook(path, today=TODAY)
    assert [r.name for r in CompanyService(db).rows()] == ["Avant"]


def test_an_xml_bomb_is_refused_quickly(tmp_path: Path):
    import time

    path = _hostile_file("bomb", tmp_path)
    started = time.monotonic()
    with pytest.raises(UserError):
        read_requirement_sheet(path)
    assert time.monotonic() - started < 2


# -- texts and dates --------------------------------------------------------------------------


def test_a_megabyte_of_text_is_refused_naming_the_field(db):
    service = CompanyService(db)
    for field in ("name", "notes", "town"):
        with pytest.raises(ValidationError) as caught:
            service.create(CompanyInput(**{"name": "ISIS", field: "x" * 1_048_576}))
        assert caught.value.field == field
        _both_languages(caught.value)
        assert "caractères" in caught.value.fr and "characters" in caught.value.en
    assert service.rows() == []


def test_a_megabyte_edit_is_refused_and_the_record_is_unchanged(db):
    service = CompanyService(db)
    company = service.create(CompanyInput(name="ISIS", notes="courte"))
    record = service.get(company)
    with pytest.raises(ValidationError):
        service.update(company, replace(record.data, notes="y" * 1_048_576), record.version)
    after = service.get(company)
    assert after.data.notes == "courte" and after.version == record.version


def test_control_characters_are_removed_from_texts(db):
    service = CompanyService(db)
    company = service.create(CompanyInput(name="IS\x00IS\x1b[31m", town="Ist\x07res",
                                          notes="ligne 1\nligne\t2\x0c"))
    data = service.get(company).data
    assert data.name == "ISIS[31m" and data.town == "Istres"
    assert data.notes == "ligne 1\nligne\t2"  # newlines and tabs stay
    with pytest.raises(ValidationError) as caught:
        service.create(CompanyInput(name="\x00\x01\x02"))
    assert caught.value.field == "name"


@pytest.mark.parametrize("text", ["=cmd|' /C calc'!A0", "+33 1 02", "@SUM(A1)"])
def test_formulas_in_text_fields_are_kept_as_text_and_exported_as_text(db, tmp_path: Path,
                                                                        text: str):
    service = CompanyService(db)
    company = service.create(CompanyInput(name=text, notes=text))
    assert service.get(company).data.name == text  # stored exactly as typed
    target = tmp_path / "registre.xlsx"
    ExportService(db).register(target, today=TODAY)
    workbook = load_workbook(target)
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows()
             for cell in row if isinstance(cell.value, str) and text in cell.value]
    assert cells, "the text was not exported"
    assert all(cell.data_type == "s" for cell in cells)  # never a formula


@pytest.mark.parametrize("text", ["31/02/2015", "29/02/2023", "2026-13-01", "00/01/2020",
                                  "32/01/2020", "2026-02-30", "demain", ""])
def test_impossible_dates_are_refused(text: str, capsys):
    with pytest.raises(ValueError):
        parse_date(text)
    with pytest.raises(SystemExit) as caught:
        main(["due", "--today", text])
    assert caught.value.code == 1  # a bad value is refused (README: exit statuses)
    assert "date invalide" in capsys.readouterr().err


def test_an_audit_ending_before_it_starts_is_refused_and_nothing_written(db):
    version = ReferentialService(db).in_force(CEDRE, TODAY)
    assert version is not None
    company = CompanyService(db).create(CompanyInput(name="ISIS"))
    with pytest.raises(ValidationError) as caught:
        AuditService(db).create(AuditInput(AuditKind.CERTIFICATION, version.id,
                                           company_id=company, start_on=date(2026, 5, 10),
                                           end_on=date(2026, 5, 2), status=AuditStatus.DONE))
    _both_languages(caught.value)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM audit").scalar() == 0
