"""Guessing passwords is slowed down: after KOERS_LOGIN_FAILURES = (5, 900) failures within the
window, for one account or from one address, every login there waits until the window ends,
on the login page and on /beheer/ alike (both go through `authenticate`). Failed logins are
logged to koers.security, with the account and the address, never the password. A wrong
second-factor code counts as a failure too."""

import logging
import time

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from koers import ratelimit

log = logging.getLogger("koers.security")


def _subjects(request, username: str | None) -> list[tuple[str, str]]:
    subjects = [("login-account", (username or "").strip().lower())]
    if request is not None:
        subjects.append(("login-address", ratelimit.client_address(request)))
    return subjects


def locked(request, username: str | None) -> bool:
    limit, _seconds = settings.KOERS_LOGIN_FAILURES
    return any(ratelimit.count(action, subject) >= limit for action, subject in _subjects(request, username))


class ThrottledBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if locked(request, username or kwargs.get("email")):
            raise PermissionDenied  # Django stops here and reports a failed login
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed)
def _count_failure(sender, credentials, request=None, **kwargs):
    count_failure(request, credentials.get("username") or credentials.get("email"))


def count_failure(request, username: str | None) -> None:
    """One failed login (a wrong password or second-factor code) for the account and address."""
    _limit, seconds = settings.KOERS_LOGIN_FAILURES
    for action, subject in _subjects(request, username):
        ratelimit.record(action, subject, seconds)
    log.warning(
        "failed login for %s from %s",
        (username or "").strip().lower() or "-",
        ratelimit.client_address(request) if request is not None else "-",
    )


class IdleSessions:
    """A session without "stay logged in" ends after KOERS_IDLE_MINUTES without a request:
    its expiry is a number of seconds, so each save moves it on. Saved at most once a minute,
    not on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get("koers_idle"):
            now = int(time.time())
            if now - session.get("koers_seen", 0) >= 60:
                session["koers_seen"] = now
        return self.get_response(request)
