"""Lesson observation: a school's periods (`scholen/<id>/lesobservaties/`), a period with its
planning and report (`lesobservaties/<id>/`), the lesson form, one observation, and the
teacher's own (`mijn-loopbaan/observaties/`). Objects come through the selectors; outside, 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from koers.auth import login_required
from koers.careers import selectors as careers
from koers.form_errors import show_errors
from koers.instruments import services as instrument_services
from koers.pagination import paginate

from . import selectors, services
from .forms import FeedbackForm, GoalSourceForm, ObservationForm, PeriodForm, RespondForm


def _posted(request, name: str | None = None):
    if request.method != "POST" or (name and request.POST.get("form") != name):
        return None
    return request.POST


@login_required
def periods(request, school_id: int):
    school = selectors.school_for(request.user, school_id)
    goals = selectors.goals_of(school)
    source = GoalSourceForm(_posted(request, "source"), goals=goals, teams=selectors.teams_of(school))
    if source.is_bound and source.is_valid():
        data = source.cleaned_data
        try:
            instrument_services.set_source(goal=data["goal"], source=data["source"], team=data["team"])
        except ValidationError as exc:
            show_errors(source, exc)
        else:
            messages.success(request, _("Saved: when a period closes, its figure is proposed as a measurement."))
            return redirect("observations:periods", school.pk)
    form = PeriodForm(
        _posted(request, "period"),
        observers=selectors.observer_choices(school),
        teams=selectors.teams_of(school),
        initial={"opens_on": timezone.localdate()},
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            period = services.open_period(school, **{**data, "observers": list(data["observers"])}, by=request.user)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The period is open; its teachers were told its purpose."))
            return redirect("observations:period", period.pk)
    return render(
        request,
        "observations/periods.html",
        {
            "school": school,
            "page": paginate(request, selectors.periods_of(school), 20),
            "form": form,
            "source": source,
            "observed_goals": selectors.observed_goals(school),
            "has_goals": goals.exists(),
        },
        status=400 if form.errors or source.errors else 200,
    )


@login_required
def period(request, period_id: int):
    found = selectors.period_for(request.user, period_id)
    return render(
        request,
        "observations/period.html",
        {
            "period": found,
            "keeps": selectors.keeps(request.user, found),
            "observer": selectors.observes(request.user, found),
            "rows": selectors.planning(found),
        },
    )


@login_required
def observe(request, period_id: int):
    found = selectors.period_for(request.user, period_id)
    if not selectors.observes(request.user, found) or found.closed_at:
        raise Http404
    teachers = selectors.teachers_in(found).exclude(user=request.user)
    form = ObservationForm(
        request.POST if request.method == "POST" else None,
        teachers=teachers,
        partners=found.observers.exclude(pk=request.user.pk),
        domains=selectors.form_items(found),
        scale=found.instrument.scale,
        initial={"teacher": request.GET.get("leraar"), "date": timezone.localdate()},
    )
    if form.is_bound and form.is_valid():
        try:
            observation = services.record(
                found,
                teacher=form.cleaned_data["teacher"],
                observer=request.user,
                scores=form.scores(),
                client_key=form.cleaned_data["client_key"],
                partner=form.cleaned_data.get("partner"),
                **form.details(),
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The observation is saved. Discuss it with the teacher."))
            return redirect("observations:observation", observation.pk)
    response = render(
        request, "observations/observe.html", {"period": found, "form": form}, status=400 if form.errors else 200
    )
    # Never from the browser's cache: going back after saving shows a new form with a new key,
    # not the sent one again (what was not sent yet, the device keeps).
    response.headers["Cache-Control"] = "no-store"
    return response


@login_required
def observation(request, observation_id: int):
    found = selectors.observation_for(request.user, observation_id)
    is_teacher = found.teacher.user_id == request.user.pk
    is_observer = found.observer_id == request.user.pk
    respond = RespondForm(_posted(request, "respond") if is_teacher else None, instance=found)
    feedback = FeedbackForm(
        _posted(request, "feedback") if is_observer else None,
        initial={"feedback_held_on": found.feedback_held_on or timezone.localdate()},
    )
    try:
        if respond.is_bound and respond.is_valid():
            services.respond(
                found,
                comment=respond.cleaned_data["teacher_comment"],
                recognises=respond.cleaned_data["teacher_recognises"],
            )
            messages.success(request, _("Your comment is saved."))
            return redirect("observations:observation", found.pk)
        if feedback.is_bound and feedback.is_valid():
            services.feedback_held(found, on=feedback.cleaned_data["feedback_held_on"])
            messages.success(request, _("The feedback conversation is recorded."))
            return redirect("observations:observation", found.pk)
    except ValidationError as exc:
        show_errors(respond if respond.is_bound else feedback, exc)
    return render(
        request,
        "observations/observation.html",
        {
            "o": found,
            "domains": selectors.scored(found),
            "is_teacher": is_teacher,
            "is_observer": is_observer,
            "respond": respond,
            "feedback": feedback,
        },
        status=400 if respond.errors or feedback.errors else 200,
    )


def _own_final(request, observation_id: int):
    found = selectors.observation_for(request.user, observation_id)
    if found.teacher.user_id != request.user.pk:
        raise Http404
    return found


@login_required
@require_POST
def to_portfolio(request, observation_id: int):
    found = _own_final(request, observation_id)
    try:
        services.to_portfolio(found)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("A copy of this observation is now in your portfolio; only you see it there."))
    return redirect("observations:observation", found.pk)


@login_required
@require_POST
def to_pop_goal(request, observation_id: int):
    found = _own_final(request, observation_id)
    try:
        goal = services.to_pop_goal(found, timezone.localdate())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("observations:observation", found.pk)
    messages.success(request, _("The points to develop are a goal in your POP now: sharpen it there."))
    return redirect("careers:pop", goal.pop.school_year)


@login_required
def report(request, period_id: int):
    found = selectors.period_for(request.user, period_id)
    if not selectors.keeps(request.user, found):
        raise Http404
    return render(request, "observations/report.html", {"r": selectors.report(found), "period": found})


@login_required
@require_POST
def close(request, period_id: int):
    found = selectors.period_for(request.user, period_id)
    if not selectors.keeps(request.user, found):
        raise Http404
    proposed = services.close_period(found)
    messages.success(request, _("The period is closed; its figures are final."))
    if proposed:
        messages.info(
            request,
            ngettext(
                "%(n)s measurement was proposed for a goal measured from lesson observations; "
                "confirm it on the trajectory’s monitoring page.",
                "%(n)s measurements were proposed for goals measured from lesson observations; "
                "confirm them on the trajectories’ monitoring pages.",
                proposed,
            )
            % {"n": proposed},
        )
    return redirect("observations:report", found.pk)


@login_required
def mine(request):
    person = careers.person_for(request.user)
    return render(request, "observations/mine.html", {"page": paginate(request, selectors.observations_of(person), 20)})
