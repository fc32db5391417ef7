"""Server time and queries of a lesson-observation period's figures (the Table 2 shares per
school and team, Table 3 by training, and the domain means) at 500 and at 5,000 final
observations of 250 teachers in 10 teams, while the period is open (computed per request) and
once it closed (read from the figures stored at closing). The query count must be the same at
both sizes. Observations are written in bulk with their stored verdicts, as the services leave
them.

    .venv/bin/python bench/observations.py [--observations 5000] [--requests 40]
"""

import argparse
import datetime
import os
import random
import tempfile
import time
import uuid

os.environ.setdefault("KOERS_VAR_DIR", tempfile.mkdtemp(prefix="koers-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "koers.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from koers.observations import services  # noqa: E402
from koers.observations.models import Observation, ObservationItem, ObservationScore  # noqa: E402
from koers.organisations.models import Board, Functie, Membership, Person, Role, School, Team, User  # noqa: E402
from pages import measure  # noqa: E402


def seed(period, teachers, observer, items, count: int, rng: random.Random) -> None:
    rows = []
    for n in range(count):
        basic, diff = rng.random() < 0.63, rng.random() < 0.33
        rows.append(
            Observation(
                period=period,
                teacher=teachers[n % len(teachers)],
                observer=observer,
                client_key=uuid.uuid4(),
                date=period.opens_on,
                status=Observation.Status.DEFINITIEF,
                basic_ok=basic,
                diff_ok=diff,
                both_ok=basic and diff,
            )
        )
    Observation.objects.bulk_create(rows, batch_size=1000)
    ObservationScore.objects.bulk_create(
        (ObservationScore(observation=o, item=i, value=rng.randint(1, 4)) for o in rows for i in items),
        batch_size=5000,
    )


@override_settings(ALLOWED_HOSTS=["testserver"])
def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--observations", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_catalog", verbosity=0)
    board = Board.objects.create(name="Bench")
    school = School.objects.create(board=board, name="Bench College", brin="00BB", sector="vo")
    teams = [Team.objects.create(school=school, name=f"Team {n}") for n in range(10)]
    leader = User.objects.create_user("leider@bench.example", full_name="Schoolleider")
    Membership.objects.create(user=leader, role=Role.SCHOOLLEIDER, school=school)
    teachers = []
    for n in range(250):
        person = Person.objects.create(
            board=board, school=school, first_name="Docent", last_name=f"{n:03d}", functie=Functie.DOCENT_LB
        )
        person.teams.add(teams[n % 10])
        teachers.append(person)
    today = datetime.date.today()
    period = services.open_period(
        school,
        name="Bench",
        opens_on=today,
        closes_on=today,
        purpose="ontwikkeling",
        observers=[leader],
        team=None,
        min_per_teacher=2,
        min_cell=5,
        by=leader,
    )
    items = list(ObservationItem.objects.filter(domain__instrument=period.instrument))
    client = Client()
    client.force_login(leader)
    rng = random.Random(5)
    print(f"{'observations':>13}{'page':>22}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
    seeded = 0
    for total in (args.observations // 10, args.observations):
        seed(period, teachers, leader, items, total - seeded, rng)
        seeded = total
        for name, url in (
            ("figures of the period", f"/lesobservaties/{period.pk}/rapport/"),
            ("period planning", f"/lesobservaties/{period.pk}/"),
        ):
            r = measure(client, url, args.requests)
            print(f"{total:>13}{name:>22}{r['median']:>11.2f}{r['p95']:>9.2f}{r['queries']:>9}")
    # Closing stores the figures once; from then on the report reads only those.
    started = time.perf_counter()
    services.close_period(period)
    print(f"closing the period (computing and storing its figures): {1000 * (time.perf_counter() - started):.0f} ms")
    r = measure(client, f"/lesobservaties/{period.pk}/rapport/", args.requests)
    print(f"{seeded:>13}{'figures, closed':>22}{r['median']:>11.2f}{r['p95']:>9.2f}{r['queries']:>9}")


if __name__ == "__main__":
    main()
