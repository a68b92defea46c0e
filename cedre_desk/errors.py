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
