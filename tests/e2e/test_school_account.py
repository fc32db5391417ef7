"""Signing in with a school account in a real browser, through the test identity provider's
own pages (tests/oidc_provider): a teacher activates her invitation with it on a phone, and
later signs in from the login page on a laptop."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from koers.organisations import services as organisations
from koers.organisations.models import Functie, Role, SignInProvider
from koers.staff import services as staff
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def _at_provider(page, username, password):
    expect(page.get_by_role("heading", name="Test school sign-in")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_teacher_activates_with_her_school_account_and_signs_in_with_it(org, live_server, browser, identity_provider):
    provider = SignInProvider(
        board=org.board,
        kind=SignInProvider.Kind.ENTRA,
        slug="lumen",
        issuer=identity_provider.issuer,
        client_id=identity_provider.client_id,
        domains="lumen.example",
    )
    organisations.seal_client_secret(provider, identity_provider.client_secret)
    provider.save()
    beheerder = factories.user_with_role(Role.BESTUURSBEHEERDER, board=org.board)
    lotte = factories.person(org.board, org.school, Functie.DOCENT_LB, name="Lotte Bakker")
    lotte.email = identity_provider.accounts["lotte"]["email"]
    lotte.save()
    # The provider allows any port of 127.0.0.1 to be sent back to (RFC 8252), not "localhost".
    koers = live_server.url.replace("localhost", "127.0.0.1")
    staff.invite(lotte, by=beheerder, base_url=koers + "/")
    link = re.search(r"https?://\S+/account/activeren/\S+/", mail.outbox[-1].body).group(0)
    refused = []

    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    page = phone.new_page()
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(link)
    expect(page.get_by_role("heading", name="Of met uw schoolaccount")).to_be_visible()
    page.get_by_role("button", name="Activeren met Microsoft Entra ID").click()
    _at_provider(page, "lotte", identity_provider.password)
    expect(page.get_by_role("heading", name="Welkom, Lotte")).to_be_visible()
    assert page.url == koers + "/"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()
    lotte.refresh_from_db()
    assert lotte.user.invitation.used_at is not None and not lotte.user.has_usable_password()

    laptop = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = laptop.new_page()
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(koers + "/account/login/")
    page.get_by_label("Adres van uw schoolaccount").fill(lotte.email)
    page.get_by_role("button", name="Verder met schoolaccount").click()
    # The provider remembers nothing of the phone: a new browser signs in again.
    _at_provider(page, "lotte", identity_provider.password)
    expect(page.get_by_role("heading", name="Welkom, Lotte")).to_be_visible()
    laptop.close()
    assert not refused, refused
