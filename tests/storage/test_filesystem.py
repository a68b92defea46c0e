from __future__ import annotations

from pathlib import Path

from cedre_desk.storage import filesystem


def test_unc_paths_are_network_paths():
    assert filesystem.is_network_path(Path("//server/share/registre.sqlite"))


def test_mount_type_takes_the_longest_mount_point(tmp_path: Path):
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/vda / ext4 rw 0 0\n"
        f"server:/export {tmp_path}/share nfs4 rw 0 0\n"
        f"//nas/q {tmp_path}/my\\040docs cifs rw 0 0\n"
    )
    (tmp_path / "share").mkdir()
    (tmp_path / "my docs").mkdir()
    assert filesystem._mount_type(tmp_path / "share" / "r.sqlite", mounts) == "nfs4"
    assert filesystem._mount_type(tmp_path / "my docs" / "r.sqlite", mounts) == "cifs"
    assert filesystem._mount_type(tmp_path / "local.sqlite", mounts) == "ext4"


def test_a_network_register_gets_the_rollback_journal(tmp_path: Path, monkeypatch):
    from cedre_desk.services.register import create_register

    monkeypatch.setattr("cedre_desk.storage.engine.is_network_path", lambda path: True)
    db = create_register(tmp_path / "r.sqlite")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    db.close()
