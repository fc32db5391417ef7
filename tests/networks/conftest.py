"""A region with three schools of two boards, its coordinator, and a network in it."""

import pytest

from koers.networks.models import Network, ThemeCategory
from koers.organisations.models import Membership, Region, Role, User
from tests import factories


@pytest.fixture
def region(org, other_org):
    midden = Region.objects.get(slug="midden")
    for school in (org.school, org.second_school, other_org.school):
        school.region = midden
        school.save()
    return midden


@pytest.fixture
def coordinator(region):
    user = User.objects.create_user("coordinator@regio.example", factories.PASSWORD, full_name="Coco Regio")
    Membership.objects.create(user=user, role=Role.REGIOCOORDINATOR, region=region)
    return user


@pytest.fixture
def network(region, coordinator):
    return Network.objects.create(
        name="Leren van elkaars HRM",
        region=region,
        theme_category=ThemeCategory.objects.get(slug="shrm"),
        regional_question="Hoe houden we jonge leraren vast?",
        created_by=coordinator,
    )
