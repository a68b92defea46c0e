"""The yearly figures, each checked on a register built for it (see services/statistics.py for
what each figure counts)."""

from __future__ import annotations

from dataclasses import replace
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
def built(db):
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
    return r


@pytest.fixture
def figures(db, built):
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
    assert total.engaged_at_year_end == 1  # E; D is suspended, not "not yet certified"


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
    assert {"2015", "Par région", "Par type", "Nouvelles certifiées 2015",
            "Engagées au 31-12", "Le Cap 2015"} == set(workbook.sheetnames)
    service.write_pdf(2015, tmp_path / "chiffres.pdf", printed_on=date(2016, 1, 15))
    reader = PdfReader(tmp_path / "chiffres.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Certification CEDRE : chiffres 2015" in text
    assert "71,4" in text  # the share, the French way
    assert "Bretagne" in text
    from tests.exports.pdf_checks import assert_fonts_embedded

    assert_fonts_embedded(tmp_path / "chiffres.pdf")  # the chart's labels too


# The lists as the activity report prints them -------------------------------------------------

def report_2015(db):
    """The newly certified of 2015 as the federation's report lists them (DOMAIN.md)."""
    r = Register(db)
    groups = GroupService(db)

    def company(name, town, department, *types):
        return r.company(name, types=types or (LegalType.OTHER,), town=town,
                         department=department)

    def grant_group(name, members, on, scheme=Scheme.CEDRE):
        group = groups.create(name, members)
        audit = r.audit(AuditKind.CERTIFICATION, on[:5] + "04-02", group_id=group,
                        iso=scheme is Scheme.CEDRE_ISO_9001)
        r.decide(on, Outcome.GRANTED, audit, scheme, group_id=group)

    iso = Scheme.CEDRE_ISO_9001
    r.certify(company("GDID", "Salon de Provence", "13", LegalType.GES), "2015-05-04",
              "2015-06-11", iso)
    r.certify(company("AGIRE 76", "Bolbec", "76", LegalType.AI), "2015-10-05", "2015-11-19", iso)
    r.certify(company("APTIMA", "Mantes la Jolie", "78", LegalType.EI, LegalType.ACI),
              "2015-10-06", "2015-11-19", iso)
    grant_group("Ambert", [company("COUP DE MAIN", "Ambert", "63", LegalType.AI),
                           company("CDM INTERIM", "Ambert", "63", LegalType.ETTI)],
                "2015-06-11")
    r.certify(company("DOMICILE SERVICE LOIRET", "Saint Jean de la Ruelle", "45"),
              "2015-05-05", "2015-06-11")
    grant_group("APSV-VILLETTE EMPLOI", [
        company("VILLETTE EMPLOI SERVICE", "Paris", "75"),
        company("APSV-VILLETTE EMPLOI", "Paris", "75", LegalType.GES),
        company("VILLETTE EMPLOI", "Paris", "75", LegalType.ETTI, LegalType.AI)],
        "2015-11-19")
    r.certify(company("EMS", "Montauban", "82", LegalType.EI), "2015-10-07", "2015-11-19")
    r.certify(company("ISIS", "Istres", "13", LegalType.AI), "2015-10-08", "2015-11-19")
    return StatisticsService(db).yearly(2015)


def test_the_2015_newly_certified_as_the_report_prints_them(db):
    data = report_2015(db).as_json()
    assert [line["text"] for line in data["newly_certified_lines"]["CEDRE ISO 9001"]] == [
        "GDID (GES) à Salon de Provence (13)",
        "AGIRE 76 (AI) à Bolbec (76)",
        "APTIMA (ACI et EI) à Mantes la Jolie (78)",  # types in the vocabulary's order
    ]
    assert [line["text"] for line in data["newly_certified_lines"]["CEDRE"]] == [
        "CDM INTERIM (ETTI) et COUP DE MAIN (AI) à Ambert (63)",
        "DOMICILE SERVICE LOIRET à Saint Jean de la Ruelle (45)",
        "APSV-VILLETTE EMPLOI (GES), VILLETTE EMPLOI (AI et ETTI) et VILLETTE EMPLOI SERVICE "
        "à Paris (75)",  # "other" (the report's EURL) prints nothing
        "EMS (EI) à Montauban (82)",
        "ISIS (AI) à Istres (13)",
    ]
    assert data["newly_certified"] == 11
    assert list(data["newly_certified_lines"]) == ["CEDRE ISO 9001", "CEDRE"]
    villette = data["newly_certified_lines"]["CEDRE"][2]
    assert villette["group"] == "APSV-VILLETTE EMPLOI"
    assert villette["companies"][1] == {"name": "VILLETTE EMPLOI", "legal_types": ["AI", "ETTI"],
                                        "town": "Paris", "department": "75"}
    assert data["newly_certified_lines"]["CEDRE ISO 9001"][0]["group"] is None


def test_the_lines_in_english(db):
    lines = report_2015(db).as_json("en")["newly_certified_lines"]["CEDRE"]
    assert lines[0]["text"] == "CDM INTERIM (ETTI) and COUP DE MAIN (AI) at Ambert (63)"


def test_the_companies_engaged_at_31_december(db):
    r = Register(db)
    auditors = AuditorService(db)
    listed = {}
    for name, engaged_on in (("Engagée 2014", "2014-02-03"), ("Engagée 2015", "2015-09-01"),
                             ("Engagée 2016", "2016-01-05"), ("Certifiée 2015", "2015-01-05"),
                             ("Certifiée 2016", "2015-02-02"), ("Retirée", "2012-03-01")):
        listed[name] = r.company(name, town="Bolbec", department="76",
                                 types=(LegalType.AI, LegalType.ETTI))
        auditors.engage(listed[name], date.fromisoformat(engaged_on))
    r.certify(listed["Certifiée 2015"], "2015-05-04", "2015-06-11")
    r.sessions["2016-06-09"] = r.committees.create_session(date(2016, 6, 9))
    r.certify(listed["Certifiée 2016"], "2016-05-04", "2016-06-09")  # after the year
    r.certify(listed["Retirée"], "2012-05-02", "2012-06-14")
    r.decide("2013-06-13", Outcome.WITHDRAWN, company_id=listed["Retirée"])
    mock_only = r.company("Audit à blanc du groupe", town="Istres", department="13")
    group = GroupService(db).create("Groupe", [mock_only])
    r.audit(AuditKind.MOCK, "2015-10-01", group_id=group)

    data = StatisticsService(db).yearly(2015)

    assert [c.name for c in data.engaged] == [
        "Audit à blanc du groupe", "Certifiée 2016", "Engagée 2014", "Engagée 2015"]
    assert data.total.engaged_at_year_end == 4
    assert data.as_json()["engaged_companies"][2] == {
        "name": "Engagée 2014", "legal_types": ["AI", "ETTI"], "town": "Bolbec",
        "department": "76"}
    assert data.by_type["ETTI"].engaged_at_year_end == 3


def test_a_past_year_counts_nothing_dated_after_its_end(db, built):
    """The day asked for is the day: what 2016 brings leaves the 2015 figures as they were."""
    service = StatisticsService(db)
    r = built
    member = r.company("L member since 2010", member_since=date(2010, 1, 1))
    before = service.yearly(2015).as_json()
    r.sessions.update({d: r.committees.create_session(date.fromisoformat(d))
                       for d in ("2016-01-14", "2016-06-09")})
    engaged = next(c["name"] for c in before["engaged_companies"])
    companies = {record.name: record.id for record in CompanyService(db).rows()}
    r.certify(companies[engaged], "2015-12-31", "2016-01-14")  # audited in 2015, granted 2016
    late = r.company("K engaged in 2016", member_since=date(2016, 1, 4))
    AuditorService(db).engage(late, date(2016, 1, 4))
    r.audit(AuditKind.MOCK, "2016-01-05", late)
    AuditorService(db).engage(member, date(2016, 2, 1))
    r.audit(AuditKind.INTERNAL, "2016-02-02", member)
    c = companies["C expiring in 2016"]
    renewal = r.audit(AuditKind.RENEWAL, "2016-01-06", c, iso=True)
    r.decide("2016-06-09", Outcome.RENEWED, renewal, Scheme.CEDRE_ISO_9001, company_id=c)

    after = service.yearly(2015).as_json()

    assert after == before
    assert before["engaged_at_year_end"] == 1
    assert service.yearly(2016).newly_certified_lines["CEDRE"][0].companies[0].name == engaged


def test_the_lists_in_the_pdf_and_the_workbook(db, tmp_path):
    from openpyxl import load_workbook

    report_2015(db)
    service = StatisticsService(db)
    service.write_workbook(2015, tmp_path / "chiffres.xlsx")
    rows = list(load_workbook(tmp_path / "chiffres.xlsx")["Nouvelles certifiées 2015"]
                .iter_rows(values_only=True))
    assert rows[0] == ("Certification", "Ligne du rapport", "Groupe", "Structure", "Types",
                       "Ville", "Département")
    assert rows[1] == ("CEDRE ISO 9001", "GDID (GES) à Salon de Provence (13)", None, "GDID",
                       "GES", "Salon de Provence", "13")
    ambert = "CDM INTERIM (ETTI) et COUP DE MAIN (AI) à Ambert (63)"
    assert [row[3] for row in rows if row[1] == ambert] == ["CDM INTERIM", "COUP DE MAIN"]
    assert rows[-1][3] == "ISIS" and len(rows) == 12  # the header and 11 companies
    service.write_pdf(2015, tmp_path / "chiffres.pdf", printed_on=date(2016, 1, 15))
    text = " ".join(" ".join(page.extract_text() for page in
                             PdfReader(tmp_path / "chiffres.pdf").pages).split())
    assert "CEDRE ISO 9001 : 3 structures" in text
    assert "• GDID (GES) à Salon de Provence (13)" in text
    assert f"• {ambert}" in text


# Le Cap in the yearly figures -------------------------------------------------------------


@pytest.fixture
def cap_2015(db):
    """Le Cap in 2015: a group's run counts for its members on the day only; a company that
    ran it twice counts once, reviewed by a third party when one of its runs was."""
    from cedre_desk.services.cap.assessments import (
        PEER,
        THIRD_PARTY,
        AssessmentInput,
        CapAssessmentService,
    )

    r = Register(db)
    nord = r.company("Nord un", region="Nord-Pas-de-Calais")
    nord2 = r.company("Nord deux", region="Nord-Pas-de-Calais")
    left = r.company("Partie en mars", region="Nord-Pas-de-Calais")
    bzh = r.company("Breizh", region="Bretagne")
    r.company("Sans Cap", region="Bretagne")
    nowhere = r.company("Sans région", region="")
    paris = r.company("Paris", region="Île-de-France")
    groups = GroupService(db)
    group = groups.create("GES Nord", [nord, nord2, left])
    groups.remove_member(group, left, date(2015, 3, 31))
    cap = CapAssessmentService(db)

    def run(on, reviewer_kind="", **owner):
        cap.create(AssessmentInput(date.fromisoformat(on), reviewer_kind=reviewer_kind,
                                   reviewer_name="Relecteur" if reviewer_kind else "",
                                   **owner), today=date(2016, 1, 15))

    run("2015-04-01", PEER, group_id=group)  # nord and nord2, not the one that left
    run("2015-09-01", THIRD_PARTY, company_id=nord)  # nord: third party wins
    run("2015-02-01", company_id=bzh)
    run("2015-06-01", company_id=bzh)  # twice: once
    run("2014-12-31", THIRD_PARTY, company_id=nowhere)  # not 2015
    run("2015-12-31", PEER, company_id=nowhere)
    run("2015-07-01", company_id=paris)
    run("2016-01-01", THIRD_PARTY, company_id=left)  # not 2015
    return StatisticsService(db).yearly(2015)


def test_le_cap_counts_the_companies_that_ran_it_and_the_share_reviewed(cap_2015):
    data = cap_2015.as_json()["le_cap"]
    # regions as a reader looks them up: Île-de-France with the I's, no region last
    assert list(cap_2015.by_region) == ["Bretagne", "Île-de-France", "Nord-Pas-de-Calais", "—"]
    assert data == {
        "companies": 5, "reviewed": 3, "third_party": 1, "peer": 2, "reviewed_share": 0.6,
        "by_region": {
            "Bretagne": {"companies": 1, "reviewed": 0, "third_party": 0, "peer": 0,
                         "reviewed_share": 0.0},
            "Île-de-France": {"companies": 1, "reviewed": 0, "third_party": 0, "peer": 0,
                              "reviewed_share": 0.0},
            "Nord-Pas-de-Calais": {"companies": 2, "reviewed": 2, "third_party": 1, "peer": 1,
                                   "reviewed_share": 1.0},
            "—": {"companies": 1, "reviewed": 1, "third_party": 0, "peer": 1,
                  "reviewed_share": 1.0}}}


def test_a_year_without_le_cap_says_so(db, tmp_path):
    Register(db).company("Seule")
    service = StatisticsService(db)
    assert service.yearly(2015).as_json()["le_cap"] == {
        "companies": 0, "reviewed": 0, "third_party": 0, "peer": 0, "reviewed_share": 0.0,
        "by_region": {}}
    service.write_pdf(2015, tmp_path / "chiffres.pdf", printed_on=date(2016, 1, 15))
    text = " ".join(PdfReader(tmp_path / "chiffres.pdf").pages[-1].extract_text().split())
    assert "Aucune structure n'a mené Le Cap en 2015." in text


def test_le_cap_in_the_pdf_and_the_workbook(db, tmp_path, cap_2015):
    from openpyxl import load_workbook

    service = StatisticsService(db)
    service.write_workbook(2015, tmp_path / "chiffres.xlsx")
    book = load_workbook(tmp_path / "chiffres.xlsx")
    assert list(book["Le Cap 2015"].iter_rows(values_only=True)) == [
        ("Région", "Structures ayant mené Le Cap", "Relues", "par un tiers", "par un pair",
         "Part relue (%)"),
        ("Bretagne", 1, 0, 0, 0, 0), ("Île-de-France", 1, 0, 0, 0, 0),
        ("Nord-Pas-de-Calais", 2, 2, 1, 1, 100), ("—", 1, 1, 0, 1, 100),
        ("Total", 5, 3, 1, 2, 60)]
    summary = list(book["2015"].iter_rows(values_only=True))
    assert ("Structures ayant mené Le Cap", 5) in summary
    assert ("Le Cap : dont relues par un tiers ou un pair (%)", 60) in summary
    service.write_pdf(2015, tmp_path / "chiffres.pdf", printed_on=date(2016, 1, 15),
                      lang="en")
    text = " ".join(" ".join(page.extract_text() for page in
                             PdfReader(tmp_path / "chiffres.pdf").pages).split())
    assert ("Companies that ran Le Cap: 5, of which reviewed by a third party or a peer: 3 "
            "(60.0 %; by a third party 1, by a peer 2).") in text
    assert "Nord-Pas-de-Calais 2 2 1 1 100.0 %" in text
    assert "Total 5 3 1 2 60.0 %" in text


def test_marking_members_inactive_today_leaves_2015_active_members_as_they_were(db, built):
    """The share's active members are those of 31 December: marking companies inactive now
    (after 2015) changes no 2015 figure."""
    companies = CompanyService(db)
    plain = built.company("G a plain member")
    before = StatisticsService(db).yearly(2015).as_json()
    assert before["active_members"] == 8  # G too: no "member since", active then
    names = {row.name: row.id for row in companies.rows()}
    for company_id in (names["A granted in 2015"], names["E entering in 2015"], plain):
        record = companies.get(company_id)
        companies.update(company_id, replace(record.data, active=False), record.version)

    assert StatisticsService(db).yearly(2015).as_json() == before
    # The year the flags changed in sees them: B, C, D, H, I, J active, E engaged in the
    # process (an active member whatever its flag); A (expired in 2018), F and G inactive.
    this_year = StatisticsService(db).yearly(date.today().year).total
    assert this_year.active_members == 7
