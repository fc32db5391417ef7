"""Regions as content, and the third scope of a membership: exactly one of board, school or
region, refused by the database otherwise."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from koers.catalog.loader import load_catalog
from koers.catalog.schema import CatalogError
from koers.organisations.loader import load_regions
from koers.organisations.models import Membership, Region, Role, User

pytestmark = pytest.mark.django_db


def test_the_eight_regions_come_from_the_content(catalog):
    assert Region.objects.count() == 8
    assert {"oost", "noordwest", "zuid"} <= set(Region.objects.values_list("slug", flat=True))
    report = load_catalog()
    assert report.created["Region"] == 0 and report.updated["Region"] == 0  # loading again changes nothing


def test_a_region_in_use_cannot_leave_the_content(catalog, org, tmp_path):
    org.school.region = Region.objects.get(slug="oost")
    org.school.save()
    (tmp_path / "regios.yaml").write_text("regions:\n  - slug: noord\n    name: Noord\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="'oost' is still in use"):
        with transaction.atomic():
            load_regions(tmp_path, report=type("R", (), {"created": {}, "updated": {}, "removed": {}})())
    assert Region.objects.filter(slug="oost").exists()


@pytest.mark.parametrize(
    "where",
    [{}, {"board": "board", "school": "school"}, {"school": "school", "region": "region"}],
    ids=["none", "board-and-school", "school-and-region"],
)
def test_a_membership_with_no_scope_or_two_is_refused_by_the_database(catalog, org, where):
    user = User.objects.create_user("scope@test.example", "x")
    values = {"board": org.board, "school": org.school, "region": Region.objects.first()}
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.LERAAR, **{k: values[k] for k in where})


def test_each_role_hangs_on_its_own_kind_of_scope(catalog, org):
    user = User.objects.create_user("scope@test.example", "x")
    region = Region.objects.first()
    Membership(user=user, role=Role.REGIOCOORDINATOR, region=region).full_clean()
    Membership(user=user, role=Role.BESTUURSBEHEERDER, board=org.board).full_clean()
    with pytest.raises(ValidationError, match="hoort bij een regio"):
        Membership(user=user, role=Role.REGIOCOORDINATOR, school=org.school).full_clean()
    with pytest.raises(ValidationError, match="hoort bij een bestuur"):
        Membership(user=user, role=Role.BESTUURSBEHEERDER, region=region).full_clean()
