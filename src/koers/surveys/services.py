"""Every write of the survey engine: rounds, invitations, links, drafts, the response, evidence.

Anonymity is kept here: `submit` stores a Response with only round, group and day, marks the
invitation used and deletes the draft, all in one transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from koers import soft_delete
from koers.organisations.models import Functie, Person, School, User
from koers.tokens import hash_token, new_token
from koers.trajectories.models import Trajectory

from .models import (
    MIN_GROUP_FLOOR,
    SCORED,
    Answer,
    Draft,
    Evidence,
    GroupSummary,
    Instrument,
    Invitation,
    Item,
    RespondentGroup,
    Response,
    Round,
    RoundGroup,
    Scale,
)

MAX_WINDOW_DAYS = 92
MAX_EXTENSION_DAYS = 92
OPEN_TEXT_MAX = 2000

# Which respondent group a staff member answers in, by position.
GROUP_FOR_FUNCTIE = {
    Functie.SCHOOLLEIDER: "directie",
    Functie.BESTUURDER: "directie",
    Functie.HR_ADVISEUR: "pno",
    Functie.TEAMLEIDER: "teamleiders",
    Functie.DOCENT_LB: "leraren",
    Functie.DOCENT_LC: "leraren",
    Functie.DOCENT_LD: "leraren",
    Functie.OOP: "oop",
}


# --- rounds -------------------------------------------------------------------------------------


@transaction.atomic
def create_round(*, school: School, instrument: Instrument, title: str, modules: list[str],
                 groups: list[RespondentGroup], opens_on: datetime.date,
                 closes_on: datetime.date, min_group_size: int, user: User) -> Round:
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give the round a title, e.g. \"Spiegel voorjaar 2027\".")
    if opens_on < today:
        errors["opens_on"] = _("A round cannot open in the past.")
    if closes_on < opens_on:
        errors["closes_on"] = _("The last day comes on or after the first day.")
    elif (closes_on - opens_on).days > MAX_WINDOW_DAYS:
        errors["closes_on"] = _("A round is open for at most three months.")
    if min_group_size < MIN_GROUP_FLOOR:
        errors["min_group_size"] = _("The minimum group size is at least 3, so no one can be "
                                     "recognised in the report.")
    allowed = set(instrument.groups.values_list("pk", flat=True))
    if not groups:
        errors["groups"] = _("Choose at least one respondent group.")
    elif any(g.pk not in allowed for g in groups):
        errors["groups"] = _("This instrument is not meant for one of the chosen groups.")
    known = {m.slug: m for m in instrument.modules.all()}
    if any(slug not in known for slug in modules):
        errors["modules"] = _("Choose modules of this instrument.")
    chosen = sorted(set(modules) | {slug for slug, m in known.items() if m.required},
                    key=lambda slug: known[slug].order)
    if known and not errors and not chosen:
        errors["modules"] = _("Choose at least one module.")
    if not Item.objects.filter(dimension__instrument=instrument).exists():
        errors[NON_FIELD_ERRORS] = _("This instrument has no questions yet; add them in the "
                                     "admin first.")
    if errors:
        raise ValidationError(errors)
    survey = Round.objects.create(
        school=school, instrument=instrument, title=title.strip(), modules=chosen,
        opens_on=opens_on, closes_on=closes_on, min_group_size=min_group_size,
        created_by=user)
    RoundGroup.objects.bulk_create([RoundGroup(round=survey, group=g) for g in groups])
    return survey


@transaction.atomic
def close_early(*, survey: Round) -> Round:
    today = timezone.localdate()
    if survey.state(today) == Round.State.CLOSED:
        raise ValidationError(_("This round is already closed."))
    survey.closed_early_on = today
    survey.closes_on = max(survey.opens_on, min(survey.closes_on, today))
    survey.save(update_fields=["closed_early_on", "closes_on"])
    return survey


@transaction.atomic
def extend(*, survey: Round, closes_on: datetime.date) -> Round:
    """Move the last day later; a round closed early opens again."""
    today = timezone.localdate()
    if closes_on < today or closes_on <= survey.closes_on and not survey.closed_early_on:
        raise ValidationError({"closes_on": _("Choose a last day after the current one, "
                                              "from today on.")})
    if (closes_on - today).days > MAX_EXTENSION_DAYS:
        raise ValidationError({"closes_on": _("Extend by at most three months.")})
    survey.closes_on, survey.closed_early_on, survey.summarised = closes_on, None, False
    survey.save(update_fields=["closes_on", "closed_early_on", "summarised"])
    survey.summaries.all().delete()  # more answers may come: summarise again at closing
    return survey


@transaction.atomic
def summarise(*, survey: Round) -> None:
    """Store the closed round's aggregates per group and dimension, for trend and benchmark.
    Groups under the round's minimum are left out. Done once; a cache of the answers."""
    survey = Round.objects.select_for_update().get(pk=survey.pk)
    if survey.summarised or survey.state(timezone.localdate()) != Round.State.CLOSED:
        return
    eligible = [group_id for group_id, n in survey.responses.values_list("group_id")
                .annotate(n=Count("id")).order_by() if n >= survey.min_group_size]
    GroupSummary.objects.bulk_create([
        GroupSummary(round=survey, group_id=group_id, dimension_slug=slug, facet=facet, n=n,
                     total=total)
        for group_id, slug, facet, n, total in
        Answer.objects.filter(response__round=survey, response__group_id__in=eligible,
                              value__isnull=False, item__scale__in=SCORED)
        .values_list("response__group_id", "item__dimension__slug", "item__facet")
        .annotate(n=Count("id"), total=Sum("value")).order_by()])
    survey.summarised = True
    survey.save(update_fields=["summarised"])


@transaction.atomic
def delete_round(*, survey: Round) -> None:
    """A soft delete: the round, its report and its links disappear; an admin can restore
    it (koers.soft_delete)."""
    soft_delete.mark_deleted(survey)


@transaction.atomic
def restore_round(*, survey: Round) -> None:
    soft_delete.restore(survey, survey.title)


# --- invitations --------------------------------------------------------------------------------


@dataclass
class InviteResult:
    added: int
    already: int
    skipped: list[str]  # people left out, with the reason


def _round_groups(survey: Round) -> dict[str, RespondentGroup]:
    return {g.slug: g for g in survey.groups.all()}


def _check_open_for_invites(survey: Round) -> None:
    if survey.state(timezone.localdate()) == Round.State.CLOSED:
        raise ValidationError(_("This round is closed; extend it first to invite more people."))


@transaction.atomic
def invite_staff(*, survey: Round, people: list[Person]) -> InviteResult:
    """Invite staff of the school; each answers in the group that matches their position."""
    _check_open_for_invites(survey)
    groups = _round_groups(survey)
    existing = set(survey.invitations.values_list("email", flat=True))
    new, skipped, already = [], [], 0
    for person in people:
        group = groups.get(GROUP_FOR_FUNCTIE.get(person.functie, ""))
        email = (person.email or (person.user.email if person.user_id else "")).strip().lower()
        if not email:
            skipped.append(_("%(name)s: no e-mail address") % {"name": person})
        elif group is None:
            skipped.append(_("%(name)s: their group is not asked in this round")
                           % {"name": person})
        elif email in existing:
            already += 1
        else:
            existing.add(email)
            new.append(Invitation(round=survey, group=group, email=email))
    Invitation.objects.bulk_create(new)
    return InviteResult(len(new), already, skipped)


@dataclass
class UploadRow:
    number: int
    email: str
    group: str


@transaction.atomic
def import_invitations(*, survey: Round, rows: list[UploadRow]) -> InviteResult:
    """Check every row first; one bad row and nothing is imported. Errors name row and column."""
    from django.core.validators import validate_email

    _check_open_for_invites(survey)
    groups = _round_groups(survey)
    by_name = {g.name.lower(): g for g in groups.values()} | groups
    errors, seen, new = [], {}, []
    existing = set(survey.invitations.values_list("email", flat=True))
    already = 0
    for row in rows:
        email = row.email.strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("Row %(row)s, column \"e-mail\": \"%(value)s\" is not an e-mail "
                            "address.") % {"row": row.number, "value": row.email})
            continue
        group = by_name.get(row.group.strip().lower())
        if group is None:
            errors.append(_("Row %(row)s, column \"groep\": \"%(value)s\" is not a group of "
                            "this round (%(groups)s).") % {
                "row": row.number, "value": row.group,
                "groups": ", ".join(g.name for g in groups.values())})
            continue
        if email in seen:
            errors.append(_("Row %(row)s, column \"e-mail\": %(value)s is also on row "
                            "%(first)s.") % {"row": row.number, "value": email,
                                             "first": seen[email]})
            continue
        seen[email] = row.number
        if email in existing:
            already += 1
        else:
            new.append(Invitation(round=survey, group=group, email=email))
    if not rows:
        errors.append(_("The file holds no rows with addresses."))
    if errors:
        raise ValidationError({"file": errors})
    Invitation.objects.bulk_create(new)
    return InviteResult(len(new), already, [])


def send_invitations(*, survey: Round, base_url: str) -> int:
    """Queue the e-mails for every invitation not yet sent; returns how many."""
    from .tasks import send_round_mails

    _check_open_for_invites(survey)
    ids = list(survey.invitations.filter(sent_on__isnull=True).values_list("pk", flat=True))
    if ids:
        send_round_mails.enqueue(ids, base_url, False)
    return len(ids)


def send_reminders(*, survey: Round, base_url: str) -> int:
    """Remind only those who were invited and have not responded."""
    from .tasks import send_round_mails

    if not survey.is_open(timezone.localdate()):
        raise ValidationError(_("Reminders can only be sent while the round is open."))
    ids = list(survey.invitations.filter(sent_on__isnull=False, responded=False)
               .values_list("pk", flat=True))
    if ids:
        send_round_mails.enqueue(ids, base_url, True)
    return len(ids)


@transaction.atomic
def renew_invitation_token(*, invitation: Invitation, reminder: bool) -> str:
    """A fresh token for the e-mail about to go out. A reminder's link replaces the first one;
    the answers saved under the old link move along, so nothing is lost."""
    token = new_token()
    old = invitation.token_hash
    invitation.token_hash = hash_token(token)
    today = timezone.localdate()
    if reminder:
        invitation.reminded_on = today
        if old:
            Draft.objects.filter(token_hash=old).update(token_hash=invitation.token_hash)
    else:
        invitation.sent_on = today
    invitation.save(update_fields=["token_hash", "sent_on", "reminded_on"])
    return token


@transaction.atomic
def renew_open_link(*, round_group: RoundGroup) -> str:
    """An open link for one group; shown once. A new one stops the previous one."""
    token = new_token()
    round_group.open_token_hash = hash_token(token)
    round_group.save(update_fields=["open_token_hash"])
    return token


# --- answering ----------------------------------------------------------------------------------


def start_open_session(*, round_group: RoundGroup) -> str:
    """Someone opened a group's open link: give them a personal link of their own to resume."""
    token = new_token()
    Draft.objects.create(round=round_group.round, group=round_group.group,
                         token_hash=hash_token(token))
    return token


def clean_answer(item: Item, raw) -> int | str | None:
    """An answer as stored, or ValidationError when it lies outside the item's scale."""
    if raw in (None, ""):
        return None
    if item.scale == Scale.OPEN:
        text = str(raw).strip()
        if len(text) > OPEN_TEXT_MAX:
            raise ValidationError(_("Write at most %(n)s characters.") % {"n": OPEN_TEXT_MAX})
        return text or None
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = None
    if value not in item.values:
        raise ValidationError(_("Choose one of the answers given."))
    return value


@transaction.atomic
def save_draft(*, token_hash: str, round_id: int, group_id: int,
               answers: dict[int, int | str | None]) -> Draft:
    draft, _created = Draft.objects.select_for_update().get_or_create(
        token_hash=token_hash, defaults={"round_id": round_id, "group_id": group_id})
    merged = dict(draft.answers)
    for item_id, value in answers.items():
        if value is None:
            merged.pop(str(item_id), None)
        else:
            merged[str(item_id)] = value
    draft.answers = merged
    draft.save(update_fields=["answers", "updated_on"])
    return draft


class AlreadySubmitted(Exception):
    """The link was used by a submission that already came in."""


@transaction.atomic
def submit(*, token_hash: str, survey: Round, group_id: int, items: list[Item],
           answers: dict) -> Response:
    """Store the response from the saved answers and end the link, in one transaction.

    Ending the link is the lock: the draft's delete and the invitation's update each succeed
    once, so of two simultaneous submissions one finds nothing left and rolls back."""
    if not survey.is_open(timezone.localdate()):
        raise ValidationError(_("This questionnaire is closed."))
    rows, missing = [], []
    for item in items:
        value = clean_answer(item, answers.get(str(item.pk)))  # a tampered draft is refused
        if value is None:
            if item.required:
                missing.append(item)
            continue
        rows.append((item.pk, None, value) if item.scale == Scale.OPEN
                    else (item.pk, value, ""))
    if missing:
        raise ValidationError(_("%(n)s required questions are still open.")
                              % {"n": len(missing)}, params={"missing": missing})
    drafts, _by_model = Draft.objects.filter(token_hash=token_hash).delete()
    used = Invitation.objects.filter(token_hash=token_hash, responded=False).update(
        responded=True)
    if not used and not drafts:
        raise AlreadySubmitted
    response = Response.objects.create(round=survey, group_id=group_id,
                                       submitted_on=timezone.localdate())
    # The hot path of a survey: one multi-row insert instead of sixty model instances.
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Answer._meta.db_table} (response_id, item_id, value, text) "
            "VALUES (%s, %s, %s, %s)",
            [(response.pk, item_id, value, text) for item_id, value, text in rows])
    return response


# --- into the werkdocument ----------------------------------------------------------------------


@transaction.atomic
def attach_evidence(*, trajectory: Trajectory, survey: Round, note: str, question: str,
                    user: User) -> Evidence:
    if survey.state(timezone.localdate()) != Round.State.CLOSED:
        raise ValidationError({"round": _("Only a closed round has a report to attach.")})
    try:
        with transaction.atomic():
            return Evidence.objects.create(trajectory=trajectory, round=survey,
                                           note=note.strip(), question=question.strip(),
                                           attached_by=user)
    except IntegrityError:
        raise ValidationError({"round": _("This round is already attached.")}) from None


@transaction.atomic
def detach_evidence(*, evidence: Evidence) -> None:
    evidence.delete()
