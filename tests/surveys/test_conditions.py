"""Issue 18 item 5: a page or a question shown only after a given answer on an earlier page.
The respondent's progress counts only what they see, an answer to what an answer later hid is
never stored, and the report says of how many a conditional question was asked."""

import math

import pytest
from django.urls import reverse

from koers.surveys import selectors
from koers.surveys.models import Answer, Dimension, Instrument, Item, RespondentGroup, Scale
from koers.surveys.services import finalise_closed_rounds
from tests.factories import enter, invite, respond, survey_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentoring(catalog):
    """Page 1: are you a mentor (yes/no). Page 2, for mentors only: two statements. Page 3:
    "why not?" for the others only, and one statement for everyone."""
    instrument = Instrument.objects.create(slug="mentoraat", name="Mentoraat", summary="Test")
    instrument.groups.set(RespondentGroup.objects.filter(slug="leraren"))
    first = Dimension.objects.create(instrument=instrument, slug="rol", name="Uw rol", order=0)
    Item.objects.create(dimension=first, slug="mentor", text="Bent u mentor?", scale=Scale.YESNO)
    page = Dimension.objects.create(
        instrument=instrument,
        slug="mentoraat",
        name="Het mentoraat",
        order=1,
        show_if={"item": "mentor", "values": [1]},
    )
    for n in (1, 2):
        Item.objects.create(dimension=page, slug=f"m-{n}", text=f"Mentorstelling {n}", order=n)
    last = Dimension.objects.create(instrument=instrument, slug="school", name="De school", order=2)
    Item.objects.create(
        dimension=last,
        slug="waarom",
        text="Waarom bent u geen mentor?",
        scale=Scale.OPEN,
        required=False,
        show_if={"item": "mentor", "values": [0]},
    )
    Item.objects.create(dimension=last, slug="s-1", text="Ik werk hier graag.", order=1)
    return instrument


def _page(survey, n):
    return reverse("surveys:respond_page", args=[survey.pk, n])


def test_a_non_mentor_skips_the_mentor_page_and_counts_only_what_she_sees(client, org, mentoring):
    survey = survey_round(org.school, slug="mentoraat", groups=("leraren",))
    enter(client, invite(survey))
    mentor, *_ = selectors.round_pages(survey)[0].items
    response = client.post(_page(survey, 1), {f"item-{mentor.pk}": 0, "verder": ""})
    assert response.url == _page(survey, 3)  # page 2 skipped
    page = client.get(_page(survey, 3)).content.decode()
    assert "Waarom bent u geen mentor?" in page and "Deel 2 van 2" in page
    assert client.get(_page(survey, 2)).url == _page(survey, 3)  # asked for directly: on
    intro = client.get(reverse("surveys:respond", args=[survey.pk])).content.decode()
    assert "U beantwoordde 1 van de 2 verplichte vragen." in intro  # mentor + s-1, not m-1 and m-2


def test_an_answer_to_what_a_later_answer_hid_is_never_stored(client, org, mentoring):
    survey = survey_round(org.school, slug="mentoraat", groups=("leraren",))
    enter(client, invite(survey))
    pages = selectors.round_pages(survey)
    mentor = pages[0].items[0]
    client.post(_page(survey, 1), {f"item-{mentor.pk}": 1, "verder": ""})
    client.post(_page(survey, 2), {f"item-{i.pk}": 5 for i in pages[1].items} | {"verder": ""})
    client.post(_page(survey, 1), {f"item-{mentor.pk}": 0, "verder": ""})  # changed her mind
    last = {i.slug: i for i in pages[2].items}
    client.post(_page(survey, 3), {f"item-{last['waarom'].pk}": "Geen tijd", f"item-{last['s-1'].pk}": 4, "verder": ""})
    assert client.post(reverse("surveys:review", args=[survey.pk])).status_code == 302
    stored = dict(Answer.objects.filter(response__round=survey).values_list("item__slug", "value"))
    assert stored == {"mentor": 0, "waarom": None, "s-1": 4}


def test_the_report_says_of_how_many_a_conditional_question_was_asked(client, org, mentoring):
    """Five leraren: three mentors answer m-1 with 4, 5 and 3; two are no mentor. m-1's mean is
    4.0 over the three asked; s-1, asked of everyone, carries no such count."""
    survey = survey_round(org.school, slug="mentoraat", groups=("leraren",), closed=True)
    for value in (4, 5, 3):
        respond(survey, "leraren", mentor=1, m_1=value)
    for _ in range(2):
        respond(survey, "leraren", mentor=0, m_1=None, m_2=None)
    Answer.objects.filter(response__round=survey, value__isnull=True).delete()
    finalise_closed_rounds()
    survey.refresh_from_db()
    rep = selectors.report(survey)
    statements = {r.item.slug: r for row in rep.rows for r in row.items.values()}
    assert statements["m-1"].seen == 3 and math.isclose(statements["m-1"].total.mean, 4.0)
    assert statements["s-1"].seen is None
    client.force_login(org.schoolleider)
    page = client.get(reverse("surveys:report", args=[survey.pk])).content.decode()
    assert "gesteld aan 3 respondenten" in page
