"""Renames that survive a power cut: the one primitive under every file the program writes.

Writers put their bytes in a temporary file beside the target; `replace_into_place` flushes
that file, renames it over the target (atomic on one filesystem) and flushes the folder, so
after a crash or a power cut the target is the old file or the new one, never half of one.
Both the storage layer (backups, restores) and the exports use it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def fsync_file(path: Path) -> None:
    with Path(path).open("rb") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no folder handles to flush)."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems (network shares) refuse to sync a folder: the rename stands
    finally:
        os.close(fd)


def replace_into_place(partial: Path, target: Path) -> None:
    """Flush `partial`, rename it over `target`, flush the folder."""
    fsync_file(partial)
    Path(partial).replace(target)
    fsync_folder(Path(target).parent)
