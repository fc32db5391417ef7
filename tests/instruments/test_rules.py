"""The handreiking's classification rules, cell by cell."""

import pytest

from koers.instruments import rules
from koers.instruments.rules import Alignment, Figure5, Gap, LeverQuadrant, Scenario, Strategy, Trust


@pytest.mark.parametrize(
    ("trust", "alignment", "expected"),
    [
        (Trust.BETROUWBAAR, Alignment.GELIJK, Figure5.VRIEND),
        (Trust.BETROUWBAAR, Alignment.ONBEKEND, Figure5.TWIJFELAAR),
        (Trust.BETROUWBAAR, Alignment.NIET_GELIJK, Figure5.OPPONENT),
        (Trust.NIET_BETROUWBAAR, Alignment.GELIJK, Figure5.COALITIEGENOOT),
        (Trust.NIET_BETROUWBAAR, Alignment.ONBEKEND, Figure5.OPPONENT),
        (Trust.NIET_BETROUWBAAR, Alignment.NIET_GELIJK, Figure5.VIJAND),
    ],
)
def test_every_cell_of_figure_5(trust, alignment, expected):
    assert rules.figure5_class(trust.value, alignment.value) == expected


def test_figure_5_uses_the_handreikings_words():
    assert [c.value for c in Figure5] == ["vriend", "twijfelaar", "opponent", "coalitiegenoot", "vijand"]


@pytest.mark.parametrize(
    ("interest", "influence", "expected"),
    [
        (5, 5, Strategy.NAUW_BETREKKEN),
        (3, 3, Strategy.NAUW_BETREKKEN),  # the middle counts as large
        (1, 5, Strategy.TEVREDEN_HOUDEN),
        (2, 3, Strategy.TEVREDEN_HOUDEN),
        (5, 1, Strategy.INFORMEREN),
        (3, 2, Strategy.INFORMEREN),
        (1, 1, Strategy.MONITOREN),
        (2, 2, Strategy.MONITOREN),
    ],
)
def test_every_quadrant_of_interest_and_influence(interest, influence, expected):
    assert rules.stakeholder_strategy(interest, influence) == expected


def test_every_score_pair_lands_in_exactly_the_quadrant_its_halves_say():
    for interest in range(1, 6):
        for influence in range(1, 6):
            strategy = rules.stakeholder_strategy(interest, influence)
            high_interest, high_influence = interest >= 3, influence >= 3
            assert (
                strategy
                == {
                    (True, True): Strategy.NAUW_BETREKKEN,
                    (False, True): Strategy.TEVREDEN_HOUDEN,
                    (True, False): Strategy.INFORMEREN,
                    (False, False): Strategy.MONITOREN,
                }[(high_interest, high_influence)]
            )


@pytest.mark.parametrize(
    ("impact", "success", "expected"),
    [
        (5, 5, LeverQuadrant.KANSRIJK),
        (4, 1, LeverQuadrant.LASTIG),
        (2, 4, LeverQuadrant.MAKKELIJK),
        (1, 2, LeverQuadrant.LAAG),
    ],
)
def test_lever_quadrants(impact, success, expected):
    assert rules.lever_quadrant(impact, success) == expected


def test_the_two_scenarios_follow_from_the_gap():
    assert rules.scenario_for(Gap.KLEIN) == Scenario.BEHOUDEN
    assert rules.scenario_for(Gap.GROOT) == Scenario.PRIORITEREN
    assert rules.scenario_for("") is None
