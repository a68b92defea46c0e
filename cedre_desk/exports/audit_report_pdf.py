"""The audit report laid out as a PDF (what it holds: audit_report.py)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from cedre_desk.audits.vocabulary import FindingLevel, label
from cedre_desk.exports.audit_report import AuditReport, ReportFinding
from cedre_desk.exports.dates import day
from cedre_desk.exports.pdf_layout import (
    DocumentInfo,
    build_pdf,
    grid,
    long_grid,
    para,
    section,
    styles,
    text,
    wrapped,
)

_WORDS = {
    "fr": {
        "report": "Rapport d'audit", "audited": "Structure auditée", "group": "Groupe",
        "sites": "Site(s)", "scheme": "Schéma", "referential": "Référentiel",
        "kind": "Type d'audit", "status": "Statut", "dates": "Dates", "planned": "prévu le",
        "duration": "Durée", "days": "jour(s)", "auditors": "Auditeur(s)", "lead": "responsable",
        "counts": "Synthèse des constats", "level": "Niveau", "number": "Nombre",
        "findings": "Constats par chapitre", "none": "Aucun constat n'a été enregistré.",
        "no_chapter": "Hors exigence", "requirement": "Exigence", "finding": "Constat",
        "actions": "Actions correctives", "action": "Action", "due": "Échéance",
        "closed": "Close le", "open": "en cours", "no_action": "Aucune action corrective.",
        "conclusion": "Conclusion", "recommendation": "Recommandation au comité de certification",
        "empty": "(non renseigné)", "signatures": "Signatures",
        "for_auditors": "Pour l'équipe d'audit", "for_company": "Pour la structure",
        "name": "Nom", "date": "Date", "signature": "Signature", "printed": "Édité le",
        "audit_no": "audit n°", "total": "Total", "colon": "\u00a0:",
    },
    "en": {
        "report": "Audit report", "audited": "Audited company", "group": "Group",
        "sites": "Site(s)", "scheme": "Scheme", "referential": "Referential",
        "kind": "Audit kind", "status": "Status", "dates": "Dates", "planned": "planned on",
        "duration": "Duration", "days": "day(s)", "auditors": "Auditor(s)", "lead": "lead",
        "counts": "Findings at a glance", "level": "Level", "number": "Number",
        "findings": "Findings by chapter", "none": "No finding was recorded.",
        "no_chapter": "No requirement", "requirement": "Requirement", "finding": "Finding",
        "actions": "Corrective actions", "action": "Action", "due": "Due",
        "closed": "Closed on", "open": "open", "no_action": "No corrective action.",
        "conclusion": "Conclusion", "recommendation": "Recommendation to the certification "
        "committee", "empty": "(not filled in)", "signatures": "Signatures",
        "for_auditors": "For the audit team", "for_company": "For the company",
        "name": "Name", "date": "Date", "signature": "Signature", "printed": "Printed on",
        "audit_no": "audit no.", "total": "Total", "colon": ":",
    },
}


def write_report_pdf(target: Path, report: AuditReport, *, lang: str = "fr") -> Path:
    w = _WORDS["en" if lang == "en" else "fr"]
    title = f"{w['report']} — {label(report.kind, lang)} — {report.subject}"
    info = DocumentInfo(
        title=title, subject=f"{w['report']} {w['audit_no']} {report.audit_id}",
        author=", ".join(report.auditors) or "cedre-desk",
        lang="en-GB" if lang == "en" else "fr-FR",
        footer=f"{w['printed']} {day(report.printed_on, lang)} — {w['audit_no']} {report.audit_id}",
    )
    story = _identity(report, w, lang) + _counts(report, w, lang) + _findings(report, w, lang)
    story += _actions(report, w, lang) + _closing(report, w) + _signatures(report, w)
    return build_pdf(target, info, story)


def _identity(report: AuditReport, w: dict[str, str], lang: str) -> list[Flowable]:
    s = styles()
    dates = " – ".join(day(d, lang) for d in (report.start_on, report.end_on) if d)
    if report.planned_on and not report.start_on:
        dates = f"{w['planned']} {day(report.planned_on, lang)}"
    versions = report.version + (f" + {report.iso_version}" if report.iso_version else "")
    duration = f"{report.duration_days:g}"
    duration = duration if lang == "en" else duration.replace(".", ",")
    auditors = [f"{name} ({w['lead']})" if i == 0 and len(report.auditors) > 1 else name
                for i, name in enumerate(report.auditors)]
    sites = "<br/>".join(
        text(f"{site.name} — {site.town}" + (f" ({site.department})" if site.department else "")
             + (f" — SIRET {site.siret}" if site.siret else ""))
        for site in report.sites)
    rows = [
        (w["audited"], Paragraph(text(report.subject), s.cell_bold)),
        *([(w["group"], para(report.group, s.cell))] if report.group else []),
        (w["sites"], Paragraph(sites, s.cell)),
        (w["scheme"], para(label(report.scheme, lang), s.cell)),
        (w["referential"], para(versions, s.cell)),
        (w["kind"], para(label(report.kind, lang), s.cell)),
        (w["status"], para(label(report.status, lang), s.cell)),
        (w["dates"], para(dates, s.cell)),
        (w["duration"], para(f"{duration} {w['days']}", s.cell)),
        (w["auditors"], para(", ".join(auditors), s.cell)),
    ]
    table = grid([(Paragraph(text(k), s.cell_bold), v) for k, v in rows], [42 * mm, 132 * mm],
                 header=False, zebra=False)
    return [Paragraph(text(f"{w['report']} — {label(report.kind, lang)}"), s.title),
            Paragraph(text(report.subject), s.heading), table, Spacer(1, 4 * mm)]


def _counts(report: AuditReport, w: dict[str, str], lang: str) -> list[Flowable]:
    s = styles()
    counts = {level: 0 for level in FindingLevel}
    for finding in report.findings:
        counts[finding.level] += 1
    rows: list[tuple[object, ...]] = [(w["level"], "", w["number"])]
    rows += [(label(level, lang), level.value, str(counts[level])) for level in FindingLevel]
    rows.append((w["total"], "", str(len(report.findings))))
    return [*section(w["counts"], s.heading), grid(rows, [70 * mm, 20 * mm, 25 * mm])]


def _findings(report: AuditReport, w: dict[str, str], lang: str) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = section(w["findings"], s.heading)
    if not report.findings:
        return [*story, para(w["none"], s.body)]
    chapters: dict[tuple[str, str, str], list[ReportFinding]] = {}
    for finding in report.findings:
        key = (finding.referential, finding.chapter_code, finding.chapter_title)
        chapters.setdefault(key, []).append(finding)
    # A combined audit has chapters of two referentials with the same numbers: name them.
    named = len({referential for referential, _, _ in chapters if referential}) > 1
    for (referential, code, title), findings in chapters.items():
        heading = f"{code} — {title}" if code else w["no_chapter"]
        if named and referential:
            heading = f"{referential} · {heading}"
        rows: list[tuple[object, ...]] = [(w["requirement"], w["level"], w["finding"])]
        for f in findings:
            requirement = f"<b>{text(f.requirement_code)}</b>"
            if f.requirement_code != f.chapter_code:  # a chapter's title is its heading
                requirement += f" {text(f.requirement_title)}"
            if f.requirement_text:
                requirement += f"<br/><font size=7.5>{text(f.requirement_text)}</font>"
            # The level is the program's own words: plain text, cheaper than a paragraph.
            level = f"{f.level.value}\n{textwrap.fill(label(f.level, lang), 16)}"
            rows.append((Paragraph(requirement, s.cell), level, wrapped(f.text, 88 * mm)))
        story += [*section(heading, s.subheading),
                  *long_grid(rows, [54 * mm, 32 * mm, 88 * mm])]
    return story


def _actions(report: AuditReport, w: dict[str, str], lang: str) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = section(w["actions"], s.heading)
    with_action = [f for f in report.findings if f.action or f.level.is_nonconformity]
    if not with_action:
        return [*story, para(w["no_action"], s.body)]
    rows: list[tuple[object, ...]] = [(w["requirement"], w["level"], w["action"], w["due"],
                                       w["closed"])]
    for f in with_action:
        rows.append((f.requirement_code, f.level.value, wrapped(f.action or w["empty"], 88 * mm),
                     day(f.action_due, lang), day(f.action_closed_on, lang) or w["open"]))
    return [*story, *long_grid(rows, [22 * mm, 14 * mm, 88 * mm, 25 * mm, 25 * mm])]


def _closing(report: AuditReport, w: dict[str, str]) -> list[Flowable]:
    s = styles()
    return [
        *section(w["conclusion"], s.heading),
        para(report.conclusion or w["empty"], s.body),
        *section(w["recommendation"], s.heading),
        para(report.recommendation or w["empty"], s.body),
    ]


def _signatures(report: AuditReport, w: dict[str, str]) -> list[Flowable]:
    s = styles()
    lead = report.auditors[0] if report.auditors else ""
    box = [
        (Paragraph(text(w["for_auditors"]), s.cell_bold),
         Paragraph(text(w["for_company"]), s.cell_bold)),
        (para(f"{w['name']}{w['colon']} {lead}", s.cell), para(w["name"] + w["colon"], s.cell)),
        (para(w["date"] + w["colon"], s.cell), para(w["date"] + w["colon"], s.cell)),
        (para(w["signature"], s.cell), para(w["signature"], s.cell)),
    ]
    table = grid(box, [87 * mm, 87 * mm], header=False, zebra=False)
    table.setStyle([("BOX", (0, 0), (0, -1), 0.5, "#9aa5b1"),
                    ("BOX", (1, 0), (1, -1), 0.5, "#9aa5b1"),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 18 * mm)])
    return [KeepTogether([Paragraph(text(w["signatures"]), s.heading), table])]
