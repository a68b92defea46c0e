from datetime import date

from cedre_desk.exports.file_names import document_name


def test_an_audit_report_is_named_for_its_company_and_day():
    name = document_name("Rapport d'audit", "Atelier Ébène d'Orléans", date(2026, 11, 17),
                         suffix=".pdf")
    assert name == "Rapport d'audit - Atelier Ébène d'Orléans - 2026-11-17.pdf"


def test_the_register_is_named_for_the_day():
    day = date(2026, 12, 3)
    name = document_name(f"Registre CEDRE {day}", suffix=".xlsx")
    assert name == "Registre CEDRE 2026-12-03.xlsx"


def test_characters_windows_refuses_are_left_out():
    name = document_name('Rapport', 'SARL <A/B> : "C|D"?*\tE.', None, suffix=".pdf")
    assert name == "Rapport - SARL A B C D E.pdf"
    assert not set('<>:"/\\|?*') & set(name)


def test_a_device_name_and_an_empty_name_stay_usable():
    assert document_name("CON", suffix=".pdf") == "CON_.pdf"
    assert document_name("???", "", None, suffix=".ics") == "document.ics"


def test_a_very_long_name_is_cut():
    assert len(document_name("x" * 400, suffix=".pdf")) <= 154
