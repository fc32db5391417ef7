"""A respondent answers on a phone, one page per dimension, can stop and resume by the same
link, and sends once. Every link that no longer works says why, in Dutch."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.surveys import services
from koers.surveys.models import Answer, Draft, Invitation, Item, Response
from koers.surveys.selectors import round_pages
from koers.tokens import hash_token, new_token
from tests.factories import survey_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(org):
    return survey_round(org.school, slug="onderzoekscultuur", groups=["leraren"])


@pytest.fixture
def token(survey):
    token = new_token()
    Invitation.objects.create(round=survey, group=survey.groups.get(), email="a@s.example",
                              token_hash=hash_token(token), sent_on=timezone.localdate())
    return token


def _page(token, n):
    return reverse("surveys:respond_page", args=[token, n])


def _all(page, value=4):
    return {f"item-{i.pk}": value for i in page.items}


def test_one_page_per_dimension_with_progress(client, survey, token):
    pages = round_pages(survey)
    assert len(pages) == 4
    intro = client.get(reverse("surveys:respond", args=[token]))
    assert "Uw antwoorden zijn anoniem." in intro.content.decode()
    assert intro.headers["Referrer-Policy"] == "same-origin"
    page = client.get(_page(token, 2)).content.decode()
    assert "Deel 2 van 4" in page and pages[1].dimension.name in page
    assert 'value="25"' in page  # the progress bar


def test_a_missing_required_answer_is_marked_and_the_rest_is_kept(client, survey, token):
    page = round_pages(survey)[0]
    data = _all(page)
    del data[f"item-{page.items[0].pk}"]
    response = client.post(_page(token, 1), data | {"verder": ""})
    assert response.status_code == 400
    assert "Kies een antwoord op deze vraag." in response.content.decode()
    draft = Draft.objects.get(token_hash=hash_token(token))
    assert draft.answers == {str(i.pk): 4 for i in page.items[1:]}


def test_a_value_outside_the_scale_is_refused(client, survey, token):
    page = round_pages(survey)[0]
    response = client.post(_page(token, 1), _all(page) | {f"item-{page.items[0].pk}": 9,
                                                          "verder": ""})
    assert response.status_code == 400
    assert "Kies een van de gegeven antwoorden." in response.content.decode()
    assert str(page.items[0].pk) not in Draft.objects.get().answers


def test_leave_and_resume_by_the_same_link_without_losing_answers(client, survey, token):
    first = round_pages(survey)[0]
    response = client.post(_page(token, 1), _all(first, 2) | {"later": ""})
    assert response.url == reverse("surveys:respond", args=[token])
    client.cookies.clear()  # another day, another browser
    intro = client.get(reverse("surveys:respond", args=[token])).content.decode()
    assert "Verder waar u was" in intro and _page(token, 2) in intro
    page = client.get(_page(token, 1)).content.decode()
    checked = re.findall(r'<input type="radio"[^>]*value="(\d)"[^>]*checked', page)
    assert checked == ["2"] * len(first.items)


def test_a_full_submission_is_stored_anonymously_and_the_link_ends(client, survey, token):
    pages = round_pages(survey)
    for page in pages:
        assert client.post(_page(token, page.number), _all(page) | {"verder": ""}).status_code \
            == 302
    response = client.post(reverse("surveys:review", args=[token]))
    assert response.url == reverse("surveys:thanks")
    stored = Response.objects.get()
    assert stored.group.slug == "leraren" and stored.submitted_on == timezone.localdate()
    assert Answer.objects.filter(response=stored).count() == sum(len(p.items) for p in pages)
    assert not Draft.objects.exists()
    assert Invitation.objects.get().responded
    # The second submit (a double click, or the link used again) stores nothing.
    again = client.post(reverse("surveys:review", args=[token]))
    assert again.status_code == 409
    assert "Deze link is al gebruikt" in again.content.decode()
    assert Response.objects.count() == 1
    assert client.get(_page(token, 1)).status_code == 409


def test_sending_with_open_required_questions_is_refused_and_nothing_is_written(
        client, survey, token):
    client.post(_page(token, 1), _all(round_pages(survey)[0]) | {"verder": ""})
    response = client.post(reverse("surveys:review", args=[token]))
    assert response.status_code == 400
    assert "Er staan nog verplichte vragen open" in response.content.decode()
    assert not Response.objects.exists() and not Invitation.objects.get().responded


def test_a_tampered_draft_cannot_slip_a_value_past_the_scale(survey, token):
    items = [i for p in round_pages(survey) for i in p.items]
    answers = {str(i.pk): 4 for i in items} | {str(items[0].pk): 99}
    Draft.objects.create(round=survey, group=survey.groups.get(), token_hash=hash_token(token),
                         answers=answers)
    with pytest.raises(services.ValidationError):
        services.submit(token_hash=hash_token(token), survey=survey,
                        group_id=survey.groups.get().pk, items=items, answers=answers)
    assert not Response.objects.exists() and not Answer.objects.exists()
    assert not Invitation.objects.get().responded and Draft.objects.exists()


def test_a_tampered_or_unknown_token_reveals_nothing(client, survey, token):
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), "x", token + "x"):
        response = client.get(reverse("surveys:respond", args=[bad]))
        assert response.status_code == 404
        page = response.content.decode()
        assert "Deze link werkt niet" in page and survey.school.name not in page


def test_a_closed_or_planned_round_says_so(client, survey, token):
    survey.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    survey.opens_on = survey.closes_on - datetime.timedelta(days=20)
    survey.save()
    response = client.get(reverse("surveys:respond", args=[token]))
    assert response.status_code == 410
    assert "Deze vragenlijst is gesloten" in response.content.decode()
    assert client.post(reverse("surveys:review", args=[token])).status_code == 410
    survey.opens_on = timezone.localdate() + datetime.timedelta(days=2)
    survey.closes_on = survey.opens_on + datetime.timedelta(days=20)
    survey.save()
    response = client.get(reverse("surveys:respond", args=[token]))
    assert response.status_code == 410
    assert "nog niet open" in response.content.decode()


def test_an_open_link_gives_each_visitor_a_personal_link_to_resume(client, survey):
    round_group = survey.round_groups.get()
    token = services.renew_open_link(round_group=round_group)
    first = client.get(reverse("surveys:open", args=[token]))
    personal = first.url.split("/")[2]
    assert personal != token
    assert client.get(reverse("surveys:open", args=[token])).url == first.url  # same browser
    client.cookies.clear()
    other = client.get(reverse("surveys:open", args=[token])).url
    assert other != first.url  # another person
    services.renew_open_link(round_group=round_group)
    assert client.get(reverse("surveys:open", args=[token])).status_code == 404


def test_open_answers_are_kept_and_limited(client, org):
    survey = survey_round(org.school, slug="leerklimaat-scan", groups=["leraren"])
    token = new_token()
    Invitation.objects.create(round=survey, group=survey.groups.get(), email="a@s.example",
                              token_hash=hash_token(token))
    last = round_pages(survey)[-1]
    item = Item.objects.get(pk=last.items[0].pk)
    response = client.post(_page(token, last.number), {f"item-{item.pk}": "x" * 2001,
                                                       "verder": ""})
    assert response.status_code == 400
    client.post(_page(token, last.number), {f"item-{item.pk}": "<b>Meer tijd</b>", "later": ""})
    assert Draft.objects.get().answers == {str(item.pk): "<b>Meer tijd</b>"}


def test_the_respondent_pages_stay_light(client, survey, token, django_assert_max_num_queries):
    """The most frequent requests of a round: one lookup of the link, the page structure from
    the per-process cache, and the writes."""
    pages = round_pages(survey)  # warms the cache, as the first respondent does
    with django_assert_max_num_queries(4):  # two requests: the draft, then the invitation
        assert client.get(reverse("surveys:respond", args=[token])).status_code == 200
        assert client.get(_page(token, 1)).status_code == 200
    for page in pages[:-1]:
        client.post(_page(token, page.number), _all(page) | {"verder": ""})
    with django_assert_max_num_queries(6):
        client.post(_page(token, pages[-1].number), _all(pages[-1]) | {"verder": ""})
    with django_assert_max_num_queries(8):
        assert client.post(reverse("surveys:review", args=[token])).status_code == 302
