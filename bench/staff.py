"""Time, queries and peak memory of a staff file of 5,000 people: reading and checking the CSV,
the dry run, the import, and the same file once more (which must change nothing); then the
daily digest for those 5,000 people, three notifications each, into the locmem mail backend. Uses a
throw-away SQLite file, or DATABASE_URL when set (an empty database). CI does not judge these
figures; the goal is under 30 s and 200 MB each.

    .venv/bin/python bench/staff.py [--people 5000] [--schools 20]
"""

import argparse
import csv
import io
import os
import resource
import tempfile
import time

os.environ.setdefault("KOERS_VAR_DIR", tempfile.mkdtemp(prefix="koers-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "koers.settings"
os.environ["KOERS_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

import django  # noqa: E402

django.setup()

from django.core import mail  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from koers import uploads  # noqa: E402
from koers.organisations import services as organisations  # noqa: E402
from koers.organisations.models import Board, Notification, Person, Role, School, User  # noqa: E402
from koers.organisations.selectors import import_plan  # noqa: E402
from koers.organisations.staff_import import MAX_ROWS  # noqa: E402
from koers.staff import services  # noqa: E402

POSITIONS = ["Docent LB", "Docent LC", "Docent LD", "OOP", "Teamleider"]


def staff_file(people: int, brins: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Personeelsnummer", "Roepnaam", "Achternaam", "E-mail", "BRIN", "Functie", "Teams", "FTE"])
    for i in range(people):
        brin = brins[i % len(brins)]
        teams = f"Team {i % 7}, Sectie {i % 11}"
        writer.writerow([f"{10000 + i}", f"Voornaam{i}", f"Achternaam {i}", f"p{i}@bench.example", brin,
                         POSITIONS[i % len(POSITIONS)], teams, "0,8" if i % 3 else "1"])  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode()


def measure(label: str, work):
    """Wall time and queries of one step, and the process's peak resident memory after it
    (tracemalloc would triple the time, so memory is read from the kernel instead)."""
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = work()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:<36} {seconds:6.2f} s  {len(queries):5d} queries  process peak {peak:4.0f} MB")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--schools", type=int, default=20)
    args = parser.parse_args()
    assert args.people <= MAX_ROWS
    call_command("migrate", verbosity=0)
    board = Board.objects.create(name="Bench bestuur")
    schools = [
        School.objects.create(board=board, name=f"School {n}", brin=f"{n:02d}BE", sector="vo")
        for n in range(args.schools)
    ]
    keeper = User.objects.create_user("beheer@bench.example", "x")
    keeper.memberships.create(role=Role.BESTUURSBEHEERDER, board=board)
    data = staff_file(args.people, [s.brin for s in schools])
    print(f"{args.people} people, {args.schools} schools, file {len(data) / 2**20:.2f} MB")
    start_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'(after Django and the migrations)':<36} process peak {start_peak:4.0f} MB")

    def upload():
        return SimpleUploadedFile("personeel.csv", data)

    def dry_run():
        table = uploads.read_table(upload(), max_rows=MAX_ROWS)
        staff_import = services.start_import(
            board_id=board.pk, school=None, by=keeper, file_name="personeel.csv", table=table
        )
        return staff_import

    first = measure("read, check and dry run (new)", dry_run)
    measure("import (all new)", lambda: services.confirm_import(first, end_leavers=False, by=keeper))
    assert Person.objects.filter(board=board).count() == args.people
    again = measure("read, check and dry run (same file)", dry_run)
    plan = import_plan(again)
    assert not plan.new and not plan.changed, "the same file must change nothing"
    measure("import (same file: nothing)", lambda: services.confirm_import(again, end_leavers=False, by=keeper))

    people = list(Person.objects.filter(board=board))
    users = User.objects.bulk_create(User(email=p.email, full_name=str(p)) for p in people)
    kinds = [Notification.Kind.PARTICIPANT, Notification.Kind.ACTIVITY, Notification.Kind.REPORT]
    Notification.objects.bulk_create(
        Notification(user=u, kind=k, url="/", params={"title": "Traject", "trajectory": "Traject"})
        for u in users
        for k in kinds
    )
    mail.outbox = []
    sent = measure(
        "daily digest (5,000 people x 3)", lambda: organisations.send_digests(timezone.localdate(), "https://k.nl")
    )
    assert sent == len(users) == len(mail.outbox)


if __name__ == "__main__":
    main()
