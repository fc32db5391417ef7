"""The AVG pages: a person's own data, a privacy officer's search, export and erasure, and the
access log of a school or board."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers import pdf
from koers.auth import login_required
from koers.form_errors import show_errors
from koers.organisations.models import AccessRecord
from koers.organisations.services import record_access
from koers.pagination import paginate

from . import selectors, services
from .forms import ErasureForm, PeopleSearch

ERASED_SESSION_KEY = "koers_erased_places"


def _export(data: dict, fmt: str, name: str) -> HttpResponse:
    if fmt == "json":
        body, content_type = json.dumps(data, ensure_ascii=False, indent=2), "application/json; charset=utf-8"
    elif fmt == "pdf":
        body, content_type = pdf.render(render_to_string("privacy/data_pdf.html", {"data": data}))[0], "application/pdf"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="koers-gegevens-{slugify(name) or "persoon"}.{fmt}"'
    return response


@login_required
def my_data(request):
    person = selectors.own_person(request.user)
    data = selectors.person_data(person=person, user=request.user)
    return render(request, "privacy/my_data.html", {"data": data, "person": person})


@login_required
def my_data_export(request, fmt: str):
    data = selectors.person_data(person=selectors.own_person(request.user), user=request.user)
    return _export(data, fmt, request.user.get_full_name())


@login_required
def people(request):
    form = PeopleSearch(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    if not selectors.is_privacy_officer(request.user):
        raise Http404
    found = selectors.people(request.user, query)
    return render(
        request, "privacy/people.html", {"form": form, "query": query, "page": paginate(request, found, 25, "pagina")}
    )


def _person_page(request, person, form=None, status=200):
    needs_successor = services.owns_anything(person)
    form = form or ErasureForm(candidates=selectors.successor_candidates(person), needs_successor=needs_successor)
    data = selectors.person_data(person=person, user=person.user)
    return render(
        request,
        "privacy/person.html",
        {"person": person, "data": data, "form": form, "needs_successor": needs_successor},
        status=status,
    )


@login_required
def person(request, person_id: int):
    return _person_page(request, selectors.person_for(request.user, person_id))


@login_required
def person_export(request, person_id: int, fmt: str):
    subject = selectors.person_for(request.user, person_id)
    data = selectors.person_data(person=subject, user=subject.user)
    response = _export(data, fmt, str(subject))
    record_access(
        user=request.user,
        kind=AccessRecord.Kind.PERSONAL_DATA,
        subject=f"{subject} ({fmt.upper()})",
        school=subject.school,
        board_id=subject.board_id,
    )
    return response


@login_required
@require_POST
def erase(request, person_id: int):
    subject = selectors.person_for(request.user, person_id)
    form = ErasureForm(
        request.POST,
        candidates=selectors.successor_candidates(subject),
        needs_successor=services.owns_anything(subject),
    )
    if form.is_valid():
        successor = form.cleaned_data["successor"]
        try:
            places = services.erase(person=subject, successor=successor, by=request.user)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            request.session[ERASED_SESSION_KEY] = {
                "successor": str(successor) if successor else "",
                "places": [[p.trajectory, p.place, p.url] for p in places],
            }
            messages.success(request, _("The person's data has been erased."))
            return redirect("privacy:erased")
    return _person_page(request, subject, form, status=400)


@login_required
def erased(request):
    """What is left to do after an erasure: the free-text places, kept in the session of whoever
    erased, since the name needed to find them is gone."""
    result = request.session.get(ERASED_SESSION_KEY)
    if result is None:
        raise Http404
    return render(request, "privacy/erased.html", result)


@login_required
def school_log(request, school_id: int):
    school = selectors.log_school_for(request.user, school_id)
    records = selectors.access_log(school=school)
    return render(
        request,
        "privacy/access_log.html",
        {"school": school, "place": school, "page": paginate(request, records, 50, "pagina")},
    )


@login_required
def board_log(request, board_id: int):
    board = selectors.log_board_for(request.user, board_id)
    records = selectors.access_log(board=board)
    return render(
        request,
        "privacy/access_log.html",
        {"board": board, "place": board, "page": paginate(request, records, 50, "pagina")},
    )
