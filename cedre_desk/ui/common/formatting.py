"""How values read in the window: dates the French way (22/11/2026) in both languages,
vocabulary labels (vocabulary.LABELS, shared with the exports), sort keys for them."""

from __future__ import annotations

import unicodedata
from datetime import date
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QLabel, QWidget

from cedre_desk.audits.dates import format_fr
from cedre_desk.audits.vocabulary import LegalType, label

NO_DATE = date.max  # sorts missing dates last


def number(value: int) -> str:
    """20 000 in French, 20,000 in English: the interface language's own grouping."""
    return QLocale().toString(value)


def elides(name: str) -> bool:
    """Whether French elides "de" before `name`: "d'Atelier Ébène", "d'ISIS", but "de
    Domicile". A name's h is not guessed (h muet or aspiré): "de Horizon" is left as is."""
    folded = unicodedata.normalize("NFKD", name.strip()[:1].casefold())
    return folded[:1] in set("aeiouy")


def takes_plural(count: int) -> bool:
    """Whether a count takes the plural in the interface language: from 2 in French
    ("0 audit", "1 audit", "2 audits"), every count but 1 in English."""
    if QLocale().language() == QLocale.Language.French:
        return count >= 2
    return count != 1


def day(value: date | None) -> str:
    return format_fr(value)


def delay(due: date, today: date) -> str:
    """How far a due date is from today, as every due list's Delay column says it: "today",
    "tomorrow", "in 12 days", "1 day late", "30 days late"."""
    days = (due - today).days
    if days == 0:
        return QCoreApplication.translate("Delay", "today")
    if days == 1:
        return QCoreApplication.translate("Delay", "tomorrow")
    if days < 0:
        text = (QCoreApplication.translate("Delay", "{days} days late") if takes_plural(-days)
                else QCoreApplication.translate("Delay", "{days} day late"))
        return text.format(days=-days)
    # From 2 days on: plural in both languages.
    return QCoreApplication.translate("Delay", "in {days} days").format(days=days)


def weekday_and_day(value: date) -> str:
    """ "jeudi 11/06/2027" in French, "Thursday 11/06/2027" in English."""
    return f"{QLocale().dayName(value.isoweekday())} {format_fr(value)}"


def month_and_year(value: date) -> str:
    return f"{QLocale().standaloneMonthName(value.month)} {value.year}"


def vocabulary(value: StrEnum | None, lang: str) -> str:
    return "" if value is None else label(value, lang)


def legal_type(value: str) -> str:
    if value == LegalType.OTHER.value:
        return QCoreApplication.translate("LegalType", "Other")
    return value


def legal_types(values: tuple[str, ...]) -> str:
    return ", ".join(legal_type(v) for v in values)


def day_key(value: date | None) -> int:
    return (value or NO_DATE).toordinal()


def heading(parent: QWidget) -> QLabel:
    """A view's title: the same text size everywhere, larger and bold."""
    label = QLabel(parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    return label
