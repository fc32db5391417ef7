import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_login_page_speaks_dutch(client):
    html = client.get(reverse("login")).content.decode()
    assert "Inloggen bij Koers" in html and "E-mailadres" in html and 'lang="nl"' in html


def test_people_log_in_with_their_e_mail_address_in_any_case(client, org):
    response = client.post(reverse("login"), {"username": org.leraar.email.upper(), "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("home:index")


def test_a_wrong_password_is_refused_in_dutch(client, org):
    response = client.post(reverse("login"), {"username": org.leraar.email, "password": "fout"})
    assert response.status_code == 200
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar." in response.content.decode()


def test_a_forgotten_password_is_reset_by_mail(client, org):
    client.post(reverse("password_reset"), {"email": org.leraar.email})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [org.leraar.email]
    assert message.subject == "Kies een nieuw wachtwoord voor Koers"
    link = re.search(r"http://testserver(/account/reset/\S+)", message.body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session-bound URL
    response = client.post(
        form_url, {"new_password1": "Nieuw-wachtwoord-2026", "new_password2": "Nieuw-wachtwoord-2026"}
    )
    assert response.status_code == 302
    assert client.login(username=org.leraar.email, password="Nieuw-wachtwoord-2026")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, org):
    response = client.post(reverse("password_reset"), {"email": "onbekend@test.example"})
    assert response.status_code == 302 and mail.outbox == []


# The worker closes its database connections when done, so no test transaction may wrap it.
@pytest.mark.django_db(transaction=True)
def test_reset_mail_goes_through_the_queue_so_known_and_unknown_addresses_look_alike(client, org, settings):
    """With the production queue the request only stores the address: both answers are the
    same redirect and queue one task each, and nothing is looked up or sent until the worker."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    known = client.post(reverse("password_reset"), {"email": org.leraar.email})
    unknown = client.post(reverse("password_reset"), {"email": "onbekend@test.example"})
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert DBTaskResult.objects.count() == 2 and mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [m.to for m in mail.outbox] == [[org.leraar.email]]
    assert "/account/reset/" in mail.outbox[0].body


def test_one_address_cannot_flood_an_inbox_with_reset_mail(client, org):
    answers = [client.post(reverse("password_reset"), {"email": org.leraar.email}) for _ in range(8)]
    assert {(a.status_code, a.url) for a in answers} == {(302, reverse("password_reset_done"))}
    assert len(mail.outbox) == 5


def test_logging_out_takes_a_post(client, org):
    client.force_login(org.leraar)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home:index")).status_code == 302
