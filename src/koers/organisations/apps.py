from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "koers.organisations"
    verbose_name = _("Organisations")

    def load_content(self, directory, report) -> None:
        """The regions, from the catalogue's `organisaties` folder (see catalog.loader)."""
        from .loader import load_regions

        load_regions(directory / "organisaties", report)

    def ready(self):
        from django.contrib.auth import signals
        from django.contrib.auth.models import update_last_login

        from koers import auth_guard  # noqa: F401  (counts failed logins)

        from . import second_factor  # noqa: F401  (notes each login's two-step state)
        from .services import note_login

        # Ours keeps the previous login time as it sets the new one.
        signals.user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        signals.user_logged_in.connect(note_login, dispatch_uid="koers_note_login")
