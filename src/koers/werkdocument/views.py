"""Thin views: parse a form, call one service or selector, render.

Every write works with and without htmx: an htmx request gets the fragment it swaps in, a
plain form post is redirected back to the page (or gets the page with the errors shown), so
nothing typed is lost either way.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.auth import login_required
from koers.catalog.models import Question, Subphase, for_theme
from koers.form_errors import show_errors
from koers.networks import selectors as network_selectors
from koers.observations import selectors as observations
from koers.organisations import access
from koers.pagination import paginate
from koers.plans import rules as plan_rules
from koers.plans import selectors as plan_selectors
from koers.surveys import selectors as survey_selectors
from koers.surveys.forms import GoalFromSurveyForm
from koers.trajectories import access as trajectory_access
from koers.trajectories import selectors
from koers.trajectories import services as trajectory_services
from koers.trajectories.forms import DialogueForm, DoneForm, EntryForm, StartTrajectoryForm, TrajectoryForm
from koers.trajectories.models import Entry
from koers.visits import selectors as visits

from . import evidence, services, tip_actions
from . import selectors as wd_selectors
from .forms import RoadmapExportForm
from .selectors import current_phase, subphase_progress, trajectory_progress

# --- starting, changing and deleting a trajectory ------------------------------------------


def _start(request, *, board, school, people, cancel_url):
    form = StartTrajectoryForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            trajectory = services.start_trajectory(user=request.user, board=board, school=school, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The trajectory has started."))
            return redirect("werkdocument:detail", trajectory_id=trajectory.pk)
    return render(
        request, "werkdocument/start.html", {"form": form, "board": board, "school": school, "cancel_url": cancel_url}
    )


@login_required
def start_at_school(request, school_id: int):
    school = selectors.school_for(request.user, school_id)
    if not access.can_start_trajectory_at_school(request.user, school):
        raise Http404
    return _start(
        request,
        board=school.board,
        school=school,
        people=access.people_for_school(school),
        cancel_url=reverse("home:school", args=[school.pk]),
    )


@login_required
def start_at_board(request, board_id: int):
    board = selectors.board_for(request.user, board_id)
    return _start(
        request,
        board=board,
        school=None,
        people=access.people_for_board(board),
        cancel_url=reverse("home:board", args=[board.pk]),
    )


@login_required
def edit(request, trajectory_id: int):
    trajectory = selectors.steerable_trajectory_for(request.user, trajectory_id)
    initial = {
        "title": trajectory.title,
        "owner": trajectory.owner,
        "participants": trajectory.participants.all(),
        "start_date": trajectory.start_date,
    }
    form = TrajectoryForm(request.POST or None, initial=initial, people=selectors.people_for(trajectory))
    if request.method == "POST" and form.is_valid():
        try:
            trajectory_services.update_trajectory(trajectory=trajectory, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The trajectory has been changed."))
            return redirect("werkdocument:detail", trajectory_id=trajectory.pk)
    return render(request, "werkdocument/edit.html", {"form": form, "trajectory": trajectory})


@login_required
def delete(request, trajectory_id: int):
    trajectory = selectors.steerable_trajectory_for(request.user, trajectory_id)
    if request.method == "POST":
        trajectory_services.delete_trajectory(trajectory=trajectory)
        messages.success(request, _("The trajectory has been deleted. An administrator can restore it within 30 days."))
        if trajectory.school_id:
            return redirect("home:school", school_id=trajectory.school_id)
        return redirect("home:board", board_id=trajectory.board_id)
    return render(request, "werkdocument/delete.html", {"trajectory": trajectory})


# --- the werkdocument ------------------------------------------------------------------------


@login_required
def detail(request, trajectory_id: int):
    trajectory = selectors.trajectory_for(request.user, trajectory_id)
    phases = trajectory_progress(trajectory)
    return render(
        request,
        "werkdocument/detail.html",
        {
            "trajectory": trajectory,
            "can_steer": trajectory_access.can_steer(request.user, trajectory),
            "phases": phases,
            "current_phase": current_phase(phases),
            "participants": trajectory.participants.all(),
            "state": plan_selectors.cycle_state(trajectory),
            "pdca_choices": plan_rules.Pdca.choices,
        },
    )


@dataclass
class EntryBlock:
    """What the entry fragment needs: one question's answer, or the subphase's reflection."""

    dom_id: str
    label: str
    form: EntryForm
    entry: Entry | None
    post_url: str
    history_url: str
    conflict: trajectory_services.EditConflict | None = None
    saved: bool = False


def _entry_block(
    trajectory, subphase, *, question=None, entry=None, form=None, conflict=None, saved=False
) -> EntryBlock:
    if question is not None:
        dom_id, label = f"vraag-{question.slug}", for_theme(question.text, trajectory.theme)
        args = [trajectory.pk, subphase.slug, question.slug]
        post_url = reverse("werkdocument:answer", args=args)
        history_url = reverse("werkdocument:answer_history", args=args)
    else:
        dom_id, label = "reflectie", _("Result and reflection")
        args = [trajectory.pk, subphase.slug]
        post_url = reverse("werkdocument:reflection", args=args)
        history_url = reverse("werkdocument:reflection_history", args=args)
    if form is None:
        initial = {"version": 0}
        if entry is not None:
            initial = {"text": entry.text, "not_relevant": entry.not_relevant, "version": entry.version}
        form = EntryForm(initial=initial, auto_id=f"{dom_id}-%s")
    return EntryBlock(dom_id, label, form, entry, post_url, history_url, conflict, saved)


def _subphase_page(request, trajectory, subphase, *, replace=None, dialogue_form=None, status=200):
    """Render the subphase page; `replace` swaps in one bound entry block (errors, conflict)."""
    content = selectors.subphase_content(trajectory, subphase)
    groups = []
    for group in content.groups:
        blocks = []
        for question in group.questions.all():
            block = _entry_block(trajectory, subphase, question=question, entry=content.entries.get(question.slug))
            if replace and replace.dom_id == block.dom_id:
                block = replace
            blocks.append(block)
        groups.append((group, blocks))
    reflection = _entry_block(trajectory, subphase, entry=content.reflection)
    if replace and replace.dom_id == reflection.dom_id:
        reflection = replace
    people = selectors.people_for(trajectory)
    cards = evidence.cards(trajectory, request.user) if "enquetes" in subphase.instruments else None
    visit_reports = visits.evidence_for(trajectory) if cards is not None else []
    lessons = observations.evidence_for(trajectory) if cards is not None else []
    return render(
        request,
        "werkdocument/subphase.html",
        {
            "evidence": cards,
            "visit_evidence": visit_reports,
            "observation_evidence": lessons,
            "can_steer": trajectory_access.can_steer(request.user, trajectory),
            "trajectory": trajectory,
            "subphase": subphase,
            "groups": groups,
            "tips": content.tips,
            "tip_actions": tip_actions.links(content.tips, trajectory),
            "examples": list(subphase.practice_examples.all()),
            "reflection": reflection,
            "progress": subphase_progress(trajectory, subphase),
            "dialogues": paginate(request, selectors.dialogues_in(trajectory, subphase), 10, "dialogen"),
            "dialogue_form": dialogue_form or DialogueForm(people=people),
        },
        status=status,
    )


@login_required
def subphase_detail(request, trajectory_id: int, subphase: str):
    trajectory = selectors.trajectory_for(request.user, trajectory_id)
    return _subphase_page(request, trajectory, selectors.subphase_by_slug(subphase))


def _save(request, trajectory, subphase, *, question: Question | None):
    kind = Entry.Kind.ANSWER if question else Entry.Kind.REFLECTION
    key = question.slug if question else subphase.slug
    dom_id = f"vraag-{key}" if question else "reflectie"
    form = EntryForm(request.POST, auto_id=f"{dom_id}-%s")
    block = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = trajectory_services.save_entry(
                trajectory=trajectory,
                kind=kind,
                key=key,
                subphase_slug=subphase.slug,
                text=data["text"],
                not_relevant=data["not_relevant"],
                base_version=data["version"],
                user=request.user,
            )
        except trajectory_services.EditConflict as conflict:
            # Keep the editor's text and let them save it on top of the current version.
            form = EntryForm(
                initial={
                    "text": conflict.attempted_text,
                    "not_relevant": data["not_relevant"],
                    "version": conflict.current.version,
                },
                auto_id=f"{dom_id}-%s",
            )
            block = _entry_block(
                trajectory, subphase, question=question, entry=conflict.current, form=form, conflict=conflict
            )
        except ValidationError as exc:
            form.add_error("text", exc.message_dict.get("text", exc.messages))
        else:
            if not request.htmx:
                messages.success(request, _("Saved."))
                url = reverse("werkdocument:subphase", args=[trajectory.pk, subphase.slug])
                return HttpResponseRedirect(f"{url}#{dom_id}")
            block = _entry_block(trajectory, subphase, question=question, entry=entry, saved=True)
    if block is None:
        current = selectors.entry_for(trajectory, kind, key)
        block = _entry_block(trajectory, subphase, question=question, entry=current, form=form)
    if request.htmx:
        return render(
            request,
            "werkdocument/partials/entry_response.html",
            {
                "block": block,
                "trajectory": trajectory,
                "progress": subphase_progress(trajectory, subphase),
            },
        )
    return _subphase_page(request, trajectory, subphase, replace=block, status=409 if block.conflict else 400)


@login_required
@require_POST
def save_answer(request, trajectory_id: int, subphase: str, question: str):
    trajectory = selectors.trajectory_for(request.user, trajectory_id)
    sub = selectors.subphase_by_slug(subphase)
    return _save(request, trajectory, sub, question=selectors.question_in_subphase(sub, question))


@login_required
@require_POST
def save_reflection(request, trajectory_id: int, subphase: str):
    trajectory = selectors.trajectory_for(request.user, trajectory_id)
    return _save(request, trajectory, selectors.subphase_by_slug(subphase), question=None)


def _history(request, trajectory, subphase: Subphase, *, kind, key, label):
    entry = selectors.entry_for(trajectory, kind, key)
    revisions = paginate(request, selectors.entry_history(entry) if entry else [], 20)
    return render(
        request,
        "werkdocument/history.html",
        {
            "trajectory": trajectory,
            "subphase": subphase,
            "label": label,
            "entry": entry,
            "revisions": revisions,
        },
    )


@login_required
def answer_history(request, trajectory_id: int, subphase: str, question: str):
    trajectory = selectors.trajectory_for(request.user, trajectory_id)
    sub = selectors.subphase_by_slug(subphase)
    q = selectors.question_in_subphase(sub, question)
    return _history(
        request, trajectory, sub, kind=Entry.Kind.ANSWER, key=q.slug, label=for_theme(q.text, trajectory.theme)
    )


@login_required
def reflection_history(request, trajectory_id: int, subphase: str):
    trajectory = selectors.trajectory_for(request.user, trajectory_id)
    sub = selectors.subphase_by_slug(subphase)
    return _history(
        request, trajectory, sub, kind=Entry.Kind.REFLECTION, key=sub.slug, label=_("Result and reflection")
    )


@login_required
@require_POST
def mark_done(request, trajectory_id: int, subphase: str):
    trajectory = selectors.trajectory_for(request.user, trajectory_id)
    sub = selectors.subphase_by_slug(subphase)
    form = DoneForm(request.POST)
    form.is_valid()  # a missing box is simply "not done"
    trajectory_services.set_subphase_done(
        trajectory=trajectory, subphase_slug=sub.slug, done=form.cleaned_data.get("done", False), user=request.user
    )
    done = subphase_progress(trajectory, sub)
    if request.htmx:
        return render(
            request,
            "werkdocument/partials/done_response.html",
            {"trajectory": trajectory, "subphase": sub, "progress": done},
        )
    messages.success(request, _("Marked as done.") if done.done else _("Reopened."))
    return redirect("werkdocument:subphase", trajectory_id=trajectory.pk, subphase=sub.slug)


@login_required
@require_POST
def add_dialogue(request, trajectory_id: int, subphase: str):
    trajectory = selectors.trajectory_for(request.user, trajectory_id)
    sub = selectors.subphase_by_slug(subphase)
    people = selectors.people_for(trajectory)
    form = DialogueForm(request.POST, people=people)
    if form.is_valid():
        try:
            trajectory_services.log_dialogue(
                trajectory=trajectory, subphase_slug=sub.slug, user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            if not request.htmx:
                messages.success(request, _("The dialogue has been logged."))
                url = reverse("werkdocument:subphase", args=[trajectory.pk, sub.slug])
                return HttpResponseRedirect(f"{url}#dialogen")
            form = DialogueForm(people=people)
    if request.htmx:
        return render(
            request,
            "werkdocument/partials/dialogues.html",
            {
                "trajectory": trajectory,
                "subphase": sub,
                "dialogue_form": form,
                "dialogues": paginate(request, selectors.dialogues_in(trajectory, sub), 10, "dialogen"),
                "logged": form.is_bound is False,
            },
        )
    return _subphase_page(request, trajectory, sub, dialogue_form=form, status=400)


# --- a Roadmap Strategisch HRM into a trajectory ---------------------------------------------


@login_required
def roadmap_export(request, worksheet_id: int):
    """Preview what the Roadmap writes into one of the school's trajectories, then write it.
    Only who manages the school does this; anyone else finds nothing."""
    worksheet = network_selectors.roadmap_for(request.user, worksheet_id)
    if not access.managed_schools(request.user).filter(pk=worksheet.school_id).exists():
        raise Http404
    trajectories = trajectory_access.steerable_trajectories(request.user).filter(school=worksheet.school)
    form = RoadmapExportForm(request.POST or request.GET or None, trajectories=trajectories)
    plan = None
    if form.is_bound and form.is_valid():
        trajectory = form.cleaned_data["trajectory"]
        plan = wd_selectors.roadmap_plan(worksheet, trajectory)
        if request.method == "POST":
            try:
                services.export_roadmap(
                    worksheet=worksheet, trajectory=trajectory, plan=plan, update=form.update(), user=request.user
                )
            except ValidationError as exc:
                show_errors(form, exc)
            else:
                messages.success(request, _("The Roadmap is in the trajectory: its goal and answers have been saved."))
                return redirect("instruments:goals", trajectory_id=trajectory.pk)
    return render(
        request,
        "werkdocument/roadmap_export.html",
        {"worksheet": worksheet, "form": form, "plan": plan, "has_trajectories": trajectories.exists()},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def measure_from_round(request, round_id: int):
    """A goal of the round's school measured from one of its dimensions (issue 17, item 7)."""
    survey = survey_selectors.round_for(request.user, round_id)
    form = GoalFromSurveyForm(
        request.POST,
        goals=survey_selectors.measurable_goals(survey),
        dimensions=survey_selectors.scored_dimensions(survey),
    )
    if not form.is_valid():
        messages.error(request, _("Choose a goal of this school and a dimension of this survey."))
        return redirect("surveys:report", survey.pk)
    try:
        proposed = services.measure_from_survey(form.cleaned_data["goal"], survey, form.cleaned_data["dimension"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("surveys:report", survey.pk)
    if proposed:
        messages.success(request, _("Saved, and this round’s mean is proposed: confirm it on the monitoring page."))
    else:
        messages.success(request, _("Saved: when a round of this survey is final, its mean is proposed."))
    return redirect("surveys:report", survey.pk)
