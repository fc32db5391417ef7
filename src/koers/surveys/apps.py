from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "koers.surveys"
    verbose_name = _("Surveys")

    def load_content(self, directory, report) -> None:
        """The survey instruments, from the catalogue's `enquetes` folder (see catalog.loader)."""
        from .loader import load_instruments

        load_instruments(directory / "enquetes", report)
