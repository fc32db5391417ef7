"""Erasure of one person under the AVG: what they own goes to a successor, their account and
memberships end, their name and address are replaced. Free text is listed, not changed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.careers import services as careers
from koers.networks.models import HomeworkDone, NetworkDocument, NetworkMember, Post, RoadmapWorksheet, Topic
from koers.observations import services as observations
from koers.organisations.models import AccessRecord, Person, SignInRequest, User
from koers.organisations.services import record_access
from koers.plans.models import Activity
from koers.surveys.models import Invitation
from koers.teams import services as teams
from koers.trajectories.models import Trajectory

from . import selectors


def owns_anything(person: Person) -> bool:
    return Trajectory.objects.filter(owner=person).exists() or Activity.objects.filter(owner=person).exists()


def hand_over(person: Person, successor: Person) -> int:
    """Give what the person owns (trajectories, plan activities) to the successor; returns how
    many things changed hands."""
    if successor.pk == person.pk or successor.board_id != person.board_id:
        raise ValidationError({"successor": _("Choose someone else of the same board.")})
    moved = Trajectory.objects.filter(owner=person).update(owner=successor)
    return moved + Activity.objects.filter(owner=person).update(owner=successor)


@transaction.atomic
def erase(*, person: Person, successor: Person | None, by: User) -> list[selectors.Mention]:
    """Erase the person and return the free-text places where their name still stands (found
    before the name is replaced, so the list can be worked through afterwards)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.user_id is not None and person.user_id == by.pk:
        raise ValidationError(_("You cannot erase yourself; ask another school leader or the board."))
    if successor is None and owns_anything(person):
        raise ValidationError(
            {"successor": _("This person owns trajectories or activities: choose who takes them over.")}
        )
    places = selectors.mentions(person)
    if successor is not None:
        hand_over(person, successor)
    addresses = {a for a in (person.email, person.user.email if person.user is not None else "") if a}
    for address in addresses:
        Invitation.objects.filter(email__iexact=address, round__school__board_id=person.board_id).delete()
        SignInRequest.objects.filter(email__iexact=address, provider__board_id=person.board_id).delete()
    careers.erase_career(person)
    observations.erase_teacher(person)
    teams.erase_member(person)
    person.trajectories.clear()
    person.teams.clear()
    if person.user is not None:
        _close_account(person.user)
    person.first_name, person.last_name, person.email = _("Erased"), _("staff member"), ""
    person.erased_at = timezone.now()
    person.user = None
    person.save()
    record_access(
        user=by,
        kind=AccessRecord.Kind.ERASURE,
        subject=_("Person no. %(id)s") % {"id": person.pk},
        school=person.school,
        board_id=person.board_id,
    )
    return places


def _close_account(user: User) -> None:
    """End the account: no memberships, no login (a changed password hash also ends every
    session), and no name or address left on it."""
    user.memberships.all().delete()
    user.school_accounts.all().delete()
    # Attendance stays countable; what they wrote about themselves goes.
    NetworkMember.objects.filter(user=user).update(left_on=timezone.localdate(), learning_ambition="")
    HomeworkDone.objects.filter(member__user=user).update(note="")
    # What they said in a network's discussion or shared with it stays for the others, without their name.
    # So does a school's Roadmap they wrote.
    for model, field in (
        (Topic, "author"),
        (Post, "author"),
        (NetworkDocument, "added_by"),
        (RoadmapWorksheet, "owner"),
    ):
        model.objects.filter(**{field: user}).update(**{field: None})
    user.email = f"gewist-{user.pk}@koers.invalid"
    user.full_name = ""
    user.language = ""
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
