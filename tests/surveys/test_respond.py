"""A respondent answers on a phone, one page per dimension, can stop and resume by the same
link, and sends once. Every link that no longer works says why, in Dutch. The link's token is
in one address only: the first, which trades it for a cookie."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.surveys import services
from koers.surveys.models import Answer, Draft, Invitation, Item, Response, draft_lookup
from koers.surveys.selectors import round_pages
from koers.tokens import seal, unseal
from tests.factories import enter, invite, survey_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(org):
    return survey_round(org.school, slug="onderzoekscultuur", groups=["leraren"])


@pytest.fixture
def token(survey, client):
    token = invite(survey)
    enter(client, token)
    return token


def _page(survey, n):
    return reverse("surveys:respond_page", args=[survey.pk, n])


def _saved(token) -> dict:
    return unseal(token, Draft.objects.get(lookup=draft_lookup(token)).sealed)


def _all(page, value=4):
    return {f"item-{i.pk}": value for i in page.items}


def test_one_page_per_dimension_with_progress(client, survey, token):
    pages = round_pages(survey)
    assert len(pages) == 4
    intro = client.get(reverse("surveys:respond", args=[survey.pk]))
    assert "Uw antwoorden zijn anoniem." in intro.content.decode()
    assert intro.headers["Referrer-Policy"] == "same-origin"
    page = client.get(_page(survey, 2)).content.decode()
    assert "Deel 2 van 4" in page and pages[1].dimension.name in page
    assert 'value="25"' in page  # the progress bar


def test_a_missing_required_answer_is_marked_and_the_rest_is_kept(client, survey, token):
    page = round_pages(survey)[0]
    data = _all(page)
    del data[f"item-{page.items[0].pk}"]
    response = client.post(_page(survey, 1), data | {"verder": ""})
    assert response.status_code == 400
    assert "Kies een antwoord op deze vraag." in response.content.decode()
    assert _saved(token) == {str(i.pk): 4 for i in page.items[1:]}


def test_a_value_outside_the_scale_is_refused(client, survey, token):
    page = round_pages(survey)[0]
    response = client.post(_page(survey, 1), _all(page) | {f"item-{page.items[0].pk}": 9, "verder": ""})
    assert response.status_code == 400
    assert "Kies een van de gegeven antwoorden." in response.content.decode()
    assert str(page.items[0].pk) not in _saved(token)


def test_dont_know_is_offered_only_where_the_instrument_allows_it(client, org, survey, token):
    """Issue 18 item 3: the leerklimaat-scan offers "weet niet / n.v.t." on every statement and
    keeps it in the draft; the onderzoekscultuur offers it nowhere and refuses it at the field."""
    page = round_pages(survey)[0]
    assert "Weet niet / n.v.t." not in client.get(_page(survey, 1)).content.decode()
    response = client.post(_page(survey, 1), _all(page) | {f"item-{page.items[0].pk}": -1, "verder": ""})
    assert response.status_code == 400 and "Kies een van de gegeven antwoorden." in response.content.decode()
    scan = survey_round(org.school, slug="leerklimaat-scan", groups=["leraren"])
    enter(client, other := invite(scan, "b@s.example"))
    first = round_pages(scan)[0]
    assert "Weet niet / n.v.t." in client.get(_page(scan, 1)).content.decode()
    data = _all(first) | {f"item-{first.items[0].pk}": -1, "verder": ""}
    assert client.post(_page(scan, 1), data).status_code == 302
    assert _saved(other)[str(first.items[0].pk)] == -1


def test_leave_and_resume_by_the_same_link_without_losing_answers(client, survey, token):
    first = round_pages(survey)[0]
    response = client.post(_page(survey, 1), _all(first, 2) | {"later": ""})
    assert response.url == reverse("surveys:respond", args=[survey.pk])
    client.cookies.clear()  # another day, another browser
    assert client.get(reverse("surveys:respond", args=[survey.pk])).status_code == 404
    enter(client, token)
    intro = client.get(reverse("surveys:respond", args=[survey.pk])).content.decode()
    assert "Verder waar u was" in intro and _page(survey, 2) in intro
    page = client.get(_page(survey, 1)).content.decode()
    checked = re.findall(r'<input type="radio"[^>]*value="(\d)"[^>]*checked', page)
    assert checked == ["2"] * len(first.items)


def test_a_full_submission_is_stored_anonymously_and_the_link_ends(client, survey, token):
    pages = round_pages(survey)
    for page in pages:
        assert client.post(_page(survey, page.number), _all(page) | {"verder": ""}).status_code == 302
    response = client.post(reverse("surveys:review", args=[survey.pk]))
    assert response.url == reverse("surveys:thanks") + "?taal=nl"
    stored = Response.objects.get()
    assert stored.group.slug == "leraren" and stored.submitted_on == timezone.localdate()
    assert Answer.objects.filter(response=stored).count() == sum(len(p.items) for p in pages)
    assert not Draft.objects.exists()
    assert Invitation.objects.get().responded
    # The second submit (a double click, or the link used again) stores nothing.
    enter(client, token)
    again = client.post(reverse("surveys:review", args=[survey.pk]))
    assert again.status_code == 409
    assert "Deze link is al gebruikt" in again.content.decode()
    assert Response.objects.count() == 1
    assert client.get(_page(survey, 1)).status_code == 409


def test_sending_with_open_required_questions_is_refused_and_nothing_is_written(client, survey, token):
    client.post(_page(survey, 1), _all(round_pages(survey)[0]) | {"verder": ""})
    response = client.post(reverse("surveys:review", args=[survey.pk]))
    assert response.status_code == 400
    assert "Er staan nog verplichte vragen open" in response.content.decode()
    assert not Response.objects.exists() and not Invitation.objects.get().responded


def test_a_tampered_draft_cannot_slip_a_value_past_the_scale(survey, token):
    items = [i for p in round_pages(survey) for i in p.items]
    answers = {str(i.pk): 4 for i in items} | {str(items[0].pk): 99}
    Draft.objects.create(
        round=survey, group=survey.groups.get(), lookup=draft_lookup(token), sealed=seal(token, answers)
    )
    with pytest.raises(services.ValidationError):
        services.submit(
            token=token,
            survey=survey,
            group_id=survey.groups.get().pk,
            items=items,
            answers=answers,
            invitation_id=Invitation.objects.get().pk,
        )
    assert not Response.objects.exists() and not Answer.objects.exists()
    assert not Invitation.objects.get().responded and Draft.objects.exists()


def test_a_tampered_or_unknown_token_reveals_nothing(client, survey, token):
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), "x", token + "x"):
        response = client.get(reverse("surveys:link", args=[bad]))
        assert response.status_code == 404
        page = response.content.decode()
        assert "Deze link werkt niet" in page and survey.school.name not in page
    # A forged cookie opens nothing either.
    client.cookies[f"koers_enquete_{survey.pk}"] = token + "x"
    assert client.get(reverse("surveys:respond", args=[survey.pk])).status_code == 404


def test_the_token_is_traded_for_a_cookie_and_leaves_the_address(client, survey):
    token = invite(survey)
    response = client.get(reverse("surveys:link", args=[token]))
    assert response.status_code == 302 and token not in response.url
    assert response.url == reverse("surveys:respond", args=[survey.pk])
    cookie = response.cookies[f"koers_enquete_{survey.pk}"]
    assert cookie.value == token and cookie["httponly"] and cookie["path"] == "/enquete/"
    assert cookie["samesite"] == "Lax"
    page = client.get(response.url).content.decode()
    # The pages link to token-free addresses; the personal link is shown to keep, on purpose.
    assert page.count(token) == 1 and "Bewaar deze link" in page


def test_a_closed_or_planned_round_says_so(client, survey, token):
    survey.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    survey.opens_on = survey.closes_on - datetime.timedelta(days=20)
    survey.save()
    response = client.get(reverse("surveys:respond", args=[survey.pk]))
    assert response.status_code == 410
    assert "Deze vragenlijst is gesloten" in response.content.decode()
    assert client.post(reverse("surveys:review", args=[survey.pk])).status_code == 410
    survey.opens_on = timezone.localdate() + datetime.timedelta(days=2)
    survey.closes_on = survey.opens_on + datetime.timedelta(days=20)
    survey.save()
    response = client.get(reverse("surveys:respond", args=[survey.pk]))
    assert response.status_code == 410
    assert "nog niet open" in response.content.decode()


def test_an_open_link_gives_each_visitor_a_personal_link_to_resume(client, survey):
    round_group = survey.round_groups.get()
    token = services.renew_open_link(round_group=round_group, expected=30)
    cookie = f"koers_enquete_{survey.pk}"
    first = client.get(reverse("surveys:open", args=[token]))
    assert first.url == reverse("surveys:respond", args=[survey.pk])
    personal = first.cookies[cookie].value
    assert personal != token and not Draft.objects.exists()  # a visit stores nothing
    assert client.get(reverse("surveys:open", args=[token])).cookies[cookie].value == personal
    client.cookies.clear()
    other = client.get(reverse("surveys:open", args=[token])).cookies[cookie].value
    assert other != personal  # another person
    services.renew_open_link(round_group=round_group, expected=30)
    assert client.get(reverse("surveys:open", args=[token])).status_code == 404
    # The personal link still resumes what was begun with the old open link.
    client.cookies.clear()
    enter(client, personal)
    assert client.get(reverse("surveys:respond", args=[survey.pk])).status_code == 200


def test_open_answers_are_kept_and_limited(client, org):
    survey = survey_round(org.school, slug="leerklimaat-scan", groups=["leraren"])
    token = invite(survey)
    enter(client, token)
    last = round_pages(survey)[-1]
    item = Item.objects.get(pk=last.items[0].pk)
    response = client.post(_page(survey, last.number), {f"item-{item.pk}": "x" * 2001, "verder": ""})
    assert response.status_code == 400
    client.post(_page(survey, last.number), {f"item-{item.pk}": "<b>Meer tijd</b>", "later": ""})
    assert _saved(token) == {str(item.pk): "<b>Meer tijd</b>"}


def test_the_respondent_pages_stay_light(client, survey, token, django_assert_max_num_queries):
    """The most frequent requests of a round: a lookup of the link and of its draft, the page
    structure from the per-process cache, and the writes."""
    pages = round_pages(survey)  # warms the cache, as the first respondent does
    with django_assert_max_num_queries(4):  # two requests: the link, then the draft
        assert client.get(reverse("surveys:respond", args=[survey.pk])).status_code == 200
        assert client.get(_page(survey, 1)).status_code == 200
    for page in pages[:-1]:
        client.post(_page(survey, page.number), _all(page) | {"verder": ""})
    with django_assert_max_num_queries(6):
        client.post(_page(survey, pages[-1].number), _all(pages[-1]) | {"verder": ""})
    with django_assert_max_num_queries(8):
        assert client.post(reverse("surveys:review", args=[survey.pk])).status_code == 302


def _answer_everything(client, survey, **extra):
    for page in round_pages(survey):
        client.post(_page(survey, page.number), _all(page) | {"verder": ""}, **extra)
    return client.post(reverse("surveys:review", args=[survey.pk]), **extra)


def test_an_open_link_takes_no_more_than_the_expected_number(client, survey):
    token = services.renew_open_link(round_group=survey.round_groups.get(), expected=2)
    statuses = []
    for _visitor in range(3):
        client.cookies.clear()
        client.get(reverse("surveys:open", args=[token]))
        statuses.append(_answer_everything(client, survey))
    assert [r.status_code for r in statuses] == [302, 302, 409]
    assert "Deze vragenlijst heeft al zijn antwoorden" in statuses[2].content.decode()
    assert Response.objects.count() == 2 and survey.round_groups.get().open_responses == 2
    assert Draft.objects.count() == 1  # the third visitor's answers are not thrown away


def test_thirty_submissions_from_one_address_are_slowed_down_and_nothing_is_lost(client, survey):
    token = services.renew_open_link(round_group=survey.round_groups.get(), expected=100)
    statuses = []
    for _visitor in range(30):
        client.cookies.clear()
        client.get(reverse("surveys:open", args=[token]))
        statuses.append(_answer_everything(client, survey).status_code)
    assert statuses == [302] * 20 + [429] * 10  # KOERS_OPEN_LINK_SUBMITS: 20 per 10 minutes
    assert Response.objects.count() == 20 and Draft.objects.count() == 10
    page = client.post(reverse("surveys:review", args=[survey.pk])).content.decode()
    assert "Probeer het over een paar minuten opnieuw" in page
    # Someone on another network is not held up by it.
    client.cookies.clear()
    client.get(reverse("surveys:open", args=[token]), REMOTE_ADDR="192.0.2.7")
    assert _answer_everything(client, survey, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_visits_to_an_open_link_store_nothing_until_an_answer_is_saved(client, survey):
    token = services.renew_open_link(round_group=survey.round_groups.get(), expected=30)
    for _visitor in range(50):
        client.cookies.clear()
        assert client.get(reverse("surveys:open", args=[token]), follow=True).status_code == 200
    assert not Draft.objects.exists()
