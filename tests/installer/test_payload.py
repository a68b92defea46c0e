"""The Windows setup's file lists (installer/windows/payload.py): the setup installs every file
of the bundle and the uninstaller deletes those files only, never a whole folder."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

PAYLOAD = Path(__file__).resolve().parents[2] / "installer" / "windows" / "payload.py"
spec = importlib.util.spec_from_file_location("installer_payload", PAYLOAD)
assert spec is not None and spec.loader is not None
payload = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = payload  # dataclasses look their module up
spec.loader.exec_module(payload)


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    root = tmp_path / "cedre-desk"
    for name in ("cedre-desk", "cedre-desk-cli", "_internal/base_library.zip",
                 "_internal/PySide6/plugins/qwindows.dll",
                 "_internal/cedre_desk/resources/prix $5.json"):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name)
    return root


def test_the_setup_installs_every_file_where_the_bundle_has_it(bundle, tmp_path):
    payload.write_lists(bundle, tmp_path / "nsh")
    install = (tmp_path / "nsh" / "install-files.nsh").read_text().splitlines()
    files = [line for line in install if line.startswith("File ")]
    assert len(files) == 5
    assert 'SetOutPath "$INSTDIR\\_internal\\PySide6\\plugins"' in install
    assert any(line.endswith('prix $$5.json"') for line in files)  # $ is NSIS's variable mark
    assert install[-1] == 'SetOutPath "$INSTDIR"'


def test_the_uninstaller_deletes_only_what_was_installed(bundle, tmp_path):
    payload.write_lists(bundle, tmp_path / "nsh")
    lines = (tmp_path / "nsh" / "uninstall-files.nsh").read_text().splitlines()[1:]
    deletes = [line for line in lines if line.startswith("Delete ")]
    folders = [line for line in lines if line.startswith("RMDir ")]
    assert len(deletes) == 5 and len(deletes) + len(folders) == len(lines)
    assert all("/r" not in line for line in folders)  # a folder that holds more is left
    assert folders.index('RMDir "$INSTDIR\\_internal\\PySide6\\plugins"') < \
        folders.index('RMDir "$INSTDIR\\_internal\\PySide6"') < \
        folders.index('RMDir "$INSTDIR\\_internal"')  # the deepest first


def test_the_stand_in_is_laid_out_like_the_bundle_with_windows_executables(bundle, tmp_path):
    standin = tmp_path / "standin"
    payload.write_standin(bundle, standin)
    names = {str(p) for p in payload.bundle_files(standin)}
    assert names == {"cedre-desk.exe", "cedre-desk-cli.exe", "_internal\\base_library.zip",
                     "_internal\\PySide6\\plugins\\qwindows.dll",
                     "_internal\\cedre_desk\\resources\\prix $5.json"}


LISTING = """
   Date      Time    Attr         Size   Compressed  Name
------------------- ----- ------------ ------------  ------------------------
2003-09-23 18:34:00 .....        26494        68732  $PLUGINSDIR/modern-wizard.bmp
2026-12-03 08:19:00 .....           40               _internal/base_library.zip
2026-12-03 08:19:00 .....           40               _internal/PySide6/plugins/qwindows.dll
2026-12-03 08:19:00 .....           40               _internal/cedre_desk/resources/prix $5.json
2026-12-03 08:19:02 .....           28               cedre-desk-cli.exe
2026-12-03 08:19:02 .....           24               cedre-desk.exe
                    .....                            uninstall.exe
------------------- ----- ------------ ------------  ------------------------
2026-12-03 08:19:02             103832        68732  7 files
"""


def test_the_listing_must_hold_every_file_and_the_uninstaller(bundle, tmp_path, capsys):
    standin = tmp_path / "standin"
    payload.write_standin(bundle, standin)
    listing = tmp_path / "listing.txt"
    listing.write_text(LISTING)
    payload.verify(standin, listing)
    assert "all 5 files" in capsys.readouterr().out
    listing.write_text(LISTING.replace("cedre-desk-cli.exe", "autre.exe"))
    with pytest.raises(SystemExit, match=r"cedre-desk-cli\.exe"):
        payload.verify(standin, listing)
    listing.write_text(LISTING.replace("uninstall.exe", "rien.exe"))
    with pytest.raises(SystemExit, match="uninstaller"):
        payload.verify(standin, listing)
