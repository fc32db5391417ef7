from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "koers.organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from koers import auth_guard  # noqa: F401  (counts failed logins)

        from . import second_factor  # noqa: F401  (notes each login's two-step state)
