"""The AMO planner (Figure 8, 2B): chains, each with its elements per factor."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.auth import login_required
from koers.form_errors import show_errors

from .. import selectors, services
from ..forms import ChainForm, ElementForm
from . import pages


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
    forms = {view.chain.pk: element_forms.get(view.chain.pk) or build(view.chain.pk) for view in chains}
    return render(
        request,
        "instruments/amo.html",
        {
            **ctx,
            "chains": chains,
            "element_forms": forms,
            "chain_form": chain_form or ChainForm(goals=trajectory.goals.all(), prefix="keten"),
        },
        status=status,
    )


@login_required
def page(request, trajectory_id: int):
    return _amo_page(request, pages.context(request, trajectory_id, "amo", _("AMO planner")))


@login_required
@require_POST
def add_chain(request, trajectory_id: int):
    ctx = pages.context(request, trajectory_id, "amo", _("AMO planner"))
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
            return HttpResponseRedirect(pages.url("amo", trajectory, anchor=f"keten-{chain.pk}"))
    return _amo_page(request, ctx, chain_form=form, status=400)


@login_required
def change_chain(request, trajectory_id: int, chain_id: int):
    ctx = pages.context(request, trajectory_id, "amo", _("Change chain"))
    trajectory = ctx["trajectory"]
    chain = selectors.chain_for(trajectory, chain_id)
    form = ChainForm(request.POST or None, instance=chain, goals=trajectory.goals.all())
    back = pages.url("amo", trajectory, anchor=f"keten-{chain.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            services.change_chain(chain=chain, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The chain has been saved."))
            return HttpResponseRedirect(back)
    return pages.form_page(
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
    ctx = pages.context(request, trajectory_id, "amo", _("Delete chain"))
    chain = selectors.chain_for(ctx["trajectory"], chain_id)
    return pages.delete_page(
        request,
        ctx,
        what=chain.behaviour,
        back=pages.url("amo", ctx["trajectory"]),
        delete=lambda: services.delete_chain(chain=chain),
        done=_("The chain has been deleted."),
    )


@login_required
@require_POST
def add_element(request, trajectory_id: int, chain_id: int):
    ctx = pages.context(request, trajectory_id, "amo", _("AMO planner"))
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
            return HttpResponseRedirect(pages.url("amo", trajectory, anchor=prefix))
    return _amo_page(request, ctx, element_forms={chain.pk: form}, status=400)


@login_required
@require_POST
def delete_element(request, trajectory_id: int, chain_id: int, element_id: int):
    ctx = pages.context(request, trajectory_id, "amo", _("AMO planner"))
    chain = selectors.chain_for(ctx["trajectory"], chain_id)
    services.delete_element(element=selectors.element_for(chain, element_id))
    messages.success(request, _("Removed from the chain."))
    return HttpResponseRedirect(pages.url("amo", ctx["trajectory"], anchor=f"keten-{chain.pk}"))
