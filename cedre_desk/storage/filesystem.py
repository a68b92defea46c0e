"""Is a register file on a network drive? SQLite's WAL journal needs shared memory between
the processes that open the file, which network filesystems do not give: there the journal
must stay a rollback journal, and only one writer at a time is safe."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

# Filesystem types (as /proc/mounts names them) that are reached over a network.
_NETWORK_FS = {
    "nfs", "nfs4", "cifs", "smbfs", "smb3", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "davfs", "fuse.davfs2", "lustre", "gpfs",
}


def is_network_path(path: Path) -> bool:
    """True when `path` (a file or the folder that will hold it) lies on a network drive."""
    text = str(path)
    if text.startswith(("\\\\", "//")):  # UNC path: \\server\share
        return True
    if sys.platform == "win32":
        return _windows_drive_is_remote(path)
    return _mount_type(path) in _NETWORK_FS


def _windows_drive_is_remote(path: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = path.resolve().anchor
    drive_remote = 4
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == drive_remote)


def _mount_type(path: Path, mounts_file: Path = Path("/proc/mounts")) -> str:
    """The type of the filesystem holding `path`, from the longest matching mount point."""
    try:
        lines = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    target = os.path.realpath(path if path.exists() else path.parent)
    best, best_type = "", ""
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def is_writable(path: Path) -> bool:
    """Can this program write the register at `path` and create files beside it (its journal,
    its lock)? A read-only file or folder opens read-only instead of failing on the first save.
    (On Windows this sees the read-only attribute; access lists show up as SQLite errors,
    which are translated too.)"""
    folder = path.parent if str(path.parent) else Path()
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def real_path(path: Path) -> Path:
    """The file itself behind `path`: symbolic links followed, `..` and `.` removed, made
    absolute. One register has one real path, so one lock and one place to restore to.
    (Windows: letter case is the filesystem's, not the path's; a UNC path and a mapped drive
    naming the same share stay two names: docs/reliability.md.)"""
    return Path(os.path.realpath(path))


def take_ownership(path: Path, like: os.stat_result) -> None:
    """Give `path` the permissions, then the group and owner, of the file `like` describes
    (what a restored register or a backup must not exceed). Owner and group are changed as
    far as this user may: a file can only be given away by root."""
    Path(path).chmod(stat.S_IMODE(like.st_mode) & 0o7777)
    if sys.platform == "win32" or not hasattr(os, "chown"):  # pragma: no cover - Windows
        return
    for uid, gid in ((like.st_uid, like.st_gid), (-1, like.st_gid)):
        try:
            os.chown(path, uid, gid)
            return
        except PermissionError:
            continue


def folder_mode_like(register_mode: int) -> int:
    """A folder beside a register (its backups) opened no wider than the register: the user
    always, the group and others only as far as the register lets them read (and write)."""
    mode = 0o700
    if register_mode & stat.S_IRGRP:
        mode |= 0o050 | (0o020 if register_mode & stat.S_IWGRP else 0)
    if register_mode & stat.S_IROTH:
        mode |= 0o005
    return mode
