"""Load the survey instruments from `catalog/content/enquetes/`: one file per instrument plus
`groepen.yaml`. Everything is read and checked before anything is written; an error names the
file and the key path. An instrument is upserted by (slug, version); an item that already has
answers cannot be removed: give the instrument a new version instead.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.db.models import Q

from koers.catalog.schema import SLUG, CatalogError, read_yaml

from .models import SCORED, Dimension, Instrument, Item, Module, RespondentGroup, Scale, scale_values

# More languages than Dutch: each text a respondent reads may have an English sibling
# (`text_en`, `options_en`, …), in our own translation. An instrument is offered in English
# only when every one of its texts has one (`missing_texts` says which do not).
LANGUAGES = ("en",)
GROUPS_FILE = {"groups": [{"slug": SLUG, "name": str, "?name_en": str}]}
ITEM = {
    "slug": SLUG,
    "text": str,
    "?text_en": str,
    "?scale": str,
    "?options": [str],
    "?options_en": [str],
    "?low": str,
    "?low_en": str,
    "?high": str,
    "?high_en": str,
    "?facet": str,
    "?required": bool,
    "?unknown": bool,
    "?show_if": {"item": SLUG, "values": [int]},
}
DIMENSION = {
    "slug": SLUG,
    "name": str,
    "?name_en": str,
    "?description": str,
    "?description_en": str,
    "?module": SLUG,
    "?question": str,
    "?variants": [int],
    "?unknown": bool,  # every scored item of the dimension offers "don't know"
    "?show_if": {"item": SLUG, "values": [int]},  # the page is shown only after these answers
    "items": [ITEM],
}
INSTRUMENT_FILE = {
    "instrument": {
        "slug": SLUG,
        "version": int,
        "name": str,
        "?name_en": str,
        "?kind": str,
        "minutes": int,
        "summary": str,
        "?summary_en": str,
        "?source": str,
        "groups": [SLUG],
        "?proposes_question": bool,
        "?for_networks": bool,
        "?for_people": bool,
        "?named_group": SLUG,
        "?unknown": bool,  # every scored item offers "don't know", unless its dimension or it says no
        "?modules": [{"slug": SLUG, "name": str, "?description": str, "?required": bool}],
        "?variants": [{"slug": SLUG, "name": str, "description": str}],
        "dimensions": [DIMENSION],
    }
}


def _check_instrument(name: str, spec: dict, groups: set[str]) -> None:
    where = f"{name}: instrument"
    for i, slug in enumerate(spec["groups"]):
        if slug not in groups:
            raise CatalogError(f"{where}.groups[{i}]: unknown respondent group '{slug}'")
    if spec.get("named_group") and spec["named_group"] not in spec["groups"]:
        raise CatalogError(f"{where}.named_group: not one of the instrument's groups")
    kind = spec.get("kind", Instrument.Kind.STANDARD)
    if kind not in Instrument.Kind.values:
        raise CatalogError(f"{where}.kind: expected one of {', '.join(Instrument.Kind.values)}")
    modules = [m["slug"] for m in spec.get("modules", [])]
    variants = spec.get("variants", [])
    if kind == Instrument.Kind.SCHOOLCONCEPT and not variants:
        raise CatalogError(f"{where}.variants: a school concept needs its variants")
    dims, items = Counter(), Counter()
    earlier: dict[str, list[int]] = {}  # items on the pages before this one: slug -> values
    for d, dim in enumerate(spec["dimensions"]):
        at = f"{where}.dimensions[{d}]"
        dims[dim["slug"]] += 1
        _check_condition(f"{at}.show_if", dim.get("show_if"), earlier)
        if dim.get("module") and dim["module"] not in modules:
            raise CatalogError(f"{at}.module: unknown module '{dim['module']}'")
        scales = set()
        for n, item in enumerate(dim["items"]):
            item_at = f"{at}.items[{n}]"
            items[item["slug"]] += 1
            scale = item.get("scale", Scale.LIKERT5)
            if scale not in Scale.values:
                raise CatalogError(f"{item_at}.scale: expected one of {', '.join(Scale.values)}")
            if scale == Scale.CHOICE and len(item.get("options", [])) < 2:
                raise CatalogError(f"{item_at}.options: a choice needs at least two options")
            if scale == Scale.BIPOLAR8 and not (item.get("low") and item.get("high")):
                raise CatalogError(f"{item_at}: a bipolar item names both poles (low, high)")
            for language in LANGUAGES:
                if f"options_{language}" in item and len(item[f"options_{language}"]) != len(item.get("options", [])):
                    raise CatalogError(f"{item_at}.options_{language}: give as many options as in Dutch")
            if item.get("facet", "") not in Item.Facet.values:
                raise CatalogError(f"{item_at}.facet: expected huidig or gewenst")
            if item.get("show_if") and dim.get("show_if"):
                raise CatalogError(f"{item_at}.show_if: its page has a condition already; give it one or the other")
            _check_condition(f"{item_at}.show_if", item.get("show_if"), earlier)
            if scale in SCORED:
                scales.add(scale)
            elif item.get("unknown"):
                raise CatalogError(f'{item_at}.unknown: only a scored item offers "don\'t know"')
        if len(scales) > 1:
            raise CatalogError(f"{at}: the scored items of one dimension share one scale")
        for item in dim["items"]:
            scale = item.get("scale", Scale.LIKERT5)
            if scale != Scale.OPEN:
                earlier[item["slug"]] = scale_values(scale, item.get("options"))
        if variants and scales:
            positions = dim.get("variants", [])
            if len(positions) != len(variants) or not all(1 <= p <= 8 for p in positions):
                raise CatalogError(f"{at}.variants: give each of the {len(variants)} variants a position from 1 to 8")
    for counter, kind_name in ((dims, "dimension"), (items, "item")):
        twice = [slug for slug, n in counter.items() if n > 1]
        if twice:
            raise CatalogError(f"{where}: {kind_name} slug used twice: {', '.join(twice)}")


# Per part of an instrument: its texts, and the field each is stored in.
_TEXTS = {
    "instrument": {"name": "name", "summary": "summary"},
    "dimension": {"name": "name", "description": "description"},
    "item": {"text": "text", "options": "options", "low": "low_label", "high": "high_label"},
}


def _translations(spec: dict, part: str) -> dict[str, dict]:
    """{"en": {"text": …}} from the `_en` siblings of a part's texts, under the model's names."""
    return {
        language: found
        for language in LANGUAGES
        if (
            found := {
                field: spec[f"{key}_{language}"] for key, field in _TEXTS[part].items() if f"{key}_{language}" in spec
            }
        )
    }


def missing_texts(spec: dict, language: str) -> list[str]:
    """The key paths of an instrument's texts with no version in `language`."""
    missing = []

    def check(part: str, at: str, value: dict) -> None:
        missing.extend(
            f"{at}.{key}_{language}" for key in _TEXTS[part] if value.get(key) and f"{key}_{language}" not in value
        )

    check("instrument", "instrument", spec)
    for d, dim in enumerate(spec["dimensions"]):
        check("dimension", f"dimensions[{d}]", dim)
        for n, item in enumerate(dim["items"]):
            check("item", f"dimensions[{d}].items[{n}]", item)
    return missing


def _check_condition(at: str, condition: dict | None, earlier: dict[str, list[int]]) -> None:
    """A condition names an item with answers on an earlier page, and values it can take."""
    if not condition:
        return
    values = earlier.get(condition["item"])
    if values is None:
        raise CatalogError(f"{at}.item: '{condition['item']}' is no item with answers on an earlier page")
    if not condition["values"] or any(v not in values for v in condition["values"]):
        raise CatalogError(f"{at}.values: expected values of '{condition['item']}' ({', '.join(map(str, values))})")


def read_instruments(directory: Path) -> tuple[list[dict], list[tuple[str, dict]]]:
    groups = read_yaml(directory / "groepen.yaml", GROUPS_FILE)["groups"]
    known = {g["slug"] for g in groups}
    instruments = []
    for path in sorted(directory.glob("*.yaml")):
        if path.name == "groepen.yaml":
            continue
        spec = read_yaml(path, INSTRUMENT_FILE)["instrument"]
        _check_instrument(path.name, spec, known)
        instruments.append((path.name, spec))
    return groups, instruments


def _sync(model, parent_filter: dict, rows: list[tuple[str, dict]], report) -> dict[str, object]:
    """Upsert the rows (slug, values) under one parent and remove the ones no longer there."""
    existing = {obj.slug: obj for obj in model.objects.filter(**parent_filter)}
    kept = {}
    for slug, values in rows:
        obj = existing.get(slug)
        if obj is None:
            obj = model.objects.create(slug=slug, **parent_filter, **values)
            report.created[model.__name__] += 1
        else:
            changed = [k for k, v in values.items() if getattr(obj, k) != v]
            if changed:
                for key in changed:
                    setattr(obj, key, values[key])
                obj.save(update_fields=changed)
                report.updated[model.__name__] += 1
        kept[slug] = obj
    stale = [obj for slug, obj in existing.items() if slug not in kept]
    if stale:
        model.objects.filter(pk__in=[o.pk for o in stale]).delete()
        report.removed[model.__name__] += len(stale)
    return kept


def _load_instrument(name: str, spec: dict, groups: dict, report) -> None:
    instrument, created = Instrument.objects.get_or_create(
        slug=spec["slug"],
        version=spec["version"],
        defaults={"name": spec["name"], "summary": spec["summary"], "from_content": True},
    )
    if created:
        report.created["Instrument"] += 1
    variants = spec.get("variants", [])
    fields = {
        "name": spec["name"],
        "summary": spec["summary"],
        "source": spec.get("source", ""),
        "minutes": spec["minutes"],
        "kind": spec.get("kind", Instrument.Kind.STANDARD),
        "proposes_question": spec.get("proposes_question", False),
        "for_networks": spec.get("for_networks", False),
        "for_people": spec.get("for_people", False),
        "named_group": spec.get("named_group", ""),
        "translations": _translations(spec, "instrument"),
        "languages": ["nl", *(language for language in LANGUAGES if not missing_texts(spec, language))],
        "from_content": True,
        "variants": [
            {**v, "positions": {d["slug"]: d["variants"][i] for d in spec["dimensions"] if d.get("variants")}}
            for i, v in enumerate(variants)
        ],
    }
    changed = [k for k, v in fields.items() if getattr(instrument, k) != v]
    if changed and not created:
        report.updated["Instrument"] += 1
    for key in changed:
        setattr(instrument, key, fields[key])
    instrument.save()
    instrument.groups.set([groups[slug] for slug in spec["groups"]])

    all_items = {item["slug"] for dim in spec["dimensions"] for item in dim["items"]}
    answered = set(
        Item.objects.filter(dimension__instrument=instrument, dimension__round__isnull=True)
        .filter(Q(answers__isnull=False) | Q(network_answers__isnull=False))
        .exclude(slug__in=all_items)
        .values_list("slug", flat=True)
    )
    if answered:
        raise CatalogError(
            f"{name}: items {', '.join(sorted(answered))} already have answers; keep them or "
            f"give the instrument a new version"
        )

    modules = _sync(
        Module,
        {"instrument": instrument},
        [
            (
                m["slug"],
                {
                    "name": m["name"],
                    "description": m.get("description", ""),
                    "required": m.get("required", False),
                    "order": i,
                },
            )
            for i, m in enumerate(spec.get("modules", []))
        ],
        report,
    )
    dimensions = _sync(
        Dimension,
        {"instrument": instrument, "round": None},  # a school's own questions are no content
        [
            (
                d["slug"],
                {
                    "name": d["name"],
                    "description": d.get("description", ""),
                    "question": d.get("question", ""),
                    "show_if": d.get("show_if", {}),
                    "translations": _translations(d, "dimension"),
                    "order": i,
                    "module": modules.get(d.get("module")),
                },
            )
            for i, d in enumerate(spec["dimensions"])
        ],
        report,
    )
    for dim in spec["dimensions"]:
        _sync(
            Item,
            {"dimension": dimensions[dim["slug"]]},
            [
                (
                    item["slug"],
                    {
                        "text": item["text"],
                        "scale": item.get("scale", Scale.LIKERT5),
                        "options": item.get("options", []),
                        "low_label": item.get("low", ""),
                        "high_label": item.get("high", ""),
                        "facet": item.get("facet", ""),
                        "required": item.get("required", True),
                        "unknown_allowed": item.get(
                            "unknown",
                            dim.get("unknown", spec.get("unknown", False))
                            and item.get("scale", Scale.LIKERT5) in SCORED,
                        ),
                        "show_if": item.get("show_if", {}),
                        "translations": _translations(item, "item"),
                        "order": i,
                    },
                )
                for i, item in enumerate(dim["items"])
            ],
            report,
        )


def load_instruments(directory: Path, report) -> None:
    """Called from load_catalog (through SurveysConfig.load_content), inside its transaction."""
    if not directory.is_dir():
        return
    group_specs, instruments = read_instruments(directory)
    groups = {}
    for order, g in enumerate(group_specs):
        obj, created = RespondentGroup.objects.update_or_create(
            slug=g["slug"],
            defaults={
                "name": g["name"],
                "translations": {lang: {"name": g[f"name_{lang}"]} for lang in LANGUAGES if f"name_{lang}" in g},
                "order": order,
                "from_content": True,
            },
        )
        if created:
            report.created["RespondentGroup"] += 1
        groups[g["slug"]] = obj
    for name, spec in instruments:
        _load_instrument(name, spec, groups, report)
    # A newer version in the content retires the older ones for new rounds.
    for _name, spec in instruments:
        Instrument.objects.filter(slug=spec["slug"], version__lt=spec["version"]).update(active=False)
