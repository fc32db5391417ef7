from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WerkdocumentConfig(AppConfig):
    """The werkdocument's pages, composed of the apps that hold its data: the trajectory
    overview, the subphase page with its instruments and survey evidence, and starting a
    trajectory with its first cycle."""

    name = "koers.werkdocument"
    verbose_name = _("Werkdocument")
