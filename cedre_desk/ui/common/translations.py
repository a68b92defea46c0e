"""The interface language: source strings are English (self.tr), French comes from
resources/translations/cedre_desk_fr.ts, built to a .qm by scripts/build_translations.

The .qm is a build product (not committed). When it is missing, say in a checkout that was
never set up or in a bundle built without it, the committed .ts is read directly: the window
is French all the same, never half English. Qt's own dialogs (Annuler, Enregistrer...) come
from Qt's qtbase_fr catalogue.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from cedre_desk.resources import resource

LANGUAGES = ("fr", "en")
CATALOGUE = "cedre_desk_fr"


def ts_path() -> Path:
    return resource("translations", f"{CATALOGUE}.ts")


def qm_path() -> Path:
    return resource("translations", f"{CATALOGUE}.qm")


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> translation, for every finished message of a .ts file."""
    messages: dict[tuple[str, str], str] = {}
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished",
                                                                  "obsolete"):
                continue
            source = message.findtext("source", "")
            if translation.text:
                messages[(name, source)] = translation.text
    return messages


class TsTranslator(QTranslator):
    """A translator reading a .ts file: the fallback when the built .qm is missing."""

    def __init__(self, path: Path, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self._messages = read_ts(path) if path.is_file() else {}

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return self._messages.get((context, source))

    def isEmpty(self) -> bool:
        return not self._messages


class Language:
    """Installs and swaps the translators of one application."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.current = "en"

    def apply(self, lang: str) -> None:
        """Speak `lang` from now on; Qt sends every widget a LanguageChange event."""
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        if lang == "fr":
            QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
            qt_own = QTranslator(self._app)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt_own.load("qtbase_fr", folder):
                self._install(qt_own)
            self._install(_own_catalogue(self._app))
        else:
            # British English: the interface in English, dates still written 22/11/2026.
            QLocale.setDefault(QLocale(QLocale.Language.English,
                                       QLocale.Country.UnitedKingdom))
        self.current = lang

    def _install(self, translator: QTranslator) -> None:
        self._app.installTranslator(translator)
        self._installed.append(translator)


def _own_catalogue(app: QCoreApplication) -> QTranslator:
    """The built .qm when it is at least as new as the .ts, else the .ts itself."""
    qm, ts = qm_path(), ts_path()
    fresh = qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime)
    built = QTranslator(app)
    if fresh and built.load(str(qm)):
        return built
    return TsTranslator(ts, app)
