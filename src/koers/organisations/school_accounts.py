"""Sign-in with a school account over OpenID Connect: the authorization-code flow with PKCE.

Authlib does the protocol: discovery, state, nonce, the S256 code challenge, the token exchange
and the ID token's checks (signature against the provider's keys, issuer, audience, expiry,
nonce). Koers adds two checks of its own (the discovered issuer must be the configured one, and
an answer without an ID token is refused) and then decides who the account is
(services.sign_in_with_school_account)."""

import os

from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import DjangoIntegration, DjangoOAuth2App
from django.conf import settings
from joserfc.errors import JoseError
from requests import RequestException

from koers import tokens

from .models import SignInProvider

SCOPE = "openid email profile"
# Everything that means "this sign-in did not work out", whatever part of the exchange failed.
FAILURES = (OAuthError, JoseError, RequestException, ValueError, KeyError)


def seal_key() -> str:
    return f"sign-in-provider:{settings.SECRET_KEY}"


def client_secret(provider: SignInProvider) -> str:
    """From the environment when it is set there, else the sealed one from the admin."""
    from_env = os.environ.get(f"KOERS_OIDC_SECRET_{provider.slug.upper().replace('-', '_')}")
    return from_env or tokens.unseal(seal_key(), provider.sealed_secret).get("secret", "")


def discovery_url(provider: SignInProvider) -> str:
    return provider.issuer.rstrip("/") + "/.well-known/openid-configuration"


def client(provider: SignInProvider) -> DjangoOAuth2App:
    return DjangoOAuth2App(
        DjangoIntegration(f"koers_{provider.pk}"),
        name=f"koers_{provider.pk}",
        client_id=provider.client_id,
        client_secret=client_secret(provider),
        server_metadata_url=discovery_url(provider),
        client_kwargs={"scope": SCOPE, "code_challenge_method": "S256", "timeout": 10},
    )


def start(request, provider: SignInProvider, redirect_uri: str, login_hint: str = ""):
    """The redirect to the provider; the state, nonce and code verifier wait in the session."""
    app = client(provider)
    _check_issuer(app, provider)
    extra = {"login_hint": login_hint} if login_hint else {}
    return app.authorize_redirect(request, redirect_uri, **extra)


def finish(request, provider: SignInProvider) -> dict:
    """The ID token's claims after the code is traded for tokens; raises one of FAILURES."""
    app = client(provider)
    _check_issuer(app, provider)
    token = app.authorize_access_token(request)
    claims = token.get("userinfo")
    if not claims:
        raise OAuthError(description="no ID token")
    return dict(claims)


def _check_issuer(app: DjangoOAuth2App, provider: SignInProvider) -> None:
    issuer = app.load_server_metadata().get("issuer", "")
    if issuer.rstrip("/") != provider.issuer.rstrip("/"):
        raise OAuthError(description="the discovery document names another issuer")
