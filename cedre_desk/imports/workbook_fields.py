"""What each column of a workbook holds: headers recognised in French and English, whatever
their accents, case and spacing, with the synonyms hand-kept registers use.

What a sheet holds comes from its columns (`sheet_kind`): a sheet with a company column and a
decision column holds decisions whatever its name ("Comités", "Commission", "Certifications");
the name only breaks ties (a sheet of names alone is a list of companies, of groups or of
auditors as its name says) and tells what a bare header means ("Nom" is a company's name in
the companies sheet and an auditor's in the auditors sheet; "N°" is the record's number in
each). A sheet whose name says nothing and whose rows name companies is read as a flat sheet:
each row a company, with at most one audit, one committee decision and one engagement beside
it.

The words heading each field are in workbook_headers. Field names are what a user gives to
`--map "Header=field"` and sees in the import preview.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cedre_desk.imports.workbook_headers import COMMON_HEADERS, HEADERS_BY_KIND, SHEET_KINDS

HEADER_SEARCH_ROWS = 20
IGNORE = "ignore"

# field -> (French, English) description, for the preview and the error messages.
FIELDS: dict[str, tuple[str, str]] = {
    "number": ("N° de l'enregistrement", "Record number"),
    "company_no": ("N° de la structure", "Company number"),
    "name": ("Nom de la structure", "Company name"),
    "siret": ("SIRET", "SIRET"),
    "legal_types": ("Type(s) de structure", "Legal type(s)"),
    "region": ("Région", "Region"),
    "department": ("Département", "Department"),
    "town": ("Ville", "Town"),
    "contact": ("Contact", "Contact"),
    "email": ("E-mail", "E-mail"),
    "phone": ("Téléphone", "Phone"),
    "member_since": ("Adhérent depuis", "Member since"),
    "active": ("Active / actif", "Active"),
    "groups": ("Groupe(s) de la structure", "Company's group(s)"),
    "group_joined_on": ("Entrée dans le groupe", "Joined the group on"),
    "group_left_on": ("Sortie du groupe", "Left the group on"),
    "notes": ("Notes", "Notes"),
    "engaged_on": ("Entrée dans la démarche", "Engagement start"),
    "coach": ("Accompagnateur", "Coach"),
    "group": ("Groupe audité ou décidé", "Group audited or decided"),
    "audit_no": ("N° d'audit", "Audit number"),
    "audit_kind": ("Type d'audit", "Audit kind"),
    "version": ("Référentiel (version)", "Referential version"),
    "iso_version": ("Version ISO 9001", "ISO 9001 version"),
    "planned_on": ("Audit prévu le", "Audit planned on"),
    "audit_start": ("Date (début) de l'audit", "Audit (start) date"),
    "audit_end": ("Fin de l'audit", "Audit end"),
    "audit_status": ("Statut de l'audit", "Audit status"),
    "duration": ("Durée de l'audit (jours)", "Audit duration (days)"),
    "auditors": ("Auditeur(s)", "Auditor(s)"),
    "conclusion": ("Conclusion", "Conclusion"),
    "recommendation": ("Recommandation", "Recommendation"),
    "position": ("Ordre du constat", "Finding order"),
    "requirement_referential": ("Référentiel de l'exigence", "Requirement referential"),
    "requirement": ("Exigence (code)", "Requirement (code)"),
    "level": ("Niveau du constat", "Finding level"),
    "finding": ("Constat", "Finding"),
    "action": ("Action corrective", "Corrective action"),
    "action_due": ("Échéance de l'action", "Action due"),
    "action_closed_on": ("Action close le", "Action closed on"),
    "committee_date": ("Date du comité", "Committee date"),
    "place": ("Lieu du comité", "Committee place"),
    "session_members": ("Membres du comité", "Committee members"),
    "session_status": ("Statut de la session", "Session status"),
    "decision": ("Décision", "Decision"),
    "scheme": ("Schéma (CEDRE, CEDRE ISO 9001)", "Scheme"),
    "certificate_no": ("N° de certificat", "Certificate number"),
    "valid_from": ("Valable du", "Valid from"),
    "valid_until": ("Valable jusqu'au (échéance)", "Valid until (expiry)"),
    "conditions": ("Conditions", "Conditions"),
    "auditor": ("Auditeur", "Auditor"),
    "auditor_email": ("E-mail de l'auditeur", "Auditor's e-mail"),
    "since": ("Depuis", "Since"),
    IGNORE: ("(ignorée)", "(ignored)"),
}
DATE_FIELDS = frozenset({"member_since", "engaged_on", "planned_on", "audit_start", "audit_end",
                         "action_due", "action_closed_on", "committee_date", "valid_from",
                         "valid_until", "since", "group_joined_on", "group_left_on"})

# The kinds whose rows carry a company with an audit or a decision beside it (one builder).
FLAT_FAMILY = ("flat", "audits", "decisions")
COMPANY_COLUMNS = frozenset({"name", "siret", "company_no"})
AUDIT_COLUMNS = frozenset({"audit_kind", "audit_start", "audit_end", "planned_on",
                           "audit_status"})
_REF = frozenset({"company_no", "name", "siret", "town"})
# A memberships sheet: a group, a company (as any sheet names one), the days it joined and left.
MEMBERSHIP_DATES = frozenset({"group_joined_on", "group_left_on"})
MEMBERSHIP_COLUMNS = _REF | MEMBERSHIP_DATES | {"groups"}
_READ: dict[str, frozenset[str]] = {
    "companies": frozenset({"number", "name", "siret", "legal_types", "region", "department",
                            "town", "contact", "email", "phone", "member_since", "active",
                            "groups", "notes", "engaged_on", "coach", "group_joined_on",
                            "group_left_on"}),
    "flat": _REF | AUDIT_COLUMNS | {
        "group", "engaged_on", "coach", "number", "version", "iso_version", "duration",
        "auditors", "conclusion", "recommendation", "committee_date", "decision", "scheme",
        "certificate_no", "valid_from", "valid_until", "conditions", "audit_no"},
    "findings": frozenset({"audit_no", "level", "finding", "position",
                           "requirement_referential", "requirement", "action", "action_due",
                           "action_closed_on"}),
    "sessions": frozenset({"committee_date", "session_status", "place", "session_members"}),
    "groups": frozenset({"name", "number", "notes"}),
    "memberships": MEMBERSHIP_COLUMNS,
    "auditors": frozenset({"auditor", "auditor_email", "active"}),
    "coaching": _REF | {"auditor", "since"},
    "engagements": _REF | {"engaged_on", "coach", "notes"},
}
_READ["audits"] = _READ["decisions"] = _READ["flat"]
_NUMBER_PREFIX = re.compile(r"^(?:n°|nº|no\.|no(?=\s)|numero|num\.)\s*")
_SPACES = re.compile(r"\s+")


def normalise(value: Any) -> str:
    """Lower case, accents removed, spaces collapsed, "No." and "Numéro" spelt "n°":
    "  N° de  SIRET :" -> "n° de siret"."""
    text = unicodedata.normalize("NFKD", str(value)).replace("’", "'")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _SPACES.sub(" ", text).strip().rstrip(":. ").strip()
    text = text.replace("n o ", "n° ")  # "Nº" decomposes to "No"
    return _NUMBER_PREFIX.sub("n° ", text).strip() if text not in ("n°", "no") else "n°"


def kind_named(title: str) -> str | None:
    """The kind a sheet's name suggests; None when the name says nothing."""
    return SHEET_KINDS.get(normalise(title))




def sheet_kind(fields: set[str], named: str | None) -> tuple[str, str]:
    """What a sheet holds, from the fields its columns were read as, and the column fields
    that decided it. The name (`named`, see `kind_named`) only breaks ties."""
    company = sorted(fields & COMPANY_COLUMNS) or sorted(fields & {"group"})
    audit = sorted(fields & AUDIT_COLUMNS)
    if fields & {"finding", "level"}:
        return "findings", ",".join(sorted(fields & {"finding", "level"}))
    if "decision" in fields or (audit and company):
        because = ",".join(company[:1] + (["decision"] if "decision" in fields else audit[:1]))
        if named in FLAT_FAMILY:
            return named or "flat", because
        if named in (None, "companies"):  # a list of companies with their audits beside them
            return "flat", because
        return ("decisions" if "decision" in fields else "audits"), because
    if "committee_date" in fields and not company:
        return "sessions", "committee_date"
    if named is not None:
        return named, ""
    return "flat", ",".join(company[:1])


def holds_memberships(fields: set[str]) -> bool:
    """The columns of a memberships sheet kept by hand (Groupe, Structure, Entrée, Sortie):
    a group, a company, a day it joined or left, and nothing else."""
    return bool("groups" in fields and fields & COMPANY_COLUMNS and fields & MEMBERSHIP_DATES
                and fields <= MEMBERSHIP_COLUMNS)


def read_fields(kind: str, makes_companies: bool) -> frozenset[str]:
    """The fields the rows of a sheet of `kind` are read for; any other column is left out."""
    fields = _READ.get(kind, frozenset())
    if kind == "flat" and makes_companies:
        fields = fields | _READ["companies"] - {"number"}
    return fields


def field_for(header: Any, kind: str) -> str | None:
    """The field a header names in a sheet of `kind`; None when it names nothing known."""
    if header is None or (isinstance(header, str) and not header.strip()):
        return None
    key = normalise(header)
    if "(calcule)" in key or "(computed)" in key or key in ("etat", "state"):
        return IGNORE  # computed by the program from the rest: never imported
    specific = HEADERS_BY_KIND.get(kind, {})
    if key in specific:
        return specific[key]
    return COMMON_HEADERS.get(key) or ("decision" if decision_by_words(header) else None)


# A header naming the committee's outcome in its own words: "Avis du comité", "Décision de la
# commission", "Avis CEDRE", "Décision finale". Not when another word says it is something
# else: the auditor's opinion (a recommendation), the decision's date, number or reasons.
_DECISION_WORDS = frozenset({"decision", "decisions", "avis"})
_NOT_A_DECISION = ("audit", "date", "jour", "n°", "numero", "motif", "raison", "commentaire",
                   "observation", "remarque", "condition", "reserve", "recommand", "prevu",
                   "prochain", "previsionnel", "attendu")
_WORDS = re.compile(r"[^\W_]+|n°")


def decision_by_words(header: Any) -> bool:
    """The header says "décision" or "avis" (accents and case aside) and nothing that makes
    it another field."""
    key = normalise(header)
    words = set(_WORDS.findall(key))
    return bool(words & _DECISION_WORDS) and not any(w in key for w in _NOT_A_DECISION)


def worded_decision(header: Any) -> bool:
    """The header is read as a decision from its words alone, not from the known headers."""
    return normalise(header) not in COMMON_HEADERS and decision_by_words(header)


@dataclass(frozen=True)
class ColumnMapping:
    index: int  # 0-based column
    header: str
    field: str | None  # None: not recognised (left out, shown to the user)
    overridden: bool = False


@dataclass(frozen=True)
class SheetMapping:
    sheet: str
    kind: str
    header_row: int  # 1-based; 0 when no header was found
    columns: tuple[ColumnMapping, ...]
    because: tuple[str, ...] = ()  # the column fields that decided the kind

    def index_of(self) -> dict[str, int]:
        """field -> column index, the first column of a field winning."""
        found: dict[str, int] = {}
        for column in self.columns:
            if column.field and column.field != IGNORE and column.field not in found:
                found[column.field] = column.index
        return found


def find_header(rows: Sequence[Sequence[Any]], kind: str,
                overrides: Mapping[str, str]) -> tuple[int, list[ColumnMapping]]:
    """The header row among the first rows (the one naming the most fields), and its mapping.

    `overrides` maps a normalised header (or "normalised sheet!normalised header") to a
    field; they win over the recognised meaning."""
    best_row, best_score, best_columns = 0, 1, []
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = []
        score = 0
        for column, value in enumerate(values):
            if value is None or not str(value).strip():
                continue
            header = str(value).strip()
            key = normalise(header)
            field = overrides.get(key) or field_for(header, kind)
            if field and field != IGNORE:
                score += 1
            columns.append(ColumnMapping(column, header, field, key in overrides))
        if score > best_score:
            best_row, best_score, best_columns = index + 1, score, columns
    return best_row, best_columns


def suggest_field(header: str, kind: str, makes_companies: bool) -> str | None:
    """The field an unrecognised header most likely means in a sheet of `kind` (for the
    `--map` the summary offers): a known header inside it ("Date du comité de certification"
    holds "date du comité"), else a close spelling; None when nothing comes near."""
    readable = read_fields(kind, makes_companies)
    known = {**COMMON_HEADERS, **HEADERS_BY_KIND.get(kind, {})}
    key = normalise(header)
    words = f" {key} "
    inside = [(len(k), f) for k, f in known.items()
              if len(k) >= 4 and f in readable and f" {k} " in words]
    if inside:
        return max(inside)[1]
    import difflib

    close = difflib.get_close_matches(key, [k for k, f in known.items() if f in readable],
                                      n=1, cutoff=0.8)
    return known[close[0]] if close else None
