"""Renames that survive a power cut: the one primitive under every file the program writes.

Writers put their bytes in a temporary file beside the target; `replace_into_place` flushes
that file, renames it over the target (atomic on one filesystem) and flushes the folder, so
after a crash or a power cut the target is the old file or the new one, never half of one.
Both the storage layer (backups, restores) and the exports use it, and the removal of the
temporary files a killed run left behind.
"""

from __future__ import annotations

import os
import re
import sys
import time
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


# A temporary file is another program's work in progress until it is this old.
LEFTOVER_AGE_SECONDS = 3600


def remove_leftovers(folder: Path, pattern: re.Pattern[str], *, local: bool = True) -> list[Path]:
    """Remove the temporary files of `folder` whose names match `pattern` (its group `pid`
    the process that wrote them) and that a killed run left behind: their process is gone
    (on a local disk: pids mean nothing across a network share), or they are over an hour
    old. Returns what was removed."""
    removed: list[Path] = []
    try:
        names = list(folder.iterdir())
    except OSError:
        return removed
    limit = time.time() - LEFTOVER_AGE_SECONDS
    for path in names:
        match = pattern.fullmatch(path.name)
        if match is None:
            continue
        try:
            pid = int(match.group("pid"))
            gone = local and pid != os.getpid() and not _process_running(pid)
            if gone or path.stat().st_mtime < limit:
                path.unlink()
                removed.append(path)
        except (OSError, ValueError):
            continue
    return removed


def _process_running(pid: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows: the age rule alone
        return True
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
