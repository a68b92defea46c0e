"""Writing an export file safely: into a temporary file beside the target, renamed into place.

A half-written register must never replace a good one: the export goes to a temporary file in
the target's folder (same disk, so the final rename is atomic) and `os.replace` puts it in
place only once it is complete and flushed to the disk (cedre_desk.durable_files).
A failure, or the user cancelling, leaves the old file as it
was and no temporary file behind; the temporary file of a run that was killed
(`.<name>-<pid>-….tmp`) is removed by the next export into the same folder. The temporary file
is private to the user (mkstemp), and so is the export: never more readable than the register.
A target locked by another program (Excel keeps the workbooks it has open locked on Windows)
is refused with a message the user can act on.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from cedre_desk.durable_files import remove_leftovers, replace_into_place
from cedre_desk.errors import UserError

# progress(done, total): called now and then while an export runs. It may raise Cancelled.
Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """Raised by a progress callback to stop an export; nothing is written."""


def no_progress(_done: int, _total: int) -> None:
    return None


@contextlib.contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path in `target`'s folder; on success it replaces `target`."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise UserError(
            f"Le dossier « {folder} » n'existe pas.",
            f"The folder “{folder}” does not exist.",
            field="path",
        )
    prefix = f".{target.stem}-{os.getpid()}-"
    # mkstemp adds 8 characters: an export named "out-2024" never matches "out" here.
    leftover = re.escape(f".{target.stem}-") + r"(?P<pid>\d+)-\w{8}\.tmp"
    remove_leftovers(folder, re.compile(leftover))
    try:
        handle, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _write_refused(target, exc) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        replace_into_place(temporary, target)  # flushed, renamed, folder flushed
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise _write_refused(target, exc) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_refused(target: Path, exc: OSError) -> UserError:
    reason = exc.strerror or str(exc)
    return UserError(
        f"Impossible d'écrire « {target.name} » ({reason}). Le fichier est peut-être ouvert "
        "dans un autre programme (Excel, un lecteur PDF) ou le disque est plein : fermez-le "
        "ou choisissez un autre emplacement.",
        f"Cannot write “{target.name}” ({reason}). The file may be open in another program "
        "(Excel, a PDF viewer) or the disk is full: close it or choose another place.",
        field="path",
    )
