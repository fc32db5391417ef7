import pytest

from koers.organisations import access
from koers.organisations.models import Membership, Role
from koers.trajectories import access as trajectory_access
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_board_member_sees_every_school_of_the_board_and_nothing_else(org, other_org):
    assert set(access.schools_for(org.bestuurder)) == {org.school, org.second_school}
    assert set(trajectory_access.trajectories_for(org.bestuurder)) == {org.trajectory}


def test_a_school_leader_sees_only_their_own_school(org, other_org):
    assert list(access.schools_for(org.schoolleider)) == [org.school]
    assert list(access.managed_schools(org.schoolleider)) == [org.school]


def test_a_teacher_sees_the_trajectories_they_take_part_in(org):
    assert list(trajectory_access.trajectories_for(org.leraar)) == [org.trajectory]
    assert list(trajectory_access.trajectories_for(org.bystander)) == []
    assert list(access.managed_schools(org.leraar)) == []


def test_a_deleted_trajectory_is_out_of_everyones_sight(org):
    from django.utils import timezone

    org.trajectory.deleted_at = timezone.now()
    org.trajectory.save()
    assert not trajectory_access.trajectories_for(org.schoolleider).exists()
    assert not trajectory_access.trajectories_for(org.leraar).exists()


def test_a_membership_names_either_a_board_or_a_school(org):
    from django.core.exceptions import ValidationError

    membership = Membership(user=org.leraar, role=Role.LERAAR, board=org.board, school=org.school)
    with pytest.raises(ValidationError):
        membership.full_clean()
    board_role_at_school = Membership(user=org.leraar, role=Role.BESTUURDER, school=org.school)
    with pytest.raises(ValidationError, match="bestuur"):
        board_role_at_school.full_clean()


def test_people_of_a_school_include_the_board_office_but_not_other_schools(org):
    office = factories.person(org.board, None)
    elsewhere = factories.person(org.board, org.second_school)
    people = set(access.people_for_school(org.school))
    assert office in people
    assert elsewhere not in people


def test_can_steer_agrees_with_the_steerable_scope_for_everyone(org, other_org):

    from koers.organisations.models import User
    from koers.trajectories.models import Trajectory

    board_wide = factories.trajectory(org.school, org.schoolleider.person)
    board_wide.school = None
    board_wide.save()
    owned_by_teacher = factories.trajectory(org.school, org.bystander.person, title="Eigen traject")
    assert Trajectory.objects.filter(deleted_at__isnull=True).count() == 4
    for user in User.objects.all():
        steerable = set(trajectory_access.steerable_trajectories(user))
        for trajectory in Trajectory.objects.select_related("owner"):
            assert trajectory_access.can_steer(user, trajectory) == (trajectory in steerable), (user, trajectory)
    assert trajectory_access.can_steer(org.bystander, owned_by_teacher)
    assert not trajectory_access.can_steer(org.leraar, org.trajectory)
