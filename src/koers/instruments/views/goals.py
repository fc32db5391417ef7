"""Goals (Bijlage 1) in 1A, and sharpening them in 1C: a list with a form page per goal and its history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from koers.auth import login_required
from koers.form_errors import show_errors
from koers.trajectories import selectors as trajectory_selectors

from .. import selectors, services
from ..forms import GoalForm
from . import pages


def _goals_page(request, trajectory_id, *, sharpening: bool):
    sub = "aanscherpen" if sharpening else "doelen"
    label = _("Sharpen the goals") if sharpening else _("Goals")
    ctx = pages.context(request, trajectory_id, sub, label)
    return render(
        request,
        "instruments/goals.html",
        {**ctx, "sharpening": sharpening, "levels": selectors.goals_by_level(ctx["trajectory"])},
    )


@login_required
def page(request, trajectory_id: int):
    return _goals_page(request, trajectory_id, sharpening=False)


@login_required
def sharpen(request, trajectory_id: int):
    return _goals_page(request, trajectory_id, sharpening=True)


def _goal_values(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "reason"}


@login_required
def add_goal(request, trajectory_id: int):
    ctx = pages.context(request, trajectory_id, "doelen", _("New goal"))
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_goal(
                trajectory=ctx["trajectory"],
                user=request.user,
                subphase_slug=ctx["subphase"].slug,
                **_goal_values(form),
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The goal has been added."))
            return redirect("instruments:goals", trajectory_id=trajectory_id)
    return pages.form_page(
        request,
        ctx,
        form,
        heading=_("New goal"),
        submit=_("Add goal"),
        cancel_url=pages.url("goals", ctx["trajectory"]),
        status=400 if form.errors else 200,
    )


def _change_goal(request, trajectory_id: int, goal_id: int, *, sharpening: bool):
    sub = "aanscherpen" if sharpening else "doelen"
    ctx = pages.context(request, trajectory_id, sub, _("Sharpen goal") if sharpening else _("Change goal"))
    goal = selectors.goal_for(ctx["trajectory"], goal_id)
    form = GoalForm(request.POST or None, instance=goal, sharpening=sharpening)
    back = pages.url("sharpen" if sharpening else "goals", ctx["trajectory"])
    if request.method == "POST" and form.is_valid():
        try:
            services.change_goal(
                goal=goal,
                user=request.user,
                subphase_slug=ctx["subphase"].slug,
                reason=form.cleaned_data.get("reason", ""),
                **_goal_values(form),
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The goal has been saved; its earlier version stays in its history."))
            return HttpResponseRedirect(back)
    return pages.form_page(
        request,
        ctx,
        form,
        heading=_("Sharpen goal") if sharpening else _("Change goal"),
        submit=_("Save goal"),
        cancel_url=back,
        status=400 if form.errors else 200,
    )


@login_required
def change_goal(request, trajectory_id: int, goal_id: int):
    return _change_goal(request, trajectory_id, goal_id, sharpening=False)


@login_required
def sharpen_goal(request, trajectory_id: int, goal_id: int):
    return _change_goal(request, trajectory_id, goal_id, sharpening=True)


@login_required
def goal_history(request, trajectory_id: int, goal_id: int):
    ctx = pages.context(request, trajectory_id, "doelen", _("History of a goal"))
    goal = selectors.goal_for(ctx["trajectory"], goal_id)
    return render(
        request,
        "instruments/goal_history.html",
        {
            **ctx,
            "goal": goal,
            "revisions": selectors.goal_history(goal),
            "sharpening": trajectory_selectors.subphase_holding("aanscherpen"),
        },
    )


@login_required
def delete_goal(request, trajectory_id: int, goal_id: int):
    ctx = pages.context(request, trajectory_id, "doelen", _("Delete goal"))
    goal = selectors.goal_for(ctx["trajectory"], goal_id)
    return pages.delete_page(
        request,
        ctx,
        what=goal.description,
        back=pages.url("goals", ctx["trajectory"]),
        delete=lambda: services.delete_goal(goal=goal),
        done=_("The goal has been deleted."),
        blocked=lambda: services.goal_delete_blocker(goal),
    )
