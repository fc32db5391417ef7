"""The rest of the observation figures (E.2, E.6.3, E.6.9): Table 3 by teacher training with
small cells hidden, the agreement of two observers of one lesson, figures stored once at
closing, the trend over earlier periods of the same purpose, and what a teacher does with her
own final observation (her portfolio, her POP)."""

import datetime
import json
import uuid

import pytest
from django.urls import reverse

from koers.careers.models import Evidence, Pop
from koers.observations import selectors, services
from koers.observations.models import Observation, ObserverProfile
from koers.organisations.models import Notification
from tests import factories
from tests.observations.test_observations import TODAY, _lesson, _period, _scores

pytestmark = pytest.mark.django_db


def _teachers(org, n, **fields):
    people = []
    for _ in range(n):
        person = factories.user_with_role("leraar", school=org.school).person
        for name, value in fields.items():
            setattr(person, name, value)
        person.save()
        people.append(person)
    return people


def test_table_3_hides_a_cell_of_fewer_teachers_than_the_minimum(client, org):
    """E.6.3: four first-degree teachers with min_cell 5 show "te weinig leraren"."""
    period = _period(org, min_cell=5)
    first = _teachers(org, 4, training="eerstegraads", qualified=True)
    second = _teachers(org, 5, training="tweedegraads", qualified=True)
    for teacher in first:
        _lesson(period, teacher, org.teamleider, basic=3, diff=1)
    for n, teacher in enumerate(second):
        _lesson(period, teacher, org.teamleider, basic=3, diff=3 if n < 2 else 1)
    rows = {row.name: row for row in selectors.report(period).training}
    assert rows["eerstegraads"].hidden and rows["eerstegraads"].teachers == 4
    other = rows["andere opleiding"]
    assert not other.hidden and (other.basic_pct, other.diff_pct, other.lessons) == (100, 40, 5)
    assert rows["bevoegd voor het vak, juiste graad"].teachers == 9 and rows["anders"].lessons == 0
    client.force_login(org.schoolleider)
    page = client.get(reverse("observations:report", args=[period.pk])).content.decode()
    section = page.split('id="h-training"')[1].split("</section>")[0]
    assert "te weinig leraren" in section and "40%" in section


def test_two_observers_of_one_lesson_give_an_agreement_and_the_lesson_counts_once(client, org):
    """E.6.9"""
    ObserverProfile.objects.create(user=org.teamleider, trained_on=TODAY)
    second_observer = factories.user_with_role("teamleider", school=org.school)
    teachers = _teachers(org, 3)
    period = _period(org, observers=[org.teamleider, second_observer])
    for teacher in teachers:
        _lesson(period, teacher, org.teamleider)
    first = Observation.objects.get(teacher=teachers[0])
    scores = _scores(period, basic=3, diff=1)  # the differentiation items judged otherwise
    Notification.objects.all().delete()
    calibration = services.record(
        period,
        teacher=teachers[0],
        observer=second_observer,
        scores=scores,
        client_key=uuid.uuid4(),
        date=TODAY,
        partner=org.teamleider,
    )
    assert calibration.calibration_of == first
    assert not Notification.objects.filter(user=teachers[0].user).exists()  # told once, of the first
    report = selectors.report(period)
    assert report.school.lessons == 3
    differentiation = sum(1 for s in scores.values() if s == 1)
    assert report.agreement.lessons == 1 and report.agreement.items == len(scores)
    assert report.agreement.same == len(scores) - differentiation
    client.force_login(org.schoolleider)
    page = client.get(reverse("observations:report", args=[period.pk])).content.decode()
    assert f"{report.agreement.pct}% van de {len(scores)} items" in page


def test_closing_stores_the_figures_and_later_changes_do_not_move_them(client, org):
    period = _period(org)
    teachers = _teachers(org, 3)
    for teacher in teachers:
        _lesson(period, teacher, org.teamleider, basic=3, diff=3)
    late = _lesson(period, org.leraar.person, org.teamleider, final=False, basic=1, diff=1)
    live = selectors.compute(period)
    services.close_period(period)
    period.refresh_from_db()
    assert period.figures == json.loads(json.dumps(live))  # stored as computed
    services.feedback_held(late, on=TODAY)
    services.respond(late, comment="Later", recognises="ja")  # after closing: the figures stay
    stored = selectors.report(period)
    assert stored.school.lessons == 3 and stored.school.both_pct == 100
    client.force_login(org.schoolleider)
    page = client.get(reverse("observations:report", args=[period.pk])).content.decode()
    assert "opgeslagen" in page


def test_the_trend_shows_earlier_periods_of_the_same_purpose_only(client, org):
    ObserverProfile.objects.create(user=org.teamleider, trained_on=TODAY)
    teachers = _teachers(org, 3)
    spring = _period(org)
    spring.name, spring.closes_on = "Voorjaar", TODAY - datetime.timedelta(days=1)
    spring.opens_on = TODAY - datetime.timedelta(days=30)
    spring.save()
    for teacher in teachers:
        _lesson_on(spring, teacher, org.teamleider)
    services.close_period(spring)
    assurance = _period(org, purpose="borging")
    assurance.name, assurance.closes_on, assurance.opens_on = (
        spring.name + " borging",
        spring.closes_on,
        spring.opens_on,
    )
    assurance.save()
    for teacher in teachers:
        _lesson_on(assurance, teacher, org.teamleider)
    services.close_period(assurance)
    autumn = _period(org)
    trend = selectors.report(autumn).trend
    assert [row.name for row in trend] == ["Voorjaar"] and trend[0].school.lessons == 3


def _lesson_on(period, teacher, observer):
    observation = services.record(
        period,
        teacher=teacher,
        observer=observer,
        scores=_scores(period),
        client_key=uuid.uuid4(),
        date=period.closes_on,
    )
    services.feedback_held(observation, on=period.closes_on)
    services.respond(observation, comment="", recognises="ja")


def test_the_teacher_keeps_a_final_observation_in_her_portfolio_and_her_pop(client, org):
    period = _period(org)
    draft = _lesson(period, org.leraar.person, org.teamleider, final=False)
    client.force_login(org.leraar)
    client.post(reverse("observations:to_portfolio", args=[draft.pk]))
    assert not Evidence.objects.exists()  # only once final
    draft.development_points = "Verwerking op twee niveaus"
    draft.save()
    services.feedback_held(draft, on=TODAY)
    services.respond(draft, comment="Herkenbaar", recognises="ja")
    client.post(reverse("observations:to_portfolio", args=[draft.pk]))
    client.post(reverse("observations:to_portfolio", args=[draft.pk]))
    evidence = Evidence.objects.get()
    assert evidence.kind == "lesobservatie" and evidence.person == org.leraar.person
    assert "ontwikkeling" in evidence.title and evidence.file.read(5) == b"%PDF-"
    client.post(reverse("observations:to_pop_goal", args=[draft.pk]))
    assert Pop.objects.get(person=org.leraar.person).goals.get().text == "Verwerking op twee niveaus"
    for outsider in (org.teamleider, org.schoolleider):  # the observer keeps reading; nobody else adds it
        client.force_login(outsider)
        assert client.post(reverse("observations:to_portfolio", args=[draft.pk])).status_code == 404


def test_a_closed_periods_figures_are_the_current_situation_in_1b(client, org):
    from koers.trajectories.selectors import subphase_holding

    period = _period(org)
    for teacher in _teachers(org, 3):
        _lesson(period, teacher, org.teamleider, basic=3, diff=1)
    client.force_login(org.schoolleider)
    url = reverse("werkdocument:subphase", args=[org.trajectory.pk, subphase_holding("enquetes").slug])
    assert "Lesobservaties: Lesbezoeken najaar" not in client.get(url).content.decode()  # open: nothing yet
    services.close_period(period)
    page = client.get(url).content.decode()
    assert "Lesobservaties: Lesbezoeken najaar" in page
    assert "alle basisvaardigheden voldoende in 100%, alle differentiatievaardigheden in 0%" in page
    assert "Herkenbaar." not in page  # the figures, never an observation
