"""Errors the user can fix, apart from bugs.

A `UserError` carries its message in French and in English and, when one field is at fault,
the field's name so the window can show the message next to it. Anything else that escapes
is a bug: the window shows the crash dialog, the command line a short report and a log.

A refusal about the register's file is named by its cause, each with its own exit status on
the command line (`exit_status`, listed in README.md): a full disk, a permission, an I/O
failure, a file that is not a register, and damage, which only an integrity check that ran to
its end declares (storage.disk_errors.DamagedRegisterError), never a failed write.
"""

from __future__ import annotations

from typing import Any

SHOWN_MAX = 80  # characters of a value a message echoes: a name, a cell, a header


def shown(value: Any, limit: int = SHOWN_MAX) -> str:
    """`value` as a message echoes it: at most `limit` characters, cut with "…".

    Every message that quotes what the user (or a workbook, or a register's file) gave goes
    through here: a 40,000-character name read from a cell is one line of a message, not a
    page of it. Line breaks are shown as spaces, so a value never splits its message."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    return " ".join(text.splitlines()) if len(text.splitlines()) > 1 else text


class UserError(Exception):
    """A refusal the user can act on: bad input, a locked or foreign file, a full disk."""

    exit_status = 1  # the command line's status for this refusal

    def __init__(self, fr: str, en: str, *, field: str | None = None) -> None:
        super().__init__(en)
        self.fr = fr
        self.en = en
        self.field = field

    def message(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.fr

    def command_line_message(self, lang: str = "fr") -> str:
        """The message as the command line says it (where the window's buttons are not)."""
        return self.message(lang)

    def __str__(self) -> str:
        return f"{self.fr} / {self.en}"


class ValidationError(UserError):
    """Input that breaks a rule of the register (a SIRET checksum, end before start...)."""


class NotFound(UserError):
    """A record that is not (or no longer) in the register."""


class ConflictError(UserError):
    """A record changed elsewhere since it was read: the user's input is kept, nothing written."""


class RegisterError(UserError):
    """A register file that cannot be opened as it is: not a register, too new, damaged, locked."""


class AbandonedLockError(RegisterError):
    """A register left open by a program that no longer answers: the window offers to take
    it over (a button); the command line, which has none, says how instead."""

    def __init__(self, fr: str, en: str, *, command_line: tuple[str, str]) -> None:
        super().__init__(fr, en)
        self.command_line = command_line

    def command_line_message(self, lang: str = "fr") -> str:
        return self.command_line[1] if lang == "en" else self.command_line[0]


class DiskFullError(RegisterError):
    """The disk (or the user's quota) is full: nothing was saved, nothing is damaged."""

    exit_status = 4


class AccessDeniedError(RegisterError):
    """A file or folder this program may not read or write."""

    exit_status = 5


class DiskIOError(RegisterError):
    """The disk or the network drive failed a read or a write (a vanished drive, a bad
    sector): the file is not declared damaged for that; a full check tells."""

    exit_status = 6


class NotARegisterError(RegisterError):
    """A path that holds no cedre-desk register (a folder, another program's file)."""

    exit_status = 7


class UnknownValueError(RegisterError):
    """The register holds a value this program never writes (a status outside its list)."""
