from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WerkdocumentConfig(AppConfig):
    """The werkdocument's pages, composed of the apps that hold its data: the trajectory
    overview, the subphase page with its instruments and survey evidence, and starting a
    trajectory with its first cycle."""

    name = "koers.werkdocument"
    verbose_name = _("Werkdocument")

    def ready(self) -> None:
        from koers.surveys.signals import round_finalised

        # A final round proposes the measurements of the goals measured from its dimensions.
        round_finalised.connect(_propose, dispatch_uid="werkdocument-propose-from-round")


def _propose(sender, survey, **kwargs) -> None:
    from . import services

    services.propose_from_round(survey)
