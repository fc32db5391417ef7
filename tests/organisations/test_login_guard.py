"""Guessing a password is slowed down per account and per address, on the login page and on
the admin's; failed logins are logged; a session without "stay logged in" ends when idle."""

import logging

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, email, password, **extra):
    return client.post(reverse("login"), {"username": email, "password": password}, **extra)


def test_six_wrong_passwords_make_the_account_wait_even_for_the_right_one(client, org, caplog):
    with caplog.at_level(logging.WARNING, logger="koers.security"):
        for _attempt in range(5):
            assert _login(client, org.leraar.email, "fout").status_code == 200
    assert caplog.text.count(f"failed login for {org.leraar.email}") == 5
    assert "fout" not in caplog.text  # never the password
    response = _login(client, org.leraar.email, PASSWORD)
    assert response.status_code == 200
    assert "Te veel mislukte pogingen. Wacht 15 minuten" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # From another network the account waits too; another account from there does not.
    assert _login(client, org.leraar.email, PASSWORD, REMOTE_ADDR="192.0.2.9").status_code == 200
    assert _login(client, org.schoolleider.email, PASSWORD, REMOTE_ADDR="192.0.2.9").status_code == 302


def test_one_address_guessing_many_accounts_is_slowed_down(client, org):
    for n in range(5):
        _login(client, f"iemand{n}@elders.example", "fout")
    response = _login(client, org.schoolleider.email, PASSWORD)
    assert "Te veel mislukte pogingen" in response.content.decode()


def test_the_admin_login_is_our_login_with_its_wait(client, org):
    """/beheer/ has no login of its own that could skip the throttle or the second factor."""
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("beheer@s.example", PASSWORD)
    response = client.post(reverse("admin:login") + "?next=/beheer/", {"username": admin.email, "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("login") + "?next=/beheer/"
    assert "_auth_user_id" not in client.session
    for _attempt in range(5):
        client.post(response.url, {"username": admin.email, "password": "fout"})
    waited = client.post(response.url, {"username": admin.email, "password": PASSWORD})
    assert waited.status_code == 200 and "_auth_user_id" not in client.session


def test_without_stay_logged_in_the_session_ends_when_idle(client, org, settings):
    _login(client, org.leraar.email, PASSWORD)
    assert client.session.get_expiry_age() == settings.KOERS_IDLE_MINUTES * 60
    assert not client.session.get_expire_at_browser_close()
    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": org.leraar.email, "password": PASSWORD, "remember": "on"})
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert Session.objects.count() == 1
