"""Server time and queries of the career pages that count many staff: a school's conversation
overview (its first page of 30 people), the board's career figures over 10 schools, the
functiemix and a POP with 20 activities. Staff grow from 50 to 1,000 over the board's ten
schools; the query counts must be the same at both sizes. Then a selection procedure's page
with 3 and with 30 judged candidates, and a teacher's dossier as a ZIP with 50 portfolio
files: time and peak memory.

    .venv/bin/python bench/careers.py [--staff 1000] [--requests 40]
"""

import argparse
import datetime
import os
import tempfile
import time

os.environ.setdefault("KOERS_VAR_DIR", tempfile.mkdtemp(prefix="koers-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "koers.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from koers.careers import services  # noqa: E402
from koers.careers.models import ActivityKind, Conversation, CycleTemplate, school_year  # noqa: E402
from koers.organisations.models import Board, Functie, Membership, Person, Role, School, Team, User  # noqa: E402
from pages import measure  # noqa: E402

SCALES = [Functie.DOCENT_LB] * 6 + [Functie.DOCENT_LC] * 3 + [Functie.DOCENT_LD]


def seed(schools: list[School], count: int, offset: int, year: str) -> None:
    """Staff spread over the schools and their four teams, each with the cycle's three
    conversations, half of them held and locked with hours and budget."""
    now = timezone.now()
    for n in range(offset, offset + count):
        school = schools[n % len(schools)]
        person = Person.objects.create(
            board=school.board, school=school, first_name="Docent", last_name=f"{n:05d}", functie=SCALES[n % 10]
        )
        person.teams.add(school.teams.all()[n % 4])
    services_year = int(year[:4])
    new = []
    for person in Person.objects.filter(last_name__gte=f"{offset:05d}", last_name__lt=f"{offset + count:05d}"):
        for i, (kind, purpose, month) in enumerate(
            (
                ("planningsgesprek", "ontwikkeling", 9),
                ("voortgangsgesprek", "ontwikkeling", 2),
                ("beoordelingsgesprek", "borging", 6),
            )
        ):
            held = i == 0 and person.pk % 2 == 0
            new.append(
                Conversation(
                    person=person,
                    kind=kind,
                    purpose=purpose,
                    school_year=year,
                    scheduled_on=datetime.date(services_year if month >= 8 else services_year + 1, month, 15),
                    held_on=datetime.date(services_year, 9, 20) if held else None,
                    prof_hours=40 if held else None,
                    prof_budget=500 if held else None,
                    teacher_agreed_at=now if held else None,
                    manager_agreed_at=now if held else None,
                )
            )
    Conversation.objects.bulk_create(new)


@override_settings(ALLOWED_HOSTS=["testserver"])
def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_catalog", verbosity=0)
    year = school_year(timezone.localdate())
    board = Board.objects.create(name="Bench")
    schools = []
    for n in range(10):
        school = School.objects.create(board=board, name=f"School {n}", brin=f"{n:02d}BB", sector="vo")
        Team.objects.bulk_create(Team(school=school, name=f"Team {k}") for k in range(4))
        schools.append(school)
    bestuurder = User.objects.create_user("bestuur@bench.example", full_name="Bestuurder")
    Membership.objects.create(user=bestuurder, role=Role.BESTUURDER, board=board)
    teacher = User.objects.create_user("docent@bench.example", full_name="Docent")
    own = Person.objects.create(
        board=board, school=schools[0], first_name="Eigen", last_name="Docent", functie=Functie.DOCENT_LC, user=teacher
    )
    services.choose_cycle(schools[0], CycleTemplate.objects.get(slug="klassiek"), by=bestuurder)
    pop = services.start_pop(own, year)
    kinds = list(ActivityKind.objects.all())
    for n in range(20):
        services.add_activity(pop, kind=kinds[n % len(kinds)], title=f"Activiteit {n}", contact_hours=4)
    board_client, teacher_client = Client(), Client()
    board_client.force_login(bestuurder)
    teacher_client.force_login(teacher)
    print(f"{'staff':>6}{'page':>32}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
    seeded = 0
    for total in (50, args.staff):
        start = time.perf_counter()
        seed(schools, total - seeded, seeded, year)
        seeded = total
        print(f"  seeded up to {total} staff in {time.perf_counter() - start:.1f} s")
        for name, client, url in (
            ("school conversation overview", board_client, f"/scholen/{schools[0].pk}/gesprekken/"),
            ("board career figures", board_client, f"/besturen/{board.pk}/loopbaan/"),
            ("functiemix of a school", board_client, f"/scholen/{schools[0].pk}/functiemix/"),
            ("POP with 20 activities", teacher_client, f"/mijn-loopbaan/pop/{year}/"),
        ):
            r = measure(client, url, args.requests)
            print(f"{total:>6}{name:>32}{r['median']:>11.2f}{r['p95']:>9.2f}{r['queries']:>9}")
    measure_selection(schools[0], bestuurder, board_client, args.requests)
    measure_dossier(own, teacher_client)


def measure_selection(school: School, bestuurder: User, client: Client, requests: int) -> None:
    """A procedure with 3, then 30 candidates, each with a submitted item and two judgements."""
    from koers.careers.models import Candidate, CareerRole, Evidence

    role = CareerRole.objects.get(slug="coach")
    adopted = services.adopt_framework(school, role.framework, by=bestuurder)
    adopted.drafted_with = "Bench"
    adopted.save()
    services.publish_framework(adopted, by=bestuurder, today=timezone.localdate())
    offer = services.offer_role(
        school, role=role, places=2, hours=None, level_hint="LC", period="", note="", by=bestuurder
    )
    second = User.objects.create_user("tweede@bench.example", full_name="Tweede beoordelaar")
    staff = list(Person.objects.filter(school=school)[:30])
    services.state_interest(offer, staff[0], motivation="")
    procedure = services.open_procedure(
        offer,
        weights={c.slug: 1 for c in role.framework.competences.all()},
        assessors=[bestuurder, second],
        by=bestuurder,
    )
    scores = {c["slug"]: 3 for c in procedure.criteria}
    done = 0
    print()
    for total in (3, 30):
        for person in staff[done:total]:
            candidate = Candidate.objects.get_or_create(procedure=procedure, person=person)[0]
            item = Evidence.objects.create(person=person, title="Verslag", kind="reflectie", date=timezone.localdate())
            services.submit(candidate, item)
            for assessor in (bestuurder, second):
                services.judge(candidate, assessor=assessor, scores=scores, note="Onderbouwd.")
        done = total
        r = measure(client, f"/loopbaan/selectie/{procedure.pk}/", requests)
        name = f"procedure with {total} candidates"
        print(f"{'':>6}{name:>32}{r['median']:>11.2f}{r['p95']:>9.2f}{r['queries']:>9}")


def measure_dossier(person: Person, client: Client, files: int = 50, runs: int = 3) -> None:
    """Her dossier as a ZIP with 50 portfolio files of 200 KB: time and peak Python memory."""
    import statistics
    import tracemalloc

    from django.core.files.base import ContentFile

    from koers.careers.models import Evidence

    for n in range(files):
        item = Evidence(person=person, title=f"Bewijs {n}", kind="lesontwerp", date=timezone.localdate())
        item.file.save(f"bewijs-{n}.pdf", ContentFile(os.urandom(200 * 1024)), save=False)
        item.file_name, item.file_size = f"bewijs-{n}.pdf", item.file.size
        item.save()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get("/mijn-loopbaan/dossier.zip")
        size = sum(len(chunk) for chunk in response.streaming_content)
        timings.append(time.perf_counter() - start)
    tracemalloc.start()
    response = client.get("/mijn-loopbaan/dossier.zip")
    sum(len(chunk) for chunk in response.streaming_content)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"\ndossier ZIP with {files} files of 200 KB: median {statistics.median(timings):.2f} s over {runs} runs, "
        f"{size / 2**20:.1f} MiB; peak Python memory {peak / 2**20:.1f} MiB"
    )


if __name__ == "__main__":
    main()
