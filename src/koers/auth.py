from functools import wraps

from django.contrib.auth.decorators import login_required as django_login_required
from django.http import HttpResponse


def login_required(view):
    """Django's login_required, except that an htmx request without a session gets a 401
    instead of the login page. htmx swaps nothing on a 401, so the form and what was typed in
    it stay as they are; koers.js tells the person to log in again and save."""
    redirecting = django_login_required(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if getattr(request, "htmx", False) and not request.user.is_authenticated:
            return HttpResponse(status=401)
        return redirecting(request, *args, **kwargs)

    return wrapper
