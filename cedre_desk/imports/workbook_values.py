"""Reading the values hand-kept workbooks hold: legal types, departments, decisions, audit
kinds, finding levels, yes/no, names (dates: workbook_dates).

Each reader takes a cell value and returns the value or raises `BadValue` with a French and an
English reason; the caller turns that into a rejected row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Any

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    FindingLevel,
    LegalType,
    Outcome,
    Scheme,
    SessionStatus,
    labels_of,
)
from cedre_desk.errors import shown

_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Refused in a name: control characters (C0, DEL, C1), line and paragraph separators, the
# bidirectional embeddings, overrides and isolates (a name shown reversed, "Trojan source"),
# and the replacement character a lone surrogate became.
_NOT_IN_NAMES = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                           "\ufffd]")
_BRACKETED = re.compile(r"^(.*?)\s*\(\s*(\d{2,3}|2[ABab])\s*\)\s*$")
_TYPE_SPLIT = re.compile(r"\s*(?:,|;|/|\+|&|\bet\b|\band\b)\s*", re.IGNORECASE)


class BadValue(ValueError):
    def __init__(self, fr: str, en: str) -> None:
        super().__init__(en)
        self.fr = fr
        self.en = en


def _bare(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c))
                    .casefold().replace("’", "'").split())


def _unescape(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    # "_xD800_" is half of a character: kept, it could not be written to the register (the
    # write failed after a dry run said the row was fine); it reads as the replacement
    # character, which a name refuses (read_name).
    return "\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)


def decoded(value: str) -> str:
    """A cell's text with Excel's "_xHHHH_" escapes decoded, lone surrogates replaced."""
    if "_x" in value:
        value = _EXCEL_ESCAPE.sub(_unescape, value)
    if _SURROGATE.search(value):
        value = _SURROGATE.sub("\ufffd", value)
    return value


def as_text(value: Any) -> str:
    """A cell as text: Excel's "_xHHHH_" escapes decoded, control characters dropped, whole
    numbers without ".0", surrounding spaces removed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _CONTROL.sub("", decoded(value)).strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    return str(value)


# -- words ----------------------------------------------------------------------------------


def _words_of(members: Iterable[StrEnum], extra: dict[str, StrEnum]) -> dict[str, StrEnum]:
    words: dict[str, StrEnum] = {}
    for member in members:
        words[_bare(member.value)] = member
        fr, en = labels_of(member)
        words[_bare(fr)] = member
        words[_bare(en)] = member
    words.update({_bare(k): v for k, v in extra.items()})
    return words


_OUTCOMES = _words_of(Outcome, {
    "accorde": Outcome.GRANTED, "accordee": Outcome.GRANTED, "attribuee": Outcome.GRANTED,
    "certifiee": Outcome.GRANTED, "certification accordee": Outcome.GRANTED,
    "obtenue": Outcome.GRANTED, "renouvele": Outcome.RENEWED,
    "renouvellement": Outcome.RENEWED, "renouvellement accorde": Outcome.RENEWED,
    "maintien": Outcome.MAINTAINED, "maintenu": Outcome.MAINTAINED,
    "ajourne": Outcome.DEFERRED, "ajournement": Outcome.DEFERRED, "report": Outcome.DEFERRED,
    "reportee": Outcome.DEFERRED, "refus": Outcome.REFUSED, "refuse": Outcome.REFUSED,
    "suspension": Outcome.SUSPENDED, "suspendu": Outcome.SUSPENDED,
    "retrait": Outcome.WITHDRAWN, "retire": Outcome.WITHDRAWN})
_KINDS = _words_of(AuditKind, {
    "interne": AuditKind.INTERNAL, "a blanc": AuditKind.MOCK, "blanc": AuditKind.MOCK,
    "audit blanc": AuditKind.MOCK, "certification": AuditKind.CERTIFICATION,
    "initial": AuditKind.CERTIFICATION, "audit initial": AuditKind.CERTIFICATION,
    "suivi": AuditKind.FOLLOW_UP, "surveillance": AuditKind.FOLLOW_UP,
    "audit de surveillance": AuditKind.FOLLOW_UP, "renouvellement": AuditKind.RENEWAL,
    "certif": AuditKind.CERTIFICATION, "renouv": AuditKind.RENEWAL,
    "special": AuditKind.SPECIAL, "complementaire": AuditKind.SPECIAL,
    "audit complementaire": AuditKind.SPECIAL, "follow-up": AuditKind.FOLLOW_UP})
_STATUSES = _words_of(AuditStatus, {"prevu": AuditStatus.PLANNED, "a venir": AuditStatus.PLANNED,
                                    "fait": AuditStatus.DONE, "realise": AuditStatus.DONE,
                                    "termine": AuditStatus.CLOSED, "clos": AuditStatus.CLOSED,
                                    "cloture": AuditStatus.CLOSED})
_SESSION_STATUSES = _words_of(SessionStatus, {"prevue": SessionStatus.PLANNED,
                                              "tenu": SessionStatus.HELD})
_LEVELS = _words_of(FindingLevel, {"point fort": FindingLevel.STRENGTH,
                                   "piste de progres": FindingLevel.IMPROVEMENT,
                                   "point sensible": FindingLevel.SENSITIVE,
                                   "nc mineure": FindingLevel.MINOR_NC,
                                   "nc majeure": FindingLevel.MAJOR_NC,
                                   "ncmin": FindingLevel.MINOR_NC,
                                   "ncmaj": FindingLevel.MAJOR_NC})
_LEVELS.pop("ncm", None)  # "NCm" and "NCM" differ only by case: only the exact code will do
_SCHEMES = _words_of(Scheme, {"cedre iso": Scheme.CEDRE_ISO_9001,
                              "iso 9001": Scheme.CEDRE_ISO_9001, "iso": Scheme.CEDRE_ISO_9001,
                              "cedre/iso": Scheme.CEDRE_ISO_9001,
                              "cedre iso 9001:2015": Scheme.CEDRE_ISO_9001,
                              "cedre + iso 9001": Scheme.CEDRE_ISO_9001})
_TYPES = {**{_bare(t.value): t for t in LegalType},
          **{"autre": LegalType.OTHER, "autres": LegalType.OTHER, "ett": LegalType.ETT_ESS,
             "ett ess": LegalType.ETT_ESS, "sap": LegalType.OSP,
             "proxim'services": LegalType.OSP}}
_YES = {"oui", "o", "yes", "y", "vrai", "true", "1", "x", "actif", "active"}
_NO = {"non", "n", "no", "faux", "false", "0", "inactif", "inactive"}


def _word(value: Any, words: dict[str, StrEnum], what_fr: str, what_en: str) -> StrEnum | None:
    text = as_text(value)
    if not text:
        return None
    found = words.get(_bare(text))
    if found is None:
        # The French scale is case-sensitive for NCm/NCM: try the exact code first.
        exact = {m.value: m for m in words.values()}.get(text)
        if exact is not None:
            return exact
        raise BadValue(f"{what_fr} inconnu(e) : « {shown(text)} ».",
                       f"unknown {what_en}: '{shown(text)}'.")
    return found


def read_outcome(value: Any) -> Outcome | None:
    result = _word(value, _OUTCOMES, "décision", "decision")
    return None if result is None else Outcome(result)


# Which follow-up of the cycle a hand-kept register numbers: "Suivi 1", "suivi n°2",
# "1er suivi", "2e audit de suivi" are follow-ups (the cycle rules count them).
_NUMBERED = re.compile(r"^(?:(?:1er|1re|\d+e|\d+eme|2nd|2nde) )?(.+?)(?: (?:n° ?|no )?\d+)?$")


def read_audit_kind(value: Any) -> AuditKind | None:
    text = _bare(as_text(value))
    numbered = _NUMBERED.fullmatch(text)
    if numbered and text not in _KINDS and numbered.group(1) in ("suivi", "audit de suivi"):
        text = "suivi"
    for prefix in ("audit de ", "audit d'", "audit "):
        if text.startswith(prefix) and text[len(prefix):] in _KINDS:
            text = text[len(prefix):]
    result = _word(text, _KINDS, "type d'audit", "audit kind")
    return None if result is None else AuditKind(result)


def read_audit_status(value: Any) -> AuditStatus | None:
    result = _word(value, _STATUSES, "statut d'audit", "audit status")
    return None if result is None else AuditStatus(result)


def read_session_status(value: Any) -> SessionStatus | None:
    result = _word(value, _SESSION_STATUSES, "statut de session", "session status")
    return None if result is None else SessionStatus(result)


def read_level(value: Any) -> FindingLevel | None:
    text = as_text(value)
    if text in ("NCm", "NCM"):
        return FindingLevel(text)
    result = _word(text, _LEVELS, "niveau de constat", "finding level")
    return None if result is None else FindingLevel(result)


def read_scheme(value: Any) -> Scheme | None:
    result = _word(value, _SCHEMES, "schéma de certification", "certification scheme")
    return None if result is None else Scheme(result)


def read_legal_types(value: Any) -> tuple[LegalType, ...]:
    """ "AI et ETTI", "AI/ETTI", "AI, ETTI" -> (AI, ETTI)."""
    text = as_text(value)
    if not text:
        return ()
    found: list[LegalType] = []
    parts: list[str] = []
    for part in _TYPE_SPLIT.split(text):
        # "EI-ACI" is two types; "ETT-ESS" is one (tried whole first).
        pieces = part.split("-")
        whole = _TYPES.get(_bare(part)) or _TYPES.get(_bare(part.replace("-", " ")))
        if whole is None and len(pieces) > 1 and all(_TYPES.get(_bare(p)) for p in pieces):
            parts += pieces
        else:
            parts.append(part)
    for part in parts:
        if not part:
            continue
        legal_type = _TYPES.get(_bare(part)) or _TYPES.get(_bare(part.replace("-", " ")))
        if legal_type is None:
            raise BadValue(
                f"type de structure inconnu : « {shown(part)} » (attendu : AI, ACI, EI, ETTI, "
                "ETT ESS, GES, OSP ou autre).",
                f"unknown legal type: '{shown(part)}' (expected AI, ACI, EI, ETTI, ETT ESS, GES, "
                "OSP or other).")
        if legal_type not in found:
            found.append(legal_type)
    return tuple(found)


def split_bracketed_department(text: str) -> tuple[str, str]:
    """ "Salon de Provence (13)" -> ("Salon de Provence", "13"); no brackets: (text, "")."""
    match = _BRACKETED.match(text)
    if not match:
        return text, ""
    return match.group(1).strip(), match.group(2).upper()


def split_bracketed_types(text: str) -> tuple[str, tuple[LegalType, ...]]:
    """ "VILLETTE EMPLOI (AI et ETTI)" -> ("VILLETTE EMPLOI", (AI, ETTI)) when the brackets
    hold legal types only; otherwise the name is left as it is."""
    match = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", text)
    if not match:
        return text, ()
    try:
        types = read_legal_types(match.group(2))
    except BadValue:
        return text, ()
    return (match.group(1).strip(), types) if types else (text, ())


def read_yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _bare(as_text(value))
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise BadValue(f"« {shown(as_text(value))} » : oui ou non attendu.",
                   f"'{shown(as_text(value))}': yes or no expected.")


def read_number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = as_text(value).replace(",", ".").replace("\u00a0", "").replace(" ", "")
    try:
        return float(text) if text else None
    except ValueError:
        raise BadValue(f"« {shown(as_text(value))} » n'est pas un nombre.",
                       f"'{shown(as_text(value))}' is not a number.") from None


def read_int(value: Any) -> int | None:
    number = read_number(value)
    if number is None:
        return None
    if not number.is_integer():
        raise BadValue(f"« {shown(as_text(value))} » n'est pas un nombre entier.",
                       f"'{shown(as_text(value))}' is not a whole number.")
    return int(number)


def read_name(value: Any) -> str:
    """A name (company, group, auditor) as text; one holding a control, separator or
    bidirectional character is refused, never cleaned silently: the name is the company's
    legal name, and the cell is the place to correct it."""
    # Looked for before the spaces are stripped: strip() takes a trailing NEL or U+2028 too.
    text = decoded(value) if isinstance(value, str) else as_text(value)
    found = _NOT_IN_NAMES.search(text)
    if found:
        code = f"U+{ord(found.group()):04X}"
        cut = shown(_NOT_IN_NAMES.sub("?", text))
        raise BadValue(
            f"« {cut} » contient un caractère invisible ou de contrôle ({code}, en position "
            f"{found.start() + 1}) : retirez-le de la cellule.",
            f"'{cut}' holds an invisible or control character ({code}, at position "
            f"{found.start() + 1}): remove it from the cell.")
    return text.strip()


def read_names(value: Any) -> tuple[str, ...]:
    """ "Claire; Paul" -> ("Claire", "Paul"): the lead first, as exported."""
    text = decoded(value) if isinstance(value, str) else as_text(value)
    return tuple(read_name(part) for part in re.split(r"\s*[;\n]\s*", text.strip())
                 if part.strip())



def bare(text: str) -> str:
    """The key names are matched on: accents, case and spacing aside."""
    return _bare(text)
