"""What moved since the previous assessment, in the Le Cap report's PDF: the count up and
down and each indicator whose answer changed; said when nothing did; absent without a
previous assessment."""

from __future__ import annotations

from cedre_desk.exports.cap_report import MoveLine
from cedre_desk.exports.cap_report_pdf import write_cap_report_pdf

from .pdf_checks import pdf_text
from .test_cap_report import _report

MOVES = (MoveLine("1.1.1", "Les valeurs sont-elles écrites ?", "0 Non engagé", "2 En place",
                  True),
         MoveLine("1.2.1", "Le projet est-il à jour ?", "3 Maîtrisé", "1 Amorcé", False),
         MoveLine("2.1.1", "Un parcours formalisé ?", "—", "1 Amorcé", True))


def test_the_pdf_lists_what_moved_since_the_previous_assessment(tmp_path):
    shown = " ".join(pdf_text(write_cap_report_pdf(tmp_path / "cap.pdf",
                                                   _report(moves=MOVES))).split())
    assert "Ce qui a bougé depuis le 04/03/2025" in shown
    assert "2 indicateur(s) en hausse, 1 en baisse." in shown
    assert "1.1.1 Les valeurs sont-elles écrites ? 0 Non engagé 2 En place" in shown
    assert "1.2.1 Le projet est-il à jour ? 3 Maîtrisé 1 Amorcé" in shown
    assert "2.1.1 Un parcours formalisé ? — 1 Amorcé" in shown


def test_nothing_moved_is_said_and_no_previous_means_no_section(tmp_path):
    shown = pdf_text(write_cap_report_pdf(tmp_path / "same.pdf", _report(moves=())))
    assert "Aucune réponse n'a changé." in shown
    alone = pdf_text(write_cap_report_pdf(tmp_path / "alone.pdf", _report(
        previous=None, previous_on=None, moves=()), lang="en"))
    assert "What moved" not in alone and "No answer changed" not in alone


def test_the_english_words(tmp_path):
    shown = " ".join(pdf_text(write_cap_report_pdf(tmp_path / "cap.pdf", _report(
        moves=MOVES[1:2]), lang="en")).split())
    assert "What moved since 2025-03-04" in shown
    assert "0 indicator(s) up, 1 down." in shown
