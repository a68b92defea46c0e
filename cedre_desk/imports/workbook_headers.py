"""The words that head each field of a workbook to import, and the sheet names that say
what a sheet holds, all normalised (workbook_fields.normalise: lower case, no accents).

Each header has one meaning: the table is built by `_one_meaning_each`, which refuses a header
given twice, so that a synonym added for one field never takes another field's header in
silence. A header that means something else in a sheet of a known kind ("Nom" is an auditor's
in the auditors sheet) is in `HEADERS_BY_KIND`.
"""

from __future__ import annotations

from collections.abc import Sequence


def _one_meaning_each(*groups: tuple[Sequence[str], str]) -> dict[str, str]:
    """{header: field} from (headers, field) groups; a header given twice is refused here,
    at import, so that no header can silently take two meanings."""
    meaning: dict[str, str] = {}
    for headers, field in groups:
        for header in headers:
            if meaning.setdefault(header, field) != field:
                raise ValueError(f"header {header!r} means both {meaning[header]} and {field}")
    return meaning


# The committee's date as quality managers head it (normalised): "Date comité", "Date de
# comité", "Date CC" (comité de certification), "Comité du", "Séance du comité"... None of
# them is another column's header (`_one_meaning_each` refuses a header given twice).
COMMITTEE_DATE_HEADERS = (
    "date du comite", "comite", "date de comite", "comite du", "date comite", "comite le",
    "date du comite de certification", "date de comite de certification",
    "date comite de certification", "date cc", "date du cc", "date de cc", "cc du",
    "date de passage en comite", "date passage comite", "date passage en comite",
    "seance du comite", "date de seance",
    "date de la seance", "date de la session", "date de session", "session du comite",
    "date de la commission", "date commission", "commission du", "date de la decision",
    "date de decision", "committee date", "committee", "committee on", "session date")
# Headers any sheet may carry (normalised: see `normalise`).
COMMON_HEADERS = _one_meaning_each(
    (("nom", "name", "raison sociale", "structure", "nom de la structure",
      "denomination", "entreprise", "adherent", "structure adherente", "company",
      "company name",
      # Committee and audit sheets name a company or a group certified together in one
      # column: a group's name there is the group's row (importing.plan).
      "structure / groupe", "structure/groupe", "structure ou groupe", "structure / ges",
      "structure ou ges", "company / group", "company or group"), "name"),
    (("siret", "n° siret", "numero siret"), "siret"),
    (("type", "types", "type(s)", "type de structure", "types de structure",
      "forme", "statut juridique", "famille", "legal type", "legal types",
      "legal type(s)"), "legal_types"),
    (("region", "delegation regionale", "antenne regionale"), "region"),
    (("departement", "dept", "dep", "department", "n° departement"),
      "department"),
    (("ville", "commune", "localite", "town", "city", "ville (departement)",
      "ville (dep)", "ville (dept)"), "town"),
    (("contact", "responsable", "responsable qualite", "directeur",
      "directrice", "interlocuteur"), "contact"),
    (("e-mail", "email", "courriel", "mail", "adresse mail",
      "adresse e-mail"), "email"),
    (("telephone", "tel", "phone", "n° de telephone"), "phone"),
    (("adherent depuis", "date d'adhesion", "adhesion", "member since"),
      "member_since"),
    (("active", "actif", "adherent actif"), "active"),
    (("groupe(s)", "group(s)", "ges", "groupes"), "groups"),
    (("entree dans le groupe", "date d'entree dans le groupe",
      "date d'adhesion au groupe", "adhesion au groupe", "entree groupe",
      "membre du groupe depuis", "dans le groupe depuis", "joined the group on",
      "joined group"), "group_joined_on"),
    (("sortie du groupe", "date de sortie du groupe", "sortie groupe",
      "a quitte le groupe le", "membre du groupe jusqu'au",
      "left the group on", "left group"), "group_left_on"),
    (("notes", "remarques", "observations", "commentaire", "commentaires"),
      "notes"),
    (("entree dans la demarche", "date d'entree", "entree",
      "date d'entree dans la demarche", "debut de la demarche", "engagement",
      "entree demarche", "entree en demarche",
      "date d'engagement", "engage le", "engagee le", "formation-action",
      "started on"), "engaged_on"),
    (("accompagnateur", "accompagnatrice", "coach", "consultant"), "coach"),
    (("n° structure", "company no"), "company_no"),
    (("n° audit", "audit no"), "audit_no"),
    (("type d'audit", "audit", "nature de l'audit", "audit kind"), "audit_kind"),
    (("referentiel", "version", "version du referentiel", "referential"),
      "version"),
    (("version iso", "iso version", "version iso 9001"), "iso_version"),
    (("prevu le", "date prevue", "planifie le", "planned on"), "planned_on"),
    (("date d'audit", "date de l'audit", "date audit", "debut", "audite le",
      "debut de l'audit", "audit date", "start"), "audit_start"),
    (("fin", "fin de l'audit", "date de fin", "end"), "audit_end"),
    (("statut de l'audit", "etat de l'audit", "audit status"), "audit_status"),
    (("duree (jours)", "duree", "nb jours", "jours", "duration (days)",
      "duration"), "duration"),
    (("auditeurs", "auditeur", "auditrice", "auditeur(s)", "auditors",
      "auditor(s)"), "auditors"),
    (("conclusion", "conclusions"), "conclusion"),
    (("recommandation", "recommandation au comite", "avis de l'auditeur",
      "recommendation"), "recommendation"),
    (("ordre", "order"), "position"),
    (("referentiel de l'exigence", "requirement referential"),
      "requirement_referential"),
    (("exigence", "code exigence", "code de l'exigence", "requirement"),
      "requirement"),
    (("niveau", "cotation", "type de constat", "niveau du constat", "level"),
      "level"),
    (("constat", "libelle du constat", "finding"), "finding"),
    (("action corrective", "actions correctives", "corrective action"),
      "action"),
    (("echeance de l'action", "delai de l'action", "action due"), "action_due"),
    (("action close le", "action cloturee le", "action closed on"),
      "action_closed_on"),
    (COMMITTEE_DATE_HEADERS, "committee_date"),
    (("decision", "decision du comite", "avis du comite", "resultat",
      "outcome"), "decision"),
    (("schema", "certification", "type de certification", "type de certif",
      "certification obtenue", "scheme"), "scheme"),
    (("n° de certificat", "n° certificat", "numero de certificat",
      "certificate no"), "certificate_no"),
    (("valable du", "debut de validite", "valid from"), "valid_from"),
    (("valable jusqu'au", "echeance", "echeance du certificat",
      "date d'echeance", "fin de validite", "expiration", "valid until",
      "expiry"), "valid_until"),
    (("conditions", "reserves", "conditions de la decision",
      "conditions du comite", "conditions du maintien"), "conditions"),
)
# What the same header means in a sheet of a known kind.
HEADERS_BY_KIND: dict[str, dict[str, str]] = {
    "companies": {"n°": "number", "groupe": "groups", "group": "groups"},
    "groups": {"n°": "number", "nom": "name", "name": "name"},
    # A company's period in a group: our export's "Appartenances" sheet, or one kept by hand
    # ("Groupe", "Structure", "Entrée", "Sortie").
    "memberships": {
        "groupe": "groups", "group": "groups", "nom du groupe": "groups", "group name": "groups",
        "entree": "group_joined_on", "date d'entree": "group_joined_on",
        "membre depuis": "group_joined_on", "depuis": "group_joined_on",
        "entry": "group_joined_on", "joined": "group_joined_on", "joined on": "group_joined_on",
        "member since": "group_joined_on", "since": "group_joined_on",
        "sortie": "group_left_on", "date de sortie": "group_left_on",
        "jusqu'au": "group_left_on", "membre jusqu'au": "group_left_on",
        "exit": "group_left_on", "left": "group_left_on", "left on": "group_left_on",
        "until": "group_left_on"},
    "auditors": {"n°": "number", "nom": "auditor", "name": "auditor", "e-mail": "auditor_email",
                 "email": "auditor_email", "actif": "active", "active": "active"},
    "coaching": {"auditeur": "auditor", "auditor": "auditor", "depuis": "since",
                 "since": "since"},
    "engagements": {"date": "engaged_on"},
    "audits": {"n°": "number", "groupe": "group", "group": "group", "statut": "audit_status",
               "status": "audit_status", "type": "audit_kind", "date": "audit_start"},
    "findings": {"n° audit": "audit_no", "audit no": "audit_no"},
    "sessions": {"date": "committee_date", "membres": "session_members",
                 "members": "session_members", "statut": "session_status",
                 "status": "session_status", "lieu": "place", "place": "place"},
    "decisions": {"groupe": "group", "group": "group", "date": "committee_date"},
    "flat": {"groupe": "groups", "statut": "audit_status", "date": "audit_start"},
}
# Sheet names (normalised) -> kind; "skip" sheets are computed (due events, history).
SHEET_KINDS: dict[str, str] = {
    **dict.fromkeys(("structures", "companies", "adherents", "entreprises",
                     "structures adherentes", "liste des structures"), "companies"),
    **dict.fromkeys(("groupes", "groups"), "groups"),
    **dict.fromkeys(("appartenances", "memberships", "appartenances aux groupes",
                     "group memberships", "membres des groupes", "membres des ges",
                     "composition des groupes", "group members"), "memberships"),
    **dict.fromkeys(("auditeurs", "auditors"), "auditors"),
    **dict.fromkeys(("accompagnements", "coaching"), "coaching"),
    **dict.fromkeys(("engagements", "entrees", "demarches"), "engagements"),
    **dict.fromkeys(("audits",), "audits"),
    **dict.fromkeys(("constats", "findings"), "findings"),
    **dict.fromkeys(("sessions de comite", "committee sessions", "sessions", "comites"),
                    "sessions"),
    **dict.fromkeys(("decisions", "decisions du comite", "certifications"), "decisions"),
    **dict.fromkeys(("echeances", "due events", "historique", "history", "calendrier",
                     "calendar"), "skip"),
}
