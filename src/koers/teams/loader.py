"""Load the activity cards (`activiteitenkaarten.yaml`) and the team-HRM practices
(`teamhrm.yaml`) by slug; a card or practice a team uses cannot leave the content."""

from __future__ import annotations

from pathlib import Path

from koers.catalog.loader import remove_stale_slugs, sync_by_slug, upsert_by_slug
from koers.catalog.models import AmoItem
from koers.catalog.schema import SLUG, CatalogError, read_yaml

from .models import ActivityCard, HrmGroup, HrmPractice

CARDS_FILE = {"cards": [{"slug": SLUG, "name": str, "side": str, "description": str, "tips": [str], "source": str}]}
HRM_FILE = {
    "groups": [
        {
            "slug": SLUG,
            "name": str,
            "factor": str,
            "practices": [{"slug": SLUG, "text": str, "source": str}],
        }
    ]
}


def load_team_content(directory: Path, report) -> None:
    cards_path = directory / "activiteitenkaarten.yaml"
    if not cards_path.exists():
        return
    cards = read_yaml(cards_path, CARDS_FILE)["cards"]
    for n, card in enumerate(cards):
        if card["side"] not in ActivityCard.Side.values:
            raise CatalogError(f"{cards_path.name}: cards[{n}].side: expected one of uitkomst, betekenis")
    sides = {card["side"] for card in cards}
    if sides != set(ActivityCard.Side.values):
        raise CatalogError(f"{cards_path.name}: cards: the paradox needs cards on both sides")
    sync_by_slug(
        cards_path, ActivityCard.objects, cards, ("name", "side", "description", "tips", "source"), "holders", report
    )

    hrm_path = directory / "teamhrm.yaml"
    groups = read_yaml(hrm_path, HRM_FILE)["groups"]
    for n, group in enumerate(groups):
        if group["factor"] not in AmoItem.Factor.values:
            raise CatalogError(f"{hrm_path.name}: groups[{n}].factor: expected ability, motivation or opportunity")
    upsert_by_slug(hrm_path, HrmGroup.objects, groups, ("name", "factor"), report)
    practices = [p | {"group": HrmGroup.objects.get(slug=g["slug"])} for g in groups for p in g["practices"]]
    sync_by_slug(hrm_path, HrmPractice.objects, practices, ("group", "text", "source"), "chosen", report)
    remove_stale_slugs(hrm_path, HrmGroup.objects, [g["slug"] for g in groups], "practices", report)
