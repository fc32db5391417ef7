from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    name = "koers.careers"
    verbose_name = _("Careers")

    def load_content(self, directory, report) -> None:
        """Career domains, roles, reference frameworks and activity kinds, from `loopbaan`."""
        from .loader import load_career_content

        load_career_content(directory / "loopbaan", report)
