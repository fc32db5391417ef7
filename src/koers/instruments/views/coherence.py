"""The coherence of the themes (Bijlage 2, 1C): one matrix form, and own themes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.auth import login_required
from koers.form_errors import show_errors

from .. import selectors, services
from ..forms import CoherenceForm, OwnThemeForm
from . import pages


def _coherence_form(trajectory, data=None):
    return CoherenceForm(data, rows=selectors.coherence_rows(trajectory), links=selectors.coherence_links(trajectory))


@login_required
def page(request, trajectory_id: int):
    ctx = pages.context(request, trajectory_id, "samenhang", _("Coherence of the themes"))
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
                return HttpResponseRedirect(pages.url("coherence", trajectory))
        status = 400
    return render(request, "instruments/coherence.html", {**ctx, "form": form, "add_form": add_form}, status=status)


@login_required
@require_POST
def add_theme(request, trajectory_id: int):
    ctx = pages.context(request, trajectory_id, "samenhang", _("Coherence of the themes"))
    form = OwnThemeForm(request.POST)
    if form.is_valid():
        services.add_own_theme(trajectory=ctx["trajectory"], **form.cleaned_data)
        messages.success(request, _("Your theme has been added to the matrix."))
        return HttpResponseRedirect(pages.url("coherence", ctx["trajectory"]))
    return render(
        request,
        "instruments/coherence.html",
        {**ctx, "form": _coherence_form(ctx["trajectory"]), "add_form": form},
        status=400,
    )


@login_required
def delete_theme(request, trajectory_id: int, row_id: int):
    ctx = pages.context(request, trajectory_id, "samenhang", _("Remove theme"))
    row = selectors.own_theme_for(ctx["trajectory"], row_id)
    return pages.delete_page(
        request,
        ctx,
        what=row.own_name,
        back=pages.url("coherence", ctx["trajectory"]),
        delete=lambda: services.delete_own_theme(row=row),
        done=_("The theme has been removed from the matrix."),
    )
