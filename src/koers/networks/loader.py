"""Load the networks' content from `catalog/content/netwerken/netwerken.yaml`: theme
categories and success conditions. An entry that left the content is removed only when no
network uses it; otherwise loading stops with the reason."""

from __future__ import annotations

from pathlib import Path

from koers.catalog.schema import SLUG, CatalogError, read_yaml

from .models import StopReason, SuccessCondition, ThemeCategory

NETWORKS_FILE = {
    "theme_categories": [{"slug": SLUG, "name": str}],
    "success_conditions": [{"slug": SLUG, "text": str}],
    "stop_reasons": [{"slug": SLUG, "name": str}],
}


def load_network_content(directory: Path, report) -> None:
    path = directory / "netwerken.yaml"
    if not path.exists():
        return
    content = read_yaml(path, NETWORKS_FILE)
    _load(path, ThemeCategory, content["theme_categories"], "name", report)
    _load(path, SuccessCondition, content["success_conditions"], "text", report)
    _load(path, StopReason, content["stop_reasons"], "name", report)


def _load(path: Path, model, specs: list[dict], field: str, report) -> None:
    label = model.__name__
    slugs = [spec["slug"] for spec in specs]
    if len(set(slugs)) != len(slugs):
        raise CatalogError(f"{path.name}: a {label} slug occurs twice")
    for order, spec in enumerate(specs):
        found, created = model.objects.get_or_create(slug=spec["slug"], defaults={field: spec[field], "order": order})
        if created:
            report.created[label] += 1
        elif (getattr(found, field), found.order) != (spec[field], order):
            setattr(found, field, spec[field])
            found.order = order
            found.save(update_fields=[field, "order"])
            report.updated[label] += 1
    stale = model.objects.exclude(slug__in=slugs)
    in_use = stale.filter(networks__isnull=False)
    if in_use.exists():
        raise CatalogError(f"{path.name}: {label} '{in_use.first().slug}' is still in use; keep it in the content")
    count = stale.count()
    if count:
        stale.delete()
        report.removed[label] += count
