from django.contrib.auth.forms import AdminUserCreationForm as DjangoAdminUserCreationForm
from django.contrib.auth.forms import AuthenticationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import User


class LoginForm(AuthenticationForm):
    """Django's login form, with a message that fits e-mail logins (the address is not
    case-sensitive here, the password is)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "This e-mail address and password do not match. Mind that the password is "
            "case-sensitive."
        ),
    }


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
