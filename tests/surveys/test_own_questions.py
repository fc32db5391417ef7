"""Issue 18 item 4: a school adds questions of its own to one round, on a last page. They are
reported like the others and never part of a trend or a benchmark."""

import datetime
import math

import pytest
from django.db.models import F
from django.urls import reverse

from koers.catalog.loader import CONTENT_DIR, LoadReport
from koers.surveys import selectors, services
from koers.surveys.loader import load_instruments
from koers.surveys.models import GroupSummary, Item, Round
from koers.surveys.services import finalise_closed_rounds
from tests.factories import enter, invite, respond, survey_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(org):
    return survey_round(org.school, groups=("leraren",))


def _add(client, survey, **data):
    return client.post(reverse("surveys:own_questions", args=[survey.pk]), data)


def test_the_beheerder_adds_three_kinds_and_a_broken_choice_is_refused_at_the_field(client, org, survey):
    client.force_login(org.schoolleider)
    page = client.get(reverse("surveys:own_questions", args=[survey.pk])).content.decode()
    assert "Nog geen eigen vragen." in page
    refused = _add(client, survey, text="Welk vak mist u?", scale="keuze", options="Alleen Frans", required="on")
    assert refused.status_code == 400
    assert "Geef twee tot acht opties, één per regel." in refused.content.decode()
    assert "Welk vak mist u?" in refused.content.decode()  # what was typed stays
    assert not selectors.own_questions(survey)
    _add(
        client, survey, text="Het nieuwe rooster geeft tijd om samen voor te bereiden.", scale="likert5", required="on"
    )
    _add(client, survey, text="Welk vak mist u?", scale="keuze", options="Frans\nDrama\n\nSterrenkunde", required="on")
    _add(client, survey, text="Wat wilt u nog kwijt?", scale="open", required="on")
    questions = selectors.own_questions(survey)
    assert [q.scale for q in questions] == ["likert5", "keuze", "open"]
    assert questions[1].options == ["Frans", "Drama", "Sterrenkunde"] and not questions[2].required
    pages = selectors.round_pages(survey)
    assert pages[-1].dimension.name == f"Vragen van {org.school.name}" and pages[-1].items == questions
    other = survey_round(org.second_school, groups=("leraren",))
    assert all(p.dimension.round_id is None for p in selectors.round_pages(other))


def test_they_are_reported_like_the_others_and_never_in_a_trend_or_benchmark(org, survey):
    """Three leraren answer the own statement 2, 4 and 5: mean 11 / 3, no benchmark, no stored
    summary, and nothing of it in another school's round of the same instrument."""
    statement = services.add_own_question(
        survey=survey, text="Het rooster werkt.", scale="likert5", options=[], required=True, unknown_allowed=False
    )
    for value in (2, 4, 5):
        respond(survey, "leraren", **{statement.slug.replace("-", "_"): value})
    elsewhere = survey_round(org.second_school, groups=("leraren",))
    for _ in range(3):
        respond(elsewhere, "leraren")
    past = datetime.timedelta(days=40)
    Round.objects.filter(pk__in=[survey.pk, elsewhere.pk]).update(
        opens_on=F("opens_on") - past, closes_on=F("closes_on") - past
    )
    finalise_closed_rounds()
    survey.refresh_from_db()
    rep = selectors.report(survey)
    row = next(r for r in rep.rows if r.dimension.round_id == survey.pk)
    assert math.isclose(row.total.mean, 11 / 3) and row.items[statement.pk].total.n == 3
    assert row.board is None and row.previous is None
    assert rep.board_schools == 1 and rep.rows[0].board is not None  # the instrument's rows compare
    assert not GroupSummary.objects.filter(dimension_slug=row.dimension.slug).exists()
    elsewhere.refresh_from_db()
    assert all(r.dimension.round_id is None for r in selectors.report(elsewhere).rows)
    load_instruments(CONTENT_DIR / "enquetes", LoadReport())  # reloading the content keeps them
    assert Item.objects.filter(pk=statement.pk).exists()


def test_a_respondent_answers_them_on_the_last_page(client, org, survey):
    services.add_own_question(
        survey=survey, text="Het rooster werkt.", scale="likert5", options=[], required=True, unknown_allowed=True
    )
    enter(client, invite(survey))
    pages = selectors.round_pages(survey)
    last = reverse("surveys:respond_page", args=[survey.pk, len(pages)])
    text = client.get(last).content.decode()
    assert "Het rooster werkt." in text and "Weet niet / n.v.t." in text


def test_an_own_question_may_carry_its_english_for_those_who_chose_english(client, org, survey):
    client.force_login(org.schoolleider)
    refused = _add(
        client, survey, text="Welk vak?", scale="keuze", options="Frans\nDrama", options_en="French", required="on"
    )
    assert "Geef evenveel opties in het Engels als in het Nederlands" in refused.content.decode()
    _add(
        client,
        survey,
        text="Welk vak?",
        text_en="Which subject?",
        scale="keuze",
        options="Frans\nDrama",
        options_en="French\nDrama",
        required="on",
    )
    client.logout()
    enter(client, invite(survey))
    client.post(reverse("surveys:language", args=[survey.pk]), {"taal": "en", "next": ""})
    last = reverse("surveys:respond_page", args=[survey.pk, len(selectors.round_pages(survey))])
    page = client.get(last).content.decode()
    assert f"Questions of {org.school.name}" in page and "Which subject?" in page and "French" in page


def test_after_the_first_response_the_questions_no_longer_change(client, org, survey):
    item = services.add_own_question(
        survey=survey, text="Het rooster werkt.", scale="likert5", options=[], required=True, unknown_allowed=False
    )
    respond(survey, "leraren")
    client.force_login(org.schoolleider)
    page = _add(client, survey, text="Nog een", scale="likert5").content.decode()
    assert "kunnen niet meer veranderen" in page
    client.post(reverse("surveys:remove_own_question", args=[survey.pk, item.pk]))
    assert selectors.own_questions(survey) == [item]
