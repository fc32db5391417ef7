"""Koers under load: gunicorn (production settings, TLS on loopback) on SQLite or PostgreSQL,
driven by Locust headless. 200 staff with 5-15 s think time read the main pages and save
answers; 20 respondents answer a survey through an open link, each from its own address.
Users start at --spawn-rate per second and log in as they start; the figures are of the
--seconds after the last one started (Locust's --reset-stats), so they show the steady state.
A login's cost is printed apart: it is the password hash (PBKDF2, Django's 1,000,000 rounds),
made slow on purpose. Prints requests/s, p50/p95/p99 per kind of request and the errors. CI does
not run it.

    make setup-bench
    .venv/bin/python bench/load.py [--staff 200] [--respondents 20] [--seconds 120] [--workers 5]
    KOERS_BENCH_POSTGRES=postgres://koers:koers@127.0.0.1:55432/koers_load .venv/bin/python bench/load.py

The PostgreSQL database must exist and be empty; it is filled by the run.
"""

import argparse
import csv
import json
import math
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PASSWORD = "bench-wachtwoord-2026"
SCHOOLS = 20


def seed(out: Path, staff: int) -> None:
    """Run inside the server's environment: a board of 20 schools, two trajectories each, and
    `staff` accounts (a school leader and teachers per school, each with a question of their
    own to write in), plus an open survey link."""
    import datetime

    import django

    django.setup()
    from django.contrib.auth.hashers import make_password

    from koers.catalog.models import Question, Theme
    from koers.organisations.models import Board, Functie, Membership, Person, Role, School, User
    from koers.surveys import services as surveys
    from koers.surveys.demo import make_round
    from koers.werkdocument import services as werkdocument_services

    board = Board.objects.create(name="Stichting Belasting")
    themes = list(Theme.objects.all())
    questions = list(Question.objects.select_related("subphase").order_by("subphase__order", "order"))
    password = make_password(PASSWORD)
    accounts, per_school = [], max(staff // SCHOOLS, 1)
    for s in range(SCHOOLS):
        school = School.objects.create(board=board, name=f"School {s + 1}", brin=f"{s:02d}LD", sector="vo")
        people = []
        for n in range(per_school):
            role = Role.SCHOOLLEIDER if n == 0 else Role.LERAAR
            user = User.objects.create(email=f"staf{s}-{n}@belasting.example", password=password)
            Membership.objects.create(user=user, role=role, school=school)
            functie = Functie.SCHOOLLEIDER if n == 0 else Functie.DOCENT_LB
            people.append(
                Person.objects.create(
                    board=board, school=school, first_name="Staf", last_name=f"{s}-{n}", functie=functie, user=user
                )
            )
        trajectories = [
            werkdocument_services.start_trajectory(
                user=people[0].user,
                board=board,
                school=school,
                theme=themes[t % len(themes)],
                title=f"Traject {t + 1}",
                owner=people[0],
                participants=people[1:],
                start_date=datetime.date.today(),
            )
            for t in range(2)
        ]
        for n, person in enumerate(people):
            trajectory, question = trajectories[n % 2], questions[(n // 2) % len(questions)]
            accounts.append(
                {
                    "email": person.user.email,
                    "trajectory": trajectory.pk,
                    "subphase": question.subphase.slug,
                    "question": question.slug,
                }
            )
    survey = make_round(
        school=School.objects.first(),
        slug="leerklimaat-scan",
        title="Belasting",
        opens_on=datetime.date.today(),
        groups=["leraren"],
    )
    token = surveys.renew_open_link(round_group=survey.round_groups.get(), expected=1_000_000)
    out.write_text(json.dumps({"accounts": accounts, "password": PASSWORD, "open_link": f"/enquete/open/{token}/"}))


HASH_TIMING = """
import time, django
django.setup()
from django.contrib.auth.hashers import check_password, make_password
encoded = make_password("x")
start = time.process_time()
check_password("x", encoded)
print(round((time.process_time() - start) * 1000))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(cmd, env, **kwargs):
    return subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, **kwargs)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=200)
    parser.add_argument("--respondents", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--spawn-rate", type=float, default=1, help="users started per second")
    parser.add_argument("--seed", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        seed(args.seed, args.staff)
        return 0

    var = Path(tempfile.mkdtemp(prefix="koers-load-"))
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOERS_") and k != "DATABASE_URL"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "koers.settings",
        "KOERS_VAR_DIR": str(var),
        "KOERS_DEBUG": "0",
        "KOERS_SECRET_KEY": secrets.token_urlsafe(50),
        "KOERS_ALLOWED_HOSTS": "127.0.0.1",
        "KOERS_TRUSTED_PROXIES": "1",  # each respondent comes from its own address
        "KOERS_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "KOERS_BIND": f"127.0.0.1:{port}",
        "KOERS_WORKERS": str(args.workers),
        "KOERS_ACCESS_LOG": "/dev/null",
    }
    database = os.environ.get("KOERS_BENCH_POSTGRES")
    if database:
        env["DATABASE_URL"] = database
    print(
        f"== Koers under load: {args.staff} staff, {args.respondents} respondents, {args.seconds} s, "
        f"{args.workers} gunicorn workers, {'PostgreSQL' if database else 'SQLite'}",
        flush=True,
    )
    koers = [str(BIN / "koers")]
    for step in (["migrate", "--noinput"], ["createcachetable"], ["load_catalog"], ["collectstatic", "--noinput"]):
        _run(koers + step, env)
    plan = var / "bench.json"
    _run([sys.executable, __file__, "--seed", str(plan), "--staff", str(args.staff)], env)
    cert, key = var / "cert.pem", var / "key.pem"
    _run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        env,
    )
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-c",
            "python:koers.gunicorn_conf",
            "--certfile",
            str(cert),
            "--keyfile",
            str(key),
            "koers.wsgi",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(var / "server.log", "w"),
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        stats = var / "locust"
        users = args.staff + args.respondents
        ramp = math.ceil(users / args.spawn_rate)
        _run(
            [
                str(BIN / "locust"),
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "--only-summary",
                "-u",
                str(users),
                "-r",
                str(args.spawn_rate),
                "-t",
                f"{ramp + args.seconds}s",
                "--reset-stats",
                "--host",
                f"https://127.0.0.1:{port}",
                "--csv",
                str(stats),
                "--exit-code-on-error",
                "0",
            ],
            env
            | {
                "KOERS_BENCH_PLAN": str(plan),
                "KOERS_BENCH_RESPONDENTS": str(args.respondents),
                "KOERS_BENCH_STAFF": str(args.staff),
            },
        )
        _report(stats)
        hashing = _run([sys.executable, "-c", HASH_TIMING], env).stdout.strip()
        print(f"one login's password check: {hashing} ms of CPU (not in the figures above)")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


def _report(stats: Path) -> None:
    rows = list(csv.DictReader(open(f"{stats}_stats.csv")))
    print(f"{'request':28} {'count':>7} {'errors':>6} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for row in rows:
        name = "all requests" if row["Name"] == "Aggregated" else row["Name"]
        print(
            f"{name:28} {row['Request Count']:>7} {row['Failure Count']:>6} {float(row['Requests/s']):7.1f} "
            f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
    failures = list(csv.DictReader(open(f"{stats}_failures.csv")))
    for failure in failures[:10]:
        print(f"  error: {failure['Name']}: {failure['Error'][:120]} ({failure['Occurrences']}x)")


if __name__ == "__main__":
    sys.exit(main())
