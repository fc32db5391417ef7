from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservationsConfig(AppConfig):
    name = "koers.observations"
    verbose_name = _("Lesson observation")

    def load_content(self, directory, report) -> None:
        """The observation form (kijkwijzer) from `observatie/`."""
        from .loader import load_instruments

        load_instruments(directory / "observatie", report)
