import datetime

import pytest
from django.utils import timezone

from koers.careers import services
from koers.careers.models import CareerRole, Pop, school_year
from koers.organisations.models import Team


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def team(org) -> Team:
    """The teacher, a colleague and the teamleider in one team."""
    found = Team.objects.create(school=org.school, name="Onderbouw")
    found.members.add(org.leraar.person, org.bystander.person, org.teamleider.person)
    return found


@pytest.fixture
def pop(org, today) -> Pop:
    found = services.start_pop(org.leraar.person, school_year(today))
    found.ambition = "Over drie jaar begeleid ik starters in de onderbouw."
    found.save()
    return found


@pytest.fixture
def coach_role() -> CareerRole:
    return CareerRole.objects.get(slug="coach")
