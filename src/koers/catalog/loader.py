"""Load the content files into the catalogue: validate everything first, then write it all in
one transaction, upserting by slug. Running it twice changes nothing the second time."""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import transaction

from .models import (
    AmoItem,
    Bottleneck,
    Lever,
    LeverCluster,
    Phase,
    PracticeExample,
    Question,
    QuestionGroup,
    SituationRow,
    Subphase,
    Theme,
    Tip,
)
from .schema import CONTENT_FILE, CatalogError, read_yaml

CONTENT_DIR = Path(__file__).resolve().parent / "content"


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.removed))
        if not kinds:
            return "nothing changed."
        return ", ".join(
            f"{k}: {self.created[k]} new, {self.updated[k]} updated, {self.removed[k]} removed" for k in kinds
        )


def read_content(directory: Path = CONTENT_DIR) -> dict[str, list]:
    """Parse and validate every content file; merge them by top-level key."""
    merged: dict[str, list] = {}
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise CatalogError(f"{directory}: no content files (*.yaml) found")
    for path in files:
        data = read_yaml(path, CONTENT_FILE)
        for key, items in data.items():
            merged.setdefault(key, []).extend((path.name, i, item) for i, item in enumerate(items))
    _check_references(merged)
    return merged


def _check_references(merged: dict[str, list]) -> None:
    theme_slugs = {item["slug"] for _, _, item in merged.get("themes", [])}
    table1_topics = {t for _, _, item in merged.get("themes", []) for t in item["aanknopingspunten"]}
    seen: dict[tuple[str, str], str] = {}

    def claim(kind: str, slug: str, where: str) -> None:
        if (kind, slug) in seen:
            raise CatalogError(f"{where}.slug: '{slug}' is already used at {seen[(kind, slug)]}")
        seen[(kind, slug)] = where

    def scoped(kind: str, item: dict, where: str) -> None:
        claim(kind, item["slug"], where)
        for theme in item.get("themes", []):
            if theme not in theme_slugs:
                raise CatalogError(f"{where}.themes: unknown theme '{theme}'")

    tip_kinds = sorted(choice for choice, _ in Tip.Kind.choices)

    def tips(owner: dict, where: str) -> None:
        for t, tip in enumerate(owner.get("tips", [])):
            claim("tip", tip["slug"], f"{where}.tips[{t}]")
            if tip["kind"] not in tip_kinds:
                raise CatalogError(f"{where}.tips[{t}].kind: expected one of {tip_kinds}")

    for fname, i, theme in merged.get("themes", []):
        claim("theme", theme["slug"], f"{fname}: themes[{i}]")
    for fname, i, phase in merged.get("phases", []):
        where = f"{fname}: phases[{i}]"
        claim("phase", phase["slug"], where)
        tips(phase, where)
        for s, sub in enumerate(phase["subphases"]):
            sub_where = f"{where}.subphases[{s}]"
            claim("subphase", sub["slug"], sub_where)
            claim("subphase-code", sub["code"], sub_where)
            tips(sub, sub_where)
            for g, group in enumerate(sub["question_groups"]):
                group_where = f"{sub_where}.question_groups[{g}]"
                claim("group", group["slug"], group_where)
                for q, question in enumerate(group["questions"]):
                    claim("question", question["slug"], f"{group_where}.questions[{q}]")
    for fname, i, table in merged.get("situation_tables", []):
        for s, section in enumerate(table["sections"]):
            for r, row in enumerate(section["rows"]):
                where = f"{fname}: situation_tables[{i}].sections[{s}].rows[{r}]"
                scoped("situation", row, where)
    for fname, i, item in merged.get("knelpunten", []):
        scoped("bottleneck", item, f"{fname}: knelpunten[{i}]")
    for fname, i, cluster in merged.get("lever_clusters", []):
        claim("cluster", cluster["slug"], f"{fname}: lever_clusters[{i}]")
        for lv, lever in enumerate(cluster["levers"]):
            where = f"{fname}: lever_clusters[{i}].levers[{lv}]"
            scoped("lever", lever, where)
            for topic in lever.get("table1", []):
                if topic not in table1_topics:
                    raise CatalogError(f"{where}.table1: '{topic}' is not an aanknopingspunt of any theme in Table 1")
    subphases = {sub["slug"] for _, _, phase in merged.get("phases", []) for sub in phase["subphases"]}
    for fname, i, example in merged.get("practice_examples", []):
        where = f"{fname}: practice_examples[{i}]"
        claim("example", example["slug"], where)
        for slug in example["subphases"]:
            if slug not in subphases:
                raise CatalogError(f"{where}.subphases: unknown subphase '{slug}'")
    factors = {choice for choice, _ in AmoItem.Factor.choices}
    for fname, i, block in merged.get("amo", []):
        where = f"{fname}: amo[{i}]"
        if block["factor"] not in factors:
            raise CatalogError(f"{where}.factor: expected one of {sorted(factors)}")
        for kind in ("teacher", "interventions", "leadership"):
            for n, item in enumerate(block[kind]):
                scoped("amo", item, f"{where}.{kind}[{n}]")


class _Upserter:
    """Upsert rows by slug and remember which slugs the content still holds."""

    def __init__(self, report: LoadReport):
        self.report = report
        self.kept: dict[type, set[str]] = {}

    def __call__(self, model, slug: str, **values):
        self.kept.setdefault(model, set()).add(slug)
        obj = model.objects.filter(slug=slug).first()
        if obj is None:
            self.report.created[model.__name__] += 1
            return model.objects.create(slug=slug, **values)
        changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
        if changed:
            for key, value in changed.items():
                setattr(obj, key, value)
            obj.save(update_fields=list(changed))
            self.report.updated[model.__name__] += 1
        return obj

    def remove_stale(self, model, queryset=None) -> None:
        qs = (queryset if queryset is not None else model.objects.all()).exclude(slug__in=self.kept.get(model, set()))
        count = qs.count()
        if count:
            qs.delete()
            self.report.removed[model.__name__] += count


def _load_tips(up: _Upserter, tips: list[dict], order: int, *, phase, subphase) -> int:
    """A tip hangs on a phase or on a subphase; returns the last order number used."""
    for tip in tips:
        order += 1
        up(
            Tip,
            tip["slug"],
            kind=tip["kind"],
            title=tip["title"],
            body=tip["body"],
            url=tip.get("url", ""),
            action=tip.get("actie", ""),
            phase=phase,
            subphase=subphase,
            order=order,
        )
    return order


@transaction.atomic
def load_catalog(directory: Path = CONTENT_DIR) -> LoadReport:
    content = read_content(directory)
    report = LoadReport()
    up = _Upserter(report)

    for order, (_, _, t) in enumerate(content.get("themes", []), start=1):
        up(
            Theme,
            t["slug"],
            name=t["name"],
            term=t["term"],
            description=t.get("description", ""),
            conversation_agreement=t.get("gesprek_afspraak", ""),
            urgentie=t["urgentie"],
            verwachte_effecten=t["verwachte_effecten"],
            aanknopingspunten=t["aanknopingspunten"],
            order=order,
            from_content=True,
        )

    sub_order = group_order = question_order = tip_order = 0
    for _, _, p in content.get("phases", []):
        phase = up(
            Phase,
            p["slug"],
            number=p["number"],
            name=p["name"],
            doel=p["doel"],
            dialoog=p.get("dialoog", ""),
        )
        tip_order = _load_tips(up, p.get("tips", []), tip_order, phase=phase, subphase=None)
        for s in p["subphases"]:
            sub_order += 1
            sub = up(
                Subphase,
                s["slug"],
                code=s["code"],
                phase=phase,
                title=s["title"],
                doel=s["doel"],
                dialoog=s.get("dialoog", ""),
                reflectie=s["reflectie"],
                instruments=s.get("instrumenten", []),
                order=sub_order,
            )
            tip_order = _load_tips(up, s.get("tips", []), tip_order, phase=None, subphase=sub)
            for g in s["question_groups"]:
                group_order += 1
                group = up(
                    QuestionGroup,
                    g["slug"],
                    subphase=sub,
                    title=g["title"],
                    intro=g.get("intro", ""),
                    order=group_order,
                )
                for q in g["questions"]:
                    question_order += 1
                    up(Question, q["slug"], group=group, subphase=sub, text=q["text"], order=question_order)

    row_order = 0
    for _, _, table in content.get("situation_tables", []):
        for section in table["sections"]:
            for row in section["rows"]:
                row_order += 1
                up(
                    SituationRow,
                    row["slug"],
                    table=table["slug"],
                    table_title=table["title"],
                    section=section["title"],
                    text=row["text"],
                    themes=row.get("themes", []),
                    order=row_order,
                )

    for order, (_, _, item) in enumerate(content.get("knelpunten", []), start=1):
        up(Bottleneck, item["slug"], text=item["text"], themes=item.get("themes", []), order=order)

    lever_order = 0
    for order, (_, _, c) in enumerate(content.get("lever_clusters", []), start=1):
        cluster = up(LeverCluster, c["slug"], name=c["name"], order=order)
        for lever in c["levers"]:
            lever_order += 1
            up(
                Lever,
                lever["slug"],
                cluster=cluster,
                text=lever["text"],
                themes=lever.get("themes", []),
                table1=lever.get("table1", []),
                order=lever_order,
            )

    amo_order = 0
    kinds = {"teacher": "teacher", "interventions": "intervention", "leadership": "leadership"}
    for _, _, block in content.get("amo", []):
        for key, kind in kinds.items():
            for item in block[key]:
                amo_order += 1
                up(
                    AmoItem,
                    item["slug"],
                    factor=block["factor"],
                    kind=kind,
                    text=item["text"],
                    themes=item.get("themes", []),
                    order=amo_order,
                )

    by_slug = {s.slug: s for s in Subphase.objects.all()}
    for order, (_, _, e) in enumerate(content.get("practice_examples", []), start=1):
        example = up(
            PracticeExample,
            e["slug"],
            title=e["title"],
            where=e["where"],
            source=e["source"],
            summary=e["summary"],
            tags=e["tags"],
            order=order,
        )
        example.subphases.set([by_slug[slug] for slug in e["subphases"]])

    # Children before parents, so a stale parent's cascade is not counted twice.
    for model in (
        Question,
        QuestionGroup,
        Tip,
        PracticeExample,
        Subphase,
        Phase,
        SituationRow,
        Bottleneck,
        Lever,
        LeverCluster,
        AmoItem,
    ):
        up.remove_stale(model)
    up.remove_stale(Theme, Theme.objects.filter(from_content=True))
    # Apps above the catalogue load their own content in the same transaction: an app
    # config with `load_content(directory, report)` (the survey instruments, for one).
    for config in apps.get_app_configs():
        if hasattr(config, "load_content"):
            config.load_content(directory, report)
    return report


def sync_by_slug(path: Path, manager, specs: list[dict], fields: tuple[str, ...], used_by: str, report) -> None:
    """Upsert the rows of one content list by slug, in the file's order, through a manager (a
    related one scopes the slugs, as for a framework's competences), and remove what left it."""
    upsert_by_slug(path, manager, specs, fields, report)
    remove_stale_slugs(path, manager, [spec["slug"] for spec in specs], used_by, report)


def upsert_by_slug(path: Path, manager, specs: list[dict], fields: tuple[str, ...], report) -> None:
    label = manager.model.__name__
    slugs = [spec["slug"] for spec in specs]
    if len(set(slugs)) != len(slugs):
        raise CatalogError(f"{path.name}: a {label} slug occurs twice")
    for order, spec in enumerate(specs):
        values = {name: spec[name] for name in fields} | {"order": order}
        found, created = manager.get_or_create(slug=spec["slug"], defaults=values)
        if created:
            report.created[label] += 1
        elif any(getattr(found, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(found, name, value)
            found.save(update_fields=list(values))
            report.updated[label] += 1


def remove_stale_slugs(path: Path, manager, slugs: list[str], used_by: str, report) -> None:
    """Remove the rows that left the content, only when nothing points at them through
    `used_by`; otherwise loading stops with the reason. Separate from the upsert, so a parent
    can outlive its stale children until they are gone."""
    label = manager.model.__name__
    stale = manager.exclude(slug__in=slugs)
    in_use = stale.filter(**{f"{used_by}__isnull": False})
    if in_use.exists():
        raise CatalogError(f"{path.name}: {label} '{in_use.first().slug}' is still in use; keep it in the content")
    count = stale.count()
    if count:
        stale.delete()
        report.removed[label] += count
