"""The primary navigation: only what the user's roles reach, from one read of their
memberships (organisations.access.reach), and only on pages that draw it."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from koers.organisations import access
from koers.organisations.models import Notification


@dataclass
class Link:
    label: str
    url: str
    count: int = 0  # shown beside the label (unread notifications)


def _links(request) -> list[Link]:
    user = request.user
    reach = access.reach(user)
    links = [Link(_("Home"), reverse("home:index"))]
    if len(reach.boards) == 1:
        links.append(Link(_("Board"), reverse("home:board", args=[reach.boards[0]])))
    if len(reach.schools) == 1 and not reach.boards:
        links.append(Link(_("School"), reverse("home:school", args=[reach.schools[0]])))
    if len(reach.survey_schools) == 1:
        links.append(Link(_("Surveys"), reverse("surveys:rounds", args=[reach.survey_schools[0]])))
    if len(reach.staff_boards) == 1:
        links.append(Link(_("Staff"), reverse("staff:board_people", args=[reach.staff_boards[0]])))
    elif len(reach.led_schools) == 1:
        links.append(Link(_("Staff"), reverse("staff:school_people", args=[reach.led_schools[0]])))
    if reach.schools or reach.boards or reach.staff_boards:
        links.append(Link(_("My development"), reverse("careers:mine")))
    if reach.regions or reach.led_schools:
        links.append(Link(_("Networks"), reverse("networks:index")))
    if reach.privacy:
        links.append(Link(_("Privacy"), reverse("privacy:people")))
    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    links.append(Link(_("Notifications"), reverse("organisations:notifications"), unread))
    links.append(Link(_("My account"), reverse("organisations:account")))
    return links


def navigation(request) -> dict:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"navigation": SimpleLazyObject(lambda: _links(request))}
