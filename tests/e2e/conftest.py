from pathlib import Path

import pytest

from tests.conftest import CHROMIUM

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    # The hook sees every item of the run, not only this folder's: mark only the browser tests,
    # so a machine without Chromium still runs the rest.
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def login(browser, live_server):
    """Open a fresh browser context logged in as `user`; returns its page. Every page the test
    visits must get through the Content-Security-Policy without a single refusal."""
    contexts, refused = [], []

    def _login(user, *, javascript=True, width=1280):
        from tests.factories import PASSWORD

        context = browser.new_context(
            viewport={"width": width, "height": 900}, java_script_enabled=javascript, locale="nl-NL"
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
        )
        page.goto(f"{live_server.url}/account/login/")
        page.get_by_label("E-mailadres").fill(user.email)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield _login
    for context in contexts:
        context.close()
    assert not refused, refused
