import pytest
from django.core.management import call_command

from koers.organisations.models import Board, Functie, Person, Role, School, User
from koers.trajectories.models import Dialogue, Entry, SubphaseStatus, Trajectory

pytestmark = pytest.mark.django_db


def test_the_demo_organisation_is_complete_and_loads_once(catalog, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    call_command("load_demo")

    board = Board.objects.get(name="Stichting Lumen Onderwijs")
    assert Board.objects.count() == 2  # a second board in the same region
    assert sorted(School.objects.filter(board=board).values_list("sector", flat=True)) == ["mbo", "po", "vo"]
    assert all(s.teams.exists() for s in School.objects.filter(board=board))
    assert set(School.objects.values_list("region__slug", flat=True)) == {"midden"}
    outside = User.objects.get(email="procesbegeleider@leernetwerk.example")
    assert not outside.memberships.exists() and not hasattr(outside, "person")
    assert "procesbegeleider@leernetwerk.example" in out
    people = Person.objects.filter(board=board)
    assert 38 <= people.count() <= 45
    assert set(people.values_list("functie", flat=True)) == set(Functie.values)
    roles = set(User.objects.values_list("memberships__role", flat=True))
    assert set(Role.values) <= roles
    for user in User.objects.filter(memberships__isnull=False):
        assert user.email in out

    trajectory = Trajectory.objects.get()
    assert trajectory.theme.slug == "meer-differentiatie"
    done = set(SubphaseStatus.objects.filter(done=True).values_list("subphase_slug", flat=True))
    assert done == {"1a-visie-en-doelen"}
    answered = set(Entry.objects.filter(kind="answer").values_list("subphase_slug", flat=True))
    assert answered == {"1a-visie-en-doelen", "1b-huidige-en-gewenste-situatie"}
    assert Dialogue.objects.count() == 2
    assert Entry.objects.filter(version__gt=1).exists()  # a history to look at
