"""Levers (Figure 6, 2A): each lever scored in its own row form; the plot follows out of band."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.auth import login_required
from koers.form_errors import show_errors

from .. import selectors, services
from ..forms import LeverScoreForm, OwnLeverForm
from . import pages

KEY = "aanknopingspunten"


def _page(request, ctx, *, bound: LeverScoreForm | None = None, add_form=None, status=200):
    """The levers page; `bound` is one row's form with its errors."""
    blocks = selectors.lever_blocks(ctx["trajectory"])
    forms = {line.key: LeverScoreForm(instance=line.choice, prefix=line.key) for b in blocks for line in b.lines}
    if bound is not None:
        forms[bound.prefix] = bound
    scored = selectors.scored_levers(blocks)
    return render(
        request,
        "instruments/levers.html",
        {
            **ctx,
            "blocks": blocks,
            "forms": forms,
            "scored": list(enumerate(scored, start=1)),
            "chart": selectors.lever_chart(scored) if scored else None,
            "add_form": add_form or OwnLeverForm(prefix="nieuw"),
        },
        status=status,
    )


@login_required
def page(request, trajectory_id: int):
    return _page(request, pages.context(request, trajectory_id, KEY, _("Levers")))


@login_required
@require_POST
def score_lever(request, trajectory_id: int, key: str):
    ctx = pages.context(request, trajectory_id, KEY, _("Levers"))
    trajectory = ctx["trajectory"]
    blocks = selectors.lever_blocks(trajectory)
    line = pages.find_line([ln for b in blocks for ln in b.lines], key)
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
    if request.htmx:
        # The row swaps in place; the plot and its numbering follow out of band.
        scored = selectors.scored_levers(blocks)
        return render(
            request,
            "instruments/partials/lever_response.html",
            {
                **ctx,
                "line": line,
                "form": form,
                "saved": ok,
                "scored": list(enumerate(scored, start=1)),
                "chart": selectors.lever_chart(scored) if scored else None,
            },
        )
    if ok:
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(pages.url("levers", trajectory, anchor=key))
    return _page(request, ctx, bound=form, status=400)


@login_required
@require_POST
def add_lever(request, trajectory_id: int):
    ctx = pages.context(request, trajectory_id, KEY, _("Levers"))
    form = OwnLeverForm(request.POST, prefix="nieuw")
    if form.is_valid():
        try:
            choice = services.add_own_lever(trajectory=ctx["trajectory"], **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Your lever has been added."))
            return HttpResponseRedirect(pages.url("levers", ctx["trajectory"], anchor=f"eigen-{choice.pk}"))
    return _page(request, ctx, add_form=form, status=400)


@login_required
def remove_lever(request, trajectory_id: int, choice_id: int):
    ctx = pages.context(request, trajectory_id, KEY, _("Remove lever"))
    choice = selectors.lever_choice_for(ctx["trajectory"], choice_id)
    return pages.delete_page(
        request,
        ctx,
        what=selectors.chosen_levers(ctx["trajectory"])[choice.pk][1],
        back=pages.url("levers", ctx["trajectory"]),
        delete=lambda: services.remove_lever(choice=choice),
        done=_("The lever has been removed from your choice."),
        blocked=lambda: (
            _(
                "An intervention in the AMO planner uses this lever. Remove that intervention "
                "first, or link it to another lever."
            )
            if choice.amo_elements.exists()
            else ""
        ),
    )
