"""Server time and queries of the learning network pages, for a region with few and with many
networks: the regiocoördinator's list of networks, the region view and a network page with 40 members over 10
schools and 12 meetings. The query counts must be the same for 5 and 50 networks.

    .venv/bin/python bench/networks.py [--networks 50] [--requests 40]
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

from koers.networks.models import Attendance, Meeting, Network, NetworkMember, ThemeCategory  # noqa: E402
from koers.organisations.models import Board, Membership, Region, Role, School, User  # noqa: E402
from pages import measure  # noqa: E402


def seed(region: Region, networks: int, offset: int) -> Network:
    board = Board.objects.create(name=f"Bestuur {offset}")
    schools = [
        School.objects.create(
            board=board,
            name=f"School {offset}-{n}",
            brin=f"{(offset + n) % 100:02d}N{chr(65 + n)}",
            sector="vo",
            region=region,
        )
        for n in range(10)
    ]
    theme = ThemeCategory.objects.first()
    first = None
    for n in range(networks):
        network = Network.objects.create(
            name=f"Netwerk {offset}-{n}", region=region, theme_category=theme, regional_question="?"
        )
        first = first or network
        users = User.objects.bulk_create(
            User(email=f"m{offset}-{n}-{k}@bench.example", full_name=f"Lid {k}") for k in range(40)
        )
        members = NetworkMember.objects.bulk_create(
            NetworkMember(network=network, user=u, school=schools[k % 10]) for k, u in enumerate(users)
        )
        meetings = Meeting.objects.bulk_create(
            Meeting(
                network=network,
                date=datetime.date(2026, 1, 1) + datetime.timedelta(days=30 * k),
                start=datetime.time(15),
                end=datetime.time(17),
                theme=f"Thema {k}",
                facilitated=k < 5,
                status=Meeting.Status.HELD if k < 6 else Meeting.Status.PLANNED,
            )
            for k in range(12)
        )
        Attendance.objects.bulk_create(
            Attendance(meeting=m, member=member, state=Attendance.State.PRESENT)
            for m in meetings[:6]
            for member in members
        )
    return first


@override_settings(ALLOWED_HOSTS=["testserver"])
def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--networks", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_catalog", verbosity=0)
    region = Region.objects.get(slug="midden")
    coordinator = User.objects.create_user("regio@bench.example")
    Membership.objects.create(user=coordinator, role=Role.REGIOCOORDINATOR, region=region)
    client = Client()
    client.force_login(coordinator)
    print(f"{'networks':>9}{'page':>28}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
    seeded = 0
    for total in (5, args.networks):
        start = time.perf_counter()
        network = seed(region, total - seeded, seeded)
        seeded = total
        print(f"  seeded up to {total} networks in {time.perf_counter() - start:.1f} s")
        for name, url in (
            ("networks of the region", "/netwerken/"),
            ("region view", f"/regio/{region.slug}/"),
            ("region as CSV", f"/regio/{region.slug}/export.csv"),
            ("region as PDF", f"/regio/{region.slug}/export.pdf"),
            ("school conversations", f"/regio/{region.slug}/gesprekken/"),
            ("network page (40 members)", f"/netwerken/{network.pk}/"),
        ):
            r = measure(client, url, args.requests)
            print(f"{total:>9}{name:>28}{r['median']:>11.2f}{r['p95']:>9.2f}{r['queries']:>9}")


if __name__ == "__main__":
    main()
