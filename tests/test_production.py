"""The production settings: refused without a key, clean for `check --deploy` with the
documented environment (docs/deploy.md), mail never to the console unless chosen, our own
error pages in Dutch, and headers that keep personal pages out of caches."""

import os
import secrets
import subprocess
import sys

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _koers(tmp_path, *args, **env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("KOERS_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environ |= {"KOERS_VAR_DIR": str(tmp_path), "KOERS_DEBUG": "0", **env}
    environ.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "koers", *args], env=environ, capture_output=True, text=True, timeout=120
    )


def test_production_without_a_secret_key_refuses_to_start(tmp_path):
    result = _koers(tmp_path, "check")
    assert result.returncode != 0
    assert "KOERS_DEBUG=0 needs KOERS_SECRET_KEY" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_the_documented_production_environment_passes_check_deploy(tmp_path):
    result = _koers(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        KOERS_SECRET_KEY=secrets.token_urlsafe(50),
        KOERS_ALLOWED_HOSTS="koers.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_mail_goes_by_smtp_unless_the_console_is_chosen(tmp_path):
    script = "from django.conf import settings; print(settings.EMAIL_BACKEND)"
    key = secrets.token_urlsafe(50)
    assert "smtp" in _koers(tmp_path, "shell", "-c", script, KOERS_SECRET_KEY=key).stdout
    chosen = _koers(
        tmp_path,
        "shell",
        "-c",
        script,
        KOERS_SECRET_KEY=key,
        KOERS_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    assert "console" in chosen.stdout


def test_logged_in_pages_are_not_stored_and_features_are_off(client, org):
    client.force_login(org.schoolleider)
    response = client.get(reverse("home:index"))
    assert response.headers["Cache-Control"] == "no-store"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "url, status, text",
    [
        ("/bestaat-niet/", 404, "Pagina niet gevonden"),
        ("/scholen/999999/", 404, "Pagina niet gevonden"),
    ],
)
def test_error_pages_are_dutch_with_a_way_back(client, org, settings, url, status, text):
    settings.DEBUG = False
    client.force_login(org.schoolleider)
    response = client.get(url)
    assert response.status_code == status
    page = response.content.decode()
    assert text in page and "Naar uw overzicht" in page and 'lang="nl"' in page


def test_opening_an_action_address_gets_our_405_page(client, org, settings):
    """`require_POST` answers a GET with an empty 405; a followed or bookmarked action address
    gets our page instead, and the action does not run."""
    settings.DEBUG = False
    client.force_login(org.schoolleider)
    before = org.trajectory.entries.count()
    response = client.get(
        reverse("werkdocument:answer", args=[org.trajectory.pk, "1a-visie-en-doelen", "1a-hrm-doelen"])
    )
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    page = response.content.decode()
    assert "Deze pagina kan zo niet worden geopend" in page and "Naar uw overzicht" in page
    assert org.trajectory.entries.count() == before


def test_a_stale_form_gets_our_403_page(org, settings):
    from django.test import Client

    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.schoolleider)
    response = client.post(
        reverse("werkdocument:answer", args=[org.trajectory.pk, "1a-visie-en-doelen", "1a-hrm-doelen"]),
        {"text": "Iets", "base_version": "0"},
    )
    assert response.status_code == 403
    assert "Het formulier was verouderd" in response.content.decode()


def test_an_oversized_post_gets_our_400_page_and_nothing_is_stored(client, org, settings):
    settings.DEBUG = False
    client.force_login(org.schoolleider)
    before = org.trajectory.entries.count()
    response = client.post(
        reverse("werkdocument:answer", args=[org.trajectory.pk, "1a-visie-en-doelen", "1a-hrm-doelen"]),
        {"text": "x" * (3 * 1024 * 1024), "base_version": "0"},
    )
    assert response.status_code == 400
    assert "Het verzoek kon niet worden verwerkt" in response.content.decode()
    assert org.trajectory.entries.count() == before


def test_pages_forbid_inline_script_and_style_and_use_none(client, org):
    """The Content-Security-Policy allows only what Koers serves itself, and no page relies
    on an inline script, event handler or style attribute that it would block."""
    from tests.factories import fill_instruments

    fill_instruments(org.trajectory, org.schoolleider)
    client.force_login(org.schoolleider)
    response = client.get(reverse("werkdocument:detail", args=[org.trajectory.pk]))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    page = response.content.decode()
    assert " style=" not in page and "<script>" not in page and " onclick=" not in page
