"""Input rules shared by the services; each refusal names its field and speaks both languages."""

from __future__ import annotations

import re
from datetime import date

from cedre_desk.audits.date_limits import DATE_LIMITS
from cedre_desk.audits.siret import is_valid_siret, normalize_siret
from cedre_desk.errors import ValidationError, shown

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DEPARTMENT = re.compile(r"^(0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_TEXT = 32_000  # below Excel's 32,767-character cell limit, so every text exports whole


def clean_text(value: str, field: str, *, max_length: int = MAX_TEXT, fr: str = "", en: str = "",
               required: bool = False) -> str:
    """Strip control characters and surrounding spaces; refuse too long or missing text."""
    text = _CONTROL.sub("", value or "").strip()
    label_fr, label_en = fr or field, en or field
    if required and not text:
        raise ValidationError(f"{label_fr} : champ obligatoire.", f"{label_en}: required.",
                              field=field)
    if len(text) > max_length:
        raise ValidationError(
            f"{label_fr} : {len(text)} caractères, au plus {max_length}.",
            f"{label_en}: {len(text)} characters, at most {max_length}.",
            field=field,
        )
    return text


def siret(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    digits = normalize_siret(value)
    if not is_valid_siret(digits):
        raise ValidationError(
            f"SIRET « {shown(value)} » invalide : il faut 14 chiffres dont la clé de contrôle "
            "est juste.",
            f"Invalid SIRET '{shown(value)}': 14 digits with a correct check digit are needed.",
            field="siret",
        )
    return digits


def email(value: str) -> str:
    # 200: the column's length, which PostgreSQL enforces (an error there, kept by SQLite)
    text = clean_text(value, "email", max_length=200, fr="E-mail", en="E-mail")
    if text and not _EMAIL.match(text):
        raise ValidationError(f"Adresse e-mail « {shown(text)} » invalide.",
                              f"Invalid e-mail address '{shown(text)}'.", field="email")
    return text


def department(value: str) -> str:
    text = (value or "").strip().upper().strip("()")
    if text.isdigit() and len(text) == 1:
        text = "0" + text
    if text and not _DEPARTMENT.match(text):
        raise ValidationError(
            f"Département « {shown(value)} » inconnu (attendu : 01 à 95, 2A, 2B, 971 à 976).",
            f"Unknown department '{shown(value)}' (expected 01 to 95, 2A, 2B, 971 to 976).",
            field="department",
        )
    return text


def date_order(start: date | None, end: date | None, *, field: str, fr: str, en: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError(fr, en, field=field)


def registered_date(value: date | None, field: str, *, fr: str, en: str,
                    today: date | None = None) -> None:
    """Refuse a date the register does not hold (`DATE_LIMITS`, the one rule of every
    entrance: the forms' saves here, the import, the window's date fields), so that a
    register's own export always imports back. `field` chooses the range (a membership goes
    back further); `fr`/`en` name it in the message; `today`: the user's day by default."""
    day = today or date.today()  # noqa: DTZ011 - the user's local day is the one meant
    refused = DATE_LIMITS.refusal(value, day, field, fr, en)
    if refused is not None:
        raise ValidationError(*refused, field=field)
