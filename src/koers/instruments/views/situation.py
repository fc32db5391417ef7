"""The situation map (Tables 6 and 7, 1B): one row per aspect, current and desired, the gap
and the action, each row saved on its own; the school adds rows of its own."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.auth import login_required

from .. import selectors, services
from ..forms import OwnRowForm, SituationForm
from . import pages

KEY = "situatie"


def _page(request, ctx, *, bound: SituationForm | None = None, add_form=None, status=200):
    smap = selectors.situation_map(ctx["trajectory"])
    lines = [line for section in smap.sections for line in section.lines] + smap.own
    forms = {line.key: SituationForm(instance=line.assessment, prefix=line.key) for line in lines}
    if bound is not None:
        forms[bound.prefix] = bound
    return render(
        request,
        "instruments/situation.html",
        {**ctx, "map": smap, "forms": forms, "add_form": add_form or OwnRowForm()},
        status=status,
    )


@login_required
def page(request, trajectory_id: int):
    return _page(request, pages.context(request, trajectory_id, KEY, _("Situation map")))


@login_required
@require_POST
def save(request, trajectory_id: int, key: str):
    ctx = pages.context(request, trajectory_id, KEY, _("Situation map"))
    trajectory = ctx["trajectory"]
    smap = selectors.situation_map(trajectory)
    line = pages.find_line([ln for s in smap.sections for ln in s.lines] + smap.own, key)
    return pages.save_row(
        request,
        ctx,
        line=line,
        form=SituationForm(request.POST, prefix=key, instance=line.assessment),
        save=lambda data: services.save_situation(
            trajectory=trajectory,
            row_slug="" if line.own else line.key,
            assessment=line.assessment if line.own else None,
            **data,
        ),
        # The row keeps what is typed in it: only its status (or its errors) comes back.
        row_template="instruments/partials/situation_saved.html",
        back=pages.url("situation", trajectory, anchor=key),
        page=lambda form: _page(request, ctx, bound=form, status=400),
    )


@login_required
@require_POST
def add_row(request, trajectory_id: int):
    ctx = pages.context(request, trajectory_id, KEY, _("Situation map"))
    form = OwnRowForm(request.POST)
    if form.is_valid():
        row = services.add_own_situation_row(trajectory=ctx["trajectory"], **form.cleaned_data)
        messages.success(request, _("Your row has been added."))
        return HttpResponseRedirect(pages.url("situation", ctx["trajectory"], anchor=f"eigen-{row.pk}"))
    return _page(request, ctx, add_form=form, status=400)


@login_required
def delete_row(request, trajectory_id: int, row_id: int):
    ctx = pages.context(request, trajectory_id, KEY, _("Delete row"))
    row = selectors.own_situation_row(ctx["trajectory"], row_id)
    return pages.delete_page(
        request,
        ctx,
        what=row.own_text,
        back=pages.url("situation", ctx["trajectory"]),
        delete=lambda: services.delete_own_row(row=row),
        done=_("The row has been deleted."),
    )
