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
