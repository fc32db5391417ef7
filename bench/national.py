"""The survey engine at national scale, on PostgreSQL: 2,000 schools (100 boards of 20), each
with two closed rounds of 50 responses x 60 items (12 million answers) and one open round.

Prints the median time of:
- one submission through the respondent's final POST, on the empty database and at scale
  (goal: within 1.5 times);
- the report of a closed round (the selector behind the page, which reads the stored counts,
  the school's trend and both benchmarks), and the page through Django's full stack;
- the school's trend, the board benchmark and the all-schools benchmark on their own;
and the database size per response, with how the answer table grows per year at this scale
(goal: every report under 100 ms). The answers are written in SQL, the rounds finalised
through services.finalise as the nightly run does. CI does not run this.

    KOERS_BENCH_POSTGRES=postgres://koers:koers@127.0.0.1:55432/koers_bench \\
        .venv/bin/python bench/national.py [--schools 2000] [--responses 50]
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time

ITEMS_PER_DIMENSION, DIMENSIONS = 6, 10
GROUPS = ["leraren", "oop"]


def timed(fn, runs: int = 9) -> float:
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=2000)
    parser.add_argument("--responses", type=int, default=50)
    parser.add_argument("--submissions", type=int, default=100)
    args = parser.parse_args()
    if not os.environ.get("KOERS_BENCH_POSTGRES"):
        sys.exit("Set KOERS_BENCH_POSTGRES to the URL of an empty PostgreSQL database.")
    os.environ["DATABASE_URL"] = os.environ["KOERS_BENCH_POSTGRES"]
    os.environ.setdefault("KOERS_VAR_DIR", tempfile.mkdtemp(prefix="koers-bench-"))
    os.environ["KOERS_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["DJANGO_SETTINGS_MODULE"] = "koers.settings"
    import django

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
        ItemCount,
        RespondentGroup,
        Response,
        Round,
        RoundGroup,
    )

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    call_command("load_catalog", verbosity=0)
    today = timezone.localdate()
    groups = list(RespondentGroup.objects.filter(slug__in=GROUPS))
    instrument = Instrument.objects.create(slug="bench-60", name="Bench 60", summary="60 items")
    instrument.groups.set(groups)
    items = []
    for d in range(DIMENSIONS):
        dimension = Dimension.objects.create(instrument=instrument, slug=f"d{d}", name=f"Dimensie {d}", order=d)
        items += [
            Item.objects.create(dimension=dimension, slug=f"d{d}-{i}", text=f"Stelling {d}.{i}", order=i)
            for i in range(ITEMS_PER_DIMENSION)
        ]
    answers = {str(i.pk): 3 for i in items}

    def make_round(school: School, opens: datetime.date, closes: datetime.date) -> Round:
        survey = Round.objects.create(
            school=school, instrument=instrument, title="Bench", opens_on=opens, closes_on=closes
        )
        RoundGroup.objects.bulk_create([RoundGroup(round=survey, group=g) for g in groups])
        return survey

    def submission_ms(survey: Round, count: int) -> float:
        """Per submission: the respondent's final POST with a complete draft."""
        client = Client()
        cookie = f"koers_enquete_{survey.pk}"
        tokens = []
        for _ in range(count):
            invitation = Invitation.objects.create(round=survey, group=groups[0], email=f"{time.time_ns()}@b.example")
            token = services.renew_invitation_token(invitation=invitation, reminder=False)
            services.save_draft(token=token, round_id=survey.pk, group_id=groups[0].pk, saved={}, answers=answers)
            tokens.append(token)
        times = []
        for token in tokens:
            client.cookies[cookie] = token
            t0 = time.perf_counter()
            assert client.post(reverse("surveys:review", args=[survey.pk])).status_code == 302
            times.append(time.perf_counter() - t0)
        return statistics.median(times) * 1000

    boards = [Board.objects.create(name=f"Bestuur {b}") for b in range(args.schools // 20)]
    schools = School.objects.bulk_create(
        [
            School(
                board=boards[n // 20],
                name=f"School {n}",
                brin=f"{n % 100:02d}{chr(65 + n // 2600 % 26)}{chr(65 + n // 100 % 26)}",
                sector="vo",
            )
            for n in range(args.schools)
        ]
    )
    first = schools[0]
    user = User.objects.create_user("bench@bench.example", "bench-wachtwoord")
    Membership.objects.create(user=user, role=Role.SCHOOLLEIDER, school=first)
    open_round = make_round(first, today, today + datetime.timedelta(days=20))
    empty_ms = submission_ms(open_round, args.submissions)

    started = time.perf_counter()
    earlier, later = [], []
    for school in schools:
        earlier.append(make_round(school, today - datetime.timedelta(days=400), today - datetime.timedelta(days=380)))
        later.append(make_round(school, today - datetime.timedelta(days=40), today - datetime.timedelta(days=20)))
    rounds = [r.pk for r in earlier + later]
    with connection.cursor() as cursor:
        # Responses alternate between the groups; answers are 1..5 at random, under random keys.
        cursor.execute(
            f"""INSERT INTO {Response._meta.db_table} (id, round_id, group_id, submitted_on)
            SELECT (random() * 9e18)::bigint, r.id, CASE WHEN n %% 2 = 0 THEN %s ELSE %s END, r.closes_on
            FROM {Round._meta.db_table} r CROSS JOIN generate_series(1, %s) n WHERE r.id = ANY(%s)""",
            [groups[0].pk, groups[1].pk, args.responses, rounds],
        )
        cursor.execute(
            f"""INSERT INTO {Answer._meta.db_table} (id, response_id, item_id, value, text)
            SELECT (random() * 9e18)::bigint, r.id, i.id, 1 + floor(random() * 5)::int, ''
            FROM {Response._meta.db_table} r CROSS JOIN {Item._meta.db_table} i
            WHERE r.round_id = ANY(%s)
            AND i.dimension_id IN (SELECT id FROM {Dimension._meta.db_table} WHERE instrument_id = %s)""",
            [rounds, instrument.pk],
        )
        cursor.execute("ANALYZE")
    seeded = time.perf_counter() - started
    started = time.perf_counter()
    for survey in earlier + later:
        services.finalise(survey=survey)
    finalised = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    closed = Round.objects.select_related("instrument", "school__board", "team").get(pk=later[0].pk)
    report = selectors.report(closed)
    assert report.respondents == args.responses and report.all_schools == args.schools and report.history
    rows = report.rows
    figures = {
        "report (selector)": timed(lambda: selectors.report(closed)),
        "trend of the school": timed(lambda: selectors._history(closed, today)),
        "board and all-schools benchmark": timed(lambda: selectors._benchmark(closed, rows, today)),
    }
    client = Client()
    client.force_login(user)
    url = reverse("surveys:report", args=[closed.pk])
    figures["report page"] = timed(lambda: client.get(url))
    scale_ms = submission_ms(open_round, args.submissions)

    with connection.cursor() as cursor:
        sizes = {}
        for model in (Answer, Response, ItemCount):
            cursor.execute("SELECT pg_total_relation_size(%s)", [model._meta.db_table])
            sizes[model.__name__] = cursor.fetchone()[0]
    responses = Response.objects.count()
    answers_total = Answer.objects.count()
    per_response = (sizes["Answer"] + sizes["Response"]) / responses
    per_year = 2 * args.schools * args.responses * (sizes["Answer"] + sizes["Response"]) / responses

    print(f"National scale: {args.schools:,} schools, {answers_total:,} answers in {responses:,} responses")
    print(f"(seeded in {seeded:.0f} s, {len(rounds):,} rounds finalised in {finalised:.0f} s)\n")
    print("measure | median ms")
    print("--- | ---")
    print(f"submission, empty database | {empty_ms:.1f}")
    print(f"submission, at scale | {scale_ms:.1f} ({scale_ms / empty_ms:.2f}x)")
    for name, ms in figures.items():
        print(f"{name} | {ms:.1f}")
    print(
        f"\nAnswers and responses: {per_response / 1024:.1f} KiB per response of 60 answers; "
        f"stored counts: {sizes['ItemCount'] / 2**20:.0f} MiB for {len(rounds):,} rounds."
    )
    print(
        f"Two rounds a year at every school: the answer table grows by {per_year / 2**30:.1f} GiB a year "
        f"({2 * args.schools * args.responses * 60 / 1e6:.0f} million answers)."
    )


if __name__ == "__main__":
    main()
