"""Load the career content from `catalog/content/loopbaan/`: the four domains and their roles
(`rollen.yaml`), one reference framework per file in `kaders/`, the kinds of development
activity (`activiteiten.yaml`) and the conversation cycles a school chooses
(`gesprekscycli.yaml`). Everything is checked before anything is written."""

from __future__ import annotations

from pathlib import Path

from koers.catalog.loader import remove_stale_slugs, sync_by_slug, upsert_by_slug
from koers.catalog.schema import SLUG, CatalogError, read_yaml
from koers.surveys.loader import INSTRUMENT_FILE

from .models import (
    ActivityKind,
    CareerDomain,
    CareerRole,
    ConversationKind,
    CycleStep,
    CycleTemplate,
    ExpertiseArea,
    Purpose,
    ReferenceFramework,
)

ROLES_FILE = {
    "domains": [{"slug": SLUG, "name": str, "description": str, "source": str}],
    "roles": [
        {
            "slug": SLUG,
            "name": str,
            "domain": SLUG,
            "breadth": str,
            "framework": SLUG,
            "description": str,
            "source": str,
        }
    ],
}
FRAMEWORK_FILE = {
    "slug": SLUG,
    "name": str,
    "intro": str,
    "competences": [{"slug": SLUG, "name": str, "beginnend": str, "gevorderd": str, "expert": str}],
}
CYCLES_FILE = {
    "templates": [
        {
            "slug": SLUG,
            "name": str,
            "description": str,
            "source": str,
            "steps": [{"kind": str, "month": int, "purpose": str}],
        }
    ]
}
EXPERTISE_FILE = {"areas": [{"slug": SLUG, "name": str, "source": str}]}
ACTIVITIES_FILE = {
    "kinds": [{"slug": SLUG, "name": str, "effective": bool, "collective": bool, "formal": bool, "source": str}]
}


def load_career_content(directory: Path, report) -> None:
    roles_path = directory / "rollen.yaml"
    if not roles_path.exists():
        return
    content = read_yaml(roles_path, ROLES_FILE)
    frameworks = [read_yaml(path, FRAMEWORK_FILE) for path in sorted((directory / "kaders").glob("*.yaml"))]
    _check(roles_path, content, frameworks)
    _check_feedback(directory.parent / "enquetes", frameworks)

    upsert_by_slug(roles_path, CareerDomain.objects, content["domains"], ("name", "description"), report)
    kaders = directory / "kaders"
    upsert_by_slug(kaders, ReferenceFramework.objects, frameworks, ("name", "intro"), report)
    for spec in frameworks:
        framework = ReferenceFramework.objects.get(slug=spec["slug"])
        fields = ("name", "beginnend", "gevorderd", "expert")
        where = kaders / f"{spec['slug']}.yaml"
        sync_by_slug(where, framework.competences, spec["competences"], fields, "pop_goals", report)
    domains = {d.slug: d for d in CareerDomain.objects.all()}
    by_slug = {f.slug: f for f in ReferenceFramework.objects.all()}
    roles = [
        spec | {"domain": domains[spec["domain"]], "framework": by_slug[spec["framework"]]} for spec in content["roles"]
    ]
    fields = ("name", "domain", "breadth", "description", "framework")
    sync_by_slug(roles_path, CareerRole.objects, roles, fields, "offers", report)
    remove_stale_slugs(kaders, ReferenceFramework.objects, [f["slug"] for f in frameworks], "adoptions", report)
    remove_stale_slugs(roles_path, CareerDomain.objects, [d["slug"] for d in content["domains"]], "roles", report)

    activities_path = directory / "activiteiten.yaml"
    kinds = read_yaml(activities_path, ACTIVITIES_FILE)["kinds"]
    fields = ("name", "effective", "collective", "formal")
    sync_by_slug(activities_path, ActivityKind.objects, kinds, fields, "activities", report)

    expertise_path = directory / "expertise.yaml"
    areas = read_yaml(expertise_path, EXPERTISE_FILE)["areas"]
    sync_by_slug(expertise_path, ExpertiseArea.objects, areas, ("name", "source"), "entries", report)

    cycles_path = directory / "gesprekscycli.yaml"
    templates = read_yaml(cycles_path, CYCLES_FILE)["templates"]
    _check_cycles(cycles_path, templates)
    sync_by_slug(cycles_path, CycleTemplate.objects, templates, ("name", "description"), "plans", report)
    for spec in templates:
        template = CycleTemplate.objects.get(slug=spec["slug"])
        wanted = [(s["kind"], s["month"], s["purpose"]) for s in spec["steps"]]
        if list(template.steps.values_list("kind", "month", "purpose")) != wanted:
            template.steps.all().delete()
            CycleStep.objects.bulk_create(
                CycleStep(template=template, kind=kind, month=month, purpose=purpose, order=i)
                for i, (kind, month, purpose) in enumerate(wanted)
            )
            report.updated["CycleStep"] += 1


def _check_cycles(path: Path, templates: list[dict]) -> None:
    """Every step a kind of conversation with a month, and an appraisal the only one that assures (R2)."""
    for spec in templates:
        for step in spec["steps"]:
            where = f"{path.name}: template '{spec['slug']}'"
            if step["kind"] not in ConversationKind.values:
                raise CatalogError(f"{where} has a step of unknown kind '{step['kind']}'")
            if not 1 <= step["month"] <= 12:
                raise CatalogError(f"{where} has a step in month {step['month']}")
            expected = Purpose.BORGING if step["kind"] == ConversationKind.BEOORDELING else Purpose.ONTWIKKELING
            if step["purpose"] != expected:
                raise CatalogError(f"{where}: a {step['kind']} has purpose {expected}, not {step['purpose']}")


def _check_feedback(surveys: Path, frameworks: list[dict]) -> None:
    """The 360-degree feedback instrument asks about a competence in the module of the same
    slug: every competence has one, under its own name, and no module is left without one."""
    competences: dict[str, str] = {}
    for spec in frameworks:
        for competence in spec["competences"]:
            if competence["slug"] in competences:
                raise CatalogError(f"kaders/{spec['slug']}.yaml: competence slug '{competence['slug']}' used twice")
            competences[competence["slug"]] = competence["name"]
    for path in sorted(surveys.glob("*.yaml")):
        if path.name == "groepen.yaml":
            continue
        instrument = read_yaml(path, INSTRUMENT_FILE)["instrument"]
        if not instrument.get("for_people"):
            continue
        modules = {m["slug"]: m["name"] for m in instrument.get("modules", []) if not m.get("required")}
        for slug, name in competences.items():
            if modules.get(slug) != name:
                raise CatalogError(f"{path.name}: competence '{slug}' needs a module '{slug}' named '{name}'")
        if extra := sorted(set(modules) - set(competences)):
            raise CatalogError(f"{path.name}: modules {', '.join(extra)} are no competence of a framework")


def _check(path: Path, content: dict, frameworks: list[dict]) -> None:
    domains = {d["slug"] for d in content["domains"]}
    framework_slugs = {f["slug"] for f in frameworks}
    breadths = set(CareerRole.Breadth.values)
    for role in content["roles"]:
        if role["domain"] not in domains:
            raise CatalogError(f"{path.name}: role '{role['slug']}' names no domain '{role['domain']}'")
        if role["framework"] not in framework_slugs:
            raise CatalogError(f"{path.name}: role '{role['slug']}' names no framework '{role['framework']}'")
        if role["breadth"] not in breadths:
            raise CatalogError(
                f"{path.name}: role '{role['slug']}' has breadth '{role['breadth']}', not one of {sorted(breadths)}"
            )
