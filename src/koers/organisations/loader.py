"""Load the regions from `catalog/content/organisaties/regios.yaml`. A region that left the
content is removed only when no school or membership points at it; otherwise loading stops
with the reason, so no school silently loses its region."""

from __future__ import annotations

from pathlib import Path

from django.db.models import Q

from koers.catalog.schema import SLUG, CatalogError, read_yaml

from .models import Region

REGIONS_FILE = {"regions": [{"slug": SLUG, "name": str}]}


def load_regions(directory: Path, report) -> None:
    path = directory / "regios.yaml"
    if not path.exists():
        return
    specs = read_yaml(path, REGIONS_FILE)["regions"]
    slugs = [spec["slug"] for spec in specs]
    if len(set(slugs)) != len(slugs):
        raise CatalogError(f"{path.name}: a region slug occurs twice")
    for order, spec in enumerate(specs):
        region, created = Region.objects.get_or_create(
            slug=spec["slug"], defaults={"name": spec["name"], "order": order}
        )
        if created:
            report.created["Region"] += 1
        elif (region.name, region.order) != (spec["name"], order):
            region.name, region.order = spec["name"], order
            region.save(update_fields=["name", "order"])
            report.updated["Region"] += 1
    stale = Region.objects.exclude(slug__in=slugs)
    used = stale.filter(Q(schools__isnull=False) | Q(memberships__isnull=False)).values_list("slug", flat=True)
    if used:
        raise CatalogError(f"{path.name}: region '{used[0]}' is still in use; keep it in the content")
    count = stale.count()
    if count:
        stale.delete()
        report.removed["Region"] += count
