"""A round's results become evidence in 1B of a trajectory; a learning-climate scan proposes
the draft ontwikkelvraag."""

import pytest
from django.urls import reverse

from koers.catalog.models import Subphase
from koers.surveys import services
from koers.surveys.models import Evidence
from tests.factories import respond, survey_round
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def _evidence_page(org) -> str:
    return reverse("werkdocument:subphase", args=[org.trajectory.pk, Subphase.holding("enquetes").slug])


def _climate(school, **kwargs):
    survey = survey_round(school, closed=True, **kwargs)
    for _ in range(3):
        respond(survey, "leraren", default=4, fb_1=1, fb_2=2, fb_3=1)  # feedback scores lowest
    return survey


def test_a_learning_climate_scan_proposes_the_question_and_lands_in_1b(client, org):
    survey = _climate(org.school, title="Leerklimaat voorjaar")
    client.force_login(org.schoolleider)
    url = reverse("surveys:attach", args=[org.trajectory.pk])
    form = client.get(url, {"ronde": survey.pk}).content.decode()
    assert "Hoe gebruiken wij feedback zo dat leerlingen zien hoe ze verder komen" in form
    response = client.post(
        url,
        {"round": survey.pk, "note": "Feedback blijft achter.", "question": "Hoe geven wij <b>feedback</b> die helpt?"},
    )
    assert response.status_code == 302
    page = client.get(_evidence_page(org))
    text = page.content.decode()
    assert "Leerklimaat voorjaar" in text and "Feedback blijft achter." in text
    assert "Hoe geven wij &lt;b&gt;feedback&lt;/b&gt; die helpt?" in text
    assert "Feedback en leren van fouten" in text and "1,3" in text  # (1 + 2 + 1) / 3
    # attached once: the round is no longer offered
    again = client.post(url, {"round": survey.pk})
    assert again.status_code == 400 and Evidence.objects.count() == 1


def test_an_open_round_or_another_board_s_round_cannot_be_attached(client, org, other_org):
    running = survey_round(org.school)
    foreign = _climate(other_org.school)
    client.force_login(org.schoolleider)
    url = reverse("surveys:attach", args=[org.trajectory.pk])
    page = client.get(url).content.decode()
    assert "Er is geen gesloten enquêteronde om toe te voegen." in page
    for survey in (running, foreign):
        response = client.post(url, {"round": survey.pk})
        assert response.status_code == 400
        assert not Evidence.objects.exists()


def test_a_participant_sees_the_evidence_but_cannot_attach_or_detach(client, org):
    survey = _climate(org.school)
    evidence = Evidence.objects.create(trajectory=org.trajectory, round=survey)
    client.force_login(org.leraar)
    page = client.get(_evidence_page(org)).content.decode()
    assert survey.title in page and "Enquêteresultaten toevoegen" not in page
    assert "Volledig rapport" not in page  # the full report is for the survey's managers
    assert client.get(reverse("surveys:attach", args=[org.trajectory.pk])).status_code == 404
    detach = reverse("surveys:detach", args=[org.trajectory.pk, evidence.pk])
    assert client.post(detach).status_code == 404
    client.force_login(org.schoolleider)
    client.post(detach)
    assert not Evidence.objects.exists()


def _attach(org, survey, question=""):
    return services.attach_evidence(
        trajectory=org.trajectory, survey=survey, note="", question=question, user=org.schoolleider
    )


def test_the_1b_page_costs_the_same_queries_with_none_or_ten_attached_rounds(client, org):
    """The cards read the rounds' stored summaries, so neither the number of rounds nor the
    number of responses adds a query."""
    client.force_login(org.schoolleider)
    url = _evidence_page(org)
    counts = [page_queries(client, url)]
    for attached in range(1, 11):
        survey = _climate(org.school)
        for _ in range(attached):  # the later rounds have more responses
            respond(survey, "oop")
        _attach(org, survey)
        if attached in (1, 5, 10):
            counts.append(page_queries(client, url))
    assert len(set(counts)) == 1, counts
    # 21, the unread count, the visit reports, the examples from practice and the school's
    # closed observation periods
    assert counts[0] <= 25
    page = client.get(url).content.decode()
    assert page.count('class="card evidence-card"') == 10


def test_attaching_a_round_stores_its_summaries_and_reading_the_page_writes_nothing(client, org):
    from koers.surveys.models import GroupSummary

    survey = _climate(org.school)
    assert not GroupSummary.objects.exists()
    _attach(org, survey)
    assert GroupSummary.objects.filter(round=survey, group__slug="leraren").exists()
    client.force_login(org.schoolleider)
    before = GroupSummary.objects.count()
    page = client.get(_evidence_page(org)).content.decode()
    assert GroupSummary.objects.count() == before
    assert "Feedback en leren van fouten" in page and "1,3" in page


def test_the_trajectory_report_carries_the_attached_results_without_report_links(client, org):
    survey = _climate(org.school, title="Leerklimaat voorjaar")
    _attach(org, survey, question="Hoe geven wij feedback die helpt?")
    client.force_login(org.schoolleider)
    page = client.get(reverse("reports:report", args=[org.trajectory.pk])).content.decode()
    assert "Leerklimaat voorjaar" in page and "Hoe geven wij feedback die helpt?" in page
    assert "Feedback en leren van fouten" in page and "1,3" in page
    assert reverse("surveys:report", args=[survey.pk]) not in page  # a document, not a portal
