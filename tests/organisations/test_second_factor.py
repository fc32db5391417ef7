"""Two-step verification with an authenticator app (TOTP): setting it up, logging in with a
code or a recovery code, codes that do not count twice, and KOERS_REQUIRE_2FA for board roles."""

import base64
import re

import pytest
from django.urls import reverse

from koers import totp
from koers.organisations import services
from koers.organisations.models import SecondFactor
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_codes_follow_rfc_6238():
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert [totp.code_at(secret, t // 30) for t in (59, 1111111109, 2000000000)] == ["287082", "081804", "279037"]
    step = 1111111109 // 30
    assert totp.verify(secret, "081 804", after_step=0, now=1111111109) == step
    assert totp.verify(secret, "081804", after_step=step, now=1111111109) is None  # not twice
    assert totp.verify(secret, "081804", after_step=0, now=1111111109 + 90) is None  # too late
    assert totp.verify(secret, "abcdef", after_step=0, now=1111111109) is None


def _code(user, ahead: int = 0) -> str:
    device = SecondFactor.objects.get(user=user)
    return totp.code_at(services.second_factor_secret(device), totp.current_step() + ahead)


def _switch_on(client, user) -> list[str]:
    client.force_login(user)
    page = client.get(reverse("organisations:second_factor")).content.decode()
    assert "<svg" in page and "Tweestapsverificatie instellen" in page
    wrong = client.post(reverse("organisations:second_factor"), {"code": "000000"})
    assert wrong.status_code == 400 and "Deze code klopt niet" in wrong.content.decode()
    assert SecondFactor.objects.get(user=user).confirmed_at is None
    done = client.post(reverse("organisations:second_factor"), {"code": _code(user)})
    codes = re.findall(r"<code>(\d{5}-\d{5})</code>", done.content.decode())
    assert len(codes) == 10 and SecondFactor.objects.get(user=user).confirmed_at is not None
    client.logout()
    return codes


def _password(client, user, next_url=""):
    return client.post(reverse("login") + next_url, {"username": user.email, "password": PASSWORD})


def test_the_secret_is_sealed_in_the_database(client, org):
    _switch_on(client, org.leraar)
    device = SecondFactor.objects.get(user=org.leraar)
    secret = services.second_factor_secret(device)
    assert len(secret) == 32 and secret not in device.sealed_secret


def test_with_an_app_the_password_alone_does_not_log_in(client, org):
    _switch_on(client, org.leraar)
    response = _password(client, org.leraar, "?next=/account/")
    assert response.url == reverse("login_code") and "_auth_user_id" not in client.session
    wrong = client.post(reverse("login_code"), {"code": "123456"})
    assert wrong.status_code == 400 and "Deze code klopt niet" in wrong.content.decode()
    assert "_auth_user_id" not in client.session
    right = client.post(reverse("login_code"), {"code": _code(org.leraar, ahead=1)})  # setup used this step
    assert right.url == "/account/" and client.session["_auth_user_id"] == str(org.leraar.pk)
    client.logout()
    _password(client, org.leraar)
    replay = client.post(reverse("login_code"), {"code": _code(org.leraar, ahead=1)})
    assert replay.status_code == 400 and "_auth_user_id" not in client.session


def test_a_recovery_code_logs_in_once(client, org):
    codes = _switch_on(client, org.leraar)
    _password(client, org.leraar)
    assert client.post(reverse("login_code"), {"code": codes[0]}).status_code == 302
    client.logout()
    _password(client, org.leraar)
    assert client.post(reverse("login_code"), {"code": codes[0]}).status_code == 400
    assert "_auth_user_id" not in client.session


def test_wrong_codes_count_as_failed_logins(client, org):
    _switch_on(client, org.leraar)
    _password(client, org.leraar)
    for _attempt in range(5):
        client.post(reverse("login_code"), {"code": "000000"})
    response = client.post(reverse("login_code"), {"code": _code(org.leraar, ahead=1)})
    assert response.status_code == 400 and "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_code_step_expires_after_five_minutes(client, org, monkeypatch):
    import time

    _switch_on(client, org.leraar)
    _password(client, org.leraar)
    later = time.time() + 301
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post(reverse("login_code"), {"code": "000000"})
    assert response.url == reverse("login") and "_auth_user_id" not in client.session


def test_a_session_that_skipped_the_code_is_ended(client, org):
    _switch_on(client, org.leraar)
    client.force_login(org.leraar)  # as a session from before the app was switched on
    response = client.get(reverse("home:index"))
    assert response.url == reverse("login") and "_auth_user_id" not in client.session


def test_board_roles_must_set_it_up_when_required(client, org, settings):
    settings.KOERS_REQUIRE_2FA = True
    client.force_login(org.leraar)
    assert client.get(reverse("home:index")).status_code == 200  # teachers may choose
    client.force_login(org.bestuurder)
    response = client.get(reverse("home:board", args=[org.board.pk]))
    assert response.url == reverse("organisations:second_factor")
    page = client.get(response.url).content.decode()
    assert "Uw rol vraagt om tweestapsverificatie" in page
    client.post(reverse("organisations:second_factor"), {"code": _code(org.bestuurder)})
    assert client.get(reverse("home:board", args=[org.board.pk])).status_code == 200
    client.post(reverse("organisations:second_factor_off"))
    assert SecondFactor.objects.filter(user=org.bestuurder).exists()  # required: it stays on


def test_switching_off_and_new_recovery_codes(client, org):
    old = _switch_on(client, org.leraar)
    _password(client, org.leraar)
    client.post(reverse("login_code"), {"code": _code(org.leraar, ahead=1)})
    page = client.post(reverse("organisations:recovery_codes")).content.decode()
    new = re.findall(r"<code>(\d{5}-\d{5})</code>", page)
    assert len(new) == 10 and not set(new) & set(old)
    client.post(reverse("organisations:second_factor_off"))
    assert not SecondFactor.objects.filter(user=org.leraar).exists()
    client.logout()
    assert _password(client, org.leraar).url == reverse("home:index")


def test_an_account_ended_between_password_and_code_does_not_log_in(client, org):
    _switch_on(client, org.leraar)
    _password(client, org.leraar)
    type(org.leraar).objects.filter(pk=org.leraar.pk).update(is_active=False)
    response = client.post(reverse("login_code"), {"code": _code(org.leraar, ahead=1)})
    assert response.url == reverse("login") and "_auth_user_id" not in client.session
