from django import forms
from django.conf import settings
from django.contrib.auth.forms import AdminUserCreationForm as DjangoAdminUserCreationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from koers import auth_guard, ratelimit

from .models import Notification, SignInProvider, User
from .selectors import sign_in_provider_for
from .tasks import send_password_reset


class SchoolAccountForm(forms.Form):
    """The address that tells Koers which board's provider to send someone to."""

    email = forms.EmailField(
        label=_("Address of your school account"),
        help_text=_("Koers sends you to your school's sign-in page, for example Microsoft or Google."),
    )

    def clean_email(self):
        self.provider = sign_in_provider_for(self.cleaned_data["email"])
        if self.provider is None:
            raise forms.ValidationError(
                _("Your school has not set up school accounts for this address. Log in with your password above.")
            )
        return self.cleaned_data["email"]


class LoginForm(AuthenticationForm):
    """Django's login form, with a message that fits e-mail logins (the address is not
    case-sensitive here, the password is), a wait after repeated failures, and a choice to
    stay logged in; otherwise the session ends after KOERS_IDLE_MINUTES without activity."""

    remember = forms.BooleanField(label=_("Stay logged in on this device"), required=False)

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("This e-mail address and password do not match. Mind that the password is case-sensitive."),
        "locked": _("Too many failed attempts. Wait %(minutes)s minutes and try again, or reset your password."),
    }

    @classmethod
    def locked_error(cls) -> forms.ValidationError:
        """The wait after too many failures, for the password step and the code step alike."""
        minutes = settings.KOERS_LOGIN_FAILURES[1] // 60
        return forms.ValidationError(cls.error_messages["locked"], code="locked", params={"minutes": minutes})

    def clean(self):
        if auth_guard.locked(self.request, self.cleaned_data.get("username")):
            raise self.locked_error()
        cleaned = super().clean()
        if not self.cleaned_data.get("remember") and self.request is not None:
            self.request.session.set_expiry(settings.KOERS_IDLE_MINUTES * 60)
            self.request.session["koers_idle"] = True
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class SetupCodeForm(CodeForm):
    """The first code, from the app just set up: there are no recovery codes yet."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("The six digits the app shows for Koers now.")


class QueuedPasswordResetForm(PasswordResetForm):
    """Queues the mail instead of sending it in the request (see tasks.send_password_reset).
    One address asking for more than KOERS_RESET_REQUESTS resets gets the same answer, but no
    more mail is queued, so nobody can flood a colleague's inbox from one place."""

    def save(self, *, request, domain_override=None, use_https=False, **_):
        if not ratelimit.allow(request, "password-reset", settings.KOERS_RESET_REQUESTS):
            return
        domain = domain_override or request.get_host()
        send_password_reset.enqueue(self.cleaned_data["email"], domain, use_https)


class AdminUserCreationForm(DjangoAdminUserCreationForm):
    """Django's form names a username field; our accounts are keyed by e-mail address."""

    class Meta:
        model = User
        fields = ("email", "full_name")

    def clean_email(self):
        return self.cleaned_data["email"].lower()


class AdminUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class DigestForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("In the daily e-mail"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everything still shows in Koers; this only chooses what also comes by e-mail."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = Notification.Kind.choices
        self.initial.setdefault("kinds", [k for k in Notification.Kind.values if k not in user.digest_off])


class SignInProviderForm(forms.ModelForm):
    """The client secret is written only: it is sealed on save and never shown again. Leave it
    empty to keep the one there is, or when KOERS_OIDC_SECRET_<SLUG> holds it."""

    issuer = forms.URLField(
        label=_("issuer"),
        assume_scheme="https",
        help_text=_("Its discovery document is at the issuer followed by /.well-known/openid-configuration."),
    )
    client_secret = forms.CharField(
        label=_("client secret"), required=False, widget=forms.PasswordInput(render_value=False)
    )

    class Meta:
        model = SignInProvider
        fields = ["board", "kind", "slug", "issuer", "client_id", "client_secret", "domains", "email_claim", "active"]


class LanguageForm(forms.Form):
    # Each language named in itself, so whoever cannot read the current one still finds theirs.
    language = forms.ChoiceField(
        label=_("Language of Koers"),
        choices=[("nl", "Nederlands"), ("en", "English")],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the languages given.")},
    )
