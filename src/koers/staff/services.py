"""Writes of the staff pages: people, their roles and invitations, leavers, staff files,
schools and teams. The organisation's rules (what an import changes, how an account is made)
live in organisations.services; this adds what needs the apps above it: a leaver's work goes
to a successor (privacy.services.hand_over), and nothing is signed off that someone owns."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.organisations import services as organisations
from koers.organisations.models import (
    AccountInvitation,
    Membership,
    Notification,
    Person,
    School,
    SignInRequest,
    StaffImport,
    Team,
    TeamMembership,
    User,
)
from koers.organisations.staff_import import read_staff
from koers.organisations.tasks import send_account_invitation
from koers.privacy.services import hand_over

from . import selectors


def save_person(form) -> Person:
    return form.save()


@transaction.atomic
def let_in(request: SignInRequest, *, by: User, form=None, person: Person | None = None) -> User:
    """Let a waiting school account in, as a new person (from the form) or as a person of the
    board who has no account yet; that person's address becomes the school account's."""
    if form is not None:
        person = form.save()
    elif person is not None:
        person.email = request.email
        person.save(update_fields=["email"])
    if person is None:
        raise ValueError("let_in needs a form or a person")
    return organisations.confirm_sign_in_request(request, person=person, by=by)


def invite(person: Person, *, by: User, base_url: str) -> AccountInvitation:
    """Make the account (or reuse it) and queue the mail; sending again replaces the link."""
    invitation = organisations.prepare_invitation(person, by=by)
    send_account_invitation.enqueue(invitation.pk, base_url)
    return invitation


def add_role(person: Person, role: str) -> Membership:
    if person.user_id is None:
        raise ValidationError(_("Invite this person first: a role needs an account."))
    scope = Membership.scope_of(role)
    if scope == "school" and person.school_id is None:
        raise ValidationError({"role": _("This role applies to a school; this person works at the board office.")})
    where = {"board_id": person.board_id} if scope == "board" else {"school_id": person.school_id}
    membership, _created = Membership.objects.get_or_create(user_id=person.user_id, role=role, **where)
    return membership


def remove_role(person: Person, membership_id: int, *, by: User) -> None:
    membership = Membership.objects.filter(pk=membership_id, user=person.user).first() if person.user else None
    if membership is None:
        return
    if person.user_id == by.pk:
        raise ValidationError(_("You cannot take away your own role; ask a colleague."))
    membership.delete()


@transaction.atomic
def leave(person: Person, *, on: date, successor: Person | None, by: User) -> None:
    """Sign a person off: what they own goes to the successor, their roles and teams end, the
    account can no longer log in. The person stays, so what they did keeps its name."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.user_id is not None and person.user_id == by.pk:
        raise ValidationError(_("You cannot sign yourself off; ask a colleague."))
    if successor is not None:
        moved = hand_over(person, successor)
        if moved:
            organisations.notify(
                [successor.user_id],
                Notification.Kind.HANDOVER,
                reverse("home:index"),
                actor=by,
                name=str(person),
                n=moved,
            )
    elif selectors.owns_work([person]):
        raise ValidationError(
            {"successor": _("This person owns trajectories or activities: choose who takes them over.")}
        )
    _sign_off([person], on)


def _sign_off(people: list[Person], on: date) -> None:
    ids = [p.id for p in people]
    users = [p.user_id for p in people if p.user_id]
    TeamMembership.objects.filter(person_id__in=ids).delete()
    Person.objects.filter(id__in=ids).update(left_on=on)
    Membership.objects.filter(user_id__in=users).delete()
    AccountInvitation.objects.filter(user_id__in=users, used_at__isnull=True).delete()
    User.objects.filter(id__in=users).update(is_active=False)


@transaction.atomic
def confirm_import(staff_import: StaffImport, *, end_leavers: bool, by: User) -> dict:
    """Import the file and, when asked, sign off who is not in it; a leaver who owns work is
    left for the person page, where a successor is chosen. All or nothing."""
    plan = organisations.apply_import(staff_import)
    staff_import.refresh_from_db()
    result = dict(staff_import.result, left=0, waiting=[])
    if end_leavers and plan.leaving:
        owners = selectors.owns_work(plan.leaving)
        free = [p for p in plan.leaving if p.id not in owners and p.user_id != by.pk]
        _sign_off(free, timezone.localdate())
        result["left"] = len(free)
        result["waiting"] = [p.id for p in plan.leaving if p.id in owners]
    staff_import.result = result
    staff_import.save(update_fields=["result"])
    return result


def start_import(*, board_id: int, school: School | None, by: User, file_name: str, table: list) -> StaffImport:
    brins = set(School.objects.filter(board_id=board_id).values_list("brin", flat=True))
    rows, columns = read_staff(table, brins=brins, school_brin=school.brin if school else None)
    return organisations.start_import(
        board_id=board_id, school=school, by=by, file_name=file_name, rows=rows, columns=columns
    )


def save_school(form) -> School:
    return form.save()


def save_team(form) -> Team:
    team = form.save(commit=False)
    team.school = form.school
    team.save()
    return team


def set_team_roles(team: Team, roles: dict[int, str]) -> None:
    """The role of each member in the team; people outside the team are left alone."""
    if any(role not in TeamMembership.Role.values for role in roles.values()):
        raise ValidationError(_("Choose a role from the list."))
    with transaction.atomic():
        for membership in TeamMembership.objects.filter(team=team, person_id__in=list(roles)):
            if membership.role != roles[membership.person_id]:
                membership.role = roles[membership.person_id]
                membership.save(update_fields=["role"])


def delete_team(team: Team) -> None:
    if team.survey_rounds.exists():
        raise ValidationError(_("This team has survey rounds; its results would lose their team. Rename it instead."))
    team.delete()
