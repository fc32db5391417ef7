"""The handreiking's classification rules, as plain functions so every cell can be tested.

Scores run from 1 to 5. A score of 3 or more counts as large ("groot"): 3 is the middle of
the scale, and the handreiking asks to take a stakeholder or lever seriously once it matters
at all, so the middle belongs with the large half rather than being left undecided.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

SCORE_MIN, SCORE_MAX = 1, 5
LARGE_FROM = 3


def is_large(score: int) -> bool:
    return score >= LARGE_FROM


class Alignment(models.TextChoices):
    GELIJK = "gelijk", _("Interests aligned")
    ONBEKEND = "onbekend", _("Interests unknown")
    NIET_GELIJK = "niet-gelijk", _("Interests not aligned")


class Trust(models.TextChoices):
    BETROUWBAAR = "betrouwbaar", _("Trustworthy")
    NIET_BETROUWBAAR = "niet-betrouwbaar", _("Not trustworthy")


class Figure5(models.TextChoices):
    VRIEND = "vriend", _("Friend")
    TWIJFELAAR = "twijfelaar", _("Doubter")
    OPPONENT = "opponent", _("Opponent")
    COALITIEGENOOT = "coalitiegenoot", _("Coalition partner")
    VIJAND = "vijand", _("Enemy")


# Figure 5 of the handreiking, cell by cell (rows: trust, columns: alignment).
FIGURE_5 = {
    (Trust.BETROUWBAAR, Alignment.GELIJK): Figure5.VRIEND,
    (Trust.BETROUWBAAR, Alignment.ONBEKEND): Figure5.TWIJFELAAR,
    (Trust.BETROUWBAAR, Alignment.NIET_GELIJK): Figure5.OPPONENT,
    (Trust.NIET_BETROUWBAAR, Alignment.GELIJK): Figure5.COALITIEGENOOT,
    (Trust.NIET_BETROUWBAAR, Alignment.ONBEKEND): Figure5.OPPONENT,
    (Trust.NIET_BETROUWBAAR, Alignment.NIET_GELIJK): Figure5.VIJAND,
}


def figure5_class(trust: str, alignment: str) -> Figure5:
    return FIGURE_5[(Trust(trust), Alignment(alignment))]


class Strategy(models.TextChoices):
    NAUW_BETREKKEN = "nauw-betrekken", _("Involve closely")
    TEVREDEN_HOUDEN = "tevreden-houden", _("Keep satisfied")
    INFORMEREN = "informeren", _("Keep informed")
    MONITOREN = "monitoren", _("Monitor")


def stakeholder_strategy(interest: int, influence: int) -> Strategy:
    """Figure 4: what to do with a stakeholder, by the size of their interest and influence."""
    if is_large(influence):
        return Strategy.NAUW_BETREKKEN if is_large(interest) else Strategy.TEVREDEN_HOUDEN
    return Strategy.INFORMEREN if is_large(interest) else Strategy.MONITOREN


class Gap(models.TextChoices):
    KLEIN = "klein", _("Small")
    GROOT = "groot", _("Large")


class Scenario(models.TextChoices):
    """The two scenarios of 1B, which follow from how large a school rates a gap."""

    BEHOUDEN = "behouden", _("Keep and strengthen")
    PRIORITEREN = "prioriteren", _("Prioritise what is feasible")


def scenario_for(gap: str) -> Scenario | None:
    return {Gap.KLEIN: Scenario.BEHOUDEN, Gap.GROOT: Scenario.PRIORITEREN}.get(gap)


class LeverQuadrant(models.TextChoices):
    KANSRIJK = "kansrijk", _("Large impact, good chance: most promising")
    LASTIG = "lastig", _("Large impact, small chance: worth it if feasible")
    MAKKELIJK = "makkelijk", _("Small impact, good chance: quick win")
    LAAG = "laag", _("Small impact, small chance: least promising")


def lever_quadrant(impact: int, success: int) -> LeverQuadrant:
    if is_large(impact):
        return LeverQuadrant.KANSRIJK if is_large(success) else LeverQuadrant.LASTIG
    return LeverQuadrant.MAKKELIJK if is_large(success) else LeverQuadrant.LAAG
