"""The survey report and the survey submission at 10,000 responses x 60 items.

Prints, per database:
- the time to compute the report of a finalised round (the selector behind the report page,
  reading the counts stored at closing; goal under 50 ms, the same at a tenth of the
  responses), beside computing it live from the answers, the raw SQL GROUP BY of that
  aggregation (per group, dimension and answer), and the one-off time of finalising;
- the time of the report page through Django's full stack;
- the submission ingest rate: sending a completed questionnaire through the full request
  path (the respondent's final POST, which validates and stores 60 answers), goal >= 200/s
  on SQLite; and the rate of saving one page of answers;
- peak Python memory of computing the report, and the process's max RSS.

SQLite always (a throw-away file); PostgreSQL too when KOERS_BENCH_POSTGRES holds the URL of
an empty database, e.g. postgres://koers:koers@127.0.0.1:55432/koers_bench. Each database is
measured in its own process. CI does not judge these figures.

    .venv/bin/python bench/surveys.py [--responses 10000] [--submissions 400]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

ITEMS_PER_DIMENSION, DIMENSIONS = 6, 10  # 60 items
GROUPS = ["directie", "teamleiders", "leraren", "oop", "pno"]


def child(responses: int, submissions: int) -> dict:
    import datetime
    import random
    import resource
    import statistics
    import time
    import tracemalloc

    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "koers.settings"
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from koers.organisations.models import Board, Membership, Role, School, User
    from koers.surveys import selectors, services
    from koers.surveys.models import (
        Answer,
        Dimension,
        Instrument,
        Invitation,
        Item,
        RespondentGroup,
        Response,
        Round,
        RoundGroup,
    )

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # Django's test client
    call_command("migrate", verbosity=0)
    call_command("load_catalog", verbosity=0)
    today = timezone.localdate()
    board = Board.objects.create(name="Bench bestuur")
    school = School.objects.create(board=board, name="Bench school", brin="99ZZ", sector="vo")
    user = User.objects.create_user("bench@bench.example", "bench-wachtwoord")
    Membership.objects.create(user=user, role=Role.SCHOOLLEIDER, school=school)
    instrument = Instrument.objects.create(slug="bench-60", name="Bench 60", summary="60 items")
    groups = list(RespondentGroup.objects.filter(slug__in=GROUPS))
    instrument.groups.set(groups)
    items = []
    for d in range(DIMENSIONS):
        dimension = Dimension.objects.create(instrument=instrument, slug=f"d{d}", name=f"Dimensie {d}", order=d)
        items += [
            Item.objects.create(dimension=dimension, slug=f"d{d}-{i}", text=f"Stelling {d}.{i}", order=i)
            for i in range(ITEMS_PER_DIMENSION)
        ]

    def make_round(opens: datetime.date, closes: datetime.date) -> Round:
        survey = Round.objects.create(
            school=school, instrument=instrument, title="Bench", opens_on=opens, closes_on=closes, created_by=user
        )
        RoundGroup.objects.bulk_create([RoundGroup(round=survey, group=g) for g in groups])
        return survey

    rng = random.Random(5)

    def closed_round(count: int) -> Round:
        survey = make_round(today - datetime.timedelta(days=30), today - datetime.timedelta(days=9))
        for start in range(0, count, 1000):
            made = Response.objects.bulk_create(
                [
                    Response(round=survey, group=groups[n % len(groups)], submitted_on=survey.closes_on)
                    for n in range(start, min(start + 1000, count))
                ]
            )
            Answer.objects.bulk_create(
                [Answer(response=r, item=i, value=rng.randint(1, 5)) for r in made for i in items], batch_size=10_000
            )
        return survey

    started = time.perf_counter()
    small = closed_round(max(responses // 10, len(groups) * 5))
    closed = closed_round(responses)
    seeded = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    raw = f"""
        SELECT r.group_id, i.dimension_id, i.facet, a.value, COUNT(*)
        FROM {Answer._meta.db_table} a
        JOIN {Response._meta.db_table} r ON r.id = a.response_id
        JOIN {Item._meta.db_table} i ON i.id = a.item_id
        WHERE r.round_id = %s AND a.value IS NOT NULL
        GROUP BY r.group_id, i.dimension_id, i.facet, a.value"""

    def timed(fn, runs: int = 7) -> float:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return statistics.median(times) * 1000

    def raw_sql():
        with connection.cursor() as cursor:
            cursor.execute(raw, [closed.pk])
            return cursor.fetchall()

    live_ms = timed(lambda: selectors.report(closed))  # computed from the answers
    t0 = time.perf_counter()
    services.finalise(survey=small)
    services.finalise(survey=closed)  # stores its counts, the last pass over its answers
    finalise_ms = (time.perf_counter() - t0) * 1000
    small.refresh_from_db()
    closed.refresh_from_db()
    report = selectors.report(closed)
    assert report.respondents == responses
    raw_ms = timed(raw_sql)
    report_ms = timed(lambda: selectors.report(closed))
    small_ms = timed(lambda: selectors.report(small))
    client = Client()
    client.force_login(user)
    page_url = reverse("surveys:report", args=[closed.pk])
    assert client.get(page_url).status_code == 200
    page_ms = timed(lambda: client.get(page_url))
    tracemalloc.start()
    selectors.report(closed)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    # Ingest: complete questionnaires sent through the respondent's final POST.
    running = make_round(today, today + datetime.timedelta(days=20))
    pages = selectors.round_pages(running)
    answers = {i.pk: rng.randint(1, 5) for i in items}
    group = groups[2]
    tokens = []
    for n in range(submissions):
        invitation = Invitation.objects.create(round=running, group=group, email=f"r{n}@bench.example")
        tokens.append(services.renew_invitation_token(invitation=invitation, reminder=False))
    respondent = Client()
    cookie = f"koers_enquete_{running.pk}"  # what the link's first request leaves behind
    last = pages[-1]
    page_data = {f"item-{i.pk}": answers[i.pk] for i in last.items} | {"verder": ""}
    t0 = time.perf_counter()
    for token in tokens:  # the last page of answers, saved through the page view
        respondent.cookies[cookie] = token
        assert (
            respondent.post(reverse("surveys:respond_page", args=[running.pk, last.number]), page_data).status_code
            == 302
        )
    pages_per_s = len(tokens) / (time.perf_counter() - t0)
    last_ids = {i.pk for i in last.items}
    for token in tokens:  # the other nine pages, saved directly: not what is timed
        services.save_draft(
            token=token,
            round_id=running.pk,
            group_id=group.pk,
            saved={str(k): v for k, v in answers.items() if k in last_ids},
            answers={k: v for k, v in answers.items() if k not in last_ids},
        )
    t0 = time.perf_counter()
    for token in tokens:
        respondent.cookies[cookie] = token
        assert respondent.post(reverse("surveys:review", args=[running.pk])).status_code == 302
    ingest_per_s = len(tokens) / (time.perf_counter() - t0)
    assert running.responses.count() == submissions
    return {
        "database": connection.vendor,
        "responses": responses,
        "answers": responses * len(items),
        "seed_s": round(seeded, 1),
        "raw_ms": raw_ms,
        "live_ms": live_ms,
        "finalise_ms": finalise_ms,
        "report_ms": report_ms,
        "small_ms": small_ms,
        "small": small.responses.count(),
        "page_ms": page_ms,
        "ingest_per_s": ingest_per_s,
        "pages_per_s": pages_per_s,
        "peak_mib": peak / 2**20,
        "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run(database_url: str | None, args) -> dict:
    env = dict(
        os.environ,
        KOERS_VAR_DIR=tempfile.mkdtemp(prefix="koers-bench-"),
        KOERS_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            "--responses",
            str(args.responses),
            "--submissions",
            str(args.submissions),
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--submissions", type=int, default=400)
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.responses, args.submissions)))
        return
    results = [run(None, args)]
    postgres = os.environ.get("KOERS_BENCH_POSTGRES")
    if postgres:
        results.append(run(postgres, args))
    print(f"Survey report and submission, {args.responses:,} responses x {ITEMS_PER_DIMENSION * DIMENSIONS} items\n")
    header = (
        "database",
        "closed report ms",
        f"at {results[0]['small']:,} ms",
        "live ms",
        "raw SQL ms",
        "finalise ms",
        "page ms",
        "ingest/s",
        "page saves/s",
        "peak MiB",
        "max RSS MiB",
        "seed s",
    )
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for r in results:
        print(
            " | ".join(
                [
                    r["database"],
                    f"{r['report_ms']:.1f}",
                    f"{r['small_ms']:.1f}",
                    f"{r['live_ms']:.1f}",
                    f"{r['raw_ms']:.1f}",
                    f"{r['finalise_ms']:.0f}",
                    f"{r['page_ms']:.1f}",
                    f"{r['ingest_per_s']:.0f}",
                    f"{r['pages_per_s']:.0f}",
                    f"{r['peak_mib']:.1f}",
                    f"{r['maxrss_mib']:.0f}",
                    f"{r['seed_s']}",
                ]
            )
        )
    if not postgres:
        print("\nPostgreSQL not measured: set KOERS_BENCH_POSTGRES to the URL of an empty database.")


if __name__ == "__main__":
    main()
