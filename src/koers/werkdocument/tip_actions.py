"""What a tip lets you do in Koers itself, by the key the content gives it (`actie:` of a tip in
werkdocument.yaml): the handreiking's "join a learning network" leads to the networks, with the
trajectory's theme, "collegiale visitatie" to a visit request. Adding one: an entry here and the key on the tip."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from koers.catalog.models import Tip
from koers.trajectories.models import Trajectory


@dataclass(frozen=True)
class TipAction:
    label: Promise
    url: Callable[[Trajectory], str]


ACTIONS = {
    "leernetwerk": TipAction(
        _("Find or start a learning network on this theme"),
        lambda trajectory: reverse("networks:index") + "?" + urlencode({"thema": trajectory.theme.slug}),
    ),
    "visitatie": TipAction(
        _("Request a peer visit on your development question"),
        lambda trajectory: reverse("visits:request", args=[trajectory.school_id]),
    ),
}


def links(tips: Iterable[Tip], trajectory: Trajectory) -> dict[str, tuple[Promise, str]]:
    """Per tip slug, the label and address of its action."""
    return {t.slug: (ACTIONS[t.action].label, ACTIONS[t.action].url(trajectory)) for t in tips if t.action}
