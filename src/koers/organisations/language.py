"""The interface in the language a person chose in their account, else the installation's
(KOERS_LANGUAGE). Set for each request and restored after it, so a server thread never carries
one person's choice into the next person's page."""

from django.conf import settings
from django.utils import translation


def known_or_default(code: str) -> str:
    """The language code if Koers speaks it, else the installation's."""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class PersonalLanguage:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        chosen = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        language = known_or_default(chosen)
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
