"""Load the networks' content from `catalog/content/netwerken/netwerken.yaml`: theme
categories, success conditions, stop reasons, work forms, the PSO themes and the Roadmap
Strategisch HRM. An entry that left the content is removed only when nothing uses it; otherwise
loading stops with the reason."""

from __future__ import annotations

from pathlib import Path

from koers.catalog.models import Question
from koers.catalog.schema import SLUG, CatalogError, read_yaml

from .models import (
    GOAL_EXPORT,
    PsoTheme,
    RoadmapQuestion,
    RoadmapStep,
    StopReason,
    SuccessCondition,
    ThemeCategory,
    WorkForm,
)

NETWORKS_FILE = {
    "theme_categories": [{"slug": SLUG, "name": str}],
    "success_conditions": [{"slug": SLUG, "text": str}],
    "stop_reasons": [{"slug": SLUG, "name": str}],
    "work_forms": [{"slug": SLUG, "name": str, "description": str}],
    "pso_themes": [{"slug": SLUG, "name": str}],
    "roadmap_steps": [{"slug": SLUG, "name": str, "?kpis": bool}],
    "roadmap_questions": [{"slug": SLUG, "step": SLUG, "text": str, "?export": SLUG}],
}


def load_network_content(directory: Path, report) -> None:
    path = directory / "netwerken.yaml"
    if not path.exists():
        return
    content = read_yaml(path, NETWORKS_FILE)
    _load(path, ThemeCategory, content["theme_categories"], ("name",), "networks", report)
    _load(path, SuccessCondition, content["success_conditions"], ("text",), "networks", report)
    _load(path, StopReason, content["stop_reasons"], ("name",), "networks", report)
    _load(path, WorkForm, content["work_forms"], ("name", "description"), "meetings", report)
    _load(path, PsoTheme, content["pso_themes"], ("name",), "conversations", report)
    steps = [{"kpis": False} | spec for spec in content["roadmap_steps"]]
    _load(path, RoadmapStep, steps, ("name", "kpis"), "questions", report)
    by_slug = {step.slug: step for step in RoadmapStep.objects.all()}
    # The werkdocument's questions are in the catalogue already: loaded first, same transaction.
    targets = set(Question.objects.values_list("slug", flat=True)) | {GOAL_EXPORT}
    questions = []
    for spec in content["roadmap_questions"]:
        if spec["step"] not in by_slug:
            raise CatalogError(f"{path.name}: roadmap question '{spec['slug']}' names no step '{spec['step']}'")
        if spec.get("export", "") not in targets | {""}:
            raise CatalogError(
                f"{path.name}: roadmap question '{spec['slug']}' exports to '{spec['export']}', "
                "no werkdocument question"
            )
        questions.append({"export": ""} | spec | {"step": by_slug[spec["step"]]})
    _load(path, RoadmapQuestion, questions, ("step", "text", "export"), "answers", report)


def _load(path: Path, model, specs: list[dict], fields: tuple[str, ...], used_by: str, report) -> None:
    label = model.__name__
    slugs = [spec["slug"] for spec in specs]
    if len(set(slugs)) != len(slugs):
        raise CatalogError(f"{path.name}: a {label} slug occurs twice")
    for order, spec in enumerate(specs):
        values = {field: spec[field] for field in fields} | {"order": order}
        found, created = model.objects.get_or_create(slug=spec["slug"], defaults=values)
        if created:
            report.created[label] += 1
        elif any(getattr(found, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(found, field, value)
            found.save(update_fields=list(values))
            report.updated[label] += 1
    stale = model.objects.exclude(slug__in=slugs)
    in_use = stale.filter(**{f"{used_by}__isnull": False})
    if in_use.exists():
        raise CatalogError(f"{path.name}: {label} '{in_use.first().slug}' is still in use; keep it in the content")
    count = stale.count()
    if count:
        stale.delete()
        report.removed[label] += count
