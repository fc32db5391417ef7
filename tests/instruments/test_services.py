import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from koers.catalog.models import AmoItem, Lever, Subphase
from koers.instruments import services
from koers.instruments.models import (
    AmoElement,
    BottleneckAssessment,
    CoherenceLink,
    Goal,
    LeverChoice,
    SituationAssessment,
    Stakeholder,
)

pytestmark = pytest.mark.django_db


def _slug(instrument: str) -> str:
    return Subphase.holding(instrument).slug


def goal_values(**overrides):
    values = {
        "level": "medewerkers",
        "description": "Alle leraren differentiëren",
        "involved": "",
        "term": "kort",
        "target_date": None,
        "smart": [],
        "indicator": "",
        "unit": "",
        "baseline": None,
        "target_value": None,
    }
    values.update(overrides)
    return values


def stakeholder_values(**overrides):
    values = {
        "name": "MR",
        "kind": "intern",
        "role": "",
        "ideas": "",
        "knowledge": "",
        "relations": "",
        "interest": 4,
        "influence": 4,
        "alignment": "gelijk",
        "trust": "betrouwbaar",
        "key_figure": False,
    }
    values.update(overrides)
    return values


# --- goals -----------------------------------------------------------------------------------


def test_sharpening_a_goal_keeps_the_original(org):
    goal = services.add_goal(
        trajectory=org.trajectory, user=org.schoolleider, subphase_slug=_slug("doelen"), **goal_values()
    )
    services.change_goal(
        goal=goal,
        user=org.teamleider,
        subphase_slug=_slug("aanscherpen"),
        reason="Analyse 1B: bovenbouw blijft achter",
        **goal_values(
            description="80% van de leraren differentieert in 2028", term="lang", target_date=datetime.date(2028, 7, 1)
        ),
    )
    goal.refresh_from_db()
    original, sharpened = goal.revisions.all()
    assert goal.version == 2 and goal.term == "lang"
    assert original.snapshot["description"] == "Alle leraren differentiëren"
    assert original.subphase_slug == _slug("doelen")
    assert sharpened.subphase_slug == _slug("aanscherpen") and sharpened.reason.startswith("Analyse 1B")
    assert sharpened.snapshot["target_date"] == "2028-07-01"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"description": "  "}, "description"),
        ({"term": "lang", "target_date": None}, "target_date"),
        ({"baseline": 40, "indicator": ""}, "indicator"),
        ({"level": "klas"}, "level"),
    ],
)
def test_a_goal_with_bad_input_is_refused_at_the_field(org, values, field):
    with pytest.raises(ValidationError) as exc:
        services.add_goal(
            trajectory=org.trajectory, user=org.schoolleider, subphase_slug=_slug("doelen"), **goal_values(**values)
        )
    assert field in exc.value.message_dict
    assert not Goal.objects.exists()


def test_a_goal_used_in_the_amo_planner_cannot_be_deleted(org):
    goal = services.add_goal(
        trajectory=org.trajectory, user=org.schoolleider, subphase_slug=_slug("doelen"), **goal_values()
    )
    chain = services.add_chain(
        trajectory=org.trajectory,
        goal=goal,
        behaviour="Differentiëren",
        expected_effect="",
        time_path="",
        support="",
        investment="",
    )
    with pytest.raises(ValidationError):
        services.delete_goal(goal=goal)
    assert Goal.objects.filter(pk=goal.pk).exists()
    services.delete_chain(chain=chain)
    services.delete_goal(goal=goal)
    assert not Goal.objects.exists()


# --- situation map and knelpunten ------------------------------------------------------------


def test_a_catalogue_row_is_filled_in_once_and_updated_after(org):
    for current in ("Weinig", "Iets meer"):
        services.save_situation(
            trajectory=org.trajectory,
            row_slug="t6-dialoog-niveaus",
            current=current,
            desired="",
            difference="",
            gap="klein",
            action_needed=None,
            action="",
        )
    row = SituationAssessment.objects.get()
    assert row.current == "Iets meer" and row.gap == "klein"


def test_an_unknown_row_or_contradicting_action_is_refused(org):
    with pytest.raises(ValidationError):
        services.save_situation(trajectory=org.trajectory, row_slug="bestaat-niet", current="x")
    with pytest.raises(ValidationError) as exc:
        services.save_situation(
            trajectory=org.trajectory, row_slug="t6-dialoog-niveaus", action_needed=False, action="Toch iets doen"
        )
    assert "action" in exc.value.message_dict
    assert not SituationAssessment.objects.exists()


def test_a_bottleneck_that_does_not_occur_has_no_urgency(org):
    with pytest.raises(ValidationError) as exc:
        services.save_bottleneck(
            trajectory=org.trajectory,
            bottleneck_slug="kp-doelen-niet-in-beeld",
            occurs=False,
            urgency=3,
            why="",
            own_action="",
        )
    assert "urgency" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.save_bottleneck(
            trajectory=org.trajectory,
            bottleneck_slug="kp-doelen-niet-in-beeld",
            occurs=True,
            urgency=5,
            why="",
            own_action="",
        )
    assert not BottleneckAssessment.objects.exists()


# --- stakeholders ----------------------------------------------------------------------------


def test_a_duplicate_stakeholder_name_warns_until_confirmed(org):
    services.add_stakeholder(trajectory=org.trajectory, **stakeholder_values())
    with pytest.raises(services.DuplicateName):
        services.add_stakeholder(trajectory=org.trajectory, **stakeholder_values(name=" mr "))
    services.add_stakeholder(trajectory=org.trajectory, confirm_duplicate=True, **stakeholder_values(name="MR"))
    assert Stakeholder.objects.count() == 2


def test_renaming_a_stakeholder_to_its_own_name_is_no_duplicate(org):
    s = services.add_stakeholder(trajectory=org.trajectory, **stakeholder_values())
    services.change_stakeholder(stakeholder=s, **stakeholder_values(influence=1))
    s.refresh_from_db()
    assert s.influence == 1 and s.strategy.value == "informeren"


@pytest.mark.parametrize("field", ["interest", "influence"])
@pytest.mark.parametrize("score", [0, 6, -1])
def test_a_score_out_of_range_is_refused(org, field, score):
    with pytest.raises(ValidationError) as exc:
        services.add_stakeholder(trajectory=org.trajectory, **stakeholder_values(**{field: score}))
    assert field in exc.value.message_dict
    assert not Stakeholder.objects.exists()


def test_the_database_refuses_a_score_out_of_range_too(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        Stakeholder.objects.create(trajectory=org.trajectory, **stakeholder_values(interest=9))


# --- levers and the AMO planner --------------------------------------------------------------


def test_a_lever_is_chosen_by_scoring_it_and_out_of_range_scores_are_refused(org):
    lever = Lever.objects.get(slug="on-begeleiding-leraren")
    choice = services.score_lever(trajectory=org.trajectory, lever_slug=lever.slug, impact=5, success=2, note="")
    assert choice.cluster_slug == "opleiding-en-nascholing"
    assert choice.quadrant.value == "lastig"
    with pytest.raises(ValidationError) as exc:
        services.score_lever(trajectory=org.trajectory, lever_slug=lever.slug, impact=7)
    assert "impact" in exc.value.message_dict
    choice.refresh_from_db()
    assert choice.impact == 5


def test_a_lever_an_intervention_uses_cannot_be_removed(org):
    choice = services.score_lever(
        trajectory=org.trajectory, lever_slug="on-begeleiding-leraren", impact=5, success=4, note=""
    )
    chain = services.add_chain(
        trajectory=org.trajectory,
        goal=None,
        behaviour="Coachen",
        expected_effect="",
        time_path="",
        support="",
        investment="",
    )
    element = services.add_element(
        chain=chain, factor="ability", kind="intervention", item_slug="amo-a-coach", lever=choice
    )
    with pytest.raises(ValidationError):
        services.remove_lever(choice=choice)
    assert LeverChoice.objects.filter(pk=choice.pk).exists()
    services.delete_element(element=element)
    services.remove_lever(choice=choice)
    assert not LeverChoice.objects.exists()


def test_an_element_must_fit_its_factor_column_and_trajectory(org, other_org):
    chain = services.add_chain(
        trajectory=org.trajectory,
        goal=None,
        behaviour="Coachen",
        expected_effect="",
        time_path="",
        support="",
        investment="",
    )
    coach = AmoItem.objects.get(slug="amo-a-coach")  # an Ability intervention
    with pytest.raises(ValidationError):
        services.add_element(chain=chain, factor="opportunity", kind="intervention", item_slug=coach.slug)
    with pytest.raises(ValidationError):
        services.add_element(chain=chain, factor="ability", kind="intervention")
    foreign = services.score_lever(
        trajectory=other_org.trajectory, lever_slug="on-begeleiding-leraren", impact=1, success=1
    )
    with pytest.raises(ValidationError):
        services.add_element(chain=chain, factor="ability", kind="intervention", item_slug=coach.slug, lever=foreign)
    own = services.score_lever(trajectory=org.trajectory, lever_slug="on-begeleiding-leraren", impact=1, success=1)
    with pytest.raises(ValidationError):
        services.add_element(chain=chain, factor="ability", kind="leadership", own_text="Feedback geven", lever=own)
    assert not AmoElement.objects.exists()


def test_a_chain_cannot_use_a_goal_of_another_trajectory(org, other_org):
    foreign = services.add_goal(
        trajectory=other_org.trajectory, user=other_org.schoolleider, subphase_slug=_slug("doelen"), **goal_values()
    )
    with pytest.raises(ValidationError):
        services.add_chain(
            trajectory=org.trajectory,
            goal=foreign,
            behaviour="x",
            expected_effect="",
            time_path="",
            support="",
            investment="",
        )


# --- coherence -------------------------------------------------------------------------------


def test_the_coherence_matrix_saves_cells_and_clears_emptied_ones(org):
    own = services.add_own_theme(trajectory=org.trajectory, own_name="Werkdruk")
    pair = ("theme-meer-differentiatie", f"own-{own.pk}")
    services.save_coherence(
        trajectory=org.trajectory,
        links={pair: "verzwakt"},
        notes={"theme-meer-differentiatie": {"chances": "Samen leren"}},
    )
    link = CoherenceLink.objects.get()
    assert (link.source.theme_slug, link.target.own_name, link.effect) == (
        "meer-differentiatie",
        "Werkdruk",
        "verzwakt",
    )
    services.save_coherence(trajectory=org.trajectory, links={pair: ""}, notes={})
    assert not CoherenceLink.objects.exists()
    assert org.trajectory.coherence_themes.get(theme_slug="meer-differentiatie").chances == "Samen leren"


def test_the_coherence_matrix_refuses_a_theme_of_another_trajectory(org, other_org):
    foreign = services.add_own_theme(trajectory=other_org.trajectory, own_name="Elders")
    with pytest.raises(ValidationError):
        services.save_coherence(
            trajectory=org.trajectory, links={("theme-meer-differentiatie", f"own-{foreign.pk}"): "geen"}, notes={}
        )
    assert not CoherenceLink.objects.exists()
