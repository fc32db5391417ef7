"""Sign-in with a school account, against a real OpenID Connect provider process on loopback
(tests/oidc_provider): discovery, the authorization-code flow with PKCE, and the ID token's
checks, then who the account turns out to be."""

from datetime import date
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.urls import reverse

from koers import logs
from koers.organisations import services
from koers.organisations.models import (
    AccountInvitation,
    Functie,
    Membership,
    Notification,
    Role,
    SchoolAccount,
    SignInProvider,
    SignInRequest,
    User,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(org, identity_provider):
    found = SignInProvider(
        board=org.board,
        kind=SignInProvider.Kind.ENTRA,
        slug="lumen",
        issuer=identity_provider.issuer,
        client_id=identity_provider.client_id,
        domains="lumen.example, lumen-scholen.example",
    )
    services.seal_client_secret(found, identity_provider.client_secret)
    found.save()
    return found


@pytest.fixture
def beheerder(org):
    return factories.user_with_role(Role.BESTUURSBEHEERDER, board=org.board)


def start(client, email):
    """Koers's answer to the school-account form on the login page."""
    return client.post(reverse("login"), {"school_account": "1", "email": email})


def at_provider(authorize: str, username: str, password: str) -> str:
    """Sign in on the provider's own page, as the browser would; returns where it sends back to."""
    browser = requests.Session()
    to_login = browser.get(authorize, allow_redirects=False)
    login_url = urljoin(authorize, to_login.headers["Location"])
    browser.get(login_url)
    signed_in = browser.post(
        login_url,
        data={
            "username": username,
            "password": password,
            "next": parse_qs(urlsplit(login_url).query)["next"][0],
            "csrfmiddlewaretoken": browser.cookies["idp_csrftoken"],
        },
        allow_redirects=False,
    )
    assert signed_in.status_code == 302, "the provider refused the test account"
    back = browser.get(urljoin(authorize, signed_in.headers["Location"]), allow_redirects=False)
    return back.headers["Location"]


def sign_in(client, identity_provider, username, *, email=None):
    account = identity_provider.accounts[username]
    response = start(client, email or account["email"])
    assert response.status_code == 302, response.content.decode()[:500]
    back = at_provider(response["Location"], username, identity_provider.password)
    assert back.startswith("http://testserver/account/schoolaccount/terug/?")
    return client.get(back.removeprefix("http://testserver"), follow=True)


def logged_in_as(client) -> User | None:
    user = client.get(reverse("home:index")).wsgi_request.user
    return user if user.is_authenticated else None


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_the_flow_asks_for_a_code_with_pkce_and_the_login_page_allows_the_provider(client, provider):
    page = client.get(reverse("login"))
    assert "Met uw schoolaccount" in page.content.decode()
    origin = provider.issuer.rsplit("/o", 1)[0]
    assert origin in page["Content-Security-Policy"].split("form-action", 1)[1].split(";")[0]
    authorize = start(client, "lotte.bakker@lumen.example")["Location"]
    query = parse_qs(urlsplit(authorize).query)
    assert authorize.startswith(origin + "/o/authorize/")
    assert query["response_type"] == ["code"] and query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"][0] and query["nonce"][0] and query["state"][0]
    assert query["login_hint"] == ["lotte.bakker@lumen.example"]


def test_a_known_person_signs_in_to_their_own_account_and_their_invitation_is_used(
    client, org, provider, identity_provider, beheerder
):
    person = factories.person(org.board, org.school, Functie.DOCENT_LC, name="Lotte Bakker")
    person.email = "Lotte.Bakker@lumen.example"
    person.save()
    invitation = services.prepare_invitation(person, by=beheerder)

    response = sign_in(client, identity_provider, "lotte")

    person.refresh_from_db()
    assert logged_in_as(client) == person.user
    assert response.redirect_chain[-1][0] == reverse("home:index")
    assert Membership.objects.filter(user=person.user, role=Role.LERAAR, school=org.school).exists()
    assert not person.user.has_usable_password()
    invitation.refresh_from_db()
    assert invitation.used_at is not None
    # From now on the account is found by the provider's subject, whatever the address says.
    person.email = "l.bakker@lumen.example"
    person.save()
    client.logout()
    sign_in(client, identity_provider, "lotte")
    assert logged_in_as(client) == person.user
    assert SchoolAccount.objects.filter(user=person.user, provider=provider).count() == 1


def test_an_unknown_address_of_the_board_waits_until_the_administrator_lets_it_in(
    client, org, provider, identity_provider, beheerder
):
    response = sign_in(client, identity_provider, "nieuw")
    assert logged_in_as(client) is None
    assert "Uw aanvraag is naar de beheerder van uw bestuur" in messages_of(response)
    waiting = SignInRequest.objects.get()
    assert (waiting.email, waiting.full_name, waiting.state) == ("nina.nieuw@lumen.example", "Nina Nieuw", "pending")
    notice = Notification.objects.get(user=beheerder)
    assert notice.kind == "sign_in_request" and "Nina Nieuw" in notice.message
    # Signing in again does not ask twice.
    sign_in(client, identity_provider, "nieuw")
    assert SignInRequest.objects.count() == 1 and Notification.objects.filter(kind="sign_in_request").count() == 1

    keeper = client.__class__()
    keeper.force_login(beheerder)
    listing = keeper.get(reverse("staff:sign_in_requests", args=[org.board.pk])).content.decode()
    assert "nina.nieuw@lumen.example" in listing
    home = keeper.get(reverse("home:index")).content.decode()
    assert "1 schoolaccount wacht om te worden toegelaten" in home
    page = reverse("staff:sign_in_request", args=[waiting.pk])
    # A bad form loses nothing and lets no one in.
    bad = keeper.post(page, {"new": "1", "first_name": "Nina", "last_name": "", "email": waiting.email})
    assert bad.status_code == 400 and "last_name" in bad.context["new_form"].errors
    assert not User.objects.filter(email="nina.nieuw@lumen.example").exists()
    keeper.post(
        page,
        {
            "new": "1",
            "first_name": "Nina",
            "last_name": "Nieuw",
            "email": waiting.email,
            "school": org.school.pk,
            "functie": Functie.DOCENT_LB,
        },
    )
    waiting.refresh_from_db()
    assert waiting.state == "confirmed" and waiting.decided_by == beheerder

    sign_in(client, identity_provider, "nieuw")
    nina = logged_in_as(client)
    assert nina is not None and nina.email == "nina.nieuw@lumen.example"
    assert nina.person.school == org.school
    assert Membership.objects.filter(user=nina, role=Role.LERAAR, school=org.school).exists()


def test_a_refused_school_account_stays_out(client, org, provider, identity_provider, beheerder):
    sign_in(client, identity_provider, "nieuw")
    waiting = SignInRequest.objects.get()
    keeper = client.__class__()
    keeper.force_login(beheerder)
    keeper.post(reverse("staff:refuse_sign_in", args=[waiting.pk]))
    response = sign_in(client, identity_provider, "nieuw")
    assert logged_in_as(client) is None
    assert "heeft dit schoolaccount afgewezen" in messages_of(response)
    # A decided request is no longer open to anyone.
    assert keeper.get(reverse("staff:sign_in_request", args=[waiting.pk])).status_code == 404


def test_only_the_boards_administrator_sees_its_waiting_accounts(client, org, other_org, provider, identity_provider):
    sign_in(client, identity_provider, "nieuw")
    waiting = SignInRequest.objects.get()
    for outsider in (
        factories.user_with_role(Role.BESTUURSBEHEERDER, board=other_org.board),
        org.schoolleider,
        factories.user_with_role(Role.BESTUURDER, board=org.board),
    ):
        client.force_login(outsider)
        assert client.get(reverse("staff:sign_in_requests", args=[org.board.pk])).status_code == 404
        assert client.get(reverse("staff:sign_in_request", args=[waiting.pk])).status_code == 404
        assert client.post(reverse("staff:refuse_sign_in", args=[waiting.pk])).status_code == 404
    waiting.refresh_from_db()
    assert waiting.state == "pending"


def test_school_accounts_of_another_board_or_domain_never_get_in(client, org, other_org, provider, identity_provider):
    # Bram works at the other board; his address is known there.
    factories.user_with_role(Role.LERAAR, school=other_org.school, email="bram.elders@lumen.example")
    response = sign_in(client, identity_provider, "bram")
    assert logged_in_as(client) is None
    assert "hoort bij een Koers-account van een ander bestuur" in messages_of(response)
    # Also when this board's staff file lists the same address: the account is the other board's.
    twin = factories.person(org.board, org.school, name="Bram Elders")
    twin.email = "bram.elders@lumen.example"
    twin.save()
    response = sign_in(client, identity_provider, "bram")
    assert logged_in_as(client) is None
    assert "hoort bij een Koers-account van een ander bestuur" in messages_of(response)
    # The provider also knows accounts outside the board's domains (as Google does).
    response = sign_in(client, identity_provider, "gast", email="iemand@lumen.example")
    assert logged_in_as(client) is None
    assert "hoort niet bij het bestuur" in messages_of(response)
    assert not SignInRequest.objects.exists() and not SchoolAccount.objects.exists()


def test_a_leaver_cannot_sign_in_with_their_school_account(client, org, provider, identity_provider):
    person = factories.person(org.board, org.school, name="Lotte Bakker")
    person.email = "lotte.bakker@lumen.example"
    person.save()
    sign_in(client, identity_provider, "lotte")
    client.logout()
    person.left_on = date(2026, 8, 1)
    person.save()
    response = sign_in(client, identity_provider, "lotte")
    assert logged_in_as(client) is None
    assert "geeft geen toegang meer" in messages_of(response)


def test_an_address_without_a_provider_is_told_at_the_field(client, provider):
    response = start(client, "iemand@elders.example")
    assert response.status_code == 400
    assert "Uw school heeft voor dit adres geen schoolaccounts ingesteld" in str(
        response.context["school_form"].errors["email"]
    )
    # The password form next to it is not marked wrong.
    assert not response.context["form"].errors


def test_a_forged_or_replayed_return_is_refused(client, org, provider, identity_provider):
    person = factories.person(org.board, org.school, name="Lotte Bakker")
    person.email = "lotte.bakker@lumen.example"
    person.save()
    authorize = start(client, person.email)["Location"]
    back = at_provider(authorize, "lotte", identity_provider.password).removeprefix("http://testserver")
    assert logs.mask(f"GET {back} HTTP/1.1") == "GET /account/schoolaccount/terug/?… HTTP/1.1"
    forged = back.replace("state=", "state=x")
    response = client.get(forged, follow=True)
    assert logged_in_as(client) is None
    assert "Inloggen met uw schoolaccount is niet gelukt" in messages_of(response)
    # The state was used up by the forged try: the real answer no longer works either.
    response = client.get(back, follow=True)
    assert logged_in_as(client) is None and person.user is None


def test_a_wrong_client_secret_or_issuer_lets_no_one_in(client, org, provider, identity_provider, monkeypatch):
    person = factories.person(org.board, org.school, name="Lotte Bakker")
    person.email = "lotte.bakker@lumen.example"
    person.save()
    monkeypatch.setenv("KOERS_OIDC_SECRET_LUMEN", "not-the-secret")
    response = sign_in(client, identity_provider, "lotte")
    assert logged_in_as(client) is None
    assert "niet gelukt" in messages_of(response)
    monkeypatch.delenv("KOERS_OIDC_SECRET_LUMEN")
    # A discovery document that names another issuer is not trusted.
    provider.issuer = identity_provider.issuer.replace("127.0.0.1", "localhost")
    provider.save()
    response = start(client, person.email)
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert not SchoolAccount.objects.exists()


def test_the_secret_can_come_from_the_environment(client, org, provider, identity_provider, monkeypatch):
    person = factories.person(org.board, org.school, name="Lotte Bakker")
    person.email = "lotte.bakker@lumen.example"
    person.save()
    services.seal_client_secret(provider, "stale")
    provider.save()
    monkeypatch.setenv("KOERS_OIDC_SECRET_LUMEN", identity_provider.client_secret)
    sign_in(client, identity_provider, "lotte")
    assert logged_in_as(client) is not None


def test_two_step_verification_still_asks_for_the_code(client, org, provider, identity_provider):
    from koers import totp

    person = factories.person(org.board, org.school, name="Lotte Bakker")
    person.email = "lotte.bakker@lumen.example"
    person.save()
    sign_in(client, identity_provider, "lotte")
    person.refresh_from_db()
    device = services.start_second_factor(person.user)
    services.confirm_second_factor(
        person.user, totp.code_at(services.second_factor_secret(device), totp.current_step())
    )
    client.logout()
    response = sign_in(client, identity_provider, "lotte")
    assert response.redirect_chain[-1][0] == reverse("login_code")
    assert logged_in_as(client) is None


def test_activation_offers_the_school_account(client, org, provider, beheerder):
    from koers import tokens
    from koers.organisations.views import ACTIVATION

    person = factories.person(org.board, org.school, name="Lotte Bakker")
    person.email = "lotte.bakker@lumen.example"
    person.save()
    invitation = services.prepare_invitation(person, by=beheerder)
    token = services.renew_invitation_token(invitation)
    session = client.session
    session[ACTIVATION] = tokens.hash_token(token)
    session.save()
    page = client.get(reverse("organisations:activate"))
    assert "Activeren met Microsoft Entra ID" in page.content.decode()
    assert provider.issuer.rsplit("/o", 1)[0] in page["Content-Security-Policy"]
    assert AccountInvitation.objects.get(pk=invitation.pk).used_at is None
