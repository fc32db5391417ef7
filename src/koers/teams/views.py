"""Team development: the school's teams side by side (`scholen/<id>/teamontwikkeling/`), a
team's page with its real-team check, cards and balance (`teams/<id>/`), and its plan per
school year (`teams/<id>/plan/<jaar>/`). Objects come through the selectors; outside, 404."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.auth import login_required
from koers.careers import selectors as careers
from koers.careers.models import school_year
from koers.form_errors import show_errors
from koers.instruments import selectors as instruments
from koers.surveys.models import MIN_GROUP_FLOOR as MIN_ANONYMOUS
from koers.surveys.models import Instrument

from . import selectors, services
from .forms import ActionForm, CardForm, PlanForm, SpeerpuntForm, TalkForm, WorkgroupForm
from .models import ActivityCard, TeamPlan


def _posted(request, name: str):
    return request.POST if request.method == "POST" and request.POST.get("form") == name else None


def _year(year: str) -> str:
    """A school year as "2026-2027"; anything else is a page that does not exist."""
    match = re.fullmatch(r"(\d{4})-(\d{4})", year)
    if not match or int(match[2]) != int(match[1]) + 1:
        raise Http404
    return year


@login_required
def overview(request, school_id: int):
    school = selectors.school_for(request.user, school_id)
    year = school_year(timezone.localdate())
    return render(
        request,
        "teams/overview.html",
        {"school": school, "year": year, "rows": selectors.overview(school, year)},
    )


@login_required
def team(request, team_id: int):
    found = selectors.team_for(request.user, team_id)
    people = selectors.member_people(found)
    form = CardForm(_posted(request, "card"), people=people)
    if form.is_bound and form.is_valid():
        try:
            services.hand_out(found, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The card has been handed out."))
            return redirect("teams:team", found.pk)
    members = selectors.members(found)
    balance = selectors.balances([found]).get(found.pk)
    year = school_year(timezone.localdate())
    return render(
        request,
        "teams/team.html",
        {
            "team": found,
            "members": members,
            "advice": found.advice(len(members)),
            "cards": selectors.cards(found),
            "form": form,
            "balance": balance,
            # Bespreekmodus is offered to a team too small for the anonymous report.
            "small": len(members) < MIN_ANONYMOUS or bool(balance and balance.hidden),
            "is_member": any(m.person.user_id == request.user.pk for m in members),
            "rounds": selectors.team_rounds(found)[:10],
            "instruments": Instrument.objects.filter(
                slug__in=selectors.TEAM_INSTRUMENTS, active=True, for_people=False
            ).order_by("name", "-version"),
            "year": year,
            "plan": selectors.plan_of(found, year),
            "keeps": selectors.keeps(request.user, found),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def take_back(request, team_id: int, holder_id: int):
    found = selectors.team_for(request.user, team_id)
    services.take_back(get_object_or_404(found.card_holders, pk=holder_id))
    messages.success(request, _("The card has been taken back."))
    return redirect("teams:team", found.pk)


@login_required
def plan(request, team_id: int, year: str):
    found = selectors.team_for(request.user, team_id)
    year = _year(year)
    current = selectors.plan_of(found, year)
    goals = selectors.school_goals(found)
    form = PlanForm(
        _posted(request, "plan"), instance=current or TeamPlan(team=found), goals=goals, groups=selectors.hrm_groups()
    )
    action_form = ActionForm(_posted(request, "action"), people=selectors.member_people(found), goals=goals)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_plan(
                found,
                year,
                by=request.user,
                expected_version=data["version"],
                goals=list(data["school_goals"]),
                practices=form.chosen_practices(),
                hours=data["hours"],
                budget=data["budget"],
                **{name: data[name] for name in services.PLAN_TEXTS},
            )
        except services.StalePlan:
            form.add_error(
                None,
                _(
                    "Someone else saved this plan after you opened it. Your text is still here: "
                    "copy what you want to keep, reload the page and add it again."
                ),
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The team plan has been saved."))
            return redirect("teams:plan", found.pk, year)
    if action_form.is_bound and current is not None and action_form.is_valid():
        try:
            services.add_action(current, **action_form.cleaned_data)
        except ValidationError as exc:
            show_errors(action_form, exc)
        else:
            messages.success(request, _("The action has been added."))
            return redirect("teams:plan", found.pk, year)
    return render(
        request,
        "teams/plan.html",
        {
            "team": found,
            "year": year,
            "plan": current,
            "form": form,
            "action_form": action_form,
            "actions": selectors.actions_of(current) if current else [],
            "leads": selectors.leads(request.user, found),
            "unheld": selectors.unheld_cards(found),
        },
        status=400 if form.errors or action_form.errors else 200,
    )


@login_required
@require_POST
def adopt(request, team_id: int, year: str):
    found = selectors.team_for(request.user, team_id)
    current = selectors.plan_of(found, _year(year))
    if current is None or not selectors.leads(request.user, found):
        raise Http404
    try:
        services.adopt(current, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The team plan has been adopted."))
    return redirect("teams:plan", found.pk, year)


@login_required
@require_POST
def mark_action(request, team_id: int, year: str, action_id: int):
    found = selectors.team_for(request.user, team_id)
    current = selectors.plan_of(found, _year(year))
    if current is None:
        raise Http404
    services.mark_action(get_object_or_404(current.actions, pk=action_id), done=request.POST.get("done") == "1")
    return redirect("teams:plan", found.pk, year)


@login_required
def speerpunten(request, school_id: int):
    school = careers.staff_school_for(request.user, school_id)
    keeps = selectors.keeps_school(request.user, school)
    year = school_year(timezone.localdate())
    form = SpeerpuntForm(
        request.POST if keeps and request.method == "POST" else None, goals=instruments.school_goals(school.pk)
    )
    if form.is_bound and form.is_valid():
        try:
            added = services.add_speerpunt(school, school_year=year, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The priority has been added; compose its work group."))
            return redirect("teams:workgroup", added.workgroup.pk)
    rows = selectors.speerpunten_of(school, year)
    active = sum(1 for s in rows if s.status == s.Status.ACTIEF)
    return render(
        request,
        "teams/speerpunten.html",
        {
            "school": school,
            "year": year,
            "rows": rows,
            "many": active > selectors.MANY_PRIORITIES,
            "form": form,
            "keeps": keeps,
        },
        status=400 if form.errors else 200,
    )


@login_required
def workgroup(request, workgroup_id: int):
    found = selectors.workgroup_for(request.user, workgroup_id)
    steers = selectors.steers(request.user, found)
    people = selectors.school_people(found.speerpunt.school)
    form = WorkgroupForm(request.POST if steers and request.method == "POST" else None, instance=found, people=people)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_workgroup(found, **{**data, "members": list(data["members"])})
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The work group has been saved."))
            return redirect("teams:workgroup", found.pk)
    return render(
        request,
        "teams/workgroup.html",
        {
            "wg": found,
            "school": found.speerpunt.school,
            "form": form,
            "steers": steers,
            "suggestions": selectors.suggestions(request.user, found) if steers else [],
            "members": found.members.order_by("last_name"),
        },
        status=400 if form.errors else 200,
    )


@login_required
def talk(request, team_id: int):
    """Bespreekmodus: for the team's members only, by name, once everyone agreed."""
    found = selectors.team_for(request.user, team_id)
    me = selectors.member_for(request.user, found)
    current = selectors.talk(found, me)
    form = TalkForm(_posted(request, "answer"), cards=ActivityCard.objects.all(), initial=_talk_initial(current))
    action = request.POST.get("form") if request.method == "POST" else None
    if action == "start":
        services.start_talk(found)
        return redirect("teams:talk", found.pk)
    if action in ("agree", "withdraw") and current.scan is not None:
        (services.agree if action == "agree" else services.withdraw)(current.scan, me)
        messages.success(request, _("Saved."))
        return redirect("teams:talk", found.pk)
    if form.is_bound and current.scan is not None and form.is_valid():
        try:
            services.answer_talk(current.scan, me, scores=form.scores(), paradox=form.cleaned_data["paradox"])
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Your answers are saved."))
            return redirect("teams:talk", found.pk)
    return render(
        request,
        "teams/talk.html",
        {"team": found, "t": current, "me": me, "form": form, "cards": list(ActivityCard.objects.all())},
        status=400 if form.errors else 200,
    )


def _talk_initial(current) -> dict:
    initial = {f"card_{card_id}": value for card_id, value in current.mine.items() if card_id is not None}
    if None in current.mine:
        initial["paradox"] = current.mine[None]
    return initial
