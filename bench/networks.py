"""Server time and queries of the learning network and peer visit pages, for a region with few
and with many networks: the regiocoördinator's list of networks, the region view (with two peer
visits per five networks), a network page with 40 members over 10 schools and 12 meetings, its
in-depth evaluation with 40 answers, and a visit's dossier. The query counts must be the same
for 5 and 50 networks.

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
from koers.surveys.models import EvaluationTaken, Instrument, Item, NetworkAnswer, NetworkEvaluation  # noqa: E402
from koers.visits.models import (  # noqa: E402
    Finding,
    ProgrammeItem,
    SubQuestion,
    Visit,
    VisitMember,
    VisitorProfile,
)
from pages import measure  # noqa: E402

STATUSES = [Visit.Status.REQUESTED, Visit.Status.PREPARATION, Visit.Status.REPORTING, Visit.Status.DONE]


def seed_visits(region: Region, schools: list[School], count: int, offset: int) -> Visit | None:
    """Visits in every phase, each with three sub-questions, four programme parts, a commission
    of three and six findings."""
    profiles = [
        VisitorProfile.objects.create(
            user=User.objects.create(email=f"v{offset}-{k}@bench.example", full_name=f"Visitator {k}"),
            region=region,
            kind="voorzitter" if k == 0 else "peer",
            trained_on=datetime.date(2025, 1, 1),
        )
        for k in range(3)
    ]
    visit = None
    for n in range(count):
        visit = Visit.objects.create(
            school=schools[n % len(schools)], region=region, question="Hoe leren we?", status=STATUSES[n % 4]
        )
        subs = SubQuestion.objects.bulk_create(
            SubQuestion(visit=visit, order=k, text=f"Deelvraag {k}", self_picture="Ons beeld") for k in range(3)
        )
        for k in range(4):
            part = ProgrammeItem.objects.create(
                visit=visit, start=datetime.time(9 + k), end=datetime.time(10 + k), kind="lesbezoek"
            )
            part.sub_questions.set(subs)
        VisitMember.objects.bulk_create(
            VisitMember(visit=visit, profile=p, user=p.user, role="voorzitter" if k == 0 else "peer")
            for k, p in enumerate(profiles)
        )
        Finding.objects.bulk_create(
            Finding(visit=visit, sub_question=subs[k % 3], author=profiles[1].user, seen="Gezien", match="deels")
            for k in range(6)
        )
    return visit


def seed_evaluation(network: Network) -> NetworkEvaluation:
    """A closed in-depth evaluation that all 40 members filled in."""
    instrument = Instrument.objects.get(for_networks=True)
    evaluation = NetworkEvaluation.objects.create(
        network=network,
        instrument=instrument,
        opens_on=datetime.date(2026, 1, 1),
        closes_on=datetime.date(2026, 1, 14),
    )
    items = list(Item.objects.filter(dimension__instrument=instrument).exclude(scale="open"))
    members = list(network.members.all())
    EvaluationTaken.objects.bulk_create(EvaluationTaken(evaluation=evaluation, member=m) for m in members)
    NetworkAnswer.objects.bulk_create(
        NetworkAnswer(evaluation=evaluation, item=item, value=1 + (k + i) % len(item.values))
        for k in range(len(members))
        for i, item in enumerate(items)
    )
    return evaluation


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
    return first, schools


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
        network, schools = seed(region, total - seeded, seeded)
        visit = seed_visits(region, schools, (total - seeded) * 2 // 5, seeded)
        evaluation = seed_evaluation(network)
        member = Client()
        member.force_login(network.members.first().user)  # the crosses are for members only
        seeded = total
        print(f"  seeded up to {total} networks in {time.perf_counter() - start:.1f} s")
        for name, url in (
            ("networks of the region", "/netwerken/"),
            ("region view", f"/regio/{region.slug}/"),
            ("region as CSV", f"/regio/{region.slug}/export.csv"),
            ("region as PDF", f"/regio/{region.slug}/export.pdf"),
            ("school conversations", f"/regio/{region.slug}/gesprekken/"),
            ("network page (40 members)", f"/netwerken/{network.pk}/"),
            ("region's visits", f"/regio/{region.slug}/visitaties/"),
            ("visitor pool", f"/regio/{region.slug}/visitatoren/"),
            ("visit dossier", f"/visitaties/{visit.pk}/"),
        ):
            r = measure(client, url, args.requests)
            print(f"{total:>9}{name:>28}{r['median']:>11.2f}{r['p95']:>9.2f}{r['queries']:>9}")
        for name, url in (("in-depth evaluation (40)", f"/netwerken/{network.pk}/evaluaties/{evaluation.pk}/"),):
            r = measure(member, url, args.requests)
            print(f"{total:>9}{name:>28}{r['median']:>11.2f}{r['p95']:>9.2f}{r['queries']:>9}")


if __name__ == "__main__":
    main()
