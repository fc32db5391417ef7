"""The staff pages: the bestuursbeheerder keeps the board's schools, teams and people, the
school leader their own school's; both import staff files, invite people and sign off
leavers. Everything is found through organisations.access, so anything outside is a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.auth import login_required
from koers.form_errors import show_errors
from koers.organisations import access
from koers.organisations import selectors as organisation_selectors
from koers.organisations import services as organisation_services
from koers.organisations.models import Functie, Person, School, TeamMembership
from koers.organisations.staff_import import StaffFileError
from koers.pagination import paginate
from koers.privacy.selectors import is_privacy_officer

from . import selectors, services
from .forms import (
    ConfirmImportForm,
    ImportForm,
    LeaverForm,
    LinkPersonForm,
    PeopleFilter,
    PersonForm,
    RoleForm,
    SchoolForm,
    TeamForm,
)

TEMPLATE_HEADINGS = (
    "voornaam;tussenvoegsel;achternaam;e-mail;personeelsnummer;brin;functie;teams;fte;in onderwijs sinds"
)


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _people_page(request, *, board, school, scope):
    form = PeopleFilter(request.GET or None, schools=list(board.schools.all()) if school is None else None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.people(scope, **{k: v for k, v in filters.items() if v})
    return render(
        request,
        "staff/people.html",
        {
            "board": board,
            "school": school,
            "form": form,
            "filtered": bool(request.GET.get("q") or request.GET.get("school") or request.GET.get("state")),
            "page": paginate(request, found, 50),
            "counts": selectors.state_counts(scope),
            "states": selectors.STATES,
            "waiting": selectors.sign_in_requests(board.pk).count() if school is None else 0,
        },
    )


@login_required
def board_people(request, board_id: int):
    board = selectors.board_for(request.user, board_id)
    return _people_page(request, board=board, school=None, scope=selectors.board_people(board))


@login_required
def school_people(request, school_id: int):
    school = selectors.school_for(request.user, school_id)
    return _people_page(request, board=school.board, school=school, scope=selectors.school_people(school))


def _person_form_page(request, person, *, board, school, form=None, status=200):
    return render(
        request,
        "staff/person_form.html",
        {"form": form, "person": person, "board": board, "school": school},
        status=status,
    )


def _schools_for_form(user, board, school):
    """Where the user may place a person: any school of a board they keep, or their own school."""
    if selectors.keeps_board(user, board):
        return board.schools.all(), True
    return access.staff_schools(user).filter(pk=school.pk if school else None), False


def _new_person(request, *, board, school):
    schools, board_office = _schools_for_form(request.user, board, school)
    person = Person(board=board, school=school)
    form = PersonForm(request.POST or None, instance=person, schools=schools, board_office=board_office)
    if request.method == "POST" and form.is_valid():
        person = services.save_person(form)
        messages.success(request, _("%(name)s has been added.") % {"name": person})
        return redirect("staff:person", person.pk)
    return _person_form_page(request, None, board=board, school=school, form=form, status=400 if form.errors else 200)


@login_required
def board_new_person(request, board_id: int):
    return _new_person(request, board=selectors.board_for(request.user, board_id), school=None)


@login_required
def school_new_person(request, school_id: int):
    school = selectors.school_for(request.user, school_id)
    return _new_person(request, board=school.board, school=school)


def _person_page(request, person, *, form=None, role_form=None, status=200):
    schools, board_office = _schools_for_form(request.user, person.board, person.school)
    keeps_board = selectors.keeps_board(request.user, person.board)
    return render(
        request,
        "staff/person.html",
        {
            "person": person,
            "form": form or PersonForm(instance=person, schools=schools, board_office=board_office),
            "role_form": role_form or RoleForm(board_roles=keeps_board),
            "memberships": person.user.memberships.select_related("board", "school", "region") if person.user else [],
            "invitation": selectors.pending_invitation(person),
            "state_label": selectors.STATES[person.state],
            "back": _back(person, keeps_board),
            "can_erase": is_privacy_officer(request.user),
        },
        status=status,
    )


def _back(person, keeps_board: bool) -> str:
    if keeps_board or person.school_id is None:
        return reverse("staff:board_people", args=[person.board_id])
    return reverse("staff:school_people", args=[person.school_id])


@login_required
def person(request, person_id: int):
    found = selectors.person_for(request.user, person_id)
    if request.method != "POST":
        return _person_page(request, found)
    schools, board_office = _schools_for_form(request.user, found.board, found.school)
    form = PersonForm(request.POST, instance=found, schools=schools, board_office=board_office)
    if not form.is_valid():
        return _person_page(request, selectors.person_for(request.user, person_id), form=form, status=400)
    services.save_person(form)
    messages.success(request, _("The changes have been saved."))
    return redirect("staff:person", found.pk)


@login_required
@require_POST
def invite(request, person_id: int):
    found = selectors.person_for(request.user, person_id)
    try:
        services.invite(found, by=request.user, base_url=_base_url(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The invitation has been sent to %(email)s.") % {"email": found.email})
    return redirect("staff:person", found.pk)


@login_required
@require_POST
def add_role(request, person_id: int):
    found = selectors.person_for(request.user, person_id)
    form = RoleForm(request.POST, board_roles=selectors.keeps_board(request.user, found.board))
    if form.is_valid():
        try:
            services.add_role(found, form.cleaned_data["role"])
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The role has been added."))
            return redirect("staff:person", found.pk)
    return _person_page(request, found, role_form=form, status=400)


@login_required
@require_POST
def remove_role(request, person_id: int, membership_id: int):
    found = selectors.person_for(request.user, person_id)
    try:
        services.remove_role(found, membership_id, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The role has been taken away."))
    return redirect("staff:person", found.pk)


@login_required
def leave(request, person_id: int):
    found = selectors.person_for(request.user, person_id)
    needs_successor = bool(selectors.owns_work([found]))
    form = LeaverForm(
        request.POST or None, candidates=selectors.successor_candidates(found), needs_successor=needs_successor
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.leave(
                found, on=form.cleaned_data["left_on"], successor=form.cleaned_data["successor"], by=request.user
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("%(name)s has been signed off.") % {"name": found})
            return redirect("staff:person", found.pk)
    return render(
        request,
        "staff/leave.html",
        {
            "person": found,
            "form": form,
            "needs_successor": needs_successor,
            "can_erase": is_privacy_officer(request.user),
        },
        status=400 if form.errors else 200,
    )


def _import_page(request, *, board, school):
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            staff_import = services.start_import(
                board_id=board.pk,
                school=school,
                by=request.user,
                file_name=request.FILES["file"].name,
                table=form.cleaned_data["file"],
            )
        except StaffFileError as exc:
            errors = exc.errors
        else:
            return redirect("staff:import_plan", staff_import.pk)
    failed = bool(errors or form.errors)
    return render(
        request,
        "staff/import.html",
        {"form": form, "errors": errors, "board": board, "school": school},
        status=400 if failed else 200,
    )


@login_required
def board_import(request, board_id: int):
    return _import_page(request, board=selectors.board_for(request.user, board_id), school=None)


@login_required
def school_import(request, school_id: int):
    school = selectors.school_for(request.user, school_id)
    return _import_page(request, board=school.board, school=school)


@login_required
def import_template(request):
    response = HttpResponse("\ufeff" + TEMPLATE_HEADINGS + "\r\n", content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="koers-personeel.csv"'
    return response


@login_required
def import_plan(request, import_id: int):
    staff_import = selectors.import_for(request.user, import_id)
    done = staff_import.applied_at is not None
    form = ConfirmImportForm(request.POST if request.method == "POST" else None)
    errors = []
    if request.method == "POST" and not done and form.is_valid():
        try:
            result = services.confirm_import(
                staff_import, end_leavers=form.cleaned_data["end_leavers"], by=request.user
            )
        except (ValidationError, StaffFileError) as exc:
            errors = exc.errors if isinstance(exc, StaffFileError) else exc.messages
        else:
            messages.success(
                request,
                _("Imported: %(new)s new, %(changed)s changed, %(left)s signed off.")
                % {"new": result["new"], "changed": result["changed"], "left": result["left"]},
            )
            return redirect("staff:import_plan", staff_import.pk)
    plan = None
    if not done:
        try:
            plan = organisation_selectors.import_plan(staff_import)
        except StaffFileError as exc:
            errors = errors or exc.errors
    board = staff_import.board
    return render(
        request,
        "staff/import_plan.html",
        {
            "staff_import": staff_import,
            "plan": plan,
            "positions": dict(Functie.choices),
            "form": form,
            "errors": errors,
            "board": board,
            "school": staff_import.school,
            "waiting": Person.objects.filter(pk__in=staff_import.result.get("waiting", [])) if done else [],
            "people_url": reverse("staff:school_people", args=[staff_import.school_id])
            if staff_import.school_id
            else reverse("staff:board_people", args=[board.pk]),
        },
        status=400 if errors else 200,
    )


@login_required
def schools(request, board_id: int):
    board = selectors.board_for(request.user, board_id)
    return render(
        request,
        "staff/schools.html",
        {"board": board, "page": paginate(request, selectors.schools_of(board), 25)},
    )


@login_required
def new_school(request, board_id: int):
    board = selectors.board_for(request.user, board_id)
    form = SchoolForm(request.POST or None, instance=School(board=board))
    if request.method == "POST" and form.is_valid():
        school = services.save_school(form)
        messages.success(request, _("%(name)s has been added.") % {"name": school})
        return redirect("staff:schools", board.pk)
    return render(request, "staff/school_form.html", {"form": form, "board": board}, status=400 if form.errors else 200)


@login_required
def edit_school(request, school_id: int):
    school = selectors.school_for(request.user, school_id)
    if not selectors.keeps_board(request.user, school.board):
        # The school leader keeps the school's people and teams; its name and BRIN are the board's.
        return redirect("staff:teams", school.pk)
    form = SchoolForm(request.POST or None, instance=school)
    if request.method == "POST" and form.is_valid():
        services.save_school(form)
        messages.success(request, _("The changes have been saved."))
        return redirect("staff:schools", school.board_id)
    return render(
        request,
        "staff/school_form.html",
        {"form": form, "board": school.board, "school": school},
        status=400 if form.errors else 200,
    )


@login_required
def teams(request, school_id: int):
    school = selectors.school_for(request.user, school_id)
    form = TeamForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        team = services.save_team(form)
        messages.success(request, _("%(name)s has been added.") % {"name": team})
        return redirect("staff:teams", school.pk)
    page = paginate(request, selectors.teams_of(school), 50)
    page.object_list = list(page.object_list)
    for t in page.object_list:
        t.notes = t.advice(t.size)
    return render(
        request,
        "staff/teams.html",
        {
            "school": school,
            "form": form,
            "teams": page,
            "keeps_board": selectors.keeps_board(request.user, school.board),
        },
        status=400 if form.errors else 200,
    )


@login_required
def team(request, team_id: int):
    found = selectors.team_for(request.user, team_id)
    form = TeamForm(request.POST or None, instance=found, school=found.school)
    if request.method == "POST" and form.is_valid():
        services.save_team(form)
        messages.success(request, _("The changes have been saved."))
        return redirect("staff:teams", found.school_id)
    return render(
        request,
        "staff/team_form.html",
        {
            "form": form,
            "team": found,
            "school": found.school,
            "members": selectors.team_members(found),
            "roles": TeamMembership.Role.choices,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def team_roles(request, team_id: int):
    found = selectors.team_for(request.user, team_id)
    roles = {int(k[5:]): v for k, v in request.POST.items() if k.startswith("role-") and k[5:].isdigit()}
    try:
        services.set_team_roles(found, roles)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The roles in the team have been saved."))
    return redirect("staff:team", found.pk)


@login_required
@require_POST
def delete_team(request, team_id: int):
    found = selectors.team_for(request.user, team_id)
    try:
        services.delete_team(found)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("staff:team", found.pk)
    messages.success(request, _("%(name)s has been removed; its members stay.") % {"name": found})
    return redirect("staff:teams", found.school_id)


@login_required
def sign_in_requests(request, board_id: int):
    board = selectors.board_for(request.user, board_id)
    found = selectors.sign_in_requests(board.pk)
    return render(request, "staff/sign_in_requests.html", {"board": board, "page": paginate(request, found, 25)})


@login_required
def sign_in_request(request, request_id: int):
    """Let a waiting school account in: as a new person, or as someone already in Koers."""
    waiting = selectors.sign_in_request_for(request.user, request_id)
    board = waiting.provider.board
    first, _space, last = waiting.full_name.partition(" ")
    person = Person(board=board, email=waiting.email, first_name=first, last_name=last)
    posted = request.POST if request.method == "POST" else None
    new_form = PersonForm(
        posted if posted and "new" in posted else None,
        instance=person,
        schools=board.schools.all(),
        board_office=True,
    )
    new_form.fields.pop("teams")  # chosen on the person's page once their school is saved
    link_form = LinkPersonForm(
        posted if posted and "link" in posted else None, people=selectors.people_without_account(board)
    )
    chosen = new_form if new_form.is_bound else link_form if link_form.is_bound else None
    if chosen is not None and chosen.is_valid():
        try:
            if chosen is new_form:
                user = services.let_in(waiting, by=request.user, form=new_form)
            else:
                user = services.let_in(waiting, by=request.user, person=link_form.cleaned_data["person"])
        except ValidationError as exc:
            show_errors(chosen, exc)
        else:
            messages.success(request, _("%(name)s can now sign in with their school account.") % {"name": user})
            return redirect("staff:sign_in_requests", board.pk)
    return render(
        request,
        "staff/sign_in_request.html",
        {"board": board, "waiting": waiting, "new_form": new_form, "link_form": link_form},
        status=400 if chosen is not None and chosen.errors else 200,
    )


@login_required
@require_POST
def refuse_sign_in(request, request_id: int):
    waiting = selectors.sign_in_request_for(request.user, request_id)
    organisation_services.refuse_sign_in_request(waiting, by=request.user)
    messages.success(request, _("The school account of %(email)s has been refused.") % {"email": waiting.email})
    return redirect("staff:sign_in_requests", waiting.provider.board_id)
