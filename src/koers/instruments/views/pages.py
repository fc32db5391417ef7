"""What every instrument page shares: its context, links, the form and confirm pages, and
saving one row of a row instrument."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.form_errors import show_errors
from koers.trajectories import selectors as trajectory_selectors


def context(request, trajectory_id: int, instrument: str, page_label: str) -> dict:
    """The page's trajectory, and the subphase the content puts the instrument in."""
    trajectory = trajectory_selectors.trajectory_for(request.user, trajectory_id)
    return {
        "trajectory": trajectory,
        "page_label": page_label,
        "subphase": trajectory_selectors.subphase_holding(instrument),
    }


def url(name: str, trajectory, *args, anchor: str = "") -> str:
    address = reverse(f"instruments:{name}", args=[trajectory.pk, *args])
    return f"{address}#{anchor}" if anchor else address


def form_page(request, ctx, form, *, heading, submit, cancel_url, intro="", status=200):
    return render(
        request,
        "instruments/form.html",
        {**ctx, "form": form, "heading": heading, "submit": submit, "cancel_url": cancel_url, "intro": intro},
        status=status,
    )


def confirm(request, ctx, *, what, cancel_url, blocked="", status=200):
    return render(
        request,
        "instruments/confirm_delete.html",
        {**ctx, "what": what, "cancel_url": cancel_url, "blocked": blocked},
        status=status,
    )


def delete_page(
    request,
    ctx: dict,
    *,
    what: str,
    back: str,
    delete: Callable[[], object],
    done: str,
    blocked: Callable[[], str] = lambda: "",
) -> HttpResponse:
    """Every instrument's delete: a GET asks to confirm (saying what blocks it, if anything),
    a POST deletes and goes back. A service that refuses (ValidationError) is shown on the
    confirm page with a 409, and nothing is deleted."""
    if request.method == "POST":
        try:
            delete()
        except ValidationError as exc:
            return confirm(request, ctx, what=what, cancel_url=back, blocked=" ".join(exc.messages), status=409)
        messages.success(request, done)
        return HttpResponseRedirect(back)
    return confirm(request, ctx, what=what, cancel_url=back, blocked=blocked())


def find_line(lines, key: str):
    for line in lines:
        if line.key == key:
            return line
    raise Http404


def save_row(
    request,
    ctx: dict,
    *,
    line,
    form: ModelForm,
    save: Callable[[dict], object],
    row_template: str,
    back: str,
    page: Callable[[ModelForm], HttpResponse],
) -> HttpResponse:
    """Save one row from its own form. htmx gets the row back, errors included (it swaps only
    2xx answers); a plain post is redirected to the row, or gets `page(form)`: the whole page
    with the errors at this row's fields."""
    saved = False
    if form.is_valid():
        try:
            line.assessment = save(form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            saved = True
            form = type(form)(instance=line.assessment, prefix=line.key)
    if request.htmx:
        return render(request, row_template, {**ctx, "line": line, "form": form, "saved": saved})
    if saved:
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(back)
    return page(form)
