from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "koers.teams"
    verbose_name = _("Team development")

    def load_content(self, directory, report) -> None:
        """The four activity cards and the team-HRM practices from `teams/`."""
        from .loader import load_team_content

        load_team_content(directory / "teams", report)
