"""Enregistrer une copie: a verified copy that opens, never over the open register."""

from __future__ import annotations

import pytest

from cedre_desk.errors import UserError
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.copies import save_copy
from cedre_desk.storage.opening import open_register

pytestmark = pytest.mark.sqlite_only(reason="a copy of the register file; a shared register is "
                                     "copied by pg_dump or `cedre-desk-cli copy`")


def test_a_copy_holds_the_register_and_opens(db, tmp_path):
    CompanyService(db).create(CompanyInput(name="ISIS", town="Istres"))
    target = tmp_path / "copies" / "copie.sqlite"
    assert save_copy(db, target) == target
    copy = open_register(target)
    try:
        assert [r.name for r in CompanyService(copy).rows()] == ["ISIS"]
    finally:
        copy.close()


def test_the_copy_never_replaces_the_open_register(db, register_path):
    with pytest.raises(UserError) as refused:
        save_copy(db, register_path)
    assert "registre ouvert" in refused.value.fr
    assert register_path.exists()


def test_a_folder_is_not_a_copy_name(db, tmp_path):
    with pytest.raises(UserError, match="folder"):
        save_copy(db, tmp_path)
