"""The report's arithmetic against figures computed by hand, its trend and benchmark, the
school-concept profile, the development question, the exports, and a query budget."""

import datetime
import math

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.surveys import selectors, services, stats
from koers.surveys.demo import make_round
from koers.surveys.models import Answer, Item, Round
from koers.surveys.services import finalise_closed_rounds
from tests.factories import Organisation, respond, survey_round
from tests.pdfs import assert_tagged
from tests.queries import page_queries
from tests.surveys.test_anonymity import export_text

pytestmark = pytest.mark.django_db

GROUPS = ("leraren", "oop", "leerlingen")


@pytest.fixture
def fixture(org, other_org):
    """Verwachtingen (3 items) by hand:
    leraren  4 4 5 | 3 4 4 | 5 5 5   -> 39 / 9 = 4.333, sd = sqrt(4/9) = 0.667
    oop      2 2 2 | 2 2 2 | 2 2 2   -> 2.000, sd 0
    leerlingen (2 people, under the minimum of 3): 1s, left out of everything
    total of the shown groups: 57 / 18 = 3.1667, sd = sqrt(28.5 / 18) = 1.258
    previous round: 3.0  -> trend +0.17
    second school of the board: 5.0 (its OOP group of 2 is under the minimum)
    a school of another board: 1.0  -> all three schools: (57 + 45 + 9) / 36 = 3.0833
    """
    today = timezone.localdate()
    previous = make_round(
        school=org.school,
        slug="leerklimaat-scan",
        title="Vorige",
        opens_on=today - datetime.timedelta(days=120),
        groups=list(GROUPS),
        min_group_size=3,
    )
    for _ in range(3):
        respond(previous, "leraren")
    survey = survey_round(org.school, closed=True, title="Leerklimaat 2026")
    for values in ((4, 4, 5), (3, 4, 4), (5, 5, 5)):
        respond(survey, "leraren", verw_1=values[0], verw_2=values[1], verw_3=values[2])
    for _ in range(3):
        respond(survey, "oop", verw_1=2, verw_2=2, verw_3=2)
    for _ in range(2):
        respond(survey, "leerlingen", default=1)
    board = survey_round(org.second_school, closed=True)
    for _ in range(3):
        respond(board, "leraren", verw_1=5, verw_2=5, verw_3=5)
    for _ in range(2):
        respond(board, "oop", default=1)
    elsewhere = survey_round(other_org.school, closed=True)
    for _ in range(3):
        respond(elsewhere, "leraren", verw_1=1, verw_2=1, verw_3=1)
    finalise_closed_rounds()  # as the nightly `koers purge`, or the first report view, does
    return survey


def _finalise_again(survey):
    survey.item_counts.all().delete()
    survey.summaries.all().delete()
    Round.objects.filter(pk=survey.pk).update(finalised=False)
    services.finalise(survey=survey)
    survey.refresh_from_db()


def _row(rep, slug):
    return next(r for r in rep.rows if r.dimension.slug == slug)


def test_the_report_arithmetic_matches_the_hand_computed_figures(fixture):
    rep = selectors.report(fixture)
    assert [g.slug for g in rep.visible] == ["leraren", "oop"]
    assert [g.slug for g in rep.hidden] == ["leerlingen"]
    assert rep.respondents == 6
    row = _row(rep, "verwachtingen")
    leraren, oop = (row.by_group[g.pk] for g in rep.visible)
    assert leraren.n == 9 and math.isclose(leraren.mean, 39 / 9)
    assert math.isclose(leraren.spread, math.sqrt(4 / 9))
    assert leraren.counts == {3: 1, 4: 4, 5: 4}
    assert (oop.mean, oop.spread) == (2.0, 0.0)
    assert math.isclose(row.total.mean, 57 / 18)
    assert row.notable and math.isclose(row.gap[2], 39 / 9 - 2)
    assert math.isclose(row.previous, 3.0) and math.isclose(row.trend, 57 / 18 - 3)
    assert math.isclose(row.board, 5.0)
    assert math.isclose(row.everyone, 111 / 36)
    assert (rep.board_schools, rep.all_schools) == (1, 3)
    assert selectors.proposal(rep).dimension.slug == "uitdaging"  # lowest (3.0), first in order


def test_the_results_per_statement_match_the_hand_computed_figures(client, org, fixture):
    """verw-1: leraren 4 3 5 (4.0), oop 2 2 2, all shown 18 / 6 = 3.0; verw-3: leraren 5 4 5
    (14 / 3), all shown 20 / 6; the two leerlingen are under the minimum and count nowhere."""
    rep = selectors.report(fixture)
    row = _row(rep, "verwachtingen")
    by_slug = {r.item.slug: r for r in row.items.values()}
    assert list(by_slug) == ["verw-1", "verw-2", "verw-3"]
    leraren, oop = rep.visible
    first, third = by_slug["verw-1"], by_slug["verw-3"]
    assert first.by_group[leraren.pk].counts == {4: 1, 3: 1, 5: 1} and first.by_group[oop.pk].mean == 2.0
    assert first.total.n == 6 and math.isclose(first.total.mean, 3.0)
    assert math.isclose(third.by_group[leraren.pk].mean, 14 / 3) and math.isclose(third.total.mean, 20 / 6)
    assert set(first.by_group) == {leraren.pk, oop.pk}
    client.force_login(org.schoolleider)
    page = client.get(reverse("surveys:report", args=[fixture.pk])).content.decode()
    assert "Per stelling (3)" in page and Item.objects.get(pk=first.item.pk).text in page


def test_the_report_page_shows_the_figures_and_highlights_the_difference(client, org, fixture):
    client.force_login(org.schoolleider)
    page = client.get(reverse("surveys:report", args=[fixture.pk])).content.decode()
    assert "4,3" in page and "0,7" in page and "3,2" in page
    assert "Leraren scoren 2,3 hoger dan OOP." in page
    assert "Verandering sinds de vorige ronde: <strong>+0,2</strong>" in page
    assert "Andere scholen van het bestuur: 5,0" in page and "Alle scholen: 3,1" in page
    assert "3 Neutraal 11% · 4 Eens 44% · 5 Helemaal eens 44%" in page
    assert "<svg" in page and "Gemiddelde per dimensie en groep" in page
    assert "Profiel per groep" in page  # the spider
    assert "Voorgestelde ontwikkelvraag" in page


def test_the_exports_carry_the_same_figures(client, org, fixture):
    client.force_login(org.schoolleider)
    csv = export_text(client.get(reverse("surveys:export", args=[fixture.pk, "csv"])).content, "csv")
    assert "Hoge verwachtingen;;Leraren;3;4,33;0,67;0;;;;;0,0;0,0;0,11;0,44;0,44" in csv
    assert "Hoge verwachtingen;;Alle getoonde groepen;6;3,17;1,26;0;3,0;5,0;3,08" in csv
    first = Item.objects.get(dimension__instrument=fixture.instrument, slug="verw-1").text
    assert f"Hoge verwachtingen;{first};Leraren;3;4,0;0,82;0;;;;;0,0;0,0;0,33;0,33;0,33" in csv  # 4 3 5
    assert f"Hoge verwachtingen;{first};Alle getoonde groepen;6;3,0;1,15;0;" in csv  # leerlingen left out
    xlsx = export_text(client.get(reverse("surveys:export", args=[fixture.pk, "xlsx"])).content, "xlsx")
    assert "Hoge verwachtingen None Leraren 3 4.33 0.67" in xlsx  # None: an empty cell
    assert f"Hoge verwachtingen {first} Leraren 3 4 0.82" in xlsx
    response = client.get(reverse("surveys:export", args=[fixture.pk, "pdf"]))
    assert response.content.startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]
    assert_tagged(response.content)
    text = export_text(response.content, "pdf")
    assert "Rapport: Leerklimaat 2026" in text and "Hoge verwachtingen" in text


def test_the_report_costs_the_same_queries_for_one_response_as_for_many(client, org, other_org, catalog):
    def count(user, survey):
        client.force_login(user)
        return page_queries(client, reverse("surveys:report", args=[survey.pk]))

    small = survey_round(org.school, closed=True, title="Klein")
    for _ in range(3):
        respond(small, "leraren")
    few = count(org.schoolleider, small)
    big = Organisation.build(name="Stichting Groot", brin_prefix="7")
    large = survey_round(big.school, closed=True, title="Groot")
    for group in GROUPS:
        for _ in range(12):
            respond(large, group, default=4)
    for school in (big.second_school, org.second_school):
        other = survey_round(school, closed=True)
        for _ in range(4):
            respond(other, "leraren")
    many = count(big.schoolleider, large)
    assert few == many
    assert many <= 16


def test_trend_and_benchmark_read_summaries_stored_once_when_the_round_is_finalised(fixture):
    from koers.surveys import services
    from koers.surveys.models import GroupSummary

    stored = GroupSummary.objects.filter(round=fixture)
    assert sorted(set(stored.values_list("group__slug", flat=True))) == ["leraren", "oop"]
    verwachtingen = stored.get(group__slug="leraren", dimension_slug="verwachtingen")
    assert (verwachtingen.n, verwachtingen.total) == (9, 39)
    services.finalise(survey=fixture)  # a second time changes nothing
    assert GroupSummary.objects.filter(round=fixture).count() == stored.count()
    with pytest.raises(services.ValidationError):
        services.extend(survey=fixture, closes_on=timezone.localdate() + datetime.timedelta(3))


def test_the_school_concept_is_placed_nearest_its_variant():
    variants = [
        {"slug": "a", "name": "A", "positions": {"x": 1, "y": 1}},
        {"slug": "b", "name": "B", "positions": {"x": 4, "y": 6}},
    ]
    # profile (3, 5): to A sqrt((4 + 16) / 2) = 3.162; to B sqrt((1 + 1) / 2) = 1.0
    ranked = stats.nearest_variant({"x": 3.0, "y": 5.0}, variants, {"x": "X", "y": "Y"})
    assert [r.slug for r in ranked] == ["b", "a"]
    assert math.isclose(ranked[0].distance, 1.0)
    assert math.isclose(ranked[1].distance, math.sqrt(10))
    assert ranked[1].furthest == ("Y", 5.0, 1)


def test_the_school_concept_report_shows_both_profiles(client, org):
    survey = survey_round(org.school, slug="schoolconcept", closed=True, groups=["leraren", "oop"])
    for _ in range(3):
        # current 2 on every dimension, desired 6: nearest Adaptief and Innovatief
        respond(
            survey,
            "leraren",
            default=2,
            **{
                f"{d}_gewenst": 6
                for d in (
                    "doel",
                    "pedagogiek",
                    "eigenaarschap",
                    "didactiek",
                    "leerstof",
                    "organisatievorm",
                    "differentiatie",
                    "toetsen",
                    "rapportage",
                )
            },
        )
    client.force_login(org.schoolleider)
    page = client.get(reverse("surveys:report", args=[survey.pk])).content.decode()
    assert "Huidig profiel: Adaptief" in page
    assert "Gewenst profiel: Innovatief" in page
    assert "Schoolconcept: huidig en gewenst" in page and "Variant: Innovatief" in page


def test_stat_arithmetic():
    s = stats.Stat()
    for value, count in ((1, 2), (5, 2)):
        s.add(value, count)
    assert (s.n, s.mean, s.spread, s.share(5)) == (4, 3.0, 2.0, 0.5)
    assert stats.Stat().mean is None and stats.Stat().spread is None


def test_a_deleted_round_no_longer_counts_in_the_benchmark(fixture, other_org):
    from koers.surveys import services
    from koers.surveys.models import Round

    services.delete_round(survey=Round.objects.get(school=other_org.school))
    rep = selectors.report(fixture)
    assert (rep.board_schools, rep.all_schools) == (1, 0)  # two schools left: too few for all
    assert next(r for r in rep.rows if r.dimension.slug == "verwachtingen").everyone is None


def test_reading_a_closed_round_writes_nothing_its_closing_does(client, org):
    from koers.surveys.models import GroupSummary

    survey = survey_round(org.school, closed=True)
    for _ in range(3):
        respond(survey, "leraren")
    selectors.report(survey)
    assert not GroupSummary.objects.exists()  # a selector never writes
    client.force_login(org.schoolleider)
    assert client.get(reverse("surveys:report", args=[survey.pk])).status_code == 200
    assert GroupSummary.objects.filter(round=survey).exists()  # the report view closed it for good


def test_a_group_answering_through_an_open_link_reads_as_such_not_as_nobody_invited(client, org):
    """Issue 18 item 7: "via open link: 4 reacties" against the number expected, also once the
    round is final and no longer keeps its link."""
    from koers.surveys.models import RoundGroup

    survey = survey_round(org.school, closed=True, groups=("leerlingen",))
    RoundGroup.objects.filter(round=survey).update(expected=5)
    for _ in range(4):
        respond(survey, "leerlingen")
    finalise_closed_rounds()
    client.force_login(org.schoolleider)
    page = client.get(reverse("surveys:round", args=[survey.pk]))
    count = page.context["counts"][0]
    assert count.by_open_link and count.rate == 80
    text = page.content.decode()
    assert "via open link: 4 reacties" in text and "via open link, 5 verwacht" in text


def test_the_trend_is_a_line_per_dimension_over_the_closed_rounds(client, org, fixture):
    """Issue 18 item 2: the previous round's 3.0 and this round's 57 / 18, with a table."""
    from koers.surveys import presenters

    view = presenters.report_view(selectors.report(fixture))
    chart = next(c for c in view.trend if c.title == "Hoge verwachtingen")
    assert [row[0] for row in chart.rows] == ["Vorige", "Leerklimaat 2026"]
    assert [row[2] for row in chart.rows] == ["3,0", "3,2"] and "<svg" in chart.svg
    client.force_login(org.schoolleider)
    page = client.get(reverse("surveys:report", args=[fixture.pk])).content.decode()
    assert "Trend over de rondes" in page


def test_a_statement_few_answered_shows_no_figures_that_single_someone_out(client, org, fixture):
    """Only one of the three oop answered verw-2: its oop figures hide, and the total with them,
    since it would give that answer away as the total minus the leraren."""

    item = Item.objects.get(dimension__instrument=fixture.instrument, slug="verw-2")
    oop = [a.pk for a in Answer.objects.filter(response__round=fixture, response__group__slug="oop", item=item)]
    Answer.objects.filter(pk__in=oop[1:]).delete()
    _finalise_again(fixture)  # as if these were the answers when the round closed
    rep = selectors.report(fixture)
    result = _row(rep, "verwachtingen").items[item.pk]
    leraren = rep.visible[0]
    assert set(result.by_group) == {leraren.pk} and result.total.n == 0
    client.force_login(org.schoolleider)
    csv = export_text(client.get(reverse("surveys:export", args=[fixture.pk, "csv"])).content, "csv")
    rows = [line.split(";") for line in csv.splitlines() if item.text in line]
    assert [r[2] for r in rows] == ["Leraren"]
    from koers.surveys import presenters

    view = next(r for r in presenters.report_view(rep).rows if r.row.dimension.slug == "verwachtingen")
    statement = next(iv for iv in view.items if iv.item.pk == item.pk)
    assert [c.label for c in statement.cells] == ["Leraren"] and statement.total is None


def _figures(rep):
    """Everything the report shows, as plain values, to compare two ways of computing it."""
    return {
        "counts": [(c.group.slug, c.invited, c.responded) for c in rep.counts],
        "unknown": [(r.key, r.total.unknown, [i.total.unknown for i in r.items.values()]) for r in rep.rows],
        "visible": [g.slug for g in rep.visible],
        "rows": [
            (
                r.key,
                {g: s.counts for g, s in r.by_group.items()},
                r.total.counts,
                r.leading.counts,
                r.perceiving.counts,
                [(i.item.slug, {g: s.counts for g, s in i.by_group.items()}, i.total.counts) for i in r.items.values()],
                r.previous,
                r.board,
                r.everyone,
            )
            for r in rep.rows
        ],
        "choices": [(c.item.slug, {g: s.counts for g, s in c.by_group.items()}, c.total.counts) for c in rep.choices],
        "open": [(item.slug, n) for item, n in rep.open_items],
    }


def test_a_finalised_round_reports_from_its_stored_counts_the_same_figures_as_from_its_answers(org):
    """Issue 18 item 8 on a hand-computed fixture: three leraren choose options 2, 2 and 5 and
    two of them write something; three directie members answer 4 with no text; the two oop are
    under the minimum. Live (before finalising) and stored (after) must agree to the last count."""
    survey = survey_round(org.school, slug="lerende-organisatie", closed=True, groups=("directie", "leraren", "oop"))
    for choice, text in ((2, "Meer intervisie"), (2, ""), (5, "Leiderschap")):
        respond(survey, "leraren", default=3, cat_1=choice, open_1=text)
    for _ in range(3):
        respond(survey, "directie", default=4)
    for _ in range(2):
        respond(survey, "oop", default=1, open_1="Niet te zien")
    live = selectors.report(survey)
    services.finalise(survey=survey)
    survey.refresh_from_db()
    stored = selectors.report(survey)
    assert survey.finalised and _figures(stored) == _figures(live)
    choice = next(c for c in stored.choices if c.item.slug == "cat-1")
    assert choice.total.counts == {2: 2, 5: 1, 1: 3}  # directie chose 1 (the factory's choice)
    assert stored.open_items[0][1] == 2  # the oop texts are under the minimum
    row = _row(stored, "leiderschap")
    assert row.total.counts == {3: 6, 4: 6} and row.leading.counts == {4: 6} and row.perceiving.counts == {3: 6}


def test_the_report_of_a_finalised_round_never_reads_the_answers(client, org, fixture):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from koers.surveys.models import Response

    client.force_login(org.schoolleider)
    url = reverse("surveys:report", args=[fixture.pk])
    client.get(url)
    for target in (url, reverse("surveys:export", args=[fixture.pk, "csv"])):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(target).status_code == 200
        tables = (Answer._meta.db_table, Response._meta.db_table)
        assert not [q["sql"] for q in ctx if any(f'"{t}"' in q["sql"] for t in tables)], target


def test_dont_know_is_counted_and_shown_but_left_out_of_means_and_spreads(client, org):
    """Four leraren answer verw-1 with 4, 4, 2 and "weet niet" (and 3 on the rest): the
    statement's mean is 10 / 3 over n = 3 with sd sqrt(8 / 9), one "weet niet" beside it; the
    dimension's 3 + 4 + 4 ... sums 10 + 8 × 3 = 34 over 11 answers, stored the same way."""
    from koers.surveys.models import UNKNOWN, GroupSummary

    survey = survey_round(org.school, closed=True, groups=("leraren",))
    for value in (4, 4, 2, UNKNOWN):
        respond(survey, "leraren", verw_1=value)
    live = selectors.report(survey)
    services.finalise(survey=survey)
    survey.refresh_from_db()
    rep = selectors.report(survey)
    assert _figures(rep) == _figures(live)
    row = _row(rep, "verwachtingen")
    statement = next(r for r in row.items.values() if r.item.slug == "verw-1")
    leraren = statement.by_group[rep.visible[0].pk]
    assert (leraren.n, leraren.unknown) == (3, 1) and math.isclose(leraren.mean, 10 / 3)
    assert math.isclose(leraren.spread, math.sqrt(8 / 9))
    assert (row.total.n, row.total.unknown) == (11, 1) and math.isclose(row.total.mean, 34 / 11)
    stored = GroupSummary.objects.get(round=survey, dimension_slug="verwachtingen")
    assert (stored.n, stored.total) == (11, 34)
    client.force_login(org.schoolleider)
    page = client.get(reverse("surveys:report", args=[survey.pk])).content.decode()
    assert "Weet niet / n.v.t.: 1" in page
    csv = export_text(client.get(reverse("surveys:export", args=[survey.pk, "csv"])).content, "csv")
    assert f"Hoge verwachtingen;{statement.item.text};Leraren;3;3,33;0,94;1;" in csv


def test_dont_know_never_counts_toward_a_statements_minimum(org):
    """Three leraren (the minimum); one answers verw-1 "weet niet": two real answers would show
    her colleagues' answers, so the group's figures of verw-1, and its total, stay hidden."""
    from koers.surveys.models import UNKNOWN

    survey = survey_round(org.school, closed=True, groups=("leraren",))
    for value in (4, 2, UNKNOWN):
        respond(survey, "leraren", verw_1=value)
    finalise_closed_rounds()
    survey.refresh_from_db()
    row = _row(selectors.report(survey), "verwachtingen")
    statement = next(r for r in row.items.values() if r.item.slug == "verw-1")
    assert statement.by_group == {} and statement.total.n == 0
    assert row.total.unknown == 1 and row.total.n == 8  # the dimension still shows, without it
