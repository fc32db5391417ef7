from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """Where everyone starts: the home page with what needs attention, the board and school
    overviews, and the demo installation that shows it all. It sits on top: it reads every app."""

    name = "koers.home"
    verbose_name = _("Home")
