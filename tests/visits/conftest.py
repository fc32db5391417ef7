"""A region with schools of two boards, its coordinator, a pool of trained visitors, and a
visit of the first board's school that has reached its commission."""

import datetime

import pytest

from koers.organisations.models import Membership, Region, Role, User
from koers.visits import services
from koers.visits.models import ProgrammeItem, Visit, VisitorProfile
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


def visitor(region, name: str, *, kind=VisitorProfile.Kind.PEER, school=None) -> VisitorProfile:
    user = User.objects.create_user(f"{name}@visit.example", factories.PASSWORD, full_name=name.title())
    return VisitorProfile.objects.create(
        user=user, region=region, kind=kind, trained_on=datetime.date(2025, 3, 1), home_school=school
    )


@pytest.fixture
def pool(region, org, other_org):
    return {
        "chair": visitor(region, "voorzitter", kind=VisitorProfile.Kind.CHAIR),
        "peer": visitor(region, "peer", school=other_org.school),
        "colleague": visitor(region, "collega", school=org.second_school),
        "own": visitor(region, "eigen", school=org.school),
    }


@pytest.fixture
def visit(org, region) -> Visit:
    """Requested, agreed at the intake and with its programme set: ready for a commission."""
    found = services.request_visit(
        org.school,
        question="Hoe geven we leerlingen meer eigenaarschap?",
        sub_questions=[("Kiezen leerlingen zelf?", "Weinig in de onderbouw."), ("Gebruiken ze feedback?", "")],
        preferred_dates="",
        source_round=None,
        by=org.schoolleider,
    )
    services.save_questions(
        found,
        question=found.question,
        sub_questions=[(s.text, s.self_picture) for s in found.sub_questions.all()],
        agree=True,
    )
    item = ProgrammeItem.objects.create(
        visit=found, start=datetime.time(9), end=datetime.time(11), kind=ProgrammeItem.Kind.LESSONS
    )
    item.sub_questions.set(found.sub_questions.all())
    services.fix_programme(found, visit_on=datetime.date.today() + datetime.timedelta(days=14))
    return found
