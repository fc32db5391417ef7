"""A round's results become evidence in 1B of a trajectory; a learning-climate scan proposes
the draft ontwikkelvraag."""

import pytest
from django.urls import reverse

from koers.instruments.registry import SUB_1B
from koers.surveys.models import Evidence
from tests.factories import respond, survey_round

pytestmark = pytest.mark.django_db


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
    page = client.get(reverse("trajectories:subphase", args=[org.trajectory.pk, SUB_1B]))
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
    page = client.get(reverse("trajectories:subphase", args=[org.trajectory.pk, SUB_1B])).content.decode()
    assert survey.title in page and "Enquêteresultaten toevoegen" not in page
    assert "Volledig rapport" not in page  # the full report is for the survey's managers
    assert client.get(reverse("surveys:attach", args=[org.trajectory.pk])).status_code == 404
    detach = reverse("surveys:detach", args=[org.trajectory.pk, evidence.pk])
    assert client.post(detach).status_code == 404
    client.force_login(org.schoolleider)
    client.post(detach)
    assert not Evidence.objects.exists()


def test_the_1b_page_costs_a_fixed_number_of_queries_per_attached_round(client, org):
    """Each attached round adds its report's queries, however many people responded. (The
    first view of a closed round also stores its summary once; measured after that.)"""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(org.schoolleider)
    url = reverse("trajectories:subphase", args=[org.trajectory.pk, SUB_1B])

    def count() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    bare = count()
    Evidence.objects.create(trajectory=org.trajectory, round=_climate(org.school))
    one = count()
    big = _climate(org.school)
    for _ in range(20):
        respond(big, "oop")
    Evidence.objects.create(trajectory=org.trajectory, round=big)
    two = count()
    assert two - one == one - bare <= 14


def test_the_trajectory_report_carries_the_attached_results_without_report_links(client, org):
    survey = _climate(org.school, title="Leerklimaat voorjaar")
    Evidence.objects.create(trajectory=org.trajectory, round=survey, question="Hoe geven wij feedback die helpt?")
    client.force_login(org.schoolleider)
    page = client.get(reverse("reports:report", args=[org.trajectory.pk])).content.decode()
    assert "Leerklimaat voorjaar" in page and "Hoe geven wij feedback die helpt?" in page
    assert "Feedback en leren van fouten" in page and "1,3" in page
    assert reverse("surveys:report", args=[survey.pk]) not in page  # a document, not a portal
