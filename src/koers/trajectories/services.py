"""Every write to a trajectory. Each function runs in one transaction and raises
ValidationError with a message a user can read."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers import soft_delete
from koers.catalog.models import Theme
from koers.organisations import access
from koers.organisations.models import Board, Functie, Notification, Person, School, User
from koers.organisations.services import notify

from .models import MAX_TEXT_LENGTH, Dialogue, Entry, EntryRevision, SubphaseStatus, Trajectory


class EditConflict(Exception):
    """The text was saved by someone else since the editor loaded it."""

    def __init__(self, current: Entry, attempted_text: str):
        super().__init__("stale edit")
        self.current = current
        self.attempted_text = attempted_text


def _check_people(people: Iterable[Person], allowed, field: str) -> None:
    ids = {p.pk for p in people}
    if ids and allowed.filter(pk__in=ids).count() != len(ids):
        raise ValidationError({field: _("Choose people from this school or board.")})


def _check_trajectory(
    board: Board, school: School | None, title: str, owner: Person, participants: list[Person]
) -> None:
    """A trajectory has a title, and its owner and participants work at its school or board."""
    allowed = access.people_for_school(school) if school else access.people_for_board(board)
    _check_people([owner], allowed, "owner")
    _check_people(participants, allowed, "participants")
    if not title.strip():
        raise ValidationError({"title": _("Give the trajectory a title.")})


@transaction.atomic
def create_trajectory(
    *,
    user: User,
    board: Board,
    school: School | None,
    theme: Theme,
    title: str,
    owner: Person,
    participants: Iterable[Person],
    start_date: datetime.date,
) -> Trajectory:
    participants = list(participants)
    _check_trajectory(board, school, title, owner, participants)
    trajectory = Trajectory.objects.create(
        board=board,
        school=school,
        theme=theme,
        title=title.strip(),
        owner=owner,
        start_date=start_date,
        created_by=user,
    )
    trajectory.participants.set(participants)
    _tell_participants(trajectory, participants, actor=user)
    return trajectory


def _tell_participants(trajectory: Trajectory, people: list[Person], *, actor: User | None) -> None:
    notify(
        [p.user_id for p in people],
        Notification.Kind.PARTICIPANT,
        reverse("werkdocument:detail", args=[trajectory.pk]),
        actor=actor,
        title=trajectory.title,
    )


@transaction.atomic
def update_trajectory(
    *,
    trajectory: Trajectory,
    title: str,
    owner: Person,
    participants: Iterable[Person],
    start_date: datetime.date,
) -> Trajectory:
    participants = list(participants)
    _check_trajectory(trajectory.board, trajectory.school, title, owner, participants)
    trajectory.title, trajectory.owner, trajectory.start_date = title.strip(), owner, start_date
    trajectory.save(update_fields=["title", "owner", "start_date"])
    before = set(trajectory.participants.values_list("pk", flat=True))
    trajectory.participants.set(participants)
    _tell_participants(trajectory, [p for p in participants if p.pk not in before], actor=None)
    return trajectory


@transaction.atomic
def delete_trajectory(*, trajectory: Trajectory) -> None:
    """A soft delete: the trajectory disappears for everyone; an admin can restore it."""
    soft_delete.mark_deleted(trajectory)


@transaction.atomic
def purge(*, retention: dict[str, int]) -> dict[str, int]:
    """Trajectories deleted longer ago than an admin can restore, with all they hold."""
    return {
        "deleted trajectories": soft_delete.expired(Trajectory.objects.all(), retention["soft_deleted"])
        .delete()[1]
        .get(Trajectory._meta.label, 0)
    }


def restore_trajectory(*, trajectory: Trajectory) -> None:
    soft_delete.restore(trajectory, trajectory.title)


@transaction.atomic
def save_entry(
    *,
    trajectory: Trajectory,
    kind: str,
    key: str,
    subphase_slug: str,
    text: str,
    not_relevant: bool,
    base_version: int,
    user: User,
) -> Entry:
    """Save an answer or reflection, refusing an edit based on a version that is no longer current.

    base_version is the version the editor saw (0 when there was no text yet). The update is
    conditional on it, so two concurrent saves cannot both win.
    """
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError({"text": _("Use at most 10,000 characters (you used %(n)d).") % {"n": len(text)}})
    now = timezone.now()
    if base_version == 0:
        try:
            with transaction.atomic():
                entry = Entry.objects.create(
                    trajectory=trajectory,
                    kind=kind,
                    key=key,
                    subphase_slug=subphase_slug,
                    text=text,
                    not_relevant=not_relevant,
                    version=1,
                    updated_by=user,
                )
        except IntegrityError:
            saved = Entry.objects.select_related("updated_by").get(trajectory=trajectory, kind=kind, key=key)
            raise EditConflict(saved, text) from None
    else:
        updated = Entry.objects.filter(trajectory=trajectory, kind=kind, key=key, version=base_version).update(
            text=text, not_relevant=not_relevant, version=base_version + 1, updated_by=user, updated_at=now
        )
        current = Entry.objects.select_related("updated_by").filter(trajectory=trajectory, kind=kind, key=key).first()
        if not updated:
            if current is None:  # the editor's version never existed: treat as new
                return save_entry(
                    trajectory=trajectory,
                    kind=kind,
                    key=key,
                    subphase_slug=subphase_slug,
                    text=text,
                    not_relevant=not_relevant,
                    base_version=0,
                    user=user,
                )
            raise EditConflict(current, text)
        assert current is not None  # the conditional update above just found it
        entry = current
    EntryRevision.objects.create(
        entry=entry,
        version=entry.version,
        text=text,
        not_relevant=not_relevant,
        edited_at=now,
        edited_by=user,
    )
    return entry


@transaction.atomic
def set_subphase_done(*, trajectory: Trajectory, subphase_slug: str, done: bool, user: User) -> SubphaseStatus:
    status, _created = SubphaseStatus.objects.update_or_create(
        trajectory=trajectory,
        subphase_slug=subphase_slug,
        defaults={"done": done, "changed_by": user},
    )
    return status


@transaction.atomic
def log_dialogue(
    *,
    trajectory: Trajectory,
    subphase_slug: str,
    held_on: datetime.date,
    participants: Iterable[Person],
    roles: Iterable[str],
    topic: str,
    outcome: str,
    user: User,
) -> Dialogue:
    participants = list(participants)
    roles = list(roles)
    if not participants and not roles:
        raise ValidationError({"participants": _("Say who took part: choose people, roles, or both.")})
    unknown = set(roles) - set(Functie.values)
    if unknown:
        raise ValidationError({"roles": _("Unknown role.")})
    allowed = (
        access.people_for_school(trajectory.school)
        if trajectory.school is not None
        else access.people_for_board(trajectory.board)
    )
    _check_people(participants, allowed, "participants")
    dialogue = Dialogue.objects.create(
        trajectory=trajectory,
        subphase_slug=subphase_slug,
        held_on=held_on,
        roles=roles,
        topic=topic.strip(),
        outcome=outcome,
        created_by=user,
    )
    dialogue.participants.set(participants)
    return dialogue
