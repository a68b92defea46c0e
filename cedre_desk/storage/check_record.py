"""The last sound check of a register, remembered beside it (in its backups folder), so that
a reader does not read the whole file again when nothing has changed since.

SQLite's quick_check reads every page: 0.4 s of CPU and more of disk for a register of
20,000 companies, on every `cedre-desk-cli due`, longer than the listing itself. A reader
(`open_register(read_only=True)`) may take the verdict of an earlier check instead, when the
file is the very one that was checked: same device and inode, size, modification time to
the nanosecond, SQLite's file change counter (header offset 24), and the same write-ahead
log (size and modification time; a WAL register's commits go there first). A writer never
does: its full check runs before its first write (docs/reliability.md).

A check is remembered only when the file did not change while it ran, and only when the
file was last modified at least `SETTLED_SECONDS` before the check began: a file system
that keeps coarse times (FAT, some network shares) could otherwise see a change made in the
same tick as the check leave every key as it was (the "racily clean" case, as git calls it).
The record is a convenience: a record that cannot be written or read means a check, never an
error.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from cedre_desk.paths import backups_dir

RECORD_NAME = "last-check.json"
SETTLED_SECONDS = 2.0
_FORMAT = 1


def file_state(path: Path) -> list[int] | None:
    """What identifies the register's content as it is now; None when it cannot be read."""
    try:
        with path.open("rb") as f:
            st = os.fstat(f.fileno())
            f.seek(24)
            counter = int.from_bytes(f.read(4), "big")
        try:
            wal = Path(f"{path}-wal").stat()
            wal_state = [wal.st_size, wal.st_mtime_ns] if wal.st_size else [0, -1]
        except FileNotFoundError:
            wal_state = [0, -1]  # as an empty one, which a reader may create: nothing in it
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, counter, *wal_state]


def _record_path(path: Path) -> Path:
    return backups_dir(path) / RECORD_NAME


def checked_sound(path: Path, *, full: bool = False) -> bool:
    """True when a sound check (a full one when `full`) was remembered for the register's
    file exactly as it is now."""
    state = file_state(path)
    if state is None:
        return False
    try:
        record = json.loads(_record_path(path).read_text(encoding="utf-8"))
        return bool(record["format"] == _FORMAT and record["state"] == state
                    and (record["full"] or not full))
    except (OSError, ValueError, KeyError, TypeError):
        return False


def remember_sound(path: Path, before: list[int] | None, started: float, *,
                   full: bool) -> None:
    """Remember that the check begun at `started` (time.time()) on the file in state `before`
    found it sound, if the file did not change meanwhile and had settled before it began.
    Written only into a backups folder that exists (a reader makes no folder); silent when
    it cannot be written."""
    if before is None or file_state(path) != before:
        return
    if started - before[3] / 1e9 < SETTLED_SECONDS:
        return
    wal_mtime = before[6]
    if wal_mtime >= 0 and started - wal_mtime / 1e9 < SETTLED_SECONDS:
        return
    target = _record_path(path)
    if not target.parent.is_dir():
        return
    partial = target.with_name(f"{RECORD_NAME}.{os.getpid()}.partial")
    with contextlib.suppress(OSError):
        partial.write_text(json.dumps({"format": _FORMAT, "state": before, "full": full,
                                       "checked_at": started}), encoding="utf-8")
        partial.replace(target)
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)
