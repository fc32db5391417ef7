"""Collegiale visitatie from the school's question to its report (spec (b), checks B.5): the
request, the intake, a programme that covers every sub-question, a commission with one chair
and no one from the visited school, findings for the commission alone, the report the school
owns, and access that ends thirty days after it is final."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from koers.organisations.models import Membership, Notification, Region, Role, User
from koers.visits import services
from koers.visits.models import Finding, Visit, VisitEvidence, VisitMember
from tests import factories
from tests.pdfs import assert_tagged
from tests.visits.conftest import visitor

pytestmark = pytest.mark.django_db


def _commission(visit, pool, coordinator) -> None:
    services.add_visitor(visit, pool["chair"], VisitMember.Role.CHAIR)
    services.add_visitor(visit, pool["peer"], VisitMember.Role.PEER)
    services.confirm_commission(visit, by=coordinator)


def _final(visit, pool, coordinator) -> Visit:
    """Through the visit day to a final report."""
    _commission(visit, pool, coordinator)
    subs = list(visit.sub_questions.all())
    for sub, seen in zip(subs, ("Kiezen gezien in havo 4", "Feedback met een volgende stap"), strict=True):
        Finding.objects.create(visit=visit, sub_question=sub, author=pool["peer"].user, seen=seen, match="deels")
    services.record_feedback(visit, given_on=timezone.localdate(), summary="Mondeling: sterker dan gedacht.")
    services.draft_from_findings(visit)
    services.send_to_school(visit, by=pool["chair"].user)
    services.react(visit, reaction="Klas 2, niet klas 1.")
    services.finalise(visit, by=pool["chair"].user)
    visit.refresh_from_db()
    return visit


def test_a_request_needs_a_question_and_from_a_scan_carries_its_question_and_scores(client, org, region, coordinator):
    survey = factories.survey_round(org.school, closed=True, title="Leerklimaat-scan voorjaar")
    for _ in range(3):
        factories.respond(survey, "leraren", 2)
    url = reverse("visits:request", args=[org.school.pk])
    client.force_login(org.schoolleider)
    form = client.get(url + f"?ronde={survey.pk}").context["form"]
    question = form.initial["question"]
    assert question.endswith("?") and form.initial["sub-0"] == question
    assert "Leerklimaat-scan voorjaar (3 respondenten)" in form.initial["picture-0"]
    assert "2,0 op een schaal van 1 tot 5" in form.initial["picture-0"]

    empty = client.post(url, {"question": "", "sub-0": "Kiezen leerlingen zelf?", "picture-0": "Weinig"})
    assert empty.status_code == 400 and "question" in empty.context["form"].errors
    assert empty.context["form"]["sub-0"].value() == "Kiezen leerlingen zelf?"  # nothing typed is lost
    no_mark = client.post(url, {"question": "Eigenaarschap van leerlingen"})
    assert "vraagteken" in str(no_mark.context["form"].errors["question"])
    assert not Visit.objects.exists()

    client.post(url + f"?ronde={survey.pk}", {"question": question, "sub-0": question, "picture-0": "Ons beeld"})
    visit = Visit.objects.get()
    assert visit.source_round == survey and visit.region == region
    assert list(visit.sub_questions.values_list("self_picture", flat=True)) == ["Ons beeld"]
    assert Notification.objects.filter(user=coordinator, kind="visit").exists()
    # The report of the scan offers the request.
    report = client.get(reverse("surveys:report", args=[survey.pk])).content.decode()
    assert reverse("visits:request", args=[org.school.pk]) + f"?ronde={survey.pk}" in report


def test_the_intake_agrees_the_question_and_the_programme_must_cover_every_sub_question(
    client, org, region, coordinator
):
    visit = services.request_visit(
        org.school,
        question="Hoe leren we van elkaar?",
        sub_questions=[],
        preferred_dates="",
        source_round=None,
        by=org.schoolleider,
    )
    assert [s.text for s in visit.sub_questions.all()] == ["Hoe leren we van elkaar?"]
    client.force_login(org.schoolleider)
    assert client.get(reverse("visits:intake", args=[visit.pk])).status_code == 404  # the coordinator holds it
    client.force_login(coordinator)
    client.post(
        reverse("visits:intake", args=[visit.pk]),
        {
            "question": "Hoe leren leraren van elkaars lessen?",
            "sub-0": "Kijken ze bij elkaar?",
            "sub-1": "Wat doen ze ermee?",
            "agree": "on",
        },
    )
    visit.refresh_from_db()
    assert visit.status == Visit.Status.PROGRAMME and visit.question_agreed_on == timezone.localdate()
    first, second = visit.sub_questions.all()
    programme = reverse("visits:programme", args=[visit.pk])
    client.post(programme, {"start": "09:00", "end": "10:00", "kind": "lesbezoek", "sub_questions": [first.pk]})
    fix = client.post(reverse("visits:fix_programme", args=[visit.pk]), {"visit_on": "2027-03-02"}, follow=True)
    assert "Geen onderdeel van het programma kijkt naar: Wat doen ze ermee?" in fix.content.decode()
    visit.refresh_from_db()
    assert visit.status == Visit.Status.PROGRAMME
    wrong = client.post(
        programme, {"start": "11:00", "end": "10:00", "kind": "panel_leraren", "sub_questions": [second.pk]}
    )
    assert wrong.status_code == 400 and "Het einde ligt na het begin" in str(wrong.context["form"].errors)
    client.post(programme, {"start": "10:00", "end": "11:00", "kind": "panel_leraren", "sub_questions": [second.pk]})
    client.post(reverse("visits:fix_programme", args=[visit.pk]), {"visit_on": "2027-03-02"})
    visit.refresh_from_db()
    assert visit.status == Visit.Status.COMMISSION and visit.visit_on == datetime.date(2027, 3, 2)


def test_the_commission_has_one_chair_and_no_one_from_the_visited_school(client, org, visit, pool, coordinator):
    url = reverse("visits:commission", args=[visit.pk])
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert "Eigen" not in page and "Voorzitter" in page  # the visited school's own visitor is not offered
    with pytest.raises(Exception, match="werkt op de gevisiteerde school"):
        services.add_visitor(visit, pool["own"], VisitMember.Role.PEER)
    refused = client.post(url, {"profile": pool["peer"].pk, "role": "voorzitter"})
    assert refused.status_code == 400 and "niet getraind als voorzitter" in str(refused.context["form"].errors)

    client.post(reverse("visits:confirm_commission", args=[visit.pk]), follow=True)
    visit.refresh_from_db()
    assert visit.status == Visit.Status.COMMISSION  # no chair, not set
    client.post(url, {"profile": pool["chair"].pk, "role": "voorzitter"})
    second_chair = visitor(visit.region, "tweede", kind="voorzitter")
    with pytest.raises(Exception, match="heeft al een voorzitter"):
        services.add_visitor(visit, second_chair, VisitMember.Role.CHAIR)
    same_board = client.post(url, {"profile": pool["colleague"].pk, "role": "peer"}, follow=True)
    assert "werkt voor hetzelfde bestuur" in same_board.content.decode()  # allowed, with a notice
    client.post(reverse("visits:confirm_commission", args=[visit.pk]))
    visit.refresh_from_db()
    assert visit.status == Visit.Status.PREPARATION
    told = set(Notification.objects.filter(kind="visit").values_list("user_id", flat=True))
    assert {pool["chair"].user_id, pool["colleague"].user_id} <= told


def test_findings_are_for_the_commission_until_the_report_is_final(client, org, visit, pool, coordinator):
    _commission(visit, pool, coordinator)
    url = reverse("visits:findings", args=[visit.pk])
    sub = visit.sub_questions.first()
    client.force_login(pool["peer"].user)
    named = client.post(url, {"sub_question": sub.pk, "seen": "In de les van Jansen koos niemand.", "match": "deels"})
    assert named.status_code == 400 and "Is dit een naam: Jansen" in str(named.context["form"].errors["seen"])
    assert named.context["form"]["seen"].value() == "In de les van Jansen koos niemand."
    client.post(url, {"sub_question": sub.pk, "seen": "In drie lessen kozen leerlingen zelf.", "match": "deels"})
    assert Finding.objects.get().author == pool["peer"].user

    for user in (org.schoolleider, org.bestuurder, coordinator):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    client.force_login(org.leraar)
    assert client.get(reverse("visits:visit", args=[visit.pk])).status_code == 404  # a teacher: no grant
    _final_rest(visit, pool)
    client.force_login(org.schoolleider)
    assert "In drie lessen kozen leerlingen zelf." in client.get(url).content.decode()


def _final_rest(visit, pool) -> None:
    services.record_feedback(visit, given_on=timezone.localdate(), summary="Mondeling.")
    services.draft_from_findings(visit)
    services.send_to_school(visit, by=pool["chair"].user)
    services.finalise(visit, by=pool["chair"].user)


def test_the_school_reacts_to_the_draft_and_the_final_report_shows_both_pictures_in_html_and_pdf(
    client, org, visit, pool, coordinator
):
    _commission(visit, pool, coordinator)
    first = visit.sub_questions.first()
    Finding.objects.create(
        visit=visit, sub_question=first, author=pool["peer"].user, seen="Kiezen in havo 4", match="deels"
    )
    client.force_login(pool["chair"].user)
    client.post(
        reverse("visits:feedback", args=[visit.pk]), {"feedback_given_on": "2026-12-01", "feedback_summary": "Goed"}
    )
    first.refresh_from_db()
    assert first.seen == "Kiezen in havo 4" and first.match == "deels"  # the draft comes from the findings
    report = reverse("visits:report", args=[visit.pk])
    client.force_login(org.schoolleider)
    assert client.get(report).status_code == 404  # the draft is the chair's until sent

    client.force_login(pool["chair"].user)
    client.post(reverse("visits:report_step", args=[visit.pk, "definitief"]), follow=True)
    visit.refresh_from_db()
    assert visit.report_state == Visit.ReportState.DRAFT  # the school reacts first
    client.post(reverse("visits:report_step", args=[visit.pk, "naar-school"]))
    client.force_login(org.schoolleider)
    client.post(reverse("visits:report_step", args=[visit.pk, "reactie"]), {"reaction": "Het was havo 5."})
    assert client.post(reverse("visits:report_step", args=[visit.pk, "definitief"])).status_code == 404
    client.force_login(pool["chair"].user)
    client.post(reverse("visits:report_step", args=[visit.pk, "definitief"]))
    visit.refresh_from_db()
    assert visit.status == Visit.Status.DONE and visit.school_reaction == "Het was havo 5."

    client.force_login(org.schoolleider)
    html = client.get(report).content.decode()
    response = client.get(reverse("visits:report_pdf", args=[visit.pk]))
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert_tagged(data)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    for expected in ("Weinig in de onderbouw.", "Kiezen in havo 4", "Komt deels overeen", "Het was havo 5."):
        assert expected in html and expected in " ".join(text.split()), expected


def test_visitors_lose_access_thirty_days_after_the_report_and_other_regions_never_had_it(
    client, org, other_org, visit, pool, coordinator
):
    visit = _final(visit, pool, coordinator)
    url = reverse("visits:visit", args=[visit.pk])
    report = reverse("visits:report", args=[visit.pk])
    client.force_login(pool["peer"].user)  # a visitor from another board
    assert client.get(url).status_code == 200 and client.get(report).status_code == 200
    elsewhere = factories.user_with_role(Role.SCHOOLLEIDER, school=other_org.second_school)
    other_org.second_school.region = Region.objects.get(slug="noord")
    other_org.second_school.save()
    zuid = User.objects.create_user("zuid@regio.example", factories.PASSWORD)
    Membership.objects.create(user=zuid, role=Role.REGIOCOORDINATOR, region=Region.objects.get(slug="zuid"))
    for user in (elsewhere, zuid):
        client.force_login(user)
        assert client.get(url).status_code == 404

    Visit.objects.filter(pk=visit.pk).update(final_at=timezone.now() - datetime.timedelta(days=31))
    for user in (pool["peer"].user, pool["chair"].user):
        client.force_login(user)
        assert client.get(url).status_code == 404 and client.get(report).status_code == 404
    client.force_login(org.schoolleider)  # the school keeps its report
    assert client.get(report).status_code == 200


def test_the_final_report_goes_into_the_trajectorys_1b_and_the_region_counts_it(
    client, org, region, visit, pool, coordinator
):
    visit = _final(visit, pool, coordinator)
    client.force_login(org.schoolleider)
    url = reverse("visits:follow_up", args=[visit.pk])
    client.post(url, {"follow_up": "De onderbouw kijkt bij de bovenbouw."})
    client.post(url, {"attach": "1", "trajectory": org.trajectory.pk})
    again = client.post(url, {"attach": "1", "trajectory": org.trajectory.pk})
    assert again.status_code == 400 and VisitEvidence.objects.count() == 1
    visit.refresh_from_db()
    assert visit.follow_up == "De onderbouw kijkt bij de bovenbouw."
    label = f"Visitatierapport {timezone.localtime(visit.final_at).day}"  # the day as the page shows it
    subphase = client.get(
        reverse("werkdocument:subphase", args=[org.trajectory.pk, "1b-huidige-en-gewenste-situatie"])
    ).content.decode()
    assert label in subphase and "Komt deels overeen" in subphase
    export = client.get(reverse("reports:report", args=[org.trajectory.pk])).content.decode()
    assert label in export

    client.force_login(coordinator)
    page = client.get(reverse("networks:region", args=[region.slug]))
    assert page.context["o"].visits == {"requested": 0, "planned": 0, "done": 1}
    assert page.context["o"].pool == {"peers": 3, "chairs": 1}
    pool_page = client.get(reverse("visits:pool", args=[region.slug]))
    done = {p.user_id: p.visits_done for p in pool_page.context["page"].object_list}
    assert done[pool["chair"].user_id] == 1 and done[pool["colleague"].user_id] == 0


def test_the_werkdocument_tip_requests_a_visit_and_the_pool_takes_outside_accounts(client, org, region, coordinator):
    from koers.catalog.models import Tip

    client.force_login(org.schoolleider)
    tip = Tip.objects.get(slug="collegiale-visitatie-ga-door")
    page = client.get(reverse("werkdocument:subphase", args=[org.trajectory.pk, tip.subphase.slug])).content.decode()
    assert reverse("visits:request", args=[org.school.pk]) in page and "Vraag een collegiale visitatie aan" in page
    client.force_login(coordinator)
    url = reverse("visits:pool", args=[region.slug])
    nameless = client.post(url, {"email": "nieuw@elders.example", "kind": "peer", "trained_on": "2026-05-01"})
    assert nameless.status_code == 400 and "full_name" in nameless.context["form"].errors
    client.post(
        url, {"email": "nieuw@elders.example", "full_name": "Nina Nieuw", "kind": "peer", "trained_on": "2026-05-01"}
    )
    assert User.objects.get(email="nieuw@elders.example").visitor_profiles.get().region == region


def test_a_visitor_finds_their_training_commissions_and_findings_in_their_own_data(
    client, org, visit, pool, coordinator
):
    import json

    _commission(visit, pool, coordinator)
    sub = visit.sub_questions.first()
    Finding.objects.create(visit=visit, sub_question=sub, author=pool["peer"].user, seen="Drie lessen", match="deels")
    client.force_login(pool["peer"].user)
    data = json.loads(client.get(reverse("privacy:my_data_export", args=["json"])).content)
    assert data["visitor_profiles"] == [{"region": "Midden", "kind": "Peer-visitator", "trained_on": "2025-03-01"}]
    assert data["visit_commissions"] == [
        {"school": org.school.name, "role": "Peer-visitator", "findings": ["Drie lessen"]}
    ]
    # A visitor who leaves Koers takes their name off their findings; the findings stay the commission's.
    pool["peer"].user.delete()
    assert Finding.objects.get().author is None


def test_the_dossier_and_findings_cost_the_same_queries_for_a_small_and_a_full_visit(
    client, org, visit, pool, coordinator
):
    from koers.visits.models import ProgrammeItem, SubQuestion
    from tests.queries import page_queries

    _commission(visit, pool, coordinator)
    client.force_login(pool["chair"].user)
    urls = [reverse(name, args=[visit.pk]) for name in ("visits:visit", "visits:findings", "visits:programme")]
    small = [page_queries(client, url) for url in urls]
    for n in range(2):
        sub = SubQuestion.objects.create(visit=visit, order=5 + n, text=f"Extra {n}")
        for _ in range(3):
            part = ProgrammeItem.objects.create(visit=visit, start="13:00", end="14:00", kind="panel_leraren")
            part.sub_questions.set([sub])
            Finding.objects.create(
                visit=visit, sub_question=sub, source=part, author=pool["peer"].user, seen="x", match="deels"
            )
    assert [page_queries(client, url) for url in urls] == small


def test_the_school_gives_the_commission_documents_that_only_the_visit_opens(
    client, org, other_org, visit, pool, coordinator
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from koers.uploads import DOCUMENT_MAX_BYTES
    from koers.visits.models import VisitDocument

    _commission(visit, pool, coordinator)
    url = reverse("visits:papers", args=[visit.pk])
    client.force_login(org.schoolleider)
    too_big = SimpleUploadedFile("schoolplan.pdf", b"x" * (DOCUMENT_MAX_BYTES + 1), "application/pdf")
    refused = client.post(url, {"title": "Schoolplan", "file": too_big})
    assert refused.status_code == 400 and "er past hoogstens 10 MB" in str(refused.context["form"].errors["file"])
    assert refused.context["form"]["title"].value() == "Schoolplan" and not VisitDocument.objects.exists()
    wrong = client.post(
        url, {"title": "Script", "file": SimpleUploadedFile("run.exe", b"MZ", "application/x-msdownload")}
    )
    assert wrong.status_code == 400 and not VisitDocument.objects.exists()
    client.post(
        url, {"title": "Schoolplan", "file": SimpleUploadedFile("schoolplan.pdf", b"%PDF-1.4 plan", "application/pdf")}
    )
    paper = VisitDocument.objects.get()
    assert paper.file_size == len(b"%PDF-1.4 plan") and "schoolplan" not in paper.file.name  # a random name on disk
    assert Notification.objects.filter(
        user=pool["peer"].user, kind="visit", params__step="een document om te lezen"
    ).exists()

    client.force_login(pool["peer"].user)
    response = client.get(reverse("visits:paper_file", args=[visit.pk, paper.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 plan"
    assert client.post(url, {"title": "Van de visitator", "link": "https://example.org"}).status_code == 404
    client.force_login(factories.user_with_role(Role.SCHOOLLEIDER, school=other_org.school))
    assert client.get(reverse("visits:paper_file", args=[visit.pk, paper.pk])).status_code == 404


def test_an_advice_of_the_final_report_becomes_a_goal_of_the_trajectory(client, org, visit, pool, coordinator):
    from koers.instruments.models import Goal

    visit = _final(visit, pool, coordinator)
    sub = visit.sub_questions.first()
    sub.advice = "Laat de bovenbouw zijn aanpak tonen in de onderbouw."
    sub.save()
    url = reverse("visits:follow_up", args=[visit.pk])
    client.force_login(org.schoolleider)
    data = {"advice": sub.pk, "trajectory": org.trajectory.pk, "level": "medewerkers", "term": "lang"}
    undated = client.post(url, data)
    assert undated.status_code == 400 and "target_date" in undated.context["goal"].errors
    assert not Goal.objects.filter(description=sub.advice).exists()
    made = client.post(url, data | {"target_date": "2027-07-01"})
    goal = Goal.objects.get(description=sub.advice)
    assert made.url == reverse("instruments:change_goal", args=[org.trajectory.pk, goal.pk])
    assert goal.revisions.count() == 1 and goal.target_date.isoformat() == "2027-07-01"
    client.force_login(pool["chair"].user)  # the report is the school's: the commission makes no goals
    assert client.post(url, data).status_code == 404


def test_both_sides_look_back_once_and_the_coordinator_reads_it(client, org, visit, pool, coordinator):
    visit = _final(visit, pool, coordinator)
    url = reverse("visits:evaluation", args=[visit.pk])
    client.force_login(org.schoolleider)
    empty = client.post(url, {"change": "Meer tijd voor het gesprek met leerlingen"})
    assert empty.status_code == 400 and "answered" in empty.context["form"].errors
    assert empty.context["form"]["change"].value() == "Meer tijd voor het gesprek met leerlingen"
    client.post(url, {"answered": "deels", "programme_fit": "ja", "change": "Meer tijd voor leerlingen"})
    assert client.get(url).context["form"] is None  # once
    client.force_login(pool["peer"].user)
    client.post(url, {"answered": "ja", "programme_fit": "deels"})
    client.force_login(coordinator)
    given = client.get(url).context["given"]
    assert [(e.from_school, e.answered) for e in given] == [(True, "deels"), (False, "ja")]
    client.force_login(org.schoolleider)
    assert client.get(url).context["given"] == []  # the school sees its own, not the visitors'
