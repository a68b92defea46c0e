"""The PDF audit report: every section, user text printed as typed, embedded fonts, page
numbers, metadata."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, FindingLevel, Scheme
from cedre_desk.exports.audit_report import AuditReport, ReportFinding, Site
from cedre_desk.exports.audit_report_files import write_audit_report

from .pdf_checks import assert_fonts_embedded, pdf_text


def _finding(level, text, chapter="1", code="1.2", action="", due=None, closed=None):
    return ReportFinding("CEDRE V3", chapter, "Identité : principes et valeurs", code,
                         "Projet associatif",
                         "La structure formalise son projet.", level, text, action, due, closed)


def _report(findings, **changes):
    values = dict(
        audit_id=42, subject="GDID", group="", sites=[Site("GDID", "73282932000074",
                                                           "Salon de Provence", "13")],
        scheme=Scheme.CEDRE_ISO_9001, version="CEDRE V3", iso_version="ISO 9001 2015",
        kind=AuditKind.CERTIFICATION, status=AuditStatus.REPORT_SENT, planned_on=None,
        start_on=date(2015, 10, 5), end_on=date(2015, 10, 6), duration_days=1.5,
        auditors=["Claire Auditrice", "Paul Second"], findings=findings,
        conclusion="Système qualité « mature » & efficace.",
        recommendation="Accorder la certification CEDRE ISO 9001.",
        printed_on=date(2015, 11, 2))
    values.update(changes)
    return AuditReport(**values)


def test_the_report_holds_every_section_and_prints_user_text_as_typed(tmp_path):
    target = tmp_path / "rapport.pdf"
    findings = [
        _finding(FindingLevel.STRENGTH, "Accueil des salariés <b>remarquable</b> & suivi"),
        _finding(FindingLevel.MINOR_NC, "Revue de direction non tracée", chapter="2",
                 code="2.1", action="Tracer la revue <i>annuelle</i>", due=date(2016, 1, 15)),
        _finding(FindingLevel.MAJOR_NC, "Réclamations non traitées", chapter="2", code="2.3",
                 action="Mettre en place un registre", due=date(2015, 12, 1),
                 closed=date(2015, 11, 30)),
    ]
    write_audit_report(target, _report(findings))
    text = pdf_text(target)
    for expected in ("Rapport d'audit", "Audit de certification", "GDID", "Salon de Provence",
                     "(13)", "73282932000074", "CEDRE ISO 9001", "CEDRE V3 + ISO 9001 2015",
                     "05/10/2015", "06/10/2015", "Claire Auditrice (responsable)", "Paul Second",
                     "Synthèse des constats", "Non-conformité mineure", "Constats par chapitre",
                     "Exigence", "Projet associatif", "Actions correctives", "15/01/2016",
                     "30/11/2015", "Conclusion", "Recommandation au comité",
                     "Accorder la certification", "Signatures", "Pour la structure",
                     "1,5 jour(s)", "Édité le 02/11/2015"):
        assert expected in text, expected
    # Markup typed by a user is text: it prints with its brackets, nothing turns bold.
    assert "<b>remarquable</b> & suivi" in text
    assert "<i>annuelle</i>" in text
    assert "« mature » & efficace" in text
    pages = len(PdfReader(target).pages)
    assert f"Page 1 / {pages}" in text and f"Page {pages} / {pages}" in text
    assert_fonts_embedded(target)


def test_counts_per_level_are_printed(tmp_path):
    target = tmp_path / "rapport.pdf"
    findings = [_finding(FindingLevel.STRENGTH, f"Point fort {i}") for i in range(3)]
    findings.append(_finding(FindingLevel.SENSITIVE, "Point sensible"))
    write_audit_report(target, _report(findings))
    text = " ".join(pdf_text(target).split())  # one table cell a line: join them
    assert "Point fort PF 3 Piste de progrès PP 0 Point sensible PS 1" in text
    assert "Non-conformité majeure NCM 0 Total 4" in text


def test_a_long_report_numbers_its_pages_and_carries_its_metadata(tmp_path):
    target = tmp_path / "rapport.pdf"
    findings = [_finding(FindingLevel.IMPROVEMENT, f"Piste {i} : " + "détail " * 40,
                         chapter=str(i % 4 + 1), code=f"{i % 4 + 1}.{i}") for i in range(60)]
    write_audit_report(target, _report(findings))
    reader = PdfReader(target)
    pages = len(reader.pages)
    assert pages >= 3
    text = pdf_text(target)
    assert f"Page 1 / {pages}" in text and f"Page {pages} / {pages}" in text
    metadata = reader.metadata
    assert metadata.title.startswith("Rapport d'audit — Audit de certification — GDID")
    assert metadata.author == "Claire Auditrice, Paul Second"
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"


def test_the_english_report(tmp_path):
    target = tmp_path / "report.pdf"
    write_audit_report(target, _report([], group="GES Villette", auditors=["Claire"],
                                       conclusion=""), lang="en")
    text = pdf_text(target)
    for expected in ("Audit report", "Certification audit", "Group", "GES Villette",
                     "No finding was recorded.", "No corrective action.", "(not filled in)",
                     "2015-10-05", "1.5 day(s)", "Page 1 / 1"):
        assert expected in text, expected
    assert PdfReader(target).trailer["/Root"]["/Lang"] == "en-GB"
