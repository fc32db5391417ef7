"""360-degree feedback (drl:3282-3285): the teacher asks it herself on at most eight
competences, colleagues, pupils and parents answer anonymously through open links (a group
shows from three responses), her leidinggevende answers by name, and only she reads the
result until she adds it to her portfolio."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from koers.careers.models import Competence, Evidence, FeedbackRequest
from koers.surveys import selectors as survey_selectors
from koers.surveys import services as survey_services
from koers.surveys.models import Instrument, RespondentGroup, Round
from tests.factories import respond

pytestmark = pytest.mark.django_db


def _competences(n: int) -> list[Competence]:
    return list(Competence.objects.order_by("framework__order", "order")[:n])


def _ask(client, org, *, competences: int = 3, groups=("collegas", "leerlingen"), manager=True):
    data = {
        "competences": [c.pk for c in _competences(competences)],
        "groups": [g.pk for g in RespondentGroup.objects.filter(slug__in=groups)],
    }
    if manager:
        data["manager"] = org.teamleider.person.pk
    return client.post(reverse("careers:feedback_list"), data)


def _close(survey: Round) -> None:
    Round.objects.filter(pk=survey.pk).update(closed_early_on=datetime.date.today())
    survey.refresh_from_db()


def test_she_asks_feedback_on_her_competences_and_her_leidinggevende_is_invited_by_name(client, org):
    client.force_login(org.leraar)
    response = _ask(client, org)
    asked = FeedbackRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("careers:feedback", args=[asked.pk])
    survey = asked.round
    assert survey.subject == org.leraar.person and survey.min_group_size == 3
    assert (survey.closes_on - survey.opens_on).days == 13  # two weeks, today included
    assert survey.modules[:3] == [c.slug for c in _competences(3)] and "tot-slot" in survey.modules
    assert {g.slug for g in survey.groups.all()} == {"collegas", "leerlingen", "leidinggevende"}
    named = survey.round_groups.get(group__slug="leidinggevende")
    assert named.named == str(org.teamleider.person)
    assert [m.to for m in mail.outbox] == [[org.teamleider.email]]
    message = mail.outbox[0]
    assert message.subject == f"360°-feedback voor {org.leraar.person}"
    assert "U antwoordt met naam" in message.body and "anoniem" not in message.body
    link = re.search(r"http://\S+", message.body).group(0)
    client.logout()
    intro = client.get(link, follow=True).content.decode()
    assert f"360°-feedback voor {org.leraar.person}" in intro and "U antwoordt met naam." in intro
    client.force_login(org.leraar)
    page = client.get(reverse("careers:feedback", args=[asked.pk])).content.decode()
    assert "Leidinggevende: " + str(org.teamleider.person) in page
    assert "niet nog (minstens 3)" not in page and "nog niet (minstens 1)" in page


def test_nine_competences_are_refused_at_the_field_and_nothing_is_made(client, org):
    client.force_login(org.leraar)
    response = _ask(client, org, competences=9)
    assert response.status_code == 400
    assert "Kies hooguit 8 competenties" in str(response.context["form"].errors["competences"])
    assert not Round.objects.exists() and not FeedbackRequest.objects.exists()
    response = _ask(client, org, groups=(), manager=False)
    assert response.status_code == 400 and "groups" in response.context["form"].errors
    assert not Round.objects.exists()


def test_an_open_link_is_shown_once_and_only_for_the_anonymous_groups(client, org):
    client.force_login(org.leraar)
    _ask(client, org)
    asked = FeedbackRequest.objects.get()
    url = reverse("careers:feedback", args=[asked.pk])
    form = client.get(url).context["form"]
    assert {slug for slug, _name in form.fields["group"].choices} == {"collegas", "leerlingen"}
    response = client.post(url, {"form": "link", "group": "leerlingen", "expected": 28})
    link = re.search(r"<code>(http[^<]+)</code>", response.content.decode()).group(1)
    assert response["Cache-Control"] == "no-store"
    opened = client.get(link, follow=True).content.decode()  # it opens the questionnaire
    assert "Uw antwoorden zijn anoniem." in opened and "Alleen degene over wie uw feedback gaat" in opened
    client.force_login(org.leraar)
    assert "<code>http" not in client.get(url).content.decode()
    named = client.post(url, {"form": "link", "group": "leidinggevende", "expected": 5})
    assert named.status_code == 400
    round_page = client.get(reverse("surveys:round", args=[asked.round_id]))  # she runs her own round
    assert round_page.status_code == 200 and reverse("surveys:rounds", args=[org.school.pk]) not in (
        round_page.content.decode()
    )


def test_the_report_hides_small_groups_names_the_leidinggevende_and_is_hers_alone(client, org):
    """C.6.6: two colleague answers hide the colleague group; the leidinggevende shows with
    a name; the report is a 404 for the school leader."""
    client.force_login(org.leraar)
    _ask(client, org)
    survey = FeedbackRequest.objects.get().round
    for _ in range(2):
        respond(survey, "collegas", default=4)
    for _ in range(3):
        respond(survey, "leerlingen", default=2)
    respond(survey, "leidinggevende", default=5)
    _close(survey)
    report = survey_selectors.report(survey)
    assert [g.name for g in report.visible] == ["Leerlingen", f"Leidinggevende: {org.teamleider.person}"]
    assert [g.name for g in report.hidden] == ["Collega’s"]
    assert report.respondents == 4
    page = client.get(reverse("surveys:report", args=[survey.pk]))
    assert page.status_code == 200 and f"Leidinggevende: {org.teamleider.person}" in page.content.decode()
    for reader in (org.schoolleider, org.teamleider, org.bestuurder, org.bystander):
        client.force_login(reader)
        assert client.get(reverse("surveys:report", args=[survey.pk])).status_code == 404
        assert client.get(reverse("careers:feedback", args=[survey.feedback_request.pk])).status_code == 404
        assert survey not in survey_selectors.rounds_of(org.school)


def test_she_adds_the_closed_result_to_her_portfolio_once(client, org):
    client.force_login(org.leraar)
    _ask(client, org)
    asked = FeedbackRequest.objects.get()
    add = reverse("careers:feedback_to_portfolio", args=[asked.pk])
    client.post(add)
    assert not Evidence.objects.exists()  # not while the round is open
    for _ in range(3):
        respond(asked.round, "collegas")
    _close(asked.round)
    response = client.post(add)
    evidence = Evidence.objects.get()
    assert response.url == reverse("careers:evidence", args=[evidence.pk])
    assert evidence.kind == "feedback360" and evidence.person == org.leraar.person
    assert set(evidence.competences.all()) == set(_competences(3))
    with evidence.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    client.post(add)
    assert Evidence.objects.count() == 1
    client.force_login(org.schoolleider)
    assert client.post(add).status_code == 404


def test_the_schools_round_list_never_offers_the_feedback_instrument(client, org):
    instrument = Instrument.objects.get(for_people=True, active=True)
    assert instrument not in survey_selectors.instruments_for_new_rounds()
    with pytest.raises(ValueError):
        survey_services.create_round(
            school=org.school,
            instrument=instrument,
            title="Niet voor de school",
            modules=[],
            groups=list(instrument.groups.all()),
            opens_on=datetime.date.today(),
            closes_on=datetime.date.today(),
            min_group_size=3,
            user=org.schoolleider,
        )


def test_every_competence_has_its_module_in_the_feedback_instrument(catalog):
    instrument = Instrument.objects.get(for_people=True, active=True)
    modules = {m.slug: m.name for m in instrument.modules.filter(required=False)}
    assert modules == {c.slug: c.name for c in Competence.objects.all()}
    for module in instrument.modules.all():
        assert module.dimensions.exists()


def test_erasing_her_takes_the_answers_about_her_along(client, org, django_capture_on_commit_callbacks):
    from koers.privacy import services as privacy
    from koers.surveys.models import Answer

    client.force_login(org.leraar)
    _ask(client, org)
    survey = FeedbackRequest.objects.get().round
    for _ in range(3):
        respond(survey, "collegas")
    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase(person=org.leraar.person, successor=org.schoolleider.person, by=org.schoolleider)
    assert not Round.objects.filter(pk=survey.pk).exists() and not FeedbackRequest.objects.exists()
    assert not Answer.objects.filter(response__round_id=survey.pk).exists()


def test_her_feedback_list_costs_the_same_queries_for_one_or_six_rounds(client, org):
    from tests.queries import page_queries

    client.force_login(org.leraar)
    _ask(client, org)
    url = reverse("careers:feedback_list")
    few = page_queries(client, url)
    for _ in range(5):
        _ask(client, org, manager=False)
    assert FeedbackRequest.objects.count() == 6
    assert page_queries(client, url) == few
