"""The yearly figures, each checked on a register built for it (see services/statistics.py for
what each figure counts)."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, LegalType, Outcome, Scheme
from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.groups import GroupService
from cedre_desk.services.referentials import CEDRE, ISO_9001, ReferentialService
from cedre_desk.services.statistics import StatisticsService

SESSIONS = ("2012-06-14", "2012-11-15", "2013-06-13", "2015-06-11", "2015-11-19")


class Register:
    def __init__(self, db):
        self.db = db
        self.companies = CompanyService(db)
        self.audits = AuditService(db)
        self.committees = CommitteeService(db)
        self.sessions = {d: self.committees.create_session(date.fromisoformat(d))
                         for d in SESSIONS}

    def company(self, name, region="PACA-Corse", types=(LegalType.AI,), **more):
        return self.companies.create(CompanyInput(name=name, region=region, legal_types=types,
                                                  **more))

    def audit(self, kind, done_on, company_id=None, group_id=None, iso=False):
        refs = ReferentialService(self.db)
        version = refs.in_force(CEDRE, date.fromisoformat(done_on))
        iso_version = refs.in_force(ISO_9001, date.fromisoformat(done_on)) if iso else None
        return self.audits.create(AuditInput(
            kind, version.id, company_id=company_id, group_id=group_id,
            iso_version_id=iso_version.id if iso_version else None,
            start_on=date.fromisoformat(done_on), status=AuditStatus.DONE))

    def decide(self, on, outcome, audit=None, scheme=Scheme.CEDRE, company_id=None,
               group_id=None):
        return self.committees.record_decision(DecisionInput(
            self.sessions[on], outcome, scheme, company_id=company_id, group_id=group_id,
            audit_id=audit))

    def certify(self, company_id, audit_on, on, scheme=Scheme.CEDRE):
        audit = self.audit(AuditKind.CERTIFICATION, audit_on, company_id,
                           iso=scheme is Scheme.CEDRE_ISO_9001)
        self.decide(on, Outcome.GRANTED, audit, scheme, company_id)


@pytest.fixture
def figures(db):
    r = Register(db)
    a = r.company("A granted in 2015")
    r.certify(a, "2015-05-04", "2015-06-11")
    b = r.company("B renewed in 2015", types=(LegalType.AI, LegalType.ETTI))
    r.certify(b, "2012-05-02", "2012-06-14")
    renewal = r.audit(AuditKind.RENEWAL, "2015-04-01", b)
    r.decide("2015-06-11", Outcome.RENEWED, renewal, company_id=b)
    c = r.company("C expiring in 2016", region="Bretagne", types=(LegalType.ACI,))
    r.certify(c, "2013-05-06", "2013-06-13", Scheme.CEDRE_ISO_9001)
    r.audit(AuditKind.FOLLOW_UP, "2014-05-20", c)
    r.audit(AuditKind.FOLLOW_UP, "2015-05-20", c)
    d = r.company("D suspended in 2015", region="Bretagne")
    r.certify(d, "2012-10-01", "2012-11-15")
    r.decide("2015-11-19", Outcome.SUSPENDED, company_id=d)
    e = r.company("E entering in 2015")
    AuditorService(db).engage(e, date(2015, 3, 1))
    r.company("F no longer a member", active=False)
    r.company("J member from 2016", member_since=date(2016, 2, 1))
    h, i = r.company("H in the group"), r.company("I in the group", region="Bretagne")
    group = GroupService(db).create("GES Villette", [h, i])
    group_audit = r.audit(AuditKind.CERTIFICATION, "2015-10-01", group_id=group)
    r.audit(AuditKind.FOLLOW_UP, "2015-10-02", group_id=group)  # counts once: one audit
    r.decide("2015-11-19", Outcome.GRANTED, group_audit, group_id=group)
    return StatisticsService(db).yearly(2015)


def test_each_yearly_figure(figures):
    total = figures.total
    assert total.newly_certified == 3  # A, and H and I through their group
    assert total.entered == 1  # E
    assert total.renewed == 1  # B
    assert total.preparing_renewal == 1  # C: its certificate expires in 2016
    assert total.follow_up_audits == 2  # C's of 2015 and the group's (once, not per member)
    assert total.certified_at_year_end == 5  # A, B, C, H, I; D is suspended
    assert total.certified_by_scheme == {"CEDRE": 4, "CEDRE ISO 9001": 1}
    assert total.active_members == 7  # all but F (inactive) and J (member from 2016)
    assert total.certified_share == round(5 / 7, 4)


def test_figures_by_region_and_by_type(figures):
    brittany = figures.by_region["Bretagne"]
    assert (brittany.certified_at_year_end, brittany.newly_certified,
            brittany.active_members) == (2, 1, 3)  # C and I certified; C, D, I members
    assert brittany.follow_up_audits == 2  # C's, and the group's (I is in Brittany)
    assert brittany.certified_share == round(2 / 3, 4)
    assert figures.by_type["AI"].certified_at_year_end == 4  # A, B, H, I
    assert figures.by_type["ETTI"].renewed == 1  # B carries both types
    assert figures.by_type["ACI"].preparing_renewal == 1


def test_the_json_has_the_documented_keys(figures):
    data = figures.as_json()
    assert list(data)[:10] == ["year", "newly_certified", "entered", "renewed",
                               "preparing_renewal", "follow_up_audits", "certified_at_year_end",
                               "certified_by_scheme", "active_members", "certified_share"]
    assert data["year"] == 2015
    assert set(data["certified_by_scheme"]) == {"CEDRE", "CEDRE ISO 9001"}
    assert {"by_region", "by_type"} <= set(data)


def test_a_year_before_anything_counts_nothing(db):
    Register(db).company("Seule")
    total = StatisticsService(db).yearly(2004).total
    assert (total.newly_certified, total.certified_at_year_end, total.certified_share) == \
        (0, 0, 0.0)


def test_figures_as_excel_and_as_a_pdf_with_a_chart(db, tmp_path, figures):
    from openpyxl import load_workbook

    service = StatisticsService(db)
    service.write_workbook(2015, tmp_path / "chiffres.xlsx")
    workbook = load_workbook(tmp_path / "chiffres.xlsx")
    rows = list(workbook["2015"].iter_rows(values_only=True))
    assert ("Structures nouvellement certifiées", 3) in rows
    assert ("Structures certifiées au 31 décembre", 5) in rows
    assert {"2015", "Par région", "Par type"} == set(workbook.sheetnames)
    service.write_pdf(2015, tmp_path / "chiffres.pdf", printed_on=date(2016, 1, 15))
    reader = PdfReader(tmp_path / "chiffres.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Certification CEDRE : chiffres 2015" in text
    assert "71,4" in text  # the share, the French way
    assert "Bretagne" in text
    from tests.exports.pdf_checks import assert_fonts_embedded

    assert_fonts_embedded(tmp_path / "chiffres.pdf")  # the chart's labels too
