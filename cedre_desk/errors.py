"""Errors the user can fix, apart from bugs.

A `UserError` carries its message in French and in English and, when one field is at fault,
the field's name so the window can show the message next to it. Anything else that escapes
is a bug: the window shows the crash dialog, the command line a short report and a log.
"""

from __future__ import annotations


class UserError(Exception):
    """A refusal the user can act on: bad input, a locked or foreign file, a full disk."""

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
