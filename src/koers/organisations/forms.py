from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


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
