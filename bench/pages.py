"""Server time and queries of the werkdocument pages as data grows.

Seeds 50 schools x 5 trajectories with every question and reflection filled (one of them with
every instrument, 30 activities and 10 goals of 12 measurements), then requests the pages
trajectory overview and a subphase page through Django's full middleware stack, next to a bare
login-protected view that only returns "ok". Prints median and p95 time, query count and peak
memory. Uses a throw-away SQLite file, or DATABASE_URL when set (it must point to an empty
database). CI does not judge these figures.

    .venv/bin/python bench/pages.py [--schools 50] [--trajectories 5] [--requests 60]
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
import types

os.environ.setdefault("KOERS_VAR_DIR", tempfile.mkdtemp(prefix="koers-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "koers.settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth.decorators import login_required  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils import timezone  # noqa: E402

from koers.catalog.models import Question, Subphase, Theme  # noqa: E402
from koers.organisations.models import Board, Functie, Membership, Person, Role, School, User  # noqa: E402
from koers.plans.models import Cycle  # noqa: E402
from koers.trajectories.models import Entry, EntryRevision, SubphaseStatus, Trajectory  # noqa: E402


@login_required
def bare(request):
    return HttpResponse("ok")


urls = types.ModuleType("bench_urls")
urls.urlpatterns = [path("bare/", bare), path("", include("koers.urls"))]
sys.modules["bench_urls"] = urls


def seed(schools: int, per_school: int) -> tuple[User, Trajectory]:
    board = Board.objects.create(name="Bench bestuur")
    user = User.objects.create_user("bench@bench.example", "bench-wachtwoord")
    Membership.objects.create(user=user, role=Role.BESTUURDER, board=board)
    owner = Person.objects.create(
        board=board, first_name="Bench", last_name="Eigenaar", functie=Functie.BESTUURDER, user=user
    )
    theme = Theme.objects.get(slug="meer-differentiatie")
    subphases = list(Subphase.objects.prefetch_related("questions"))
    now = timezone.now()
    trajectories = []
    for s in range(schools):
        school = School.objects.create(board=board, name=f"School {s}", brin=f"{s:02d}BE", sector="vo")
        for t in range(per_school):
            trajectories.append(
                Trajectory(
                    board=board,
                    school=school,
                    theme=theme,
                    owner=owner,
                    title=f"Traject {s}-{t}",
                    start_date=now.date(),
                )
            )
    Trajectory.objects.bulk_create(trajectories)
    Cycle.objects.bulk_create(Cycle(trajectory=t, number=1, started_on=t.start_date) for t in trajectories)
    entries, statuses = [], []
    for trajectory in trajectories:
        for sub in subphases:
            for q in sub.questions.all():
                entries.append(
                    Entry(
                        trajectory=trajectory,
                        kind="answer",
                        key=q.slug,
                        subphase_slug=sub.slug,
                        text=f"Antwoord op {q.slug} " * 20,
                        updated_by=user,
                    )
                )
            entries.append(
                Entry(
                    trajectory=trajectory,
                    kind="reflection",
                    key=sub.slug,
                    subphase_slug=sub.slug,
                    text="Reflectie " * 40,
                    updated_by=user,
                )
            )
            statuses.append(SubphaseStatus(trajectory=trajectory, subphase_slug=sub.slug, done=True))
    Entry.objects.bulk_create(entries, batch_size=2000)
    EntryRevision.objects.bulk_create(
        [
            EntryRevision(entry=e, version=1, text=e.text, edited_at=now, edited_by=user)
            for e in Entry.objects.only("id", "text")
        ],
        batch_size=2000,
    )
    SubphaseStatus.objects.bulk_create(statuses, batch_size=2000)
    return user, trajectories[len(trajectories) // 2]


def fill_instruments(trajectory: Trajectory, user: User) -> None:
    """Every instrument as full as a school would make it: all rows, 30 stakeholders, every
    lever scored, 10 goals and 5 AMO chains of 9 lines each."""
    from koers.catalog.models import AmoItem, Bottleneck, Lever, SituationRow
    from koers.instruments import services as inst

    goals = [
        inst.add_goal(
            trajectory=trajectory,
            user=user,
            subphase_slug="1a-visie-en-doelen",
            level=("organisatie", "medewerkers", "leerlingen")[n % 3],
            description=f"Doel {n} " * 10,
            involved="",
            term="kort",
            target_date=None,
            smart=["meetbaar"],
            indicator="Indicator",
            unit="%",
            baseline=10,
            target_value=80,
        )
        for n in range(10)
    ]
    for row in SituationRow.objects.all():
        inst.save_situation(
            trajectory=trajectory,
            row_slug=row.slug,
            current="Nu " * 30,
            desired="Straks " * 30,
            difference="Verschil",
            gap="groot",
            action_needed=True,
            action="Actie " * 10,
        )
    for b in Bottleneck.objects.all():
        inst.save_bottleneck(
            trajectory=trajectory,
            bottleneck_slug=b.slug,
            occurs=True,
            urgency=3,
            why="Waarom " * 10,
            own_action="Doen " * 10,
        )
    for n in range(30):
        inst.add_stakeholder(
            trajectory=trajectory,
            name=f"Stakeholder {n}",
            kind="extern",
            role="Rol",
            ideas="",
            knowledge="",
            relations="",
            interest=n % 5 + 1,
            influence=(n * 2) % 5 + 1,
            alignment=("gelijk", "onbekend", "niet-gelijk")[n % 3],
            trust=("betrouwbaar", "niet-betrouwbaar")[n % 2],
            key_figure=n < 5,
        )
    for n, lever in enumerate(Lever.objects.all()):
        inst.score_lever(
            trajectory=trajectory, lever_slug=lever.slug, impact=n % 5 + 1, success=(n * 3) % 5 + 1, note=""
        )
    items = list(AmoItem.objects.all()[:9])
    for goal in goals[:5]:
        chain = inst.add_chain(
            trajectory=trajectory,
            goal=goal,
            behaviour="Gedrag " * 10,
            expected_effect="",
            time_path="",
            support="",
            investment="",
        )
        for item in items:
            inst.add_element(chain=chain, factor=item.factor, kind=item.kind, item_slug=item.slug)


def fill_plan(trajectory: Trajectory, user: User) -> None:
    """The Doe and Ga door of a busy school: 30 activities in 3 phases, 12 measurements on each
    of the 10 goals, and every goal evaluated."""
    from koers.instruments.models import Goal
    from koers.plans import services as plan
    from koers.plans.models import Measurement

    cycle = trajectory.cycles.get()
    start = datetime.date(2025, 9, 1)
    Trajectory.objects.filter(pk=trajectory.pk).update(start_date=start)
    trajectory.refresh_from_db()
    Goal.objects.filter(trajectory=trajectory).update(target_date=datetime.date(2027, 7, 1), scale_min=0, scale_max=100)
    for n in range(30):
        begin = start + datetime.timedelta(days=20 * n)
        plan.add_activity(
            cycle=cycle,
            user=user,
            title=f"Activiteit {n} " * 3,
            description="",
            intervention=None,
            phase=f"Fase {n // 10 + 1}",
            start_date=begin,
            end_date=begin + datetime.timedelta(days=45),
            owner=trajectory.owner,
            raci={"leidinggevenden": "A", "leraren": "R", "hr": "I"},
            hours=12,
            budget=750,
            status=("klaar", "bezig", "gepland")[n % 3],
        )
    goals = list(Goal.objects.filter(trajectory=trajectory))
    Measurement.objects.bulk_create(
        Measurement(
            goal=g, cycle=cycle, value=10 + 4 * m, note="Meting", measured_on=start + datetime.timedelta(days=30 * m)
        )
        for g in goals
        for m in range(12)
    )
    plan.save_evaluation(
        cycle=cycle, user=user, expected_version=None, good_communication="Goed " * 20, adjustments="Bijstellen " * 20
    )
    for g in goals:
        plan.evaluate_goal(cycle=cycle, goal=g, user=user, realised=None, note="Toelichting", decision="doorgaan")


def measure_pdf(trajectory: Trajectory, runs: int = 3) -> None:
    """The whole PDF as the background task makes it: time, pages and peak memory."""
    import resource

    from koers.reports import rendering

    cycle = trajectory.cycles.get()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        data, pages = rendering.pdf(trajectory, cycle, lambda percent, step: None)
        timings.append(time.perf_counter() - start)
    # Memory in a run of its own: tracemalloc slows Python down several times over.
    tracemalloc.start()
    rendering.pdf(trajectory, cycle, lambda percent, step: None)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nPDF of the full trajectory: median {statistics.median(timings):.2f} s "
        f"(max {max(timings):.2f} s over {runs} runs), {pages} pages, {len(data) / 1024:.0f} KiB; "
        f"peak Python memory {peak / 2**20:.0f} MiB, process max RSS {rss:.0f} MiB"
    )


def attach_rounds(trajectory: Trajectory, user: User, rounds: int) -> None:
    """Closed learning-climate scans of 60 responses each, attached to the trajectory's 1B."""
    from koers.surveys import demo, services

    for n in range(rounds):
        survey = demo.make_round(
            school=trajectory.school,
            slug="leerklimaat-scan",
            title=f"Leerklimaat {n + 1}",
            opens_on=timezone.localdate() - datetime.timedelta(days=60 + 30 * n),
            groups=["leraren", "oop"],
            user=user,
        )
        demo.fill(survey, {"leraren": 40, "oop": 20}, level={"leraren": 0.6, "oop": 0.4}, seed=n)
        services.attach_evidence(trajectory=trajectory, survey=survey, note="", question="", user=user)


def measure(client: Client, url: str, requests: int) -> dict:
    client.get(url)  # warm caches and templates
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)  # read now: the next request resets the query log
    tracemalloc.start()
    client.get(url)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    timings.sort()
    return {
        "median": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "queries": query_count,
        "peak_kib": peak / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=50)
    parser.add_argument("--trajectories", type=int, default=5)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_catalog", verbosity=0)
    start = time.perf_counter()
    user, trajectory = seed(args.schools, args.trajectories)
    fill_instruments(trajectory, user)
    fill_plan(trajectory, user)
    print(
        f"engine: {connection.vendor}; seeded {Trajectory.objects.count()} trajectories, "
        f"{Entry.objects.count()} answers and reflections ({Question.objects.count()} questions each) "
        f"in {time.perf_counter() - start:.1f} s"
    )

    client = Client()
    client.force_login(user)
    pages = {
        "bare view": "/bare/",
        "trajectory overview": f"/trajecten/{trajectory.pk}/",
        "subphase 1B (19 questions)": f"/trajecten/{trajectory.pk}/1b-huidige-en-gewenste-situatie/",
        "board page (50 schools)": f"/besturen/{Board.objects.get().pk}/",
    }
    for name, slug in (
        ("situation map (24 rows)", "situatie"),
        ("knelpunten (9)", "knelpunten"),
        ("stakeholders (30, 2 SVG)", "stakeholders"),
        ("levers (13 scored, SVG)", "aanknopingspunten"),
        ("AMO planner (5 chains)", "amo"),
        ("goals (10)", "doelen"),
        ("coherence matrix", "samenhang"),
    ):
        pages[name] = f"/trajecten/{trajectory.pk}/instrumenten/{slug}/"
    board = Board.objects.get()
    pages.update(
        {
            "plan (30 activities, Gantt)": f"/trajecten/{trajectory.pk}/plan/",
            "monitoring (10 goals x 12)": f"/trajecten/{trajectory.pk}/monitoring/",
            "evaluation (10 goals)": f"/trajecten/{trajectory.pk}/evaluatie/",
            "report HTML (everything)": f"/trajecten/{trajectory.pk}/rapport/",
            "board overview (250, page 1)": f"/besturen/{board.pk}/overzicht/",
            "board overview, filtered": f"/besturen/{board.pk}/overzicht/?school="
            f"{trajectory.school_id}&theme=meer-differentiatie",
        }
    )
    pages["home"] = "/"
    with override_settings(ROOT_URLCONF="bench_urls", DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        results = {name: measure(client, url, args.requests) for name, url in pages.items()}
        attach_rounds(trajectory, user, 5)
        results["subphase 1B, 5 rounds attached"] = measure(client, pages["subphase 1B (19 questions)"], args.requests)
    base = results["bare view"]["median"]
    print(f"\n{'page':<32}{'median ms':>11}{'p95 ms':>9}{'queries':>9}{'x bare':>8}{'peak KiB':>10}")
    for name, r in results.items():
        print(
            f"{name:<32}{r['median']:>11.2f}{r['p95']:>9.2f}{r['queries']:>9}"
            f"{r['median'] / base:>8.1f}{r['peak_kib']:>10.0f}"
        )
    measure_pdf(trajectory)


if __name__ == "__main__":
    main()
