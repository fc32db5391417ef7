"""Thin views for Doe (plan, monitoring) and Ga door (evaluation, the next cycle). Everything
works without JavaScript; with htmx a status change swaps only its own row."""

from decimal import Decimal

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.auth import login_required
from koers.form_errors import show_errors
from koers.ical import calendar as calendar_file
from koers.instruments import selectors as instrument_selectors
from koers.trajectories import access as trajectory_access
from koers.trajectories import selectors as trajectory_selectors

from . import ical, rules, selectors, services
from .forms import (
    ActivityForm,
    EvaluationForm,
    GoalEvaluationForm,
    MeasurementForm,
    PreconditionsForm,
    StatusForm,
)


def page_context(request, trajectory_id: int, instrument: str, page_label: str, *, steer: bool = False) -> dict:
    """What every page of Doe and Ga door shows around it (reports' next-cycle page too)."""
    find = trajectory_selectors.steerable_trajectory_for if steer else trajectory_selectors.trajectory_for
    trajectory = find(request.user, trajectory_id)
    state = selectors.cycle_state(trajectory)
    return {
        "trajectory": trajectory,
        "page_label": page_label,
        "state": state,
        "cycle": state.cycle,
        "pdca_choices": rules.Pdca.choices,
        "subphase": trajectory_selectors.subphase_holding(instrument),
    }


def _form_page(request, ctx, form, *, heading, submit, cancel_url, intro="", status=200, extra=None):
    return render(
        request,
        "plans/form.html",
        {
            **ctx,
            "form": form,
            "heading": heading,
            "submit": submit,
            "cancel_url": cancel_url,
            "intro": intro,
            **(extra or {}),
        },
        status=status,
    )


def _keep_typed_after_stale(form, current, message: str):
    """After a refused stale save: say so, keep what was typed, and base the next save on the
    version now stored, so saving again knowingly keeps the user's text."""
    form.add_error(None, message)
    form.data = form.data.copy()
    form.data["version"] = current.version
    return current


def _plan_url(trajectory, anchor: str = "") -> str:
    url = reverse("plans:plan", args=[trajectory.pk])
    return f"{url}#{anchor}" if anchor else url


# --- the implementation plan (3A) -----------------------------------------------------------


@login_required
def plan(request, trajectory_id: int):
    ctx = page_context(request, trajectory_id, "plan", _("Implementation plan"))
    activities = selectors.label_interventions(ctx["trajectory"], list(selectors.activities_of(ctx["cycle"])))
    return render(
        request,
        "plans/plan.html",
        {
            **ctx,
            "phases": selectors.phases(activities),
            "preconditions": selectors.preconditions(ctx["cycle"], activities),
            "timeline": selectors.timeline(activities, timezone.localdate()),
            "activity_count": len(activities),
        },
    )


def _activity_form(request, ctx, activity=None):
    trajectory = ctx["trajectory"]
    phases = selectors.activities_of(ctx["cycle"]).values_list("phase", flat=True).distinct()
    return ActivityForm(
        request.POST or None,
        instance=activity,
        people=trajectory_selectors.people_for(trajectory).order_by("last_name", "first_name"),
        interventions=selectors.intervention_choices(trajectory),
        phases=sorted(set(phases)),
    )


@login_required
def add_activity(request, trajectory_id: int):
    ctx = page_context(request, trajectory_id, "plan", _("New activity"))
    form = _activity_form(request, ctx)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.add_activity(cycle=ctx["cycle"], user=request.user, **form.values())
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The activity has been added to the plan."))
            return HttpResponseRedirect(_plan_url(ctx["trajectory"], f"activiteit-{activity.pk}"))
    return _form_page(
        request,
        ctx,
        form,
        heading=_("New activity"),
        submit=_("Add activity"),
        cancel_url=_plan_url(ctx["trajectory"]),
        intro=_(
            "Make an intervention concrete: what happens, when, who makes sure it happens, and who else has a role."
        ),
        status=400 if form.errors else 200,
    )


@login_required
def change_activity(request, trajectory_id: int, activity_id: int):
    ctx = page_context(request, trajectory_id, "plan", _("Change activity"))
    activity = selectors.activity_for(ctx["cycle"], activity_id)
    form = _activity_form(request, ctx, activity)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.change_activity(
                activity=activity, user=request.user, expected_version=form.cleaned_data.get("version"), **form.values()
            )
        except services.StaleEdit as exc:
            stale = _keep_typed_after_stale(
                form,
                exc.current,
                _(
                    "Someone else saved this activity while you were editing it. Your changes are "
                    "still below and nothing was overwritten; compare them with the saved version "
                    "and save again to keep yours."
                ),
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The activity has been saved; its earlier version stays in its history."))
            return HttpResponseRedirect(_plan_url(ctx["trajectory"], f"activiteit-{activity.pk}"))
    return _form_page(
        request,
        ctx,
        form,
        heading=_("Change activity"),
        submit=_("Save activity"),
        cancel_url=_plan_url(ctx["trajectory"]),
        status=409 if stale else 400 if form.errors else 200,
        extra={"stale": stale},
    )


@login_required
def activity_history(request, trajectory_id: int, activity_id: int):
    ctx = page_context(request, trajectory_id, "plan", _("History of the activity"))
    activity = selectors.activity_for(ctx["cycle"], activity_id)
    return render(
        request,
        "plans/activity_history.html",
        {**ctx, "activity": activity, "revisions": selectors.activity_history(activity)},
    )


@login_required
def delete_activity(request, trajectory_id: int, activity_id: int):
    ctx = page_context(request, trajectory_id, "plan", _("Remove activity"))
    activity = selectors.activity_for(ctx["cycle"], activity_id)
    measured = activity.measurements.count()
    if request.method == "POST":
        try:
            services.delete_activity(activity=activity, user=request.user, confirmed=request.POST.get("confirm") == "1")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 409
        else:
            messages.success(request, _("The activity has been removed from the plan."))
            return HttpResponseRedirect(_plan_url(ctx["trajectory"]))
    else:
        status = 200
    return render(
        request,
        "plans/confirm_delete.html",
        {
            **ctx,
            "activity": activity,
            "measured": measured,
            "cancel_url": _plan_url(ctx["trajectory"], f"activiteit-{activity.pk}"),
        },
        status=status,
    )


@login_required
def preconditions(request, trajectory_id: int):
    ctx = page_context(request, trajectory_id, "plan", _("Preconditions"))
    form = PreconditionsForm(request.POST or None, instance=ctx["cycle"])
    if request.method == "POST" and form.is_valid():
        try:
            services.save_preconditions(cycle=ctx["cycle"], **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The preconditions have been saved."))
            return HttpResponseRedirect(_plan_url(ctx["trajectory"], "randvoorwaarden"))
    return _form_page(
        request,
        ctx,
        form,
        heading=_("Preconditions: time, budget, leadership"),
        submit=_("Save"),
        cancel_url=_plan_url(ctx["trajectory"]),
        intro=_(
            "Is there enough time, budget and quality of leadership to carry "
            "out the plan? The plan page compares what you plan with what is "
            "available."
        ),
        status=400 if form.errors else 200,
        extra={"hints": _precondition_hints(ctx["trajectory"])},
    )


def _precondition_hints(trajectory) -> list[str]:
    """What apps above the plan know about its time and money (the careers app: the hours
    agreed in the yearly conversations). They answer through their app config, as they load
    their content, so the plan imports no app above it."""
    return [
        hint
        for config in apps.get_app_configs()
        if hasattr(config, "precondition_hints")
        for hint in config.precondition_hints(trajectory)
    ]


@login_required
def calendar(request, trajectory_id: int):
    trajectory = trajectory_selectors.trajectory_for(request.user, trajectory_id)
    cycle = selectors.current_cycle(trajectory)
    body = calendar_file(
        name=trajectory.title,
        events=ical.events(selectors.activities_of(cycle)),
        host=request.get_host().split(":")[0],
        stamp=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    name = slugify(trajectory.title) or "plan"
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


# --- monitoring (3B) ---------------------------------------------------------------------------


@login_required
def monitoring(request, trajectory_id: int):
    ctx = page_context(request, trajectory_id, "monitoring", _("Monitoring"))
    return render(
        request,
        "plans/monitoring.html",
        {
            **ctx,
            "monitor": selectors.monitoring(ctx["trajectory"], ctx["cycle"]),
            "status_choices": StatusForm.base_fields["status"].choices,
        },
    )


@login_required
@require_POST
def set_status(request, trajectory_id: int, activity_id: int):
    ctx = page_context(request, trajectory_id, "monitoring", _("Monitoring"))
    activity = selectors.activity_for(ctx["cycle"], activity_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            activity = services.set_status(activity=activity, user=request.user, status=form.cleaned_data["status"])
        except ValidationError as exc:
            show_errors(form, exc)
    if request.htmx:
        return render(
            request,
            "plans/partials/activity_status.html",
            {
                **ctx,
                "activity": activity,
                "form": form,
                "overdue": rules.is_overdue(
                    end_date=activity.end_date, status=activity.status, today=timezone.localdate()
                ),
                "status_choices": StatusForm.base_fields["status"].choices,
            },
            status=400 if form.errors else 200,
        )
    if form.errors:
        messages.error(request, _("Choose a status from the list."))
    else:
        messages.success(request, _("The status has been saved."))
    return HttpResponseRedirect(reverse("plans:monitoring", args=[trajectory_id]) + f"#activiteit-{activity.pk}")


@login_required
def add_measurement(request, trajectory_id: int, goal_id: int):
    ctx = page_context(request, trajectory_id, "monitoring", _("New measurement"))
    goal = instrument_selectors.goal_for(ctx["trajectory"], goal_id)
    activities = list(selectors.activities_of(ctx["cycle"]))
    form = MeasurementForm(
        request.POST or None, activities=activities, unit=goal.unit, initial={"measured_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = data.pop("activity")
        data["activity"] = next((a for a in activities if a.pk == chosen), None)
        try:
            services.add_measurement(cycle=ctx["cycle"], goal=goal, user=request.user, **data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The measurement has been saved."))
            return HttpResponseRedirect(reverse("plans:monitoring", args=[trajectory_id]) + f"#doel-{goal.pk}")
    return _form_page(
        request,
        ctx,
        form,
        heading=_("New measurement"),
        submit=_("Save measurement"),
        cancel_url=reverse("plans:monitoring", args=[trajectory_id]),
        intro=_("Goal: %(goal)s. Indicator: %(indicator)s.") % {"goal": goal, "indicator": goal.indicator or "–"},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def decide_proposal(request, trajectory_id: int, proposal_id: int):
    """Confirm a value read from the goal's source into a measurement, or set it aside."""
    ctx = page_context(request, trajectory_id, "monitoring", _("Monitoring"))
    proposal = selectors.proposal_for(ctx["trajectory"], proposal_id)
    try:
        if request.POST.get("decision") == "confirm":
            services.confirm_proposal(proposal, cycle=ctx["cycle"], user=request.user)
            messages.success(request, _("The measurement has been saved."))
        else:
            services.dismiss_proposal(proposal, user=request.user)
            messages.success(request, _("The proposal has been set aside; nothing was measured."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return HttpResponseRedirect(reverse("plans:monitoring", args=[trajectory_id]) + f"#doel-{proposal.goal_id}")


# --- Ga door (4) -------------------------------------------------------------------------------


@login_required
def evaluation(request, trajectory_id: int):
    ctx = page_context(request, trajectory_id, "evaluatie", _("Evaluation"))
    cycle = ctx["cycle"]
    current = selectors.evaluation_of(cycle)
    form = EvaluationForm(request.POST or None, instance=current)
    stale = None
    if request.method == "POST" and form.is_valid():
        texts = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.save_evaluation(
                cycle=cycle, user=request.user, expected_version=form.cleaned_data.get("version"), **texts
            )
        except services.StaleEdit as exc:
            stale = _keep_typed_after_stale(
                form,
                exc.current,
                _(
                    "Someone else saved the evaluation while you were editing it. Your text is still "
                    "below and nothing was overwritten; save again to keep yours."
                ),
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The evaluation has been saved."))
            return redirect("plans:evaluation", trajectory_id=trajectory_id)
    stale_texts = (
        [(form.fields[name].label, getattr(stale, name)) for name in services.EVALUATION_FIELDS] if stale else []
    )
    return render(
        request,
        "plans/evaluation.html",
        {
            **ctx,
            "form": form,
            "stale": stale,
            "stale_texts": stale_texts,
            "results": selectors.goal_results(ctx["trajectory"], cycle),
            "can_steer": trajectory_access.can_steer(request.user, ctx["trajectory"]),
        },
        status=409 if stale else 400 if form.errors else 200,
    )


@login_required
def evaluate_goal(request, trajectory_id: int, goal_id: int):
    ctx = page_context(request, trajectory_id, "evaluatie", _("Evaluate goal"))
    goal = instrument_selectors.goal_for(ctx["trajectory"], goal_id)
    result = next((r for r in selectors.goal_results(ctx["trajectory"], ctx["cycle"]) if r.goal.pk == goal.pk), None)
    if result is None:
        raise Http404
    # Two decimals, as stored: SQLite and PostgreSQL hand back 60 and 60.00 otherwise.
    realised = None if result.realised is None else result.realised.quantize(Decimal("0.01"))
    form = GoalEvaluationForm(request.POST or None, instance=result.evaluation, initial={"realised": realised})
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluate_goal(cycle=ctx["cycle"], goal=goal, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The goal has been evaluated."))
            return HttpResponseRedirect(reverse("plans:evaluation", args=[trajectory_id]) + f"#doel-{goal.pk}")
    return _form_page(
        request,
        ctx,
        form,
        heading=_("Evaluate goal"),
        submit=_("Save"),
        cancel_url=reverse("plans:evaluation", args=[trajectory_id]),
        extra={"result": result},
        status=400 if form.errors else 200,
    )


@login_required
def cycle_history(request, trajectory_id: int, number: int):
    trajectory = trajectory_selectors.trajectory_for(request.user, trajectory_id)
    cycle = selectors.closed_cycle(trajectory, number)
    return render(
        request,
        "plans/cycle_history.html",
        {"trajectory": trajectory, "cycle": cycle, "page_label": _("Cycle %(n)s (history)") % {"n": cycle.number}},
    )
