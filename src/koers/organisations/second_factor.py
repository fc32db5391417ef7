"""Two-step verification at login: who has it, who must have it (KOERS_REQUIRE_2FA for admins
and board roles, the bestuursbeheerder included), and the gate that keeps a session without it out.

The session remembers its state, set when it logs in, so the gate costs no query: "verified"
after a code, "none" for a user without an app, "setup" for one who must set it up first and
sees only the setup page until then, "unverified" for a login that skipped the code, which the
gate ends."""

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

from .models import BOARD_ROLES, STAFF_BOARD_ROLES, SecondFactor, User

STATE = "koers_2fa"
PENDING = "koers_2fa_pending"
PENDING_SECONDS = 300


def has_second_factor(user: User) -> bool:
    return SecondFactor.objects.filter(user=user, confirmed_at__isnull=False).exists()


def required_for(user: User) -> bool:
    if not settings.KOERS_REQUIRE_2FA:
        return False
    return (
        user.is_staff or user.is_superuser or user.memberships.filter(role__in=BOARD_ROLES | STAFF_BOARD_ROLES).exists()
    )


PASSED = "koers_2fa_passed"  # set by the code step just before it logs the user in


def state_for(user: User, *, passed: bool) -> str:
    if has_second_factor(user):
        return "verified" if passed else "unverified"
    return "setup" if required_for(user) else "none"


@receiver(user_logged_in)
def _remember_state(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[STATE] = state_for(user, passed=request.session.pop(PASSED, False))


class SecondFactorGate:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            state = request.session.get(STATE)
            if state is None:  # a session from before two-step verification existed
                state = request.session[STATE] = state_for(user, passed=False)
            if state == "unverified":
                logout(request)
                return redirect("login")
            if state == "setup" and not self._open_during_setup(request.path):
                return redirect("organisations:second_factor")
        return self.get_response(request)

    @staticmethod
    def _open_during_setup(path: str) -> bool:
        return path in {reverse("organisations:second_factor"), reverse("logout")} or path.startswith(
            settings.STATIC_URL
        )
