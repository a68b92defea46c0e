"""Files that appear whole or not at all.

A file the program writes (an export, a backup, a restored register) is written under a
temporary name in the target's own folder, flushed to the disk, then renamed over the target:
the rename is atomic on the same filesystem, so whoever opens the target, even after a crash
or a power cut at any moment, finds the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from cedre_desk.durable_files import replace_into_place
from cedre_desk.storage.disk_errors import disk_error

__all__ = ["PARTIAL_SUFFIX", "atomic_write", "partial_name", "replace_into_place",
           "write_bytes_atomic"]

PARTIAL_SUFFIX = ".partial"


def partial_name(target: Path) -> Path:
    """The temporary name beside `target`, private to this process."""
    return target.with_name(f"{target.name}.{os.getpid()}{PARTIAL_SUFFIX}")


@contextlib.contextmanager
def atomic_write(target: Path, *, what_fr: str = "", what_en: str = "") -> Iterator[Path]:
    """Give a temporary path to write; when the block ends, it replaces `target` atomically.

    If the block raises, the temporary file is removed and `target` is left as it was.
    Disk errors (full disk, read-only folder, a target open in another program) become a
    RegisterError naming `what` in French and English.
    """
    target = Path(target)
    what_fr = what_fr or f"le fichier {target.name}"
    what_en = what_en or f"the file {target.name}"
    partial = partial_name(target)
    try:
        yield partial
        replace_into_place(partial, target)
    except OSError as exc:
        raise disk_error(exc, what_fr, what_en) from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def write_bytes_atomic(target: Path, data: bytes, **what: str) -> None:
    with atomic_write(target, **what) as partial:
        partial.write_bytes(data)
