from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "koers.networks"
    verbose_name = _("Learning networks")

    def load_content(self, directory, report) -> None:
        """Theme categories and success conditions, from the catalogue's `netwerken` folder."""
        from .loader import load_network_content

        load_network_content(directory / "netwerken", report)
