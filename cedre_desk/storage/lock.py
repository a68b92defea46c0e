"""One writer at a time: a lock file beside the register.

`<register>.lock` holds who writes the register (user, computer, process, since when). It is
created with O_CREAT|O_EXCL, which is atomic on a local disk and on SMB and NFS shares alike
(CreateFile's CREATE_NEW on Windows): of two programs opening the register at the same moment,
exactly one creates the file. The other opens the register read-only and shows who holds it.

The holder touches the file every HEARTBEAT_SECONDS, so a lock left by a program that crashed
(or a laptop that vanished from the network) is recognised:
- on the same computer, when its process is gone (or is another process that reused the pid);
- from another computer, when the file has not been touched for STALE_AFTER_SECONDS.
A lock whose process is certainly dead is taken over at once; one that is only old is offered
to the user, who may know the other computer is switched off. Before every write the holder
checks the file still names it: if someone took over meanwhile, it stops writing.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from cedre_desk.errors import UserError
from cedre_desk.storage.disk_errors import disk_error

HEARTBEAT_SECONDS = 60
STALE_AFTER_SECONDS = 10 * 60
LOCK_SUFFIX = ".lock"


def lock_path(register: Path) -> Path:
    """The lock beside the real register: every path to it (a symbolic link, `..`) is one
    lock, so one writer."""
    register = Path(os.path.realpath(register))
    return register.with_name(register.name + LOCK_SUFFIX)


@dataclass(frozen=True)
class LockInfo:
    """Who holds a register, as written in its lock file."""

    user: str
    host: str
    pid: int
    since: str  # ISO 8601 local time with its offset
    token: str

    @property
    def since_time(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.since)
        except ValueError:
            return None

    def describe(self, lang: str = "fr") -> str:
        """"Marie sur PC-ACCUEIL depuis le 12/03/2026 à 14:05"."""
        when = self.since_time
        user = self.user or ("?" if lang == "en" else "un autre utilisateur")
        if lang == "en":
            since = f" since {when:%d/%m/%Y %H:%M}" if when else ""
            return f"{user} on {self.host or '?'}{since}"
        since = f" depuis le {when:%d/%m/%Y à %H:%M}" if when else ""
        return f"{user} sur {self.host or '?'}{since}"


# What an attempt to take the lock found.
ACQUIRED = "acquired"  # the file was free: we hold it
TAKEN_OVER = "taken_over"  # a dead process held it: we hold it now (an unclean shutdown)
HELD = "held"  # a live program holds it
ABANDONED = "abandoned"  # held by a program that stopped touching it: offer to take over


@dataclass(frozen=True)
class LockAttempt:
    outcome: str
    lock: RegisterLock | None = None  # set when we hold it
    holder: LockInfo | None = None  # the other holder (HELD, ABANDONED), or the dead one


class RegisterLock:
    """The lock we hold on one register; shared by every Database of this process on it."""

    def __init__(self, path: Path, info: LockInfo) -> None:
        self.path = path
        self.info = info
        self.users = 1
        self.lost_to: LockInfo | None = None

    def still_ours(self) -> bool:
        """True while the lock file still names us; re-made if someone deleted it by hand."""
        if self.lost_to is not None:
            return False
        found = read_lock(self.path)
        if found is not None and found.token == self.info.token:
            return True
        if found is None and not self.path.exists() and _create(self.path, self.info):
            return True
        self.lost_to = found or read_lock(self.path)
        return False

    def touch(self) -> None:
        """The heartbeat. It must never fail: a lock it cannot touch (a vanished network
        drive) shows up at the next write, which checks the lock itself."""
        with contextlib.suppress(OSError, UserError):
            if self.still_ours():
                os.utime(self.path)

    def release(self) -> None:
        self.users -= 1
        if self.users > 0:
            return
        _HEARTBEAT.forget(self)
        _HELD.pop(_key(self.path), None)
        with contextlib.suppress(OSError):
            found = read_lock(self.path)
            if found is not None and found.token == self.info.token:
                self.path.unlink()


def acquire(register: Path, user: str) -> LockAttempt:
    """Take the lock on `register`, or say who holds it."""
    path = lock_path(register)
    held = _HELD.get(_key(path))
    if held is not None and held.still_ours():
        held.users += 1  # the same program opening the register again
        return LockAttempt(ACQUIRED, held)
    info = _new_info(user)
    if _create(path, info):
        return LockAttempt(ACQUIRED, _hold(path, info))
    found = read_lock(path)
    state = _state(path, found)
    if state == "dead" and _take_over(path, found) and _create(path, info):
        return LockAttempt(TAKEN_OVER, _hold(path, info), found)
    if state == "dead":  # another program took it over between our reads
        return LockAttempt(HELD, None, read_lock(path))
    return LockAttempt(ABANDONED if state == "old" else HELD, None, found)


def take_over(register: Path, user: str, abandoned: LockInfo | None) -> LockAttempt:
    """Take a lock the user judged abandoned, provided it is still the same one."""
    path = lock_path(register)
    found = read_lock(path)
    if found is not None and (abandoned is None or found.token != abandoned.token):
        return LockAttempt(HELD, None, found)  # it changed hands (or came back to life)
    info = _new_info(user)
    if _take_over(path, found) and _create(path, info):
        return LockAttempt(TAKEN_OVER, _hold(path, info), found)
    return LockAttempt(HELD, None, read_lock(path))


def inspect(register: Path) -> tuple[str | None, LockInfo | None]:
    """The state of the register's lock without touching it: None (no lock), 'live', 'dead'
    (its program is gone: the last session did not end properly) or 'old' (abandoned?)."""
    path = lock_path(register)
    found = read_lock(path)
    if found is None:
        return None, None
    return _state(path, found), found


def read_lock(path: Path) -> LockInfo | None:
    """The lock file's holder; None when there is no file. A file being written (or garbled)
    reads as an unknown holder, so it still counts as held."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return LockInfo("", "", 0, "", "unreadable")
    try:
        data = json.loads(raw.decode("utf-8"))
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]),
                        str(data["since"]), str(data["token"]))
    except (ValueError, KeyError, TypeError):
        return LockInfo("", "", 0, "", "garbled:" + raw[:64].hex())


# -- internals -------------------------------------------------------------------------------

_HELD: dict[str, RegisterLock] = {}


def _key(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def _new_info(user: str) -> LockInfo:
    since = datetime.now().astimezone().isoformat(timespec="seconds")
    return LockInfo(user, socket.gethostname(), os.getpid(), since, uuid.uuid4().hex)


def _hold(path: Path, info: LockInfo) -> RegisterLock:
    lock = RegisterLock(path, info)
    _HELD[_key(path)] = lock
    _HEARTBEAT.watch(lock)
    return lock


def _create(path: Path, info: LockInfo) -> bool:
    """Create the lock file exclusively; False if it exists. Other failures are user errors.

    The content is written to a file of our own first, then hard-linked to the lock's name
    (atomic and exclusive too): a program killed half-way never leaves an empty lock that
    nobody could attribute. Where hard links are not supported (FAT, some shares), the lock
    is created with O_EXCL and written at once.
    """
    content = json.dumps(asdict(info), ensure_ascii=False).encode("utf-8")
    draft = path.with_name(f"{path.name}.{info.token}.new")
    try:
        try:
            _write_new(draft, content)
            os.link(draft, path)
            return True
        except FileExistsError:
            return False
        except OSError:
            pass  # no hard links here (or the draft could not be written): the plain way
        finally:
            with contextlib.suppress(OSError):
                draft.unlink()
        try:
            _write_new(path, content)
        except FileExistsError:
            return False
        return True
    except OSError as exc:
        raise disk_error(exc, f"le verrou {path.name}", f"the lock {path.name}") from exc


def _write_new(path: Path, content: bytes) -> None:
    """Create `path` exclusively with `content`; a failed write leaves no file behind."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    try:
        os.write(fd, content)
        os.fsync(fd)
    except OSError:
        os.close(fd)
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    os.close(fd)


def _take_over(path: Path, found: LockInfo | None) -> bool:
    """Move a dead lock out of the way; False if what we moved was not the one judged dead."""
    aside = path.with_name(f"{path.name}.{uuid.uuid4().hex}.stale")
    try:
        path.rename(aside)
    except FileNotFoundError:
        return True  # already gone: try to create ours
    except OSError as exc:
        raise disk_error(exc, f"le verrou {path.name}", f"the lock {path.name}") from exc
    moved = read_lock(aside)
    if found is not None and (moved is None or moved.token != found.token):
        # Another program took the lock over between our read and our rename: put its lock
        # back (exclusively, in case a third one is quicker still) and leave it the register.
        with contextlib.suppress(OSError):
            if moved is not None:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                os.write(fd, aside.read_bytes())
                os.close(fd)
        with contextlib.suppress(OSError):
            aside.unlink()
        return False
    with contextlib.suppress(OSError):
        aside.unlink()
    return True


def _state(path: Path, found: LockInfo | None) -> str:
    """'live', 'dead' (certainly: its process is gone) or 'old' (not touched for long)."""
    if found is None:
        return "dead"  # vanished between our create and our read: try again
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return "dead"
    if found.host == socket.gethostname() and found.pid:
        alive = _process_alive(found.pid, found.since_time)
        if alive is False:
            return "dead"
    if age > STALE_AFTER_SECONDS:
        return "old"
    return "live"


def _process_alive(pid: int, since: datetime | None) -> bool | None:
    """Whether `pid` is still the process that wrote the lock; None when unknown."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return _windows_process_alive(pid, since)
    stat = Path(f"/proc/{pid}/stat")
    if stat.parent.parent.is_dir() and Path("/proc/self/stat").exists():
        return _linux_process_alive(stat, since)
    try:
        os.kill(pid, 0)  # POSIX: signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _linux_process_alive(stat: Path, since: datetime | None) -> bool:
    try:
        fields = stat.read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return False
    if fields[0] in ("Z", "X"):  # a zombie is dead, only not yet reaped
        return False
    if since is None:
        return True
    try:
        boot = next(float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        started = boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, StopIteration, ValueError, IndexError):
        return True
    # A process started after the lock was written is another one that reused the pid.
    return started <= since.timestamp() + 2


def _windows_process_alive(pid: int, since: datetime | None) -> bool:  # pragma: no cover
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = wintypes.DWORD()
        if kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) and code.value != 259:
            return False  # 259 = STILL_ACTIVE
        if since is None:
            return True
        created, other = wintypes.FILETIME(), wintypes.FILETIME()
        if not kernel32.GetProcessTimes(handle, ctypes.byref(created), ctypes.byref(other),
                                        ctypes.byref(other), ctypes.byref(other)):
            return True
        ticks = (created.dwHighDateTime << 32) | created.dwLowDateTime
        started = ticks / 10_000_000 - 11_644_473_600  # FILETIME epoch is 1601
        return started <= since.timestamp() + 2
    finally:
        kernel32.CloseHandle(handle)


class _Heartbeat:
    """One daemon thread for the process, touching every lock it holds."""

    def __init__(self) -> None:
        self._locks: set[RegisterLock] = set()
        self._guard = threading.Lock()
        self._thread: threading.Thread | None = None
        self._wake = threading.Event()

    def watch(self, lock: RegisterLock) -> None:
        with self._guard:
            self._locks.add(lock)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="cedre-desk-lock",
                                                daemon=True)
                self._thread.start()

    def forget(self, lock: RegisterLock) -> None:
        with self._guard:
            self._locks.discard(lock)

    def _run(self) -> None:
        while True:
            self._wake.wait(HEARTBEAT_SECONDS)
            with self._guard:
                locks = list(self._locks)
                if not locks:
                    self._thread = None
                    return
            for lock in locks:
                lock.touch()


_HEARTBEAT = _Heartbeat()
