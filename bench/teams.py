"""Server time and queries of the team pages: the school's teams side by side (real-team check,
this year's plan and the balance of each team's latest Ontwikkelruimtetest) at 4 and at 40
teams of 8 members, and one team's page. Every team has a plan, its cards handed out and a
finalised team round of 8 answers. The query counts must be the same at both sizes.

    .venv/bin/python bench/teams.py [--teams 40] [--requests 40]
"""

import argparse
import datetime
import os
import tempfile

os.environ.setdefault("KOERS_VAR_DIR", tempfile.mkdtemp(prefix="koers-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "koers.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from koers.careers.models import school_year  # noqa: E402
from koers.organisations.models import Board, Functie, Membership, Person, Role, School, Team, User  # noqa: E402
from koers.surveys.demo import fill, make_round  # noqa: E402
from koers.surveys.services import finalise  # noqa: E402
from koers.teams import services  # noqa: E402
from koers.teams.models import ActivityCard  # noqa: E402
from pages import measure  # noqa: E402


def add_teams(school: School, leader: User, start: int, count: int) -> Team:
    cards = list(ActivityCard.objects.all())
    year = school_year(timezone.localdate())
    team = None
    for n in range(start, start + count):
        team = Team.objects.create(school=school, name=f"Team {n:02d}", shared_goal="Samen beter", interdependent=True)
        people = [
            Person.objects.create(
                board=school.board, school=school, first_name="Docent", last_name=f"{n}-{m}", functie=Functie.DOCENT_LB
            )
            for m in range(8)
        ]
        team.members.add(*people)
        for card, person in zip(cards, people, strict=False):
            services.hand_out(team, card=card, person=person, reason="")
        services.save_plan(
            team,
            year,
            by=leader,
            expected_version=None,
            goals=[],
            practices=[],
            hours=None,
            budget=None,
            development_points="Differentiëren",
        )
        survey = make_round(
            school=school,
            slug="ontwikkelruimtetest",
            title=f"Ontwikkelruimtetest {team.name}",
            opens_on=timezone.localdate() - datetime.timedelta(days=30),
            days=7,
            groups=["teamleden"],
            min_group_size=3,
        )
        survey.team = team
        survey.save(update_fields=["team"])
        fill(survey, {"teamleden": 8}, level={"teamleden": 0.6}, seed=n)
        finalise(survey=survey)
    return team


@override_settings(ALLOWED_HOSTS=["testserver"])
def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teams", type=int, default=40)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_catalog", verbosity=0)
    board = Board.objects.create(name="Bench")
    school = School.objects.create(board=board, name="Bench College", brin="00BB", sector="vo")
    leader = User.objects.create_user("leider@bench.example", full_name="Schoolleider")
    Membership.objects.create(user=leader, role=Role.SCHOOLLEIDER, school=school)
    client = Client()
    client.force_login(leader)
    print(f"{'teams':>6}{'page':>26}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
    made = 0
    for total in (args.teams // 10, args.teams):
        team = add_teams(school, leader, made, total - made)
        made = total
        for name, url in (
            ("teams side by side", f"/scholen/{school.pk}/teamontwikkeling/"),
            ("one team's page", f"/teams/{team.pk}/"),
        ):
            r = measure(client, url, args.requests)
            print(f"{total:>6}{name:>26}{r['median']:>11.2f}{r['p95']:>9.2f}{r['queries']:>9}")


if __name__ == "__main__":
    main()
