"""Every write to a trajectory's instruments. Each function runs in one transaction, checks
what it writes with the model's validation, and raises ValidationError with Dutch messages."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from koers.catalog.models import AmoItem, Bottleneck, Lever, LeverCluster, SituationRow, Theme
from koers.organisations.models import Team, User
from koers.trajectories.models import Trajectory

from .models import (
    AmoChain,
    AmoElement,
    BottleneckAssessment,
    CoherenceLink,
    CoherenceTheme,
    Goal,
    GoalRevision,
    LeverChoice,
    SituationAssessment,
    Stakeholder,
    Streefbeeld,
    VanishedProblem,
)

GOAL_FIELDS = [
    "level",
    "description",
    "involved",
    "term",
    "target_date",
    "smart",
    "indicator",
    "unit",
    "baseline",
    "target_value",
    "scale_min",
    "scale_max",
]

M = TypeVar("M", bound=Model)


def _save(obj: M, **values) -> M:
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


def _require(value: str, field: str, message: str) -> None:
    if not (value or "").strip():
        raise ValidationError({field: message})


# --- goals (Bijlage 1; sharpened in 1C) ------------------------------------------------------


def _snapshot(goal: Goal) -> dict:
    data = {name: getattr(goal, name) for name in GOAL_FIELDS}
    for name, value in data.items():
        if isinstance(value, (datetime.date, Decimal)):
            data[name] = str(value)
    return data


def _check_goal(values: dict) -> None:
    _require(values.get("description", ""), "description", _("Describe the goal."))
    if values.get("term") == Goal.Term.LANG and not values.get("target_date"):
        raise ValidationError({"target_date": _("Give a long-term goal a date by which it should be reached.")})
    if (values.get("baseline") is not None or values.get("target_value") is not None) and not (
        values.get("indicator") or ""
    ).strip():
        raise ValidationError({"indicator": _("Name the indicator the baseline and target value measure.")})
    low, high = values.get("scale_min"), values.get("scale_max")
    if low is not None and high is not None and low >= high:
        raise ValidationError({"scale_max": _("The highest possible value must be above the lowest.")})
    for field in ("baseline", "target_value"):
        value = values.get(field)
        if value is not None and not Goal(scale_min=low, scale_max=high).in_range(value):
            raise ValidationError(
                {
                    field: _("This value lies outside the indicator's possible values (%(low)s to %(high)s).")
                    % {"low": "…" if low is None else low, "high": "…" if high is None else high}
                }
            )


@transaction.atomic
def add_goal(*, trajectory: Trajectory, user: User, subphase_slug: str, **values) -> Goal:
    _check_goal(values)
    goal = _save(Goal(trajectory=trajectory), **values)
    GoalRevision.objects.create(
        goal=goal, version=1, subphase_slug=subphase_slug, snapshot=_snapshot(goal), edited_by=user
    )
    return goal


@transaction.atomic
def change_goal(*, goal: Goal, user: User, subphase_slug: str, reason: str = "", **values) -> Goal:
    """Save a new version of a goal; the earlier versions stay in its history."""
    _check_goal(values)
    goal = _save(goal, version=goal.version + 1, **values)
    GoalRevision.objects.create(
        goal=goal,
        version=goal.version,
        subphase_slug=subphase_slug,
        snapshot=_snapshot(goal),
        reason=reason.strip(),
        edited_by=user,
    )
    return goal


def set_source(*, goal: Goal, source: str, team: Team | None, key: str = "", label: str = "") -> Goal:
    """Name the figures the goal's indicator is read from (or none). What they show once final
    is proposed as a measurement; nothing is measured until a person confirms it. A survey
    dimension comes with its key and names."""
    if source and source not in Goal.Source.values:
        raise ValidationError({"source": _("Choose one of the sources in the list.")})
    if source and not (goal.indicator or "").strip():
        raise ValidationError(
            {"goal": _("Give this goal an indicator first (in 1A), so it is clear what is measured.")}
        )
    if source and team is not None and team.school_id != goal.trajectory.school_id:
        raise ValidationError({"team": _("Choose a team of this school.")})
    surveyed = source == Goal.Source.SURVEY
    goal.source, goal.source_team = source, team if source else None
    goal.source_key, goal.source_label = (key, label) if surveyed else ("", "")
    goal.save(update_fields=["source", "source_team", "source_key", "source_label"])
    return goal


def goal_delete_blocker(goal: Goal) -> str:
    """Why a goal may not be deleted, or "" if it may: deleting must not lose other work."""
    if goal.amo_chains.exists():
        return _("This goal is used in the AMO planner. Remove it from the chains that use it first.")
    if goal.measurements.exists():
        return _(
            "This goal has measurements; deleting it would lose them. In Ga door you can "
            "stop or anchor the goal instead."
        )
    return ""


@transaction.atomic
def delete_goal(*, goal: Goal) -> None:
    if blocker := goal_delete_blocker(goal):
        raise ValidationError(blocker)
    goal.delete()


# --- situation map (1B, Tables 6 and 7) ------------------------------------------------------


def _catalogue_row(model, slug_field: str, catalogue, trajectory: Trajectory, slug: str, missing: str):
    """The school's row for a catalogue item, new if it has none yet; the item must exist."""
    if not catalogue.objects.filter(slug=slug).exists():
        raise ValidationError(missing)
    return model.objects.filter(trajectory=trajectory, **{slug_field: slug}).first() or model(
        trajectory=trajectory, **{slug_field: slug}
    )


@transaction.atomic
def save_situation(
    *, trajectory: Trajectory, row_slug: str = "", assessment: SituationAssessment | None = None, **values
) -> SituationAssessment:
    """Fill in a catalogue row (by slug) or one of the school's own rows."""
    assessment = assessment or _catalogue_row(
        SituationAssessment,
        "row_slug",
        SituationRow,
        trajectory,
        row_slug,
        _("This row is not in the situation tables."),
    )
    if values.get("action_needed") is False and (values.get("action") or "").strip():
        raise ValidationError({"action": _("You said no action is needed; clear the action or answer yes.")})
    return _save(assessment, **values)


@transaction.atomic
def add_own_situation_row(*, trajectory: Trajectory, own_text: str) -> SituationAssessment:
    _require(own_text, "own_text", _("Write the question or topic of your row."))
    return _save(SituationAssessment(trajectory=trajectory), own_text=own_text.strip())


# --- checklist knelpunten (1B) ---------------------------------------------------------------


@transaction.atomic
def save_bottleneck(
    *, trajectory: Trajectory, bottleneck_slug: str = "", assessment: BottleneckAssessment | None = None, **values
) -> BottleneckAssessment:
    assessment = assessment or _catalogue_row(
        BottleneckAssessment,
        "bottleneck_slug",
        Bottleneck,
        trajectory,
        bottleneck_slug,
        _("This bottleneck is not in the checklist."),
    )
    if values.get("occurs") is not True and values.get("urgency") is not None:
        raise ValidationError(
            {"urgency": _("Only a bottleneck that occurs has an urgency: answer yes, or clear the urgency.")}
        )
    return _save(assessment, **values)


@transaction.atomic
def add_own_bottleneck(*, trajectory: Trajectory, own_text: str) -> BottleneckAssessment:
    _require(own_text, "own_text", _("Describe the bottleneck."))
    return _save(BottleneckAssessment(trajectory=trajectory), own_text=own_text.strip())


@transaction.atomic
def delete_own_row(*, row: SituationAssessment | BottleneckAssessment) -> None:
    row.delete()


# --- stakeholders (1B) -----------------------------------------------------------------------


class DuplicateName(ValidationError):
    """Another stakeholder of this trajectory has the same name: a warning, not a refusal."""


def _check_stakeholder_name(trajectory: Trajectory, name: str, exclude: int | None, confirmed: bool) -> str:
    name = name.strip()
    _require(name, "name", _("Give the stakeholder a name."))
    same = Stakeholder.objects.filter(trajectory=trajectory, name__iexact=name)
    if exclude:
        same = same.exclude(pk=exclude)
    if not confirmed and same.exists():
        raise DuplicateName(
            {
                "name": _(
                    "There is already a stakeholder called %(name)s. Is this "
                    "someone else? Then tick the box below and save again."
                )
                % {"name": name}
            }
        )
    return name


@transaction.atomic
def add_stakeholder(*, trajectory: Trajectory, confirm_duplicate: bool = False, **values) -> Stakeholder:
    values["name"] = _check_stakeholder_name(trajectory, values.get("name", ""), None, confirm_duplicate)
    return _save(Stakeholder(trajectory=trajectory), **values)


@transaction.atomic
def change_stakeholder(*, stakeholder: Stakeholder, confirm_duplicate: bool = False, **values) -> Stakeholder:
    values["name"] = _check_stakeholder_name(
        stakeholder.trajectory, values.get("name", ""), stakeholder.pk, confirm_duplicate
    )
    return _save(stakeholder, **values)


@transaction.atomic
def delete_stakeholder(*, stakeholder: Stakeholder) -> None:
    stakeholder.delete()


# --- levers (2A, Figure 6) -------------------------------------------------------------------


@transaction.atomic
def score_lever(
    *, trajectory: Trajectory, lever_slug: str = "", choice: LeverChoice | None = None, **values
) -> LeverChoice:
    """Choose and score a Figure 6 lever (by slug), or rescore a chosen or own one."""
    if choice is None:
        lever = Lever.objects.select_related("cluster").filter(slug=lever_slug).first()
        if lever is None:
            raise ValidationError(_("This lever is not in Figure 6."))
        choice = LeverChoice.objects.filter(trajectory=trajectory, lever_slug=lever_slug).first() or LeverChoice(
            trajectory=trajectory, lever_slug=lever_slug, cluster_slug=lever.cluster.slug
        )
    return _save(choice, **values)


@transaction.atomic
def add_own_lever(*, trajectory: Trajectory, own_text: str, cluster_slug: str, **values) -> LeverChoice:
    _require(own_text, "own_text", _("Describe the lever."))
    if not LeverCluster.objects.filter(slug=cluster_slug).exists():
        raise ValidationError({"cluster_slug": _("Choose one of the four topics.")})
    return _save(LeverChoice(trajectory=trajectory), own_text=own_text.strip(), cluster_slug=cluster_slug, **values)


@transaction.atomic
def remove_lever(*, choice: LeverChoice) -> None:
    """Drop a lever from the shortlist, unless an intervention in the AMO planner uses it."""
    if choice.amo_elements.exists():
        raise ValidationError(
            _(
                "An intervention in the AMO planner uses this lever. Remove "
                "that intervention first, or link it to another lever."
            )
        )
    choice.delete()


# --- AMO planner (2B, Figure 8) --------------------------------------------------------------


def _check_chain(trajectory: Trajectory, values: dict) -> None:
    _require(
        values.get("behaviour", ""), "behaviour", _("Describe the professional behaviour the goal asks of teachers.")
    )
    goal = values.get("goal")
    if goal is not None and goal.trajectory_id != trajectory.pk:
        raise ValidationError({"goal": _("Choose a goal of this trajectory.")})


@transaction.atomic
def add_chain(*, trajectory: Trajectory, **values) -> AmoChain:
    _check_chain(trajectory, values)
    return _save(AmoChain(trajectory=trajectory), **values)


@transaction.atomic
def change_chain(*, chain: AmoChain, **values) -> AmoChain:
    _check_chain(chain.trajectory, values)
    return _save(chain, **values)


@transaction.atomic
def delete_chain(*, chain: AmoChain) -> None:
    chain.delete()


@transaction.atomic
def add_element(
    *,
    chain: AmoChain,
    factor: str,
    kind: str,
    item_slug: str = "",
    own_text: str = "",
    lever: LeverChoice | None = None,
) -> AmoElement:
    if item_slug:
        item = AmoItem.objects.filter(slug=item_slug).first()
        if item is None or (item.factor, item.kind) != (factor, kind):
            raise ValidationError(
                {"item_slug": _("Choose an item of Figure 8 that belongs to this factor and column.")}
            )
    elif not own_text.strip():
        raise ValidationError({"item_slug": _("Choose an item of Figure 8 or write your own.")})
    if lever is not None:
        if kind != AmoItem.Kind.INTERVENTION:
            raise ValidationError({"lever": _("Only an intervention can be linked to a lever.")})
        if lever.trajectory_id != chain.trajectory_id:
            raise ValidationError({"lever": _("Choose a lever of this trajectory.")})
    return _save(
        AmoElement(chain=chain),
        factor=factor,
        kind=kind,
        item_slug=item_slug,
        own_text="" if item_slug else own_text.strip(),
        lever=lever,
    )


@transaction.atomic
def delete_element(*, element: AmoElement) -> None:
    element.delete()


# --- coherence of the themes (Bijlage 2) -----------------------------------------------------


NOTE_FIELDS = ("ambition", "attention", "chances", "threats")


@transaction.atomic
def save_coherence(
    *, trajectory: Trajectory, links: dict[tuple[str, str], str], notes: dict[str, dict[str, str]]
) -> None:
    """Save the whole matrix at once. Keys are 'theme-<slug>' or 'own-<id>'; an empty effect
    clears a cell."""
    rows = _coherence_rows(trajectory)
    unknown = ({k for pair in links for k in pair} | set(notes)) - set(rows)
    if unknown:
        raise ValidationError(_("The matrix has changed; reload the page."))
    for key, fields in notes.items():
        _save(rows[key], **{name: fields.get(name, "") for name in NOTE_FIELDS})
    for (source, target), effect in links.items():
        if source == target:
            continue
        if effect:
            CoherenceLink.objects.update_or_create(
                trajectory=trajectory,
                source=rows[source],
                target=rows[target],
                defaults={"effect": CoherenceLink.Effect(effect)},
            )
        else:
            CoherenceLink.objects.filter(source=rows[source], target=rows[target]).delete()


def _coherence_rows(trajectory: Trajectory) -> dict[str, CoherenceTheme]:
    """The matrix rows by key, creating the catalogue themes' rows on first save."""
    existing = {row.theme_slug: row for row in trajectory.coherence_themes.exclude(theme_slug="")}
    rows = {}
    for slug in Theme.objects.values_list("slug", flat=True):
        rows[f"theme-{slug}"] = existing.get(slug) or CoherenceTheme.objects.create(
            trajectory=trajectory, theme_slug=slug
        )
    for row in trajectory.coherence_themes.filter(theme_slug=""):
        rows[f"own-{row.pk}"] = row
    return rows


@transaction.atomic
def add_own_theme(*, trajectory: Trajectory, own_name: str) -> CoherenceTheme:
    _require(own_name, "own_name", _("Give your theme a name."))
    return _save(CoherenceTheme(trajectory=trajectory), own_name=own_name.strip())


@transaction.atomic
def delete_own_theme(*, row: CoherenceTheme) -> None:
    row.delete()  # its cells go with it


# --- target pictures and what must no longer occur -----------------------------------------------


def _check_links(trajectory: Trajectory, *, goal: Goal | None = None, team: Team | None = None) -> None:
    if goal is not None and goal.trajectory_id != trajectory.pk:
        raise ValidationError({"goal": _("Choose a goal of this trajectory.")})
    if team is not None and (
        team.school_id != trajectory.school_id if trajectory.school_id else team.school.board_id != trajectory.board_id
    ):
        raise ValidationError({"team": _("Choose a team of this school.")})


def add_streefbeeld(
    *,
    trajectory: Trajectory,
    subject: str,
    text: str,
    team: Team | None,
    agreed_on: datetime.date | None,
    goal: Goal | None,
) -> Streefbeeld:
    _check_links(trajectory, goal=goal, team=team)
    _require(text, "text", _("Describe what you see, as behaviour someone could observe."))
    return _save(
        Streefbeeld(trajectory=trajectory),
        subject=subject,
        text=text.strip(),
        team=team,
        agreed_on=agreed_on,
        goal=goal,
    )


def delete_streefbeeld(*, row: Streefbeeld) -> None:
    row.delete()


def add_vanished(
    *, trajectory: Trajectory, text: str, bottleneck: BottleneckAssessment | None, goal: Goal | None
) -> VanishedProblem:
    _check_links(trajectory, goal=goal)
    if bottleneck is not None and bottleneck.trajectory_id != trajectory.pk:
        raise ValidationError({"bottleneck": _("Choose a bottleneck of this trajectory.")})
    _require(text, "text", _("Say which problem must no longer occur."))
    return _save(VanishedProblem(trajectory=trajectory), text=text.strip(), bottleneck=bottleneck, goal=goal)


def delete_vanished(*, row: VanishedProblem) -> None:
    row.delete()
