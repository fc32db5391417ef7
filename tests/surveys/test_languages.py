"""Issue 18 item 6: an instrument's texts may come in English beside Dutch. The respondent
chooses on any page, the answers stay where they were, and the report merges the languages."""

import pytest
from django.urls import reverse

from koers.catalog.loader import CONTENT_DIR
from koers.catalog.schema import read_yaml
from koers.surveys import selectors
from koers.surveys.loader import INSTRUMENT_FILE, missing_texts
from koers.surveys.models import Answer, Instrument
from tests.factories import enter, invite, survey_round
from tests.surveys.test_respond import _saved

pytestmark = pytest.mark.django_db


def _page(survey, n):
    return reverse("surveys:respond_page", args=[survey.pk, n])


def _switch(client, survey, language, back):
    return client.post(reverse("surveys:language", args=[survey.pk]), {"taal": language, "next": back})


def test_every_built_in_instrument_comes_in_english_and_the_check_names_a_gap(catalog):
    for path in sorted((CONTENT_DIR / "enquetes").glob("*.yaml")):
        if path.name != "groepen.yaml":
            spec = read_yaml(path, INSTRUMENT_FILE)["instrument"]
            assert missing_texts(spec, "en") == [], path.name
    assert all(languages == ["nl", "en"] for languages in Instrument.objects.values_list("languages", flat=True))
    spec = read_yaml(CONTENT_DIR / "enquetes" / "leerklimaat-scan.yaml", INSTRUMENT_FILE)["instrument"]
    del spec["dimensions"][1]["items"][2]["text_en"]
    assert missing_texts(spec, "en") == ["dimensions[1].items[2].text_en"]


def test_switching_language_mid_questionnaire_keeps_the_answers(client, org):
    survey = survey_round(org.school, groups=("ouders",))
    token = invite(survey)
    enter(client, token)
    first, second = selectors.round_pages(survey)[:2]
    client.post(_page(survey, 1), {f"item-{i.pk}": 4 for i in first.items} | {"verder": ""})
    assert "Hoge verwachtingen" not in client.get(_page(survey, 2)).content.decode()
    response = _switch(client, survey, "en", _page(survey, 2))
    assert response.url == _page(survey, 2)
    page = client.get(_page(survey, 2)).content.decode()
    assert '<html lang="en">' in page and "Challenging teaching" in page and "Part 2 of 7" in page
    assert "Lessons build on what pupils can already do." in page and "Strongly agree" in page
    assert "Parents" in page and "Don’t know / not applicable" in page
    back = client.get(_page(survey, 1)).content.decode()
    assert back.count("checked") == len(first.items)  # her Dutch answers, shown in English
    client.post(_page(survey, 2), {f"item-{i.pk}": 2 for i in second.items} | {"verder": ""})
    assert _saved(token) == {str(i.pk): 4 for i in first.items} | {str(i.pk): 2 for i in second.items}
    _switch(client, survey, "nl", _page(survey, 3))
    assert "Feedback en leren van fouten" in client.get(_page(survey, 3)).content.decode()


def test_a_language_the_instrument_lacks_is_not_offered_nor_taken(client, org):
    Instrument.objects.filter(slug="onderzoekscultuur").update(languages=["nl"])  # as a school's own would be
    survey = survey_round(org.school, slug="onderzoekscultuur", groups=("leraren",))
    enter(client, invite(survey))
    page = client.get(_page(survey, 1)).content.decode()
    assert 'name="taal"' not in page
    response = _switch(client, survey, "en", _page(survey, 1))
    assert "koers_taal_" not in response.cookies or not response.cookies[f"koers_taal_{survey.pk}"].value
    assert '<html lang="nl">' in client.get(_page(survey, 1)).content.decode()
    assert _switch(client, survey, "en", "https://elders.example/").url == reverse("surveys:respond", args=[survey.pk])


def test_the_report_merges_the_languages(client, org):
    """One parent answers in Dutch, one in English, one switches halfway: the report counts
    three answers to each statement, whatever language they were given in."""
    survey = survey_round(org.school, groups=("ouders",))
    pages = selectors.round_pages(survey)
    for n, languages in enumerate((["nl"], ["en"], ["nl", "en"])):
        client.cookies.clear()
        enter(client, invite(survey, f"ouder{n}@s.example", group="ouders"))
        for number, page in enumerate(pages, start=1):
            _switch(client, survey, languages[min(number // 4, len(languages) - 1)], _page(survey, number))
            data = {f"item-{i.pk}": 4 for i in page.items if i.scale != "open"}
            client.post(_page(survey, number), data | {"verder": ""})
        assert client.post(reverse("surveys:review", args=[survey.pk])).status_code == 302
    item = pages[0].items[0]
    assert Answer.objects.filter(item=item, response__round=survey).count() == 3


def test_a_visitor_who_chose_english_in_her_account_answers_in_the_rounds_language(client, org):
    """Her account's English does not carry into a questionnaire that has no English texts."""
    Instrument.objects.filter(slug="onderzoekscultuur").update(languages=["nl"])
    org.leraar.language = "en"
    org.leraar.save()
    client.force_login(org.leraar)
    assert '<html lang="en">' in client.get(reverse("home:index")).content.decode()
    survey = survey_round(org.school, slug="onderzoekscultuur", groups=("leraren",))
    enter(client, invite(survey))
    assert '<html lang="nl">' in client.get(_page(survey, 1)).content.decode()
