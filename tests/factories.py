"""Small builders for test data: one board with a school, people in each role, a trajectory."""

import datetime
import itertools
from dataclasses import dataclass

from koers.catalog.models import Subphase, Theme
from koers.organisations.models import (
    Board,
    Functie,
    Membership,
    Person,
    Role,
    School,
    User,
)
from koers.trajectories import services
from koers.trajectories.models import Entry, Trajectory

_seq = itertools.count(1)
PASSWORD = "test-wachtwoord-123"


def school(board: Board, *, name: str | None = None, brin: str | None = None,
           sector: str = "vo") -> School:
    n = next(_seq)
    return School.objects.create(
        board=board, name=name or f"School {n}", brin=brin or f"{n % 100:02d}ZZ", sector=sector
    )


def person(board: Board, school: School | None, functie: str = Functie.DOCENT_LB,
           *, user: User | None = None, name: str | None = None) -> Person:
    n = next(_seq)
    first, last = (name or f"Persoon {n}").split(" ", 1)
    return Person.objects.create(board=board, school=school, first_name=first, last_name=last,
                                 functie=functie, user=user)


def user_with_role(role: str, *, board: Board | None = None, school: School | None = None,
                   email: str | None = None) -> User:
    n = next(_seq)
    user = User.objects.create_user(email or f"{role}{n}@test.example", PASSWORD,
                                    full_name=f"{role.title()} {n}")
    Membership.objects.create(user=user, role=role, board=board, school=school)
    functie = {Role.LERAAR: Functie.DOCENT_LB, Role.HR_ADVISEUR: Functie.HR_ADVISEUR}.get(
        role, role)
    person(board or school.board, school, functie, user=user)
    return user


def trajectory(school: School, owner: Person, *, participants=(), theme_slug="meer-differentiatie",
               title="Meer differentiatie") -> Trajectory:
    return services.start_trajectory(
        user=owner.user, board=school.board, school=school,
        theme=Theme.objects.get(slug=theme_slug), title=title, owner=owner,
        participants=list(participants), start_date=datetime.date(2026, 9, 1),
    )


def answer_everything(t: Trajectory, user: User) -> None:
    """Fill every question and reflection, the heaviest a trajectory gets."""
    versions = dict(Entry.objects.filter(trajectory=t).values_list("key", "version"))
    for sub in Subphase.objects.prefetch_related("questions"):
        for q in sub.questions.all():
            services.save_entry(trajectory=t, kind=Entry.Kind.ANSWER, key=q.slug,
                                subphase_slug=sub.slug, text=f"Antwoord op {q.slug}",
                                not_relevant=False, base_version=versions.get(q.slug, 0),
                                user=user)
        services.save_entry(trajectory=t, kind=Entry.Kind.REFLECTION, key=sub.slug,
                            subphase_slug=sub.slug, text="Reflectie", not_relevant=False,
                            base_version=0, user=user)


@dataclass
class Organisation:
    board: Board
    school: School
    second_school: School
    bestuurder: User
    schoolleider: User
    teamleider: User
    leraar: User
    bystander: User
    trajectory: Trajectory

    @classmethod
    def build(cls, name: str = "Stichting Test", brin_prefix: str = "1") -> "Organisation":
        board = Board.objects.create(name=name)
        first = school(board, name=f"{name} College", brin=f"{brin_prefix}1AA")
        second = school(board, name=f"{name} Basisschool", brin=f"{brin_prefix}2BB", sector="po")
        bestuurder = user_with_role(Role.BESTUURDER, board=board)
        leader = user_with_role(Role.SCHOOLLEIDER, school=first)
        teamleider = user_with_role(Role.TEAMLEIDER, school=first)
        leraar = user_with_role(Role.LERAAR, school=first)
        bystander = user_with_role(Role.LERAAR, school=first)
        t = trajectory(first, leader.person, participants=[leraar.person])
        return cls(board, first, second, bestuurder, leader, teamleider, leraar,
                   bystander, t)
