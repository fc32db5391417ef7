import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# ORM calls from that thread in browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_report_header(config):
    from django.conf import settings

    lines = [f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"]
    if not CHROMIUM and not IN_CI:
        lines.append(
            "Chromium not found: browser tests (tests/e2e) are skipped. Run `make test` as root to install it."
        )
    return lines


def pytest_collection_modifyitems(config, items):
    e2e = [item for item in items if "e2e" in item.keywords]
    if not e2e or CHROMIUM:
        return
    if IN_CI:
        raise pytest.UsageError("CI=true but Chromium is missing: browser tests must run in CI.")
    skip = pytest.mark.skip(reason="Chromium not installed")
    for item in e2e:
        item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Generated PDFs go to a throw-away folder, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def catalog(db):
    """The real content catalogue, loaded from the YAML files."""
    from koers.catalog.loader import load_catalog
    from koers.catalog.models import Theme

    if not Theme.objects.exists():
        load_catalog()


@pytest.fixture
def org(catalog):
    from tests import factories

    return factories.Organisation.build()


@pytest.fixture
def other_org(catalog):
    from tests import factories

    return factories.Organisation.build(name="Stichting Elders", brin_prefix="9")


# The school accounts the test identity provider knows (tests/oidc_provider).
IDP_ACCOUNTS = {
    "lotte": {"email": "lotte.bakker@lumen.example", "first_name": "Lotte", "last_name": "Bakker"},
    "nieuw": {"email": "nina.nieuw@lumen.example", "first_name": "Nina", "last_name": "Nieuw"},
    "bram": {"email": "bram.elders@lumen.example", "first_name": "Bram", "last_name": "Elders"},
    "gast": {"email": "gast@ergens.example", "first_name": "Gert", "last_name": "Gast"},
}
IDP_PASSWORD = "idp-test-password"


@pytest.fixture(scope="session")
def identity_provider(tmp_path_factory):
    """A real OpenID Connect provider in its own process on loopback, for the whole run."""
    import json
    import socket
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path
    from types import SimpleNamespace

    folder = tmp_path_factory.mktemp("idp")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    provider = SimpleNamespace(
        issuer=f"http://127.0.0.1:{port}/o",
        client_id="koers-test",
        client_secret="koers-test-secret",
        accounts=IDP_ACCOUNTS,
        password=IDP_PASSWORD,
    )
    config = folder / "config.json"
    config.write_text(
        json.dumps(
            {
                "client_id": provider.client_id,
                "client_secret": provider.client_secret,
                # Any port of 127.0.0.1 is allowed (RFC 8252), for the browser tests' live server.
                "redirect_uris": [
                    "http://testserver/account/schoolaccount/terug/",
                    "http://127.0.0.1/account/schoolaccount/terug/",
                ],
                "accounts": [{"username": k, "password": IDP_PASSWORD, **v} for k, v in IDP_ACCOUNTS.items()],
            }
        )
    )
    log = (folder / "idp.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.serve", str(port), str(config)],
        cwd=Path(__file__).parent.parent,
        env={**os.environ, "IDP_DATABASE": str(folder / "idp.sqlite3"), "IDP_ISSUER": provider.issuer},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    discovery = f"{provider.issuer}/.well-known/openid-configuration"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(discovery, timeout=2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError((folder / "idp.log").read_text()) from None
            time.sleep(0.2)
    yield provider
    process.terminate()
    process.wait(timeout=10)
    log.close()
