"""Load the observation form from `catalog/content/observatie/`, one instrument per file. Each
of the seven skills needs at least one item and each domain at least two, or the file is
refused with its key path. A version that has observations keeps its structure; a changed
one is a new version."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from koers.catalog.schema import SLUG, CatalogError, read_yaml

from .models import Indicator, ObservationDomain, ObservationInstrument, ObservationItem, SkillKind

INSTRUMENT_FILE = {
    "instrument": {
        "slug": SLUG,
        "version": int,
        "name": str,
        "source": str,
        "sufficient_from": int,
        "reference": {"label": str, "basis": int, "differentiatie": int, "beide": int},
        "scale": [str],
    },
    "indicators": [{"slug": SLUG, "name": str, "kind": str}],
    "domains": [{"slug": SLUG, "name": str, "items": [{"slug": SLUG, "text": str, "?indicator": SLUG}]}],
}


def check(name: str, spec: dict) -> None:
    head = spec["instrument"]
    if not 1 <= head["sufficient_from"] <= len(head["scale"]):
        raise CatalogError(f"{name}: instrument.sufficient_from: a point of the {len(head['scale'])}-point scale")
    indicators = {}
    for i, indicator in enumerate(spec["indicators"]):
        if indicator["kind"] not in SkillKind.values:
            raise CatalogError(f"{name}: indicators[{i}].kind: expected one of {', '.join(SkillKind.values)}")
        indicators[indicator["slug"]] = 0
    for d, domain in enumerate(spec["domains"]):
        if len(domain["items"]) < 2:
            raise CatalogError(f"{name}: domains[{d}].items: a domain has at least two items")
        for n, item in enumerate(domain["items"]):
            slug = item.get("indicator")
            if slug is None:
                continue
            if slug not in indicators:
                raise CatalogError(f"{name}: domains[{d}].items[{n}].indicator: unknown indicator '{slug}'")
            indicators[slug] += 1
    for i, (slug, count) in enumerate(indicators.items()):
        if not count:
            raise CatalogError(f"{name}: indicators[{i}]: indicator '{slug}' has no item")


def _structure(spec: dict) -> list:
    return [(d["slug"], [(i["slug"], i.get("indicator")) for i in d["items"]]) for d in spec["domains"]] + [
        (i["slug"], i["kind"]) for i in spec["indicators"]
    ]


def _stored(instrument: ObservationInstrument) -> list:
    domains = [
        (d.slug, [(i.slug, i.indicator.slug if i.indicator else None) for i in d.items.select_related("indicator")])
        for d in instrument.domains.all()
    ]
    return domains + [(i.slug, i.kind) for i in instrument.indicators.all()]


def load_instruments(directory: Path, report) -> None:
    if not directory.exists():
        return
    specs = [(path.name, read_yaml(path, INSTRUMENT_FILE)) for path in sorted(directory.glob("*.yaml"))]
    for name, spec in specs:
        check(name, spec)
    for name, spec in specs:
        _load(name, spec, report)


@transaction.atomic
def _load(name: str, spec: dict, report) -> None:
    head = spec["instrument"]
    fields = {k: head[k] for k in ("name", "source", "sufficient_from", "scale", "reference")}
    instrument, created = ObservationInstrument.objects.get_or_create(
        slug=head["slug"], version=head["version"], defaults=fields
    )
    if not created:
        changed = [k for k, v in fields.items() if getattr(instrument, k) != v]
        for key in changed:
            setattr(instrument, key, fields[key])
        if changed:
            instrument.save(update_fields=changed)
            report.updated["ObservationInstrument"] += 1
        if _stored(instrument) == _structure(spec):
            _update_texts(instrument, spec)
            return
        if instrument.periods.exists():
            raise CatalogError(f"{name}: version {head['version']} is in use; give the changed form a new version")
        instrument.domains.all().delete()
        instrument.indicators.all().delete()
    else:
        report.created["ObservationInstrument"] += 1
    indicators = {
        i["slug"]: Indicator.objects.create(
            instrument=instrument, slug=i["slug"], name=i["name"], kind=i["kind"], order=n
        )
        for n, i in enumerate(spec["indicators"])
    }
    for d, domain_spec in enumerate(spec["domains"]):
        domain = ObservationDomain.objects.create(
            instrument=instrument, slug=domain_spec["slug"], name=domain_spec["name"], order=d
        )
        ObservationItem.objects.bulk_create(
            ObservationItem(
                domain=domain,
                slug=item["slug"],
                text=item["text"],
                indicator=indicators.get(item.get("indicator", "")),
                order=n,
            )
            for n, item in enumerate(domain_spec["items"])
        )
    report.created["ObservationItem"] += sum(len(d["items"]) for d in spec["domains"])
    ObservationInstrument.objects.filter(slug=head["slug"]).exclude(pk=instrument.pk).update(active=False)


def _update_texts(instrument: ObservationInstrument, spec: dict) -> None:
    """Same structure: names and texts may still be worded better."""
    for indicator in instrument.indicators.all():
        wanted = next(i["name"] for i in spec["indicators"] if i["slug"] == indicator.slug)
        if indicator.name != wanted:
            indicator.name = wanted
            indicator.save(update_fields=["name"])
    for domain in instrument.domains.prefetch_related("items"):
        domain_spec = next(d for d in spec["domains"] if d["slug"] == domain.slug)
        if domain.name != domain_spec["name"]:
            domain.name = domain_spec["name"]
            domain.save(update_fields=["name"])
        for item in domain.items.all():
            text = next(i["text"] for i in domain_spec["items"] if i["slug"] == item.slug)
            if item.text != text:
                item.text = text
                item.save(update_fields=["text"])
