"""The checklist of bottlenecks (1B): whether each occurs, how urgent it is and what the
school can do itself, row by row; the ones that occur ranked by urgency; own bottlenecks too."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.auth import login_required

from .. import selectors, services
from ..forms import BottleneckForm, OwnBottleneckForm
from . import pages

KEY = "knelpunten"


def _page(request, ctx, *, bound: BottleneckForm | None = None, add_form=None, status=200):
    lines = selectors.bottleneck_lines(ctx["trajectory"])
    forms = {line.key: BottleneckForm(instance=line.assessment, prefix=line.key) for line in lines}
    if bound is not None:
        forms[bound.prefix] = bound
    return render(
        request,
        "instruments/bottlenecks.html",
        {
            **ctx,
            "lines": lines,
            "ranked": selectors.ranked_bottlenecks(lines),
            "forms": forms,
            "add_form": add_form or OwnBottleneckForm(),
        },
        status=status,
    )


@login_required
def page(request, trajectory_id: int):
    return _page(request, pages.context(request, trajectory_id, KEY, _("Checklist of bottlenecks")))


@login_required
@require_POST
def save(request, trajectory_id: int, key: str):
    ctx = pages.context(request, trajectory_id, KEY, _("Checklist of bottlenecks"))
    trajectory = ctx["trajectory"]
    line = pages.find_line(selectors.bottleneck_lines(trajectory), key)
    return pages.save_row(
        request,
        ctx,
        line=line,
        form=BottleneckForm(request.POST, prefix=key, instance=line.assessment),
        save=lambda data: services.save_bottleneck(
            trajectory=trajectory,
            bottleneck_slug="" if line.own else line.key,
            assessment=line.assessment if line.own else None,
            **data,
        ),
        row_template="instruments/partials/bottleneck_row.html",
        back=pages.url("bottlenecks", trajectory, anchor=key),
        page=lambda form: _page(request, ctx, bound=form, status=400),
    )


@login_required
@require_POST
def add(request, trajectory_id: int):
    ctx = pages.context(request, trajectory_id, KEY, _("Checklist of bottlenecks"))
    form = OwnBottleneckForm(request.POST)
    if form.is_valid():
        row = services.add_own_bottleneck(trajectory=ctx["trajectory"], **form.cleaned_data)
        messages.success(request, _("Your bottleneck has been added."))
        return HttpResponseRedirect(pages.url("bottlenecks", ctx["trajectory"], anchor=f"eigen-{row.pk}"))
    return _page(request, ctx, add_form=form, status=400)


@login_required
def delete(request, trajectory_id: int, row_id: int):
    ctx = pages.context(request, trajectory_id, KEY, _("Delete bottleneck"))
    row = selectors.own_bottleneck(ctx["trajectory"], row_id)
    return pages.delete_page(
        request,
        ctx,
        what=row.own_text,
        back=pages.url("bottlenecks", ctx["trajectory"]),
        delete=lambda: services.delete_own_row(row=row),
        done=_("The bottleneck has been deleted."),
    )
