"""The stakeholder analysis (1B): a list with a form page per stakeholder, and the two matrices."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from koers.auth import login_required
from koers.form_errors import show_errors

from .. import selectors, services
from ..forms import StakeholderForm
from . import pages


@login_required
def page(request, trajectory_id: int):
    ctx = pages.context(request, trajectory_id, "stakeholders", _("Stakeholders"))
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
    ctx = pages.context(request, trajectory_id, "stakeholders", label)
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
    return pages.form_page(
        request,
        ctx,
        form,
        heading=label,
        submit=_("Save stakeholder"),
        cancel_url=pages.url("stakeholders", trajectory),
        status=400 if form.errors else 200,
    )


@login_required
def add(request, trajectory_id: int):
    return _stakeholder_form(request, trajectory_id, None)


@login_required
def change(request, trajectory_id: int, stakeholder_id: int):
    return _stakeholder_form(request, trajectory_id, stakeholder_id)


@login_required
def delete(request, trajectory_id: int, stakeholder_id: int):
    ctx = pages.context(request, trajectory_id, "stakeholders", _("Delete stakeholder"))
    stakeholder = selectors.stakeholder_for(ctx["trajectory"], stakeholder_id)
    return pages.delete_page(
        request,
        ctx,
        what=stakeholder.name,
        back=pages.url("stakeholders", ctx["trajectory"]),
        delete=lambda: services.delete_stakeholder(stakeholder=stakeholder),
        done=_("The stakeholder has been deleted."),
    )
