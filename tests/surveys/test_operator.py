"""The attack of a curious operator (docs/privacy.md): invite people, let them answer through
the real views, then take everything the server wrote (Django's log, gunicorn's access log for
the same requests) and every row of every table, and try to tie a response or a draft to an
invitee. Nothing ties."""

import datetime
import io
import logging
import types

import pytest
from django.apps import apps
from django.db import connection, models
from django.urls import reverse
from gunicorn.config import Config

from koers.logs import GunicornLogger
from koers.surveys import services
from koers.surveys.models import (
    Draft,
    Invitation,
    InvitationLink,
    Response,
    RoundGroup,
    Scale,
    draft_lookup,
)
from koers.surveys.selectors import round_pages
from koers.tokens import hash_token
from tests.factories import invite, survey_round

pytestmark = pytest.mark.django_db

RESPONDENTS = 12  # enough that a random key follows submission order with odds of 1 in 12!


class Server:
    """Sends requests through the Django test client and writes, for each, the access-log line
    gunicorn writes with Koers's shipped configuration; Django's own log goes to `log`."""

    def __init__(self, client):
        self.client = client
        self.access = io.StringIO()
        cfg = Config()
        cfg.set("accesslog", "-")
        cfg.set("access_log_format", __import__("koers.gunicorn_conf").gunicorn_conf.access_log_format)
        self.gunicorn = GunicornLogger(cfg)
        self.gunicorn.access_log.handlers[0].setStream(self.access)
        self.log = io.StringIO()
        self.handlers = {
            h for name in ("django", "django.server", "") for h in logging.getLogger(name or None).handlers
        }

    def __enter__(self):
        self.streams = [(h, h.setStream(self.log)) for h in self.handlers if isinstance(h, logging.StreamHandler)]
        assert self.streams, "Koers's log handler is configured"
        return self

    def __exit__(self, *exc):
        for handler, stream in self.streams:
            handler.setStream(stream)

    def __call__(self, method: str, url: str, data=None):
        response = getattr(self.client, method)(url, data or {})
        environ = dict(response.wsgi_request.environ)
        environ["RAW_URI"] = environ["PATH_INFO"]
        environ.setdefault("HTTP_REFERER", "https://koers.example" + url)  # a browser's worst
        self.gunicorn.access(
            types.SimpleNamespace(status=response.status_code, headers=[], sent=0),
            [],
            environ,
            datetime.timedelta(milliseconds=12),
        )
        # runserver's own request line, as django.server logs it
        logging.getLogger("django.server").info('"%s %s HTTP/1.1" %s', method.upper(), url, response.status_code)
        return response

    def written(self) -> str:
        return self.log.getvalue() + self.access.getvalue()


def _fill(server, survey, text: str, *, send: bool = True):
    pages = round_pages(survey)
    for page in pages:
        data = {}
        for item in page.items:
            data[f"item-{item.pk}"] = text if item.scale == Scale.OPEN else 3
        assert (
            server(
                "post",
                reverse("surveys:respond_page", args=[survey.pk, page.number]),
                data | ({"verder": ""} if send else {"later": ""}),
            ).status_code
            == 302
        )
        if not send:
            return
    assert server("post", reverse("surveys:review", args=[survey.pk])).status_code == 302


def _every_value() -> list[tuple[str, str, str]]:
    """(table, column, value) for every text value in the database, read with plain SQL."""
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            for field in model._meta.concrete_fields:
                if isinstance(field, models.CharField | models.TextField | models.JSONField):
                    cursor.execute(f'SELECT "{field.column}" FROM "{table}"')
                    found += [(table, field.column, str(v)) for (v,) in cursor.fetchall() if v]
    return found


def test_nothing_the_server_wrote_or_stored_ties_a_response_to_an_invitee(client, org):
    survey = survey_round(org.school, slug="leerklimaat-scan", groups=["leraren"])
    tokens = [invite(survey, f"leraar{n}@school.example", "leraren") for n in range(RESPONDENTS + 1)]
    with Server(client) as server:
        for n, token in enumerate(tokens[:RESPONDENTS]):
            client.cookies.clear()
            assert server("get", reverse("surveys:link", args=[token])).status_code == 302
            _fill(server, survey, f"antwoord van respondent {n}")
        # One more begins, saves and stops: a draft.
        client.cookies.clear()
        server("get", reverse("surveys:link", args=[tokens[-1]]))
        _fill(server, survey, "nog niet verstuurd", send=False)
        # A mistyped link, which Django logs as "Not Found".
        server("get", reverse("surveys:link", args=[tokens[0][:-2] + "zz"]))
        written = server.written()

    assert "/enquete/r/" in written and "Not Found" in written  # the logs were captured
    secrets = set(tokens) | {hash_token(t) for t in tokens} | {draft_lookup(t) for t in tokens}
    assert not [s for s in secrets if s in written]

    values = _every_value()
    stored = " ".join(v for _t, _c, v in values)
    assert not [t for t in tokens if t in stored]  # no raw token anywhere
    link_hashes = set(InvitationLink.objects.values_list("token_hash", flat=True))
    assert [(t, c) for t, c, v in values if v in link_hashes] == [(InvitationLink._meta.db_table, "token_hash")] * len(
        link_hashes
    )
    # The draft: not joinable to its invitation, not readable without the link.
    draft = Draft.objects.get()
    assert draft.lookup not in link_hashes and "nog niet verstuurd" not in draft.sealed

    # The responses: no column but round, group and day; and the key does not follow order.
    assert [f.column for f in Response._meta.concrete_fields] == ["id", "round_id", "group_id", "submitted_on"]
    item = next(i for p in round_pages(survey) for i in p.items if i.scale == Scale.OPEN)
    by_key = [
        int(text.rsplit(" ", 1)[1]) for text in item.answers.order_by("response_id").values_list("text", flat=True)
    ]
    assert sorted(by_key) == list(range(RESPONDENTS)) and by_key != sorted(by_key)
    by_answer_key = [int(t.rsplit(" ", 1)[1]) for t in item.answers.order_by("id").values_list("text", flat=True)]
    assert by_answer_key != sorted(by_answer_key)
    if connection.vendor == "sqlite":  # the hidden rowid is the random key itself
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid, id FROM {Response._meta.db_table}")
            assert all(rowid == pk for rowid, pk in cursor.fetchall())

    # When the round closes, the per-person traces go; counts per group stay.
    services.close_early(survey=survey)
    assert not InvitationLink.objects.exists() and not Draft.objects.exists()
    assert not Invitation.objects.filter(responded=True).exists()
    assert RoundGroup.objects.get(round=survey).invited == RESPONDENTS + 1
    assert Response.objects.filter(round=survey).count() == RESPONDENTS
    # A link replayed after closing opens nothing and names nothing.
    client.cookies.clear()
    replay = client.get(reverse("surveys:link", args=[tokens[0]]))
    assert replay.status_code == 404 and survey.school.name not in replay.content.decode()
