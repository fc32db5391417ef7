"""Thin views for the instruments. Every write works with and without htmx: row forms swap
only their own row (so text typed in other rows stays), and a plain post is redirected back
to the instrument, or gets the page again with the errors at the fields."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.auth import login_required
from koers.form_errors import show_errors
from koers.trajectories import selectors as trajectory_selectors

from . import selectors, services
from .forms import (
    BottleneckForm,
    ChainForm,
    CoherenceForm,
    ElementForm,
    GoalForm,
    LeverScoreForm,
    OwnBottleneckForm,
    OwnLeverForm,
    OwnRowForm,
    OwnThemeForm,
    SituationForm,
    StakeholderForm,
)


def _context(request, trajectory_id: int, instrument: str, page_label: str) -> dict:
    """The page's trajectory, and the subphase the content puts the instrument in."""
    trajectory = trajectory_selectors.trajectory_for(request.user, trajectory_id)
    return {
        "trajectory": trajectory,
        "page_label": page_label,
        "subphase": trajectory_selectors.subphase_holding(instrument),
    }


def _url(name: str, trajectory, *args, anchor: str = "") -> str:
    url = reverse(f"instruments:{name}", args=[trajectory.pk, *args])
    return f"{url}#{anchor}" if anchor else url


def _form_page(request, ctx, form, *, heading, submit, cancel_url, intro="", status=200):
    return render(
        request,
        "instruments/form.html",
        {**ctx, "form": form, "heading": heading, "submit": submit, "cancel_url": cancel_url, "intro": intro},
        status=status,
    )


def _confirm(request, ctx, *, what, cancel_url, blocked="", status=200):
    return render(
        request,
        "instruments/confirm_delete.html",
        {**ctx, "what": what, "cancel_url": cancel_url, "blocked": blocked},
        status=status,
    )


# --- goals -----------------------------------------------------------------------------------


def _goals_page(request, trajectory_id, *, sharpening: bool):
    sub = "aanscherpen" if sharpening else "doelen"
    label = _("Sharpen the goals") if sharpening else _("Goals")
    ctx = _context(request, trajectory_id, sub, label)
    return render(
        request,
        "instruments/goals.html",
        {**ctx, "sharpening": sharpening, "levels": selectors.goals_by_level(ctx["trajectory"])},
    )


@login_required
def goals(request, trajectory_id: int):
    return _goals_page(request, trajectory_id, sharpening=False)


@login_required
def sharpen(request, trajectory_id: int):
    return _goals_page(request, trajectory_id, sharpening=True)


def _goal_values(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "reason"}


@login_required
def add_goal(request, trajectory_id: int):
    ctx = _context(request, trajectory_id, "doelen", _("New goal"))
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
    return _form_page(
        request,
        ctx,
        form,
        heading=_("New goal"),
        submit=_("Add goal"),
        cancel_url=_url("goals", ctx["trajectory"]),
        status=400 if form.errors else 200,
    )


def _change_goal(request, trajectory_id: int, goal_id: int, *, sharpening: bool):
    sub = "aanscherpen" if sharpening else "doelen"
    ctx = _context(request, trajectory_id, sub, _("Sharpen goal") if sharpening else _("Change goal"))
    goal = selectors.goal_for(ctx["trajectory"], goal_id)
    form = GoalForm(request.POST or None, instance=goal, sharpening=sharpening)
    back = _url("sharpen" if sharpening else "goals", ctx["trajectory"])
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
    return _form_page(
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
    ctx = _context(request, trajectory_id, "doelen", _("History of a goal"))
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
    ctx = _context(request, trajectory_id, "doelen", _("Delete goal"))
    goal = selectors.goal_for(ctx["trajectory"], goal_id)
    back = _url("goals", ctx["trajectory"])
    if request.method == "POST":
        try:
            services.delete_goal(goal=goal)
        except ValidationError as exc:
            return _confirm(
                request, ctx, what=goal.description, cancel_url=back, blocked=" ".join(exc.messages), status=409
            )
        messages.success(request, _("The goal has been deleted."))
        return HttpResponseRedirect(back)
    return _confirm(request, ctx, what=goal.description, cancel_url=back, blocked=services.goal_delete_blocker(goal))


# --- row instruments: the situation map and the checklist knelpunten ------------------------


@dataclass(frozen=True)
class _Rows:
    """What differs between the two row instruments; the views below are shared."""

    url_name: str
    instrument: str  # its key in the content
    label: Promise
    template: str
    row_template: str
    form: type
    add_form: type
    read: Callable  # trajectory -> (every line, extra page context)
    save: Callable  # (trajectory, line, cleaned data) -> the saved row
    add: Callable  # (trajectory, cleaned data) -> the new own row
    own: Callable  # (trajectory, row id) -> the own row, or 404
    added: Promise
    delete_label: Promise
    deleted: Promise


def _read_situation(trajectory):
    smap = selectors.situation_map(trajectory)
    return [ln for s in smap.sections for ln in s.lines] + smap.own, {"map": smap}


def _read_bottlenecks(trajectory):
    lines = selectors.bottleneck_lines(trajectory)
    return lines, {"lines": lines, "ranked": selectors.ranked_bottlenecks(lines)}


SITUATION = _Rows(
    "situation",
    "situatie",
    gettext_lazy("Situation map"),
    "instruments/situation.html",
    "instruments/partials/situation_row.html",
    SituationForm,
    OwnRowForm,
    _read_situation,
    lambda t, line, data: services.save_situation(
        trajectory=t, row_slug="" if line.own else line.key, assessment=line.assessment if line.own else None, **data
    ),
    lambda t, data: services.add_own_situation_row(trajectory=t, **data),
    selectors.own_situation_row,
    gettext_lazy("Your row has been added."),
    gettext_lazy("Delete row"),
    gettext_lazy("The row has been deleted."),
)
BOTTLENECKS = _Rows(
    "bottlenecks",
    "knelpunten",
    gettext_lazy("Checklist of bottlenecks"),
    "instruments/bottlenecks.html",
    "instruments/partials/bottleneck_row.html",
    BottleneckForm,
    OwnBottleneckForm,
    _read_bottlenecks,
    lambda t, line, data: services.save_bottleneck(
        trajectory=t,
        bottleneck_slug="" if line.own else line.key,
        assessment=line.assessment if line.own else None,
        **data,
    ),
    lambda t, data: services.add_own_bottleneck(trajectory=t, **data),
    selectors.own_bottleneck,
    gettext_lazy("Your bottleneck has been added."),
    gettext_lazy("Delete bottleneck"),
    gettext_lazy("The bottleneck has been deleted."),
)


def _find_line(lines, key):
    for line in lines:
        if line.key == key:
            return line
    raise Http404


def _rows_page(request, spec: _Rows, ctx, *, lines=None, extra=None, add_form=None, status=200):
    """The instrument page; `lines` may carry one bound form with its errors."""
    if lines is None:
        lines, extra = spec.read(ctx["trajectory"])
    for line in lines:
        if not hasattr(line, "form"):
            line.form = spec.form(instance=line.assessment, prefix=line.key)
    return render(request, spec.template, {**ctx, **extra, "add_form": add_form or spec.add_form()}, status=status)


def _rows_view(request, spec: _Rows, trajectory_id: int):
    return _rows_page(request, spec, _context(request, trajectory_id, spec.instrument, spec.label))


def _rows_save(request, spec: _Rows, trajectory_id: int, key: str):
    """Save one row: the row fragment for htmx (errors included, as htmx swaps only 2xx),
    else a redirect back to it, or the page with the errors at the row's fields."""
    ctx = _context(request, trajectory_id, spec.instrument, spec.label)
    trajectory = ctx["trajectory"]
    lines, extra = spec.read(trajectory)
    line = _find_line(lines, key)
    form = spec.form(request.POST, prefix=key, instance=line.assessment)
    ok = False
    if form.is_valid():
        try:
            line.assessment = spec.save(trajectory, line, form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            ok = True
            form = spec.form(instance=line.assessment, prefix=key)
    line.form = form
    if request.htmx:
        return render(request, spec.row_template, {**ctx, "line": line, "saved": ok})
    if ok:
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(_url(spec.url_name, trajectory, anchor=key))
    return _rows_page(request, spec, ctx, lines=lines, extra=extra, status=400)


def _rows_add(request, spec: _Rows, trajectory_id: int):
    ctx = _context(request, trajectory_id, spec.instrument, spec.label)
    form = spec.add_form(request.POST)
    if form.is_valid():
        row = spec.add(ctx["trajectory"], form.cleaned_data)
        messages.success(request, spec.added)
        return HttpResponseRedirect(_url(spec.url_name, ctx["trajectory"], anchor=f"eigen-{row.pk}"))
    return _rows_page(request, spec, ctx, add_form=form, status=400)


def _rows_delete(request, spec: _Rows, trajectory_id: int, row_id: int):
    ctx = _context(request, trajectory_id, spec.instrument, spec.delete_label)
    row = spec.own(ctx["trajectory"], row_id)
    back = _url(spec.url_name, ctx["trajectory"])
    if request.method == "POST":
        services.delete_own_row(row=row)
        messages.success(request, spec.deleted)
        return HttpResponseRedirect(back)
    return _confirm(request, ctx, what=row.own_text, cancel_url=back)


@login_required
def situation(request, trajectory_id: int):
    return _rows_view(request, SITUATION, trajectory_id)


@login_required
@require_POST
def save_situation(request, trajectory_id: int, key: str):
    return _rows_save(request, SITUATION, trajectory_id, key)


@login_required
@require_POST
def add_situation_row(request, trajectory_id: int):
    return _rows_add(request, SITUATION, trajectory_id)


@login_required
def delete_situation_row(request, trajectory_id: int, row_id: int):
    return _rows_delete(request, SITUATION, trajectory_id, row_id)


@login_required
def bottlenecks(request, trajectory_id: int):
    return _rows_view(request, BOTTLENECKS, trajectory_id)


@login_required
@require_POST
def save_bottleneck(request, trajectory_id: int, key: str):
    return _rows_save(request, BOTTLENECKS, trajectory_id, key)


@login_required
@require_POST
def add_bottleneck(request, trajectory_id: int):
    return _rows_add(request, BOTTLENECKS, trajectory_id)


@login_required
def delete_bottleneck(request, trajectory_id: int, row_id: int):
    return _rows_delete(request, BOTTLENECKS, trajectory_id, row_id)


# --- stakeholders ----------------------------------------------------------------------------


@login_required
def stakeholders(request, trajectory_id: int):
    ctx = _context(request, trajectory_id, "stakeholders", _("Stakeholders"))
    people = selectors.stakeholders_of(ctx["trajectory"])
    return render(
        request,
        "instruments/stakeholders.html",
        {
            **ctx,
            "stakeholders": people,
            "numbered": list(enumerate(people, start=1)),
            "key_figures": [s for s in people if s.key_figure],
            "charts": selectors.stakeholder_charts(people) if people else (),
        },
    )


def _stakeholder_form(request, trajectory_id: int, stakeholder_id: int | None):
    label = _("Change stakeholder") if stakeholder_id else _("New stakeholder")
    ctx = _context(request, trajectory_id, "stakeholders", label)
    trajectory = ctx["trajectory"]
    stakeholder = selectors.stakeholder_for(trajectory, stakeholder_id) if stakeholder_id else None
    form = StakeholderForm(request.POST or None, instance=stakeholder)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        confirm = values.pop("confirm_duplicate")
        try:
            if stakeholder:
                services.change_stakeholder(stakeholder=stakeholder, confirm_duplicate=confirm, **values)
            else:
                services.add_stakeholder(trajectory=trajectory, confirm_duplicate=confirm, **values)
        except services.DuplicateName as exc:
            form = StakeholderForm(request.POST, instance=stakeholder, show_confirm=True)
            form.is_valid()
            show_errors(form, exc)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The stakeholder has been saved."))
            return redirect("instruments:stakeholders", trajectory_id=trajectory.pk)
    return _form_page(
        request,
        ctx,
        form,
        heading=label,
        submit=_("Save stakeholder"),
        cancel_url=_url("stakeholders", trajectory),
        status=400 if form.errors else 200,
    )


@login_required
def add_stakeholder(request, trajectory_id: int):
    return _stakeholder_form(request, trajectory_id, None)


@login_required
def change_stakeholder(request, trajectory_id: int, stakeholder_id: int):
    return _stakeholder_form(request, trajectory_id, stakeholder_id)


@login_required
def delete_stakeholder(request, trajectory_id: int, stakeholder_id: int):
    ctx = _context(request, trajectory_id, "stakeholders", _("Delete stakeholder"))
    stakeholder = selectors.stakeholder_for(ctx["trajectory"], stakeholder_id)
    back = _url("stakeholders", ctx["trajectory"])
    if request.method == "POST":
        services.delete_stakeholder(stakeholder=stakeholder)
        messages.success(request, _("The stakeholder has been deleted."))
        return HttpResponseRedirect(back)
    return _confirm(request, ctx, what=stakeholder.name, cancel_url=back)


# --- levers ----------------------------------------------------------------------------------


def _lever_page(request, ctx, *, blocks=None, add_form=None, status=200):
    """The levers page; `blocks` may carry one bound form with its errors."""
    blocks = blocks if blocks is not None else selectors.lever_blocks(ctx["trajectory"])
    for block in blocks:
        for line in block.lines:
            if not hasattr(line, "form"):
                line.form = LeverScoreForm(instance=line.choice, prefix=line.key)
    scored = selectors.scored_levers(blocks)
    return render(
        request,
        "instruments/levers.html",
        {
            **ctx,
            "blocks": blocks,
            "scored": list(enumerate(scored, start=1)),
            "chart": selectors.lever_chart(scored) if scored else None,
            "add_form": add_form or OwnLeverForm(prefix="nieuw"),
        },
        status=status,
    )


@login_required
def levers(request, trajectory_id: int):
    return _lever_page(request, _context(request, trajectory_id, "aanknopingspunten", _("Levers")))


@login_required
@require_POST
def score_lever(request, trajectory_id: int, key: str):
    ctx = _context(request, trajectory_id, "aanknopingspunten", _("Levers"))
    trajectory = ctx["trajectory"]
    blocks = selectors.lever_blocks(trajectory)
    line = _find_line([ln for b in blocks for ln in b.lines], key)
    form = LeverScoreForm(request.POST, prefix=key, instance=line.choice)
    ok = False
    if form.is_valid():
        try:
            line.choice = services.score_lever(
                trajectory=trajectory,
                lever_slug="" if line.own else key,
                choice=line.choice if line.own else None,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            ok = True
            form = LeverScoreForm(instance=line.choice, prefix=key)
    line.form = form
    if request.htmx:
        # The row swaps in place; the plot and its numbering follow out of band.
        scored = selectors.scored_levers(blocks)
        return render(
            request,
            "instruments/partials/lever_response.html",
            {
                **ctx,
                "line": line,
                "saved": ok,
                "scored": list(enumerate(scored, start=1)),
                "chart": selectors.lever_chart(scored) if scored else None,
            },
        )
    if ok:
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(_url("levers", trajectory, anchor=key))
    return _lever_page(request, ctx, blocks=blocks, status=400)


@login_required
@require_POST
def add_lever(request, trajectory_id: int):
    ctx = _context(request, trajectory_id, "aanknopingspunten", _("Levers"))
    form = OwnLeverForm(request.POST, prefix="nieuw")
    if form.is_valid():
        try:
            choice = services.add_own_lever(trajectory=ctx["trajectory"], **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Your lever has been added."))
            return HttpResponseRedirect(_url("levers", ctx["trajectory"], anchor=f"eigen-{choice.pk}"))
    return _lever_page(request, ctx, add_form=form, status=400)


@login_required
def remove_lever(request, trajectory_id: int, choice_id: int):
    ctx = _context(request, trajectory_id, "aanknopingspunten", _("Remove lever"))
    choice = selectors.lever_choice_for(ctx["trajectory"], choice_id)
    what = selectors.chosen_levers(ctx["trajectory"])[choice.pk][1]
    back = _url("levers", ctx["trajectory"])
    if request.method == "POST":
        try:
            services.remove_lever(choice=choice)
        except ValidationError as exc:
            return _confirm(request, ctx, what=what, cancel_url=back, blocked=" ".join(exc.messages), status=409)
        messages.success(request, _("The lever has been removed from your choice."))
        return HttpResponseRedirect(back)
    blocked = (
        _(
            "An intervention in the AMO planner uses this lever. Remove that intervention "
            "first, or link it to another lever."
        )
        if choice.amo_elements.exists()
        else ""
    )
    return _confirm(request, ctx, what=what, cancel_url=back, blocked=blocked)


# --- AMO planner -----------------------------------------------------------------------------


class _ElementForms:
    """Builds the add-element form of each chain from options read once per page."""

    def __init__(self, trajectory):
        self.items = selectors.amo_item_choices(trajectory)
        self.levers = selectors.chosen_levers(trajectory)

    def __call__(self, chain_id: int, data=None) -> ElementForm:
        return ElementForm(data, prefix=f"keten-{chain_id}", items=self.items, levers=self.levers)


def _amo_page(request, ctx, *, chain_form=None, element_forms=None, status=200):
    trajectory = ctx["trajectory"]
    element_forms = element_forms or {}
    build = _ElementForms(trajectory)
    chains = selectors.amo_chains(trajectory, build.levers)
    for view in chains:
        view.element_form = element_forms.get(view.chain.pk) or build(view.chain.pk)
    return render(
        request,
        "instruments/amo.html",
        {**ctx, "chains": chains, "chain_form": chain_form or ChainForm(goals=trajectory.goals.all(), prefix="keten")},
        status=status,
    )


@login_required
def amo(request, trajectory_id: int):
    return _amo_page(request, _context(request, trajectory_id, "amo", _("AMO planner")))


@login_required
@require_POST
def add_chain(request, trajectory_id: int):
    ctx = _context(request, trajectory_id, "amo", _("AMO planner"))
    trajectory = ctx["trajectory"]
    form = ChainForm(request.POST, goals=trajectory.goals.all(), prefix="keten")
    if form.is_valid():
        try:
            chain = services.add_chain(trajectory=trajectory, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(
                request,
                _("The chain has been added. Now add what teachers need and the interventions that provide it."),
            )
            return HttpResponseRedirect(_url("amo", trajectory, anchor=f"keten-{chain.pk}"))
    return _amo_page(request, ctx, chain_form=form, status=400)


@login_required
def change_chain(request, trajectory_id: int, chain_id: int):
    ctx = _context(request, trajectory_id, "amo", _("Change chain"))
    trajectory = ctx["trajectory"]
    chain = selectors.chain_for(trajectory, chain_id)
    form = ChainForm(request.POST or None, instance=chain, goals=trajectory.goals.all())
    back = _url("amo", trajectory, anchor=f"keten-{chain.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            services.change_chain(chain=chain, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The chain has been saved."))
            return HttpResponseRedirect(back)
    return _form_page(
        request,
        ctx,
        form,
        heading=_("Change chain"),
        submit=_("Save chain"),
        cancel_url=back,
        status=400 if form.errors else 200,
    )


@login_required
def delete_chain(request, trajectory_id: int, chain_id: int):
    ctx = _context(request, trajectory_id, "amo", _("Delete chain"))
    chain = selectors.chain_for(ctx["trajectory"], chain_id)
    back = _url("amo", ctx["trajectory"])
    if request.method == "POST":
        services.delete_chain(chain=chain)
        messages.success(request, _("The chain has been deleted."))
        return HttpResponseRedirect(back)
    return _confirm(request, ctx, what=chain.behaviour, cancel_url=back)


@login_required
@require_POST
def add_element(request, trajectory_id: int, chain_id: int):
    ctx = _context(request, trajectory_id, "amo", _("AMO planner"))
    trajectory = ctx["trajectory"]
    chain = selectors.chain_for(trajectory, chain_id)
    prefix = f"keten-{chain.pk}"
    form = _ElementForms(trajectory)(chain.pk, request.POST)
    if form.is_valid():
        try:
            services.add_element(chain=chain, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Added to the chain."))
            return HttpResponseRedirect(_url("amo", trajectory, anchor=prefix))
    return _amo_page(request, ctx, element_forms={chain.pk: form}, status=400)


@login_required
@require_POST
def delete_element(request, trajectory_id: int, chain_id: int, element_id: int):
    ctx = _context(request, trajectory_id, "amo", _("AMO planner"))
    chain = selectors.chain_for(ctx["trajectory"], chain_id)
    services.delete_element(element=selectors.element_for(chain, element_id))
    messages.success(request, _("Removed from the chain."))
    return HttpResponseRedirect(_url("amo", ctx["trajectory"], anchor=f"keten-{chain.pk}"))


# --- coherence of the themes -----------------------------------------------------------------


def _coherence_form(trajectory, data=None):
    return CoherenceForm(data, rows=selectors.coherence_rows(trajectory), links=selectors.coherence_links(trajectory))


@login_required
def coherence(request, trajectory_id: int):
    ctx = _context(request, trajectory_id, "samenhang", _("Coherence of the themes"))
    trajectory = ctx["trajectory"]
    form = _coherence_form(trajectory, request.POST or None)
    add_form = OwnThemeForm()
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_coherence(trajectory=trajectory, links=form.links(), notes=form.note_values())
            except ValidationError as exc:
                show_errors(form, exc)
            else:
                messages.success(request, _("The matrix has been saved."))
                return HttpResponseRedirect(_url("coherence", trajectory))
        status = 400
    return render(request, "instruments/coherence.html", {**ctx, "form": form, "add_form": add_form}, status=status)


@login_required
@require_POST
def add_theme(request, trajectory_id: int):
    ctx = _context(request, trajectory_id, "samenhang", _("Coherence of the themes"))
    form = OwnThemeForm(request.POST)
    if form.is_valid():
        services.add_own_theme(trajectory=ctx["trajectory"], **form.cleaned_data)
        messages.success(request, _("Your theme has been added to the matrix."))
        return HttpResponseRedirect(_url("coherence", ctx["trajectory"]))
    return render(
        request,
        "instruments/coherence.html",
        {**ctx, "form": _coherence_form(ctx["trajectory"]), "add_form": form},
        status=400,
    )


@login_required
def delete_theme(request, trajectory_id: int, row_id: int):
    ctx = _context(request, trajectory_id, "samenhang", _("Remove theme"))
    row = selectors.own_theme_for(ctx["trajectory"], row_id)
    back = _url("coherence", ctx["trajectory"])
    if request.method == "POST":
        services.delete_own_theme(row=row)
        messages.success(request, _("The theme has been removed from the matrix."))
        return HttpResponseRedirect(back)
    return _confirm(request, ctx, what=row.own_name, cancel_url=back)
