"""The in-depth evaluation twice a year (drl:2199-2212): members place crosses once and without
a name, the distribution shows only after closing and from three answers, the group records
its shared picture, and the region sees only what the network chose to share."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.networks.models import Network, NetworkMember
from koers.organisations.models import Membership, Notification, Region, Role, User
from koers.surveys.models import (
    Answer,
    EvaluationTaken,
    Instrument,
    Item,
    NetworkAnswer,
    NetworkEvaluation,
    Response,
    Scale,
    SharedPicture,
)
from koers.surveys.services import answer_network_evaluation
from tests import factories
from tests.networks import build
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def facilitator(org, network):
    user = factories.user_with_role(Role.LERAAR, school=org.second_school)
    return build.member(network, user, org.second_school, NetworkMember.Role.PROCESBEGELEIDER)


def _evaluation(network, *, opens=-7, closes=7) -> NetworkEvaluation:
    return NetworkEvaluation.objects.create(
        network=network,
        instrument=Instrument.objects.get(for_networks=True),
        opens_on=TODAY() + datetime.timedelta(days=opens),
        closes_on=TODAY() + datetime.timedelta(days=closes),
    )


def _close(evaluation) -> None:
    evaluation.closed_early_on = TODAY()
    evaluation.save()


def _team(network, org, n: int) -> list[NetworkMember]:
    return [
        build.member(network, factories.user_with_role(Role.LERAAR, school=org.school), org.school) for _ in range(n)
    ]


def _items(evaluation) -> list[Item]:
    return list(Item.objects.filter(dimension__instrument=evaluation.instrument).order_by("dimension__order", "order"))


def _form(evaluation, value: int = 3, example: str = "") -> dict[str, str]:
    data = {}
    for item in _items(evaluation):
        data[f"item-{item.pk}"] = example if item.scale == Scale.OPEN else str(min(value, len(item.values)))
    return data


def _answer(evaluation, members, values) -> None:
    scored = [i for i in _items(evaluation) if i.scale != Scale.OPEN]
    for member, value in zip(members, values, strict=True):
        answer_network_evaluation(evaluation, member, {i.pk: min(value, len(i.values)) for i in scored})


def test_the_instrument_has_eleven_indicators_and_the_five_values_and_is_never_a_school_round(client, org, catalog):
    instrument = Instrument.objects.get(for_networks=True)
    items = Item.objects.filter(dimension__instrument=instrument)
    assert items.filter(scale=Scale.BIPOLAR8).count() == 11
    assert list(items.filter(dimension__slug="waardecreatie", scale=Scale.LIKERT5).values_list("slug", flat=True)) == [
        "direct",
        "potentieel",
        "toegepast",
        "gerealiseerd",
        "transformatief",
    ]
    # A school cannot start a round of it, so no board benchmark can ever contain it.
    client.force_login(org.schoolleider)
    choose = client.get(reverse("surveys:choose", args=[org.school.pk])).content.decode()
    assert instrument.name not in choose
    assert client.get(reverse("surveys:new_round", args=[org.school.pk, instrument.pk])).status_code == 404


def test_the_facilitator_plans_it_before_the_halfway_meeting_and_members_are_told(client, org, network, facilitator):
    teacher = build.member(network, org.leraar, org.school)
    guest = build.member(network, org.teamleider, org.school, NetworkMember.Role.GAST)
    for weeks in range(1, 6):
        build.meeting(network, TODAY() + datetime.timedelta(weeks=4 * weeks))
    third = network.meetings.order_by("date")[2]
    client.force_login(facilitator.user)
    url = reverse("surveys:plan_network_evaluation", args=[network.pk])
    form = client.get(url).context["form"]
    assert form.initial["closes_on"] == third.date - datetime.timedelta(days=1)
    assert form.initial["opens_on"] == third.date - datetime.timedelta(days=15)

    wrong = client.post(url, {"opens_on": "2027-03-10", "closes_on": "2027-03-01"})
    assert wrong.status_code == 400 and "De laatste dag" in str(wrong.context["form"].errors["closes_on"])
    assert not NetworkEvaluation.objects.exists()

    client.post(
        url, {"opens_on": TODAY().isoformat(), "closes_on": (TODAY() + datetime.timedelta(days=14)).isoformat()}
    )
    evaluation = NetworkEvaluation.objects.get()
    told = set(Notification.objects.filter(kind="deep_evaluation").values_list("user_id", flat=True))
    assert told == {teacher.user_id}  # not the guest, not the facilitator who planned it
    assert guest.user_id not in told
    # The next proposal is before the last facilitated meeting.
    client.force_login(facilitator.user)
    last = network.meetings.order_by("date").last()
    assert client.get(url).context["form"].initial["closes_on"] == last.date - datetime.timedelta(days=1)
    # A plain member plans nothing; the teacher's home page asks for the crosses.
    client.force_login(org.leraar)
    assert client.get(url).status_code == 404
    home = client.get(reverse("home:index")).content.decode()
    assert reverse("surveys:answer_network_evaluation", args=[network.pk, evaluation.pk]) in home


def test_a_member_answers_once_and_nothing_stored_leads_back_to_them(client, org, network, facilitator):
    teacher = build.member(network, org.leraar, org.school)
    evaluation = _evaluation(network)
    url = reverse("surveys:answer_network_evaluation", args=[network.pk, evaluation.pk])
    client.force_login(org.leraar)

    partial = _form(evaluation, 4)
    first = next(iter(partial))
    partial[first] = ""
    missing = client.post(url, partial)
    assert missing.status_code == 400
    assert "Kies een antwoord op deze vraag" in str(missing.context["form"].errors[first])
    assert missing.context["form"]["item-" + str(_items(evaluation)[1].pk)].value() == "4"  # kept
    assert not NetworkAnswer.objects.exists() and not EvaluationTaken.objects.exists()

    client.post(url, _form(evaluation, 4, example="Een inwerkprogramma"))
    assert EvaluationTaken.objects.get().member == teacher
    assert NetworkAnswer.objects.filter(evaluation=evaluation, value__isnull=False).count() == 16
    assert NetworkAnswer.objects.filter(text="Een inwerkprogramma").count() == 1
    # No column of an answer names a member, a user, a response or a moment.
    columns = {f.name for f in NetworkAnswer._meta.get_fields()}
    assert columns == {"id", "evaluation", "item", "value", "text"}
    assert not Response.objects.exists() and not Answer.objects.exists()  # never in school reports

    again = client.post(url, _form(evaluation, 8), follow=True)
    assert "U vulde deze evaluatie al in" in again.content.decode()
    assert NetworkAnswer.objects.filter(value=8).count() == 0


def test_six_answers_show_eleven_distributions_and_value_means_only_after_closing(client, org, network, facilitator):
    members = _team(network, org, 6)
    evaluation = _evaluation(network)
    _answer(evaluation, members, [2, 3, 3, 4, 5, 5])
    url = reverse("surveys:network_evaluation", args=[network.pk, evaluation.pk])
    client.force_login(members[0].user)
    while_open = client.get(url).content.decode()
    assert "●" not in while_open and "De verdeling verschijnt zodra" in while_open

    client.force_login(facilitator.user)
    client.post(reverse("surveys:close_network_evaluation", args=[network.pk, evaluation.pk]))
    page = client.get(url)
    result = page.context["result"]
    bipolar = [r for _d, rows in result.dimensions for r in rows if r.item.scale == Scale.BIPOLAR8]
    assert len(bipolar) == 11 and all(sum(r.counts) == 6 for r in bipolar)
    assert bipolar[0].counts == [0, 1, 2, 1, 2, 0, 0, 0]
    values = [r for _d, rows in result.dimensions for r in rows if r.item.scale == Scale.LIKERT5]
    assert [r.mean for r in values] == [3.7] * 5  # (2+3+3+4+5+5)/6
    html = page.content.decode()
    assert "3,7" in html and "●●" in html


def test_with_two_answers_it_says_too_few_and_shows_no_dots(client, org, network, facilitator):
    members = _team(network, org, 2)
    evaluation = _evaluation(network)
    _answer(evaluation, members, [2, 6])
    _close(evaluation)
    assert NetworkAnswer.objects.filter(evaluation=evaluation).count() == 32
    client.force_login(members[0].user)
    html = client.get(reverse("surveys:network_evaluation", args=[network.pk, evaluation.pk])).content.decode()
    assert "Te weinig antwoorden: 2 leden vulden in" in html and "●" not in html


def test_the_shared_picture_is_recorded_by_the_facilitator_within_the_scale(client, org, network, facilitator):
    build.member(network, org.leraar, org.school)
    evaluation = _evaluation(network)
    first = next(i for i in _items(evaluation) if i.scale == Scale.BIPOLAR8)
    url = reverse("surveys:shared_picture", args=[network.pk, evaluation.pk])
    client.force_login(org.leraar)
    assert client.get(url).status_code == 404  # members agree it together; the facilitator records it
    client.force_login(facilitator.user)
    bad = client.post(
        url, {f"now-{first.pk}": "9", f"desired-{first.pk}": "5", "conclusions": "We leunen op de begeleider"}
    )
    assert bad.status_code == 400 and f"now-{first.pk}" in bad.context["form"].errors
    assert bad.context["form"]["conclusions"].value() == "We leunen op de begeleider"
    assert not SharedPicture.objects.exists()
    evaluation.refresh_from_db()
    assert evaluation.conclusions == ""

    client.post(url, {f"now-{first.pk}": "3", f"desired-{first.pk}": "6", "agreements": "Om beurten voorbereiden"})
    picture = SharedPicture.objects.get()
    assert (picture.agreed_now, picture.desired) == (3, 6)
    evaluation.refresh_from_db()
    assert evaluation.agreements == "Om beurten voorbereiden"


def test_who_opens_an_evaluation(client, org, other_org, network, facilitator, coordinator, region):
    build.member(network, org.leraar, org.school)
    evaluation = _evaluation(network)
    evaluation.conclusions = "Gedeelde conclusie"
    _answer(evaluation, _team(network, org, 3), [1, 2, 3])
    _close(evaluation)
    url = reverse("surveys:network_evaluation", args=[network.pk, evaluation.pk])
    other = Network.objects.create(name="Ander netwerk", region=region, theme_category=network.theme_category)
    outsider = build.member(other, factories.user_with_role(Role.LERAAR, school=other_org.school), other_org.school)
    guest = build.member(network, org.teamleider, org.school, NetworkMember.Role.GAST)

    # A member of another network, a guest, the school leader of a member school and the
    # coordinator of a network that does not share: all a 404.
    survey_admin = factories.user_with_role(Role.SCHOOLBEHEERDER, school=org.school)
    for user in (outsider.user, guest.user, org.schoolleider, org.bestuurder, survey_admin, coordinator):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
        assert client.get(reverse("surveys:network_evaluations", args=[network.pk])).status_code == 404
    # Sharing shows the coordinator the shared picture and conclusions, never the crosses.
    network.share_evaluations_with_region = True
    network.save()
    client.force_login(coordinator)
    page = client.get(url)
    html = page.content.decode()
    assert "Gedeelde conclusie" in html and "●" not in html and not page.context["result"].visible
    assert client.get(reverse("surveys:answer_network_evaluation", args=[network.pk, evaluation.pk])).status_code == 404
    region_page = client.get(reverse("networks:region", args=[region.slug])).content.decode()
    assert reverse("surveys:network_evaluations", args=[network.pk]) in region_page
    # A coordinator of another region finds nothing, shared or not.
    zuid = User.objects.create_user("zuid@regio.example", factories.PASSWORD)
    Membership.objects.create(
        user=zuid, role=Role.REGIOCOORDINATOR, region=Region.objects.exclude(pk=region.pk).first()
    )
    client.force_login(zuid)
    assert client.get(url).status_code == 404


def test_the_region_signals_an_overdue_evaluation(client, org, network, coordinator, region):
    network.status = Network.Status.BEGELEID
    network.save()
    build.member(network, org.leraar, org.school)
    build.meeting(network, TODAY() - datetime.timedelta(days=240), kind="startbijeenkomst", status="gehouden")
    client.force_login(coordinator)
    url = reverse("networks:region", args=[region.slug])
    assert "Al meer dan zeven maanden geen verdiepende evaluatie" in client.get(url).content.decode()
    _evaluation(network, opens=-30, closes=-20)
    assert "Al meer dan zeven maanden geen verdiepende evaluatie" not in client.get(url).content.decode()


def test_the_evaluation_page_reads_the_same_number_of_queries_for_three_and_nine_answers(
    client, org, network, facilitator
):
    pages = []
    for n in (3, 9):
        evaluation = _evaluation(network)
        _answer(evaluation, _team(network, org, n), list(range(1, n + 1)))
        _close(evaluation)
        client.force_login(facilitator.user)
        pages.append(page_queries(client, reverse("surveys:network_evaluation", args=[network.pk, evaluation.pk])))
    assert pages[0] == pages[1]


def test_after_closing_the_facilitators_home_page_asks_for_the_shared_picture(client, org, network, facilitator):
    evaluation = _evaluation(network)
    _answer(evaluation, _team(network, org, 3), [2, 3, 4])
    picture = reverse("surveys:shared_picture", args=[network.pk, evaluation.pk])
    client.force_login(facilitator.user)
    assert picture not in client.get(reverse("home:index")).content.decode()  # still open
    _close(evaluation)
    home = client.get(reverse("home:index")).content.decode()
    assert picture in home and "leg het gedeelde beeld vast" in home
    client.post(picture, {"conclusions": "We leunen op de begeleider"})
    assert picture not in client.get(reverse("home:index")).content.decode()
