import logging
import time

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers import auth_guard, tokens, totp
from koers.auth import login_required
from koers.form_errors import show_errors
from koers.pagination import paginate

from . import school_accounts, second_factor, selectors, services
from .forms import CodeForm, DigestForm, LanguageForm, LoginForm, SchoolAccountForm, SetupCodeForm
from .models import Notification, SignInProvider, User
from .qr import qr_svg

logger = logging.getLogger(__name__)


def log_in(request, user: User, *, backend: str, next_url: str):
    """Log in, or first ask for the code when the account has two-step verification: then it
    remembers who passed the first step (for five minutes)."""
    if not second_factor.has_second_factor(user):
        auth.login(request, user, backend=backend)
        return redirect(next_url)
    request.session[second_factor.PENDING] = {
        "user": user.pk,
        "backend": backend,
        "next": next_url,
        "until": int(time.time()) + second_factor.PENDING_SECONDS,
    }
    return redirect("login_code")


def allow_sign_in_forms(response, origins: list[str]):
    """A form that starts a school-account sign-in ends at the provider's page, and the browser
    checks that redirect against the form page's form-action."""
    if origins:
        response._csp_update = {"form-action": origins}
    return response


class Login(auth_views.LoginView):
    """The password step, and beside it the start of a sign-in with a school account."""

    authentication_form = LoginForm

    def form_valid(self, form):
        user = form.get_user()
        return log_in(self.request, user, backend=user.backend, next_url=self.get_success_url())

    @cached_property
    def origins(self) -> list[str]:
        return selectors.sign_in_origins()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "school_form" not in context and self.origins:
            context["school_form"] = SchoolAccountForm()
        return context

    def post(self, request, *args, **kwargs):
        if "school_account" not in request.POST:
            return super().post(request, *args, **kwargs)
        school_form = SchoolAccountForm(request.POST)
        if school_form.is_valid():
            return start_school_account(
                request, school_form.provider, school_form.cleaned_data["email"], self.get_success_url()
            )
        context = self.get_context_data(form=LoginForm(request), school_form=school_form)
        return self.render_to_response(context, status=400)

    def render_to_response(self, context, **response_kwargs):
        return allow_sign_in_forms(super().render_to_response(context, **response_kwargs), self.origins)


ACTIVATION = "koers_activation"  # the session holds the link's hash, never the link
SCHOOL_ACCOUNT = "koers_school_account"  # the provider a sign-in went to, and where it goes next


def start_school_account(request, provider: SignInProvider, email: str, next_url: str):
    request.session[SCHOOL_ACCOUNT] = {"provider": provider.pk, "next": next_url}
    back = request.build_absolute_uri(reverse("organisations:school_account_return"))
    try:
        return school_accounts.start(request, provider, back, login_hint=email)
    except school_accounts.FAILURES as exc:
        logger.warning("school account: %s unreachable (%s)", provider.slug, type(exc).__name__)
        messages.error(
            request,
            _("The sign-in page of your school cannot be reached now. Try again later, or log in with your password."),
        )
        return redirect("login")


SIGN_IN_MESSAGES = {
    "pending": _(
        "Koers does not know this school account yet. Your request has gone to your board's administrator; "
        "once they confirm it, you sign in the same way."
    ),
    "refused": _(
        "Your board's administrator has refused this school account. Ask your school leader if this is wrong."
    ),
    "domain": _("This school account does not belong to the board whose sign-in page you used."),
    "other": _("This address belongs to a Koers account of another board or organisation. Log in with your password."),
    "left": _("This school account no longer gives access to Koers. Ask your school leader if this is wrong."),
}


def school_account_return(request):
    """Where the provider sends the browser back: the code is traded for a checked ID token,
    and the account it names is logged in, waits for confirmation, or is refused."""
    started = request.session.pop(SCHOOL_ACCOUNT, None)
    provider = (
        SignInProvider.objects.select_related("board").filter(pk=started["provider"], active=True).first()
        if started
        else None
    )
    if provider is None:
        messages.error(request, _("Start the sign-in with your school account again."))
        return redirect("login")
    try:
        claims = school_accounts.finish(request, provider)
    except school_accounts.FAILURES as exc:
        logger.warning("school account: sign-in at %s failed (%s)", provider.slug, type(exc).__name__)
        messages.error(
            request, _("Signing in with your school account did not work out. Try again, or log in with your password.")
        )
        return redirect("login")
    result = services.sign_in_with_school_account(provider, claims)
    if result.user is None:
        messages.info(request, SIGN_IN_MESSAGES[result.outcome])
        return redirect("login")
    request.session.pop(ACTIVATION, None)
    request.session.set_expiry(settings.KOERS_IDLE_MINUTES * 60)
    request.session["koers_idle"] = True
    return log_in(request, result.user, backend="koers.auth_guard.ThrottledBackend", next_url=started["next"])


def login_code(request):
    pending = request.session.get(second_factor.PENDING)
    user = User.objects.filter(pk=pending["user"], is_active=True).first() if pending else None
    if user is None or pending["until"] < time.time():
        request.session.pop(second_factor.PENDING, None)
        messages.info(request, _("Log in again: the code was not given within five minutes."))
        return redirect("login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if auth_guard.locked(request, user.email):
            form.add_error("code", LoginForm.locked_error())
        elif services.check_second_factor(user, form.cleaned_data["code"]):
            del request.session[second_factor.PENDING]
            request.session[second_factor.PASSED] = True
            auth.login(request, user, backend=pending["backend"])
            return redirect(pending["next"])
        else:
            auth_guard.count_failure(request, user.email)
            form.add_error(
                "code", _("This code is not right, or it was used already. Try the code your app shows now.")
            )
    return render(request, "registration/login_code.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def account(request):
    return render(
        request,
        "organisations/account.html",
        {
            "has_second_factor": second_factor.has_second_factor(request.user),
            "second_factor_required": second_factor.required_for(request.user),
            "language_form": LanguageForm(initial={"language": request.user.language or settings.LANGUAGE_CODE}),
        },
    )


@login_required
@require_POST
def language(request):
    form = LanguageForm(request.POST)
    if form.is_valid():
        services.set_language(user=request.user, language=form.cleaned_data["language"])
        with translation.override(request.user.language):  # say it in the language chosen
            messages.success(request, _("Koers now speaks your language."))
    else:
        messages.error(request, form.errors["language"][0])
    return redirect("organisations:account")


@login_required
def second_factor_setup(request):
    """Set up the authenticator: scan the code, type what the app shows; the recovery codes are
    shown once, on the answer to that."""
    try:
        device = services.start_second_factor(request.user)
    except ValidationError:
        return redirect("organisations:account")
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.confirm_second_factor(request.user, form.cleaned_data["code"])
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            request.session[second_factor.STATE] = "verified"
            return render(request, "organisations/recovery_codes.html", {"codes": codes, "first": True})
    secret = services.second_factor_secret(device)
    uri = totp.provisioning_uri(secret, request.user.email)
    return render(
        request,
        "organisations/second_factor.html",
        {
            "form": form,
            "qr": qr_svg(uri),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": request.session.get(second_factor.STATE) == "setup",
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def recovery_codes(request):
    if not second_factor.has_second_factor(request.user):
        raise Http404
    codes = services.new_recovery_codes(request.user)
    return render(request, "organisations/recovery_codes.html", {"codes": codes, "first": False})


@login_required
@require_POST
def second_factor_off(request):
    if second_factor.required_for(request.user):
        messages.error(request, _("Two-step verification is required for your role; it cannot be switched off."))
    else:
        services.remove_second_factor(request.user)
        request.session[second_factor.STATE] = "none"
        messages.success(request, _("Two-step verification is off. You log in with your password only."))
    return redirect("organisations:account")


def activate_link(request, token: str):
    """The invitation's link: traded for the session at once, so the token leaves the address
    bar (and any log) after this one request."""
    request.session[ACTIVATION] = tokens.hash_token(token)
    return redirect("organisations:activate")


def activate(request):
    invitation = services.open_invitation(request.session.get(ACTIVATION, ""))
    if invitation is None:
        return render(request, "organisations/activation_gone.html", status=410)
    if request.user.is_authenticated and request.user != invitation.user:
        auth.logout(request)
        request.session[ACTIVATION] = invitation.token_hash
    form = SetPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.activate(invitation, form.cleaned_data["new_password1"])
        except ValidationError:
            return render(request, "organisations/activation_gone.html", status=410)
        request.session.pop(ACTIVATION, None)
        auth.login(request, user, backend="koers.auth_guard.ThrottledBackend")
        messages.success(request, _("Welcome to Koers. Your account is ready; you log in with your e-mail address."))
        return redirect("home:index")
    provider = selectors.sign_in_provider_for(invitation.user.email)
    response = render(
        request,
        "organisations/activate.html",
        {"form": form, "invited": invitation.user, "school_account": provider},
        status=400 if form.errors else 200,
    )
    return allow_sign_in_forms(response, [selectors.origin(provider.issuer)] if provider else [])


@login_required
def notifications(request):
    if request.method == "POST":
        services.mark_read(request.user)
        return redirect("organisations:notifications")
    found = Notification.objects.filter(user=request.user)
    return render(request, "organisations/notifications.html", {"page": paginate(request, found, 25)})


@login_required
def open_notification(request, notification_id: int):
    """Mark it read and go where it points; someone else's notification is not found."""
    found = services.mark_read(request.user, notification_id)
    if found is None:
        raise Http404
    return redirect(found.url)


@login_required
def notification_settings(request):
    form = DigestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.set_digest_kinds(request.user, form.cleaned_data["kinds"])
        messages.success(request, _("Your choice has been saved."))
        return redirect("organisations:notification_settings")
    return render(request, "organisations/notification_settings.html", {"form": form})
