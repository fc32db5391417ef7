"""Lesson observation after ICALT (spec (e), E.6): the Table 2 shares over final lessons, a
lesson with an item not seen left out of that share, small groups hidden, a development
observation for teacher and observer only, trained observers for assurance, snapshots, and a
form that stores a lesson once however often it is sent."""

import datetime
import uuid
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from koers.catalog.loader import CONTENT_DIR
from koers.catalog.schema import CatalogError, read_yaml
from koers.observations import selectors, services
from koers.observations.loader import INSTRUMENT_FILE, check
from koers.observations.models import Observation, ObservationItem, ObserverProfile
from koers.organisations.models import Team
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def _period(org, purpose="ontwikkeling", observers=None, **extra):
    return services.open_period(
        org.school,
        name="Lesbezoeken najaar",
        opens_on=TODAY - datetime.timedelta(days=10),
        closes_on=TODAY + datetime.timedelta(days=20),
        purpose=purpose,
        observers=observers or [org.teamleider],
        team=None,
        min_per_teacher=2,
        min_cell=extra.pop("min_cell", 3),
        by=org.schoolleider,
        **extra,
    )


def _scores(period, basic=3, diff=3, not_seen=()):
    """Every basic item at `basic`, every differentiation item at `diff`, the rest 3; items
    whose indicator slug is in `not_seen` not seen."""
    out = {}
    for item in ObservationItem.objects.filter(domain__instrument=period.instrument).select_related("indicator"):
        kind = item.indicator.kind if item.indicator else None
        value = basic if kind == "basis" else diff if kind == "differentiatie" else 3
        out[item.pk] = None if item.indicator and item.indicator.slug in not_seen else value
    return out


def _lesson(period, teacher, observer, *, final=True, **scores):
    observation = services.record(
        period,
        teacher=teacher,
        observer=observer,
        scores=_scores(period, **scores),
        client_key=uuid.uuid4(),
        date=TODAY,
    )
    if final:
        services.feedback_held(observation, on=TODAY)
        services.respond(observation, comment="Herkenbaar.", recognises="ja")
        observation.refresh_from_db()
    return observation


@pytest.fixture
def teachers(org):
    return [org.leraar.person, org.bystander.person] + [
        factories.user_with_role("leraar", school=org.school).person for _ in range(3)
    ]


def test_ten_lessons_show_the_table_2_shares_beside_the_inspectorates(client, org, teachers):
    """E.6.1: 6 basic_ok, 3 diff_ok, 2 both_ok of 10 lessons: 60% / 30% / 20%."""
    period = _period(org)
    plan = [(3, 3)] * 2 + [(3, 1)] * 4 + [(1, 3)] * 1 + [(1, 1)] * 3  # basic ok 6, diff ok 3, both 2
    for n, (basic, diff) in enumerate(plan):
        _lesson(period, teachers[n % 5], org.teamleider, basic=basic, diff=diff)
    _lesson(period, teachers[0], org.teamleider, final=False)  # a draft counts nowhere
    report = selectors.report(period)
    assert (report.school.basic_pct, report.school.diff_pct, report.school.both_pct) == (60, 30, 20)
    assert (report.school.lessons, report.school.teachers) == (10, 5)
    client.force_login(org.schoolleider)
    page = client.get(reverse("observations:report", args=[period.pk])).content.decode()
    assert "n = 10 lessen, 5 leraren" in page and "60%" in page and "Inspectie, vo 2014/15" in page
    assert ">63%<" in page and ">33%<" in page and ">27%<" in page


def test_an_item_not_seen_leaves_the_lesson_out_of_that_share_and_says_so(client, org, teachers):
    """E.6.2"""
    period = _period(org)
    for teacher in teachers[:3]:
        _lesson(period, teacher, org.teamleider)
    unseen = _lesson(period, teachers[3], org.teamleider, not_seen=("begrijpelijke-uitleg",))
    assert unseen.basic_ok is None and unseen.diff_ok is True and unseen.both_ok is None
    report = selectors.report(period).school
    assert report.basic == (3, 3) and report.diff == (4, 4) and report.basic_unassessable == 1
    client.force_login(org.schoolleider)
    page = client.get(reverse("observations:report", args=[period.pk])).content.decode()
    assert "1 les niet beoordeelbaar op basisvaardigheden" in page


def test_figures_over_fewer_teachers_than_the_minimum_are_hidden(client, org, teachers):
    period = _period(org, min_cell=5)
    team = Team.objects.create(school=org.school, name="Bovenbouw")
    team.members.add(*teachers[:2])
    for teacher in teachers:
        _lesson(period, teacher, org.teamleider)
    report = selectors.report(period)
    assert not report.school.hidden
    assert [(t.name, t.hidden) for t in report.teams] == [("Bovenbouw", True)]
    client.force_login(org.schoolleider)
    page = client.get(reverse("observations:report", args=[period.pk])).content.decode()
    assert "te weinig leraren" in page
    small = _period(org, min_cell=5)
    for teacher in teachers[:4]:
        _lesson(small, teacher, org.teamleider)
    page = client.get(reverse("observations:report", args=[small.pk])).content.decode()
    assert "Te weinig leraren voor cijfers" in page and "%" not in page.split("<h1")[1].split("</main>")[0].replace(
        "100%", ""
    )


def test_a_development_observation_is_for_teacher_and_observer_only(client, org, teachers):
    """E.6.4, and the school reads observations of an announced assurance period."""
    period = _period(org)
    observation = _lesson(period, org.leraar.person, org.teamleider, final=False)
    url = reverse("observations:observation", args=[observation.pk])
    for reader, status in ((org.leraar, 200), (org.teamleider, 200), (org.schoolleider, 404), (org.bestuurder, 404)):
        client.force_login(reader)
        assert client.get(url).status_code == status, reader
    client.force_login(org.bystander)
    assert client.get(url).status_code == 404
    ObserverProfile.objects.create(user=org.teamleider, trained_on=TODAY)
    assurance = _period(org, purpose="borging")
    assured = _lesson(assurance, org.leraar.person, org.teamleider, final=False)
    client.force_login(org.schoolleider)
    assert client.get(reverse("observations:observation", args=[assured.pk])).status_code == 200
    client.force_login(factories.user_with_role("schoolleider", school=org.second_school))
    assert client.get(reverse("observations:observation", args=[assured.pk])).status_code == 404


def test_assurance_or_selection_takes_trained_observers(org):
    """E.6.5"""
    with pytest.raises(ValidationError) as refused:
        _period(org, purpose="selectie")
    assert "getrainde observatoren" in str(refused.value.message_dict["observers"])
    ObserverProfile.objects.create(user=org.teamleider, trained_on=TODAY)
    assert _period(org, purpose="selectie").purpose == "selectie"


def test_one_observation_is_a_snapshot_and_two_are_not(org, teachers):
    """E.6.6"""
    period = _period(org)
    _lesson(period, org.leraar.person, org.teamleider)
    rows = {r.teacher: r for r in selectors.planning(period)}
    assert rows[org.leraar.person].snapshot and rows[org.leraar.person].lessons == 1
    _lesson(period, org.leraar.person, org.teamleider)
    rows = {r.teacher: r for r in selectors.planning(period)}
    assert not rows[org.leraar.person].snapshot


def test_the_form_sent_twice_stores_one_lesson_and_a_missing_score_is_refused(client, org, teachers):
    period = _period(org)
    client.force_login(org.teamleider)
    url = reverse("observations:observe", args=[period.pk])
    form = client.get(url, {"leraar": org.leraar.person.pk}).context["form"]
    key = form["client_key"].value()
    data = {"teacher": org.leraar.person.pk, "date": TODAY.isoformat(), "group": "3 havo", "client_key": key}
    data |= {f"item_{pk}": ("ng" if value is None else value) for pk, value in _scores(period).items()}
    missing = dict(data)
    missing.pop(next(k for k in data if k.startswith("item_")))
    refused = client.post(url, missing)
    assert refused.status_code == 400 and not Observation.objects.exists()
    assert refused.context["form"]["group"].value() == "3 havo"  # nothing typed is lost
    first = client.post(url, data)
    again = client.post(url, data)
    assert Observation.objects.count() == 1 and first.url == again.url
    observation = Observation.objects.get()
    assert observation.scores.count() == ObservationItem.objects.filter(domain__instrument=period.instrument).count()
    client.force_login(org.bystander)  # not an observer of the period
    assert client.get(url).status_code == 404


def test_the_loader_refuses_a_skill_without_an_item_and_a_domain_of_one(catalog):
    """E.6.8"""
    spec = read_yaml(CONTENT_DIR / "observatie" / "lesobservatie.yaml", INSTRUMENT_FILE)
    counts = Counter(i.get("indicator") for d in spec["domains"] for i in d["items"])
    assert all(counts[i["slug"]] for i in spec["indicators"]) and len(spec["indicators"]) == 7
    assert len(spec["domains"]) == 6
    for domain in spec["domains"]:
        domain["items"] = [i for i in domain["items"] if i.get("indicator") != "instructie-afstemmen"]
    with pytest.raises(CatalogError, match=r"indicators\[5\]: indicator 'instructie-afstemmen' has no item"):
        check("lesobservatie.yaml", spec)
    spec = read_yaml(CONTENT_DIR / "observatie" / "lesobservatie.yaml", INSTRUMENT_FILE)
    spec["domains"][0]["items"] = spec["domains"][0]["items"][:1]
    with pytest.raises(CatalogError, match=r"domains\[0\].items: a domain has at least two items"):
        check("lesobservatie.yaml", spec)


def test_the_report_costs_the_same_queries_for_few_or_many_lessons(client, org, teachers):
    from tests.queries import page_queries

    period = _period(org)
    Team.objects.create(school=org.school, name="Onderbouw").members.add(*teachers)
    for teacher in teachers:
        _lesson(period, teacher, org.teamleider)
    client.force_login(org.schoolleider)
    url = reverse("observations:report", args=[period.pk])
    few = page_queries(client, url)
    for n in range(15):
        _lesson(period, teachers[n % 5], org.teamleider, basic=1 + n % 3)
    assert page_queries(client, url) == few
