import datetime
from decimal import Decimal as D

import pytest

from koers.plans import rules

START, TARGET_DATE = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)  # 364 days


def course(latest, on, baseline=D(40), target=D(80), target_date=TARGET_DATE):
    return rules.goal_course(
        baseline=baseline, target=target, start=START, target_date=target_date, latest=latest, latest_on=on
    )


def test_the_path_runs_straight_from_baseline_to_target():
    half = START + (TARGET_DATE - START) / 2
    assert rules.expected_value(baseline=D(40), target=D(80), start=START, target_date=TARGET_DATE, on=half) == D(
        "60.00"
    )
    # Before the start and after the target date the path stays at its ends.
    assert (
        rules.expected_value(
            baseline=D(40), target=D(80), start=START, target_date=TARGET_DATE, on=START - datetime.timedelta(9)
        )
        == 40
    )
    assert (
        rules.expected_value(
            baseline=D(40), target=D(80), start=START, target_date=TARGET_DATE, on=datetime.date(2030, 1, 1)
        )
        == 80
    )


@pytest.mark.parametrize(
    "latest, track",
    [
        (D(60), rules.Track.ON),  # exactly on the path
        (D(57), rules.Track.ON),  # 3 behind: within 10% of the 40-point distance
        (D(55), rules.Track.OFF),  # 5 behind
        (D(75), rules.Track.ON),  # ahead is on course
    ],
)
def test_a_goal_is_off_course_once_it_lags_more_than_a_tenth_of_the_way(latest, track):
    half = START + (TARGET_DATE - START) / 2
    assert course(latest, half).track == track


def test_a_falling_target_counts_lagging_the_other_way():
    half = START + (TARGET_DATE - START) / 2  # path from 20 down to 10: 15 expected
    assert course(D(17), half, baseline=D(20), target=D(10)).track == rules.Track.OFF
    assert course(D(12), half, baseline=D(20), target=D(10)).track == rules.Track.ON


def test_without_a_path_or_a_measurement_no_course_is_claimed():
    assert course(None, None).track == rules.Track.NO_DATA
    assert course(D(50), START, target_date=None).track == rules.Track.UNTRACKABLE
    assert course(D(50), START, baseline=None).track == rules.Track.UNTRACKABLE


def test_an_activity_is_overdue_only_after_its_end_date_and_while_not_done():
    end = datetime.date(2026, 3, 1)
    assert rules.is_overdue(end_date=end, status="bezig", today=end + datetime.timedelta(1))
    assert not rules.is_overdue(end_date=end, status="bezig", today=end)
    assert not rules.is_overdue(end_date=end, status="klaar", today=end + datetime.timedelta(1))


@pytest.mark.parametrize(
    "work, evaluating, decided, step",
    [
        (False, False, False, "plan"),
        (True, False, False, "do"),
        (True, True, False, "check"),
        (True, True, True, "act"),
        (False, True, False, "check"),
    ],
)
def test_the_pdca_step_follows_the_work_of_the_cycle(work, evaluating, decided, step):
    assert rules.pdca_step(work_started=work, evaluation_started=evaluating, decided=decided) == step
