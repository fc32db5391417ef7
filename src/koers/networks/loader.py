"""Load the networks' content from `catalog/content/netwerken/netwerken.yaml`: theme
categories, success conditions, stop reasons, work forms, the PSO themes and the Roadmap
Strategisch HRM. An entry that left the content is removed only when nothing uses it; otherwise
loading stops with the reason."""

from __future__ import annotations

from pathlib import Path

from koers.catalog.loader import sync_by_slug
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
    sync_by_slug(path, ThemeCategory.objects, content["theme_categories"], ("name",), "networks", report)
    sync_by_slug(path, SuccessCondition.objects, content["success_conditions"], ("text",), "networks", report)
    sync_by_slug(path, StopReason.objects, content["stop_reasons"], ("name",), "networks", report)
    sync_by_slug(path, WorkForm.objects, content["work_forms"], ("name", "description"), "meetings", report)
    sync_by_slug(path, PsoTheme.objects, content["pso_themes"], ("name",), "conversations", report)
    steps = [{"kpis": False} | spec for spec in content["roadmap_steps"]]
    sync_by_slug(path, RoadmapStep.objects, steps, ("name", "kpis"), "questions", report)
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
    sync_by_slug(path, RoadmapQuestion.objects, questions, ("step", "text", "export"), "answers", report)
