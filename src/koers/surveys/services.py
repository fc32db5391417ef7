"""Every write of the survey engine: rounds, invitations, links, drafts, the response, evidence.

Anonymity is kept here (docs/privacy.md): `submit` stores a Response with only round, group and
day, marks the invitation used and deletes the draft, all in one transaction; `finalise`
clears every per-person trace when a round closes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from koers import soft_delete
from koers.fields import random_id
from koers.formats import day, day_and_month
from koers.networks.models import Network, NetworkMember
from koers.organisations.models import Functie, Notification, Person, School, Team, User
from koers.organisations.services import notify
from koers.tokens import hash_token, new_token, seal
from koers.trajectories.models import Trajectory

from .models import (
    MAX_OWN_QUESTIONS,
    MIN_GROUP_FLOOR,
    OPEN_SESSION_SALT,
    OWN_QUESTIONS_ORDER,
    SCORED,
    UNKNOWN,
    Answer,
    Dimension,
    Draft,
    EvaluationTaken,
    Evidence,
    GroupSummary,
    Instrument,
    Invitation,
    InvitationLink,
    Item,
    ItemCount,
    NetworkAnswer,
    NetworkEvaluation,
    RespondentGroup,
    Response,
    Round,
    RoundGroup,
    Scale,
    SharedPicture,
    draft_lookup,
)
from .signals import round_finalised

MAX_WINDOW_DAYS = 92
MAX_EXTENSION_DAYS = 92
OPEN_TEXT_MAX = 2000

# Which respondent group a staff member answers in, by position.
GROUP_FOR_FUNCTIE: dict[str, str] = {
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
def create_round(
    *,
    school: School,
    instrument: Instrument,
    title: str,
    modules: list[str],
    groups: list[RespondentGroup],
    opens_on: datetime.date,
    closes_on: datetime.date,
    min_group_size: int,
    user: User,
    team: Team | None = None,
    subject: Person | None = None,
) -> Round:
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if team is not None and team.school_id != school.pk:
        errors["team"] = _("Choose a team of this school.")
    if instrument.for_people != (subject is not None):
        raise ValueError("an instrument for feedback on one person runs for exactly that person")
    if not title.strip():
        errors["title"] = _('Give the round a title, e.g. "Spiegel voorjaar 2027".')
    if opens_on < today:
        errors["opens_on"] = _("A round cannot open in the past.")
    if closes_on < opens_on:
        errors["closes_on"] = _("The last day comes on or after the first day.")
    elif (closes_on - opens_on).days > MAX_WINDOW_DAYS:
        errors["closes_on"] = _("A round is open for at most three months.")
    if min_group_size < MIN_GROUP_FLOOR:
        errors["min_group_size"] = _("The minimum group size is at least 3, so no one can be recognised in the report.")
    allowed = set(instrument.groups.values_list("pk", flat=True))
    if not groups:
        errors["groups"] = _("Choose at least one respondent group.")
    elif any(g.pk not in allowed for g in groups):
        errors["groups"] = _("This instrument is not meant for one of the chosen groups.")
    known = {m.slug: m for m in instrument.modules.all()}
    if any(slug not in known for slug in modules):
        errors["modules"] = _("Choose modules of this instrument.")
    chosen = sorted(
        set(modules) | {slug for slug, m in known.items() if m.required}, key=lambda slug: known[slug].order
    )
    if known and not errors and not chosen:
        errors["modules"] = _("Choose at least one module.")
    if not Item.objects.filter(dimension__instrument=instrument).exists():
        errors[NON_FIELD_ERRORS] = _("This instrument has no questions yet; add them in the admin first.")
    if errors:
        raise ValidationError(errors)
    survey = Round.objects.create(
        school=school,
        team=team,
        subject=subject,
        instrument=instrument,
        title=title.strip(),
        modules=chosen,
        opens_on=opens_on,
        closes_on=closes_on,
        min_group_size=min_group_size,
        created_by=user,
    )
    RoundGroup.objects.bulk_create([RoundGroup(round=survey, group=g) for g in groups])
    return survey


@transaction.atomic
def close_early(*, survey: Round) -> Round:
    """Close now, for good: a closed round is finalised at once (see `finalise`)."""
    today = timezone.localdate()
    if survey.state(today) == Round.State.CLOSED:
        raise ValidationError(_("This round is already closed."))
    survey.closed_early_on = today
    survey.closes_on = max(survey.opens_on, min(survey.closes_on, today))
    survey.save(update_fields=["closed_early_on", "closes_on"])
    finalise(survey=survey)
    return survey


@transaction.atomic
def extend(*, survey: Round, closes_on: datetime.date) -> Round:
    """Move the last day of an open or planned round later. A closed round stays closed: its
    per-person traces are gone, so it could not tell who may still answer."""
    today = timezone.localdate()
    if survey.state(today) == Round.State.CLOSED:
        raise ValidationError(_("A closed round cannot be extended; start a new round instead."))
    if closes_on <= survey.closes_on:
        raise ValidationError({"closes_on": _("Choose a last day after the current one.")})
    if (closes_on - today).days > MAX_EXTENSION_DAYS:
        raise ValidationError({"closes_on": _("Extend by at most three months.")})
    survey.closes_on = closes_on
    survey.save(update_fields=["closes_on"])
    return survey


@transaction.atomic
def finalise(*, survey: Round) -> None:
    """Close a round for good, once: store its aggregates (per group, item and answer option,
    and per group and dimension for trend and benchmark; groups under the minimum left out)
    and the numbers invited and responded per group, and clear every per-person trace: links,
    drafts and the "responded" flags. Two passes over the answers, the last ever made."""
    survey = Round.objects.select_for_update().get(pk=survey.pk)
    if survey.finalised or survey.state(timezone.localdate()) != Round.State.CLOSED:
        return
    named = set(survey.round_groups.exclude(named="").values_list("group_id", flat=True))
    responded = dict(survey.responses.values_list("group_id").annotate(n=Count("id")).order_by())
    eligible = [g for g, n in responded.items() if n >= (1 if g in named else survey.min_group_size)]
    answers = Answer.objects.filter(response__round=survey, response__group_id__in=eligible)
    counts = [
        ItemCount(round=survey, group_id=group_id, item_id=item_id, value=value, n=n)
        for group_id, item_id, value, n in answers.filter(value__isnull=False)
        .values_list("response__group_id", "item_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    ] + [
        ItemCount(round=survey, group_id=group_id, item_id=item_id, value=None, n=n)
        for group_id, item_id, n in answers.filter(item__scale=Scale.OPEN)
        .exclude(text="")
        .values_list("response__group_id", "item_id")
        .annotate(n=Count("id"))
        .order_by()
    ]
    ItemCount.objects.bulk_create(counts, batch_size=5000)
    items = {
        pk: (slug, facet)
        # A school's own questions are left out: no trend or benchmark reads them.
        for pk, slug, facet in Item.objects.filter(
            dimension__instrument_id=survey.instrument_id, dimension__round__isnull=True, scale__in=SCORED
        ).values_list("pk", "dimension__slug", "facet")
    }
    sums: dict[tuple[int, str, str], list[int]] = {}
    for count in counts:
        if count.item_id in items and count.value not in (None, UNKNOWN):
            figures = sums.setdefault((count.group_id, *items[count.item_id]), [0, 0])
            figures[0] += count.n
            figures[1] += count.n * count.value
    GroupSummary.objects.bulk_create(
        GroupSummary(round=survey, group_id=g, dimension_slug=slug, facet=facet, n=n, total=total)
        for (g, slug, facet), (n, total) in sums.items()
    )
    invited = dict(survey.invitations.values_list("group_id").annotate(n=Count("id")).order_by())
    for round_group in survey.round_groups.all():
        round_group.invited = invited.get(round_group.group_id, 0)
        round_group.responded = responded.get(round_group.group_id, 0)
        round_group.open_token_hash = ""
        round_group.save(update_fields=["invited", "responded", "open_token_hash"])
    InvitationLink.objects.filter(invitation__round=survey).delete()
    Draft.objects.filter(round=survey).delete()
    survey.invitations.update(responded=False)
    survey.finalised = True
    survey.save(update_fields=["finalised"])
    round_finalised.send(sender=Round, survey=survey)
    notify(
        [survey.created_by_id],
        Notification.Kind.REPORT,
        reverse("surveys:report", args=[survey.pk]),
        title=survey.title,
    )


def purge(*, today: datetime.date, retention: dict[str, int]) -> dict[str, int]:
    """What `koers purge` removes of the survey engine: per-person traces of rounds that
    closed, invitation addresses after their retention, abandoned open-link drafts, and
    rounds deleted longer ago than an admin can restore."""
    finalised = finalise_closed_rounds()
    addresses_until = today - datetime.timedelta(days=retention["invitation_addresses"])
    invitations, _by_model = Invitation.objects.filter(
        round__finalised=True, round__closes_on__lt=addresses_until
    ).delete()
    drafts, _by_model = Draft.objects.filter(
        updated_on__lt=today - datetime.timedelta(days=retention["open_link_drafts"])
    ).delete()
    rounds, _by_model = soft_delete.expired(Round.objects.all(), retention["soft_deleted"]).delete()
    return {
        "rounds finalised": finalised,
        "invitation addresses": invitations,
        "drafts": drafts,
        "deleted rounds": rounds,
    }


def finalise_closed_rounds() -> int:
    """Finalise every round whose last day has passed (daily, from `koers purge`)."""
    from .selectors import closed_filter

    rounds = Round.objects.filter(closed_filter(timezone.localdate()), finalised=False)
    for survey in rounds:
        finalise(survey=survey)
    return len(rounds)


# --- a school's own questions ------------------------------------------------------------------


def _check_own_questions_editable(survey: Round) -> None:
    if not survey.takes_own_questions(timezone.localdate()):
        raise ValidationError(
            _(
                "The questions of this round can no longer change: someone has answered, "
                "so every answer keeps its meaning."
            )
        )


@transaction.atomic
def add_own_question(
    *,
    survey: Round,
    text: str,
    scale: str,
    options: list[str],
    required: bool,
    unknown_allowed: bool,
    text_en: str = "",
    options_en: list[str] | None = None,
) -> Item:
    """A question of the school's own for this round only, on a page of its own after the
    instrument's (issue 18 item 4), optionally with its English text for respondents who
    chose English. Only before the first response: an answer given earlier would miss it."""
    _check_own_questions_editable(survey)
    scope = survey.team or survey.school
    with translation.override("en"):
        name_en = _("Questions of %(school)s") % {"school": scope}
    page, _created = Dimension.objects.get_or_create(
        round=survey,
        defaults={
            "instrument_id": survey.instrument_id,
            "slug": f"eigen-vragen-{survey.pk}",
            "name": _("Questions of %(school)s") % {"school": scope},
            "translations": {"en": {"name": name_en}},
            "order": OWN_QUESTIONS_ORDER,
        },
    )
    english: dict[str, str | list[str]] = {"text": text_en.strip()} if text_en.strip() else {}
    if scale == Scale.CHOICE and options_en:
        english["options"] = options_en
    count = page.items.count()
    if count >= MAX_OWN_QUESTIONS:
        raise ValidationError(_("A round takes at most %(n)s questions of its own.") % {"n": MAX_OWN_QUESTIONS})
    item = Item(
        dimension=page,
        slug=f"eigen-{random_id() % 10**9}",
        text=text.strip(),
        scale=scale,
        options=options if scale == Scale.CHOICE else [],
        required=required and scale != Scale.OPEN,
        unknown_allowed=unknown_allowed and scale in SCORED,
        translations={"en": english} if english else {},
        order=count,
    )
    item.full_clean(exclude=["dimension"])
    item.save()
    return item


@transaction.atomic
def remove_own_question(*, survey: Round, item_id: int) -> None:
    _check_own_questions_editable(survey)
    Item.objects.filter(pk=item_id, dimension__round=survey).delete()
    Dimension.objects.filter(round=survey, items__isnull=True).delete()


def set_region_benchmark(*, school: School, share: bool) -> None:
    """Whether the school's closed rounds count in its region's benchmark (and it sees it)."""
    if share and school.region_id is None:
        raise ValidationError(_("This school belongs to no region, so there is nothing to compare with."))
    school.region_benchmark = share
    school.save(update_fields=["region_benchmark"])


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
        email = (person.email or (person.user.email if person.user is not None else "")).strip().lower()
        if not email:
            skipped.append(_("%(name)s: no e-mail address") % {"name": person})
        elif group is None:
            skipped.append(_("%(name)s: their group is not asked in this round") % {"name": person})
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
    errors: list[str] = []
    seen: dict[str, int] = {}
    new: list[Invitation] = []
    existing = set(survey.invitations.values_list("email", flat=True))
    already = 0
    for row in rows:
        email = row.email.strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            errors.append(
                _('Row %(row)s, column "e-mail": "%(value)s" is not an e-mail address.')
                % {"row": row.number, "value": row.email}
            )
            continue
        group = by_name.get(row.group.strip().lower())
        if group is None:
            errors.append(
                _('Row %(row)s, column "groep": "%(value)s" is not a group of this round (%(groups)s).')
                % {"row": row.number, "value": row.group, "groups": ", ".join(g.name for g in groups.values())}
            )
            continue
        if email in seen:
            errors.append(
                _('Row %(row)s, column "e-mail": %(value)s is also on row %(first)s.')
                % {"row": row.number, "value": email, "first": seen[email]}
            )
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
    ids = list(survey.invitations.filter(sent_on__isnull=False, responded=False).values_list("pk", flat=True))
    if ids:
        send_round_mails.enqueue(ids, base_url, True)
    return len(ids)


@transaction.atomic
def renew_invitation_token(*, invitation: Invitation, reminder: bool) -> str:
    """A fresh link for the e-mail about to go out. Earlier links keep working: answers saved
    under one can only be opened with that link (koers.tokens.seal)."""
    token = new_token()
    InvitationLink.objects.create(invitation=invitation, token_hash=hash_token(token))
    today = timezone.localdate()
    if reminder:
        invitation.reminded_on = today
    else:
        invitation.sent_on = today
    invitation.save(update_fields=["sent_on", "reminded_on"])
    return token


@transaction.atomic
def renew_open_link(*, round_group: RoundGroup, expected: int) -> str:
    """An open link for one group, for at most `expected` responses; shown once. A new one
    stops the previous one."""
    if expected < 1:
        raise ValidationError({"expected": _("Give the number of people the link is for.")})
    token = new_token()
    round_group.open_token_hash = hash_token(token)
    round_group.expected = expected
    round_group.save(update_fields=["open_token_hash", "expected"])
    return token


# --- answering ----------------------------------------------------------------------------------


def start_open_session(*, round_group: RoundGroup) -> str:
    """Someone opened a group's open link: a personal link of their own to resume by. It is
    signed, so it needs no row: nothing is stored until the visitor saves an answer."""
    return signing.dumps([round_group.pk, new_token()[:16]], salt=OPEN_SESSION_SALT)


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
    if value not in item.answer_values:
        raise ValidationError(_("Choose one of the answers given."))
    return value


def save_draft(*, token: str, round_id: int, group_id: int, saved: dict, answers: dict[int, int | str | None]) -> dict:
    """Merge a page's answers into the saved ones and seal them under the link's own key.
    One UPDATE on every page but the first; each statement is atomic on its own."""
    merged = dict(saved)
    for item_id, value in answers.items():
        if value is None:
            merged.pop(str(item_id), None)
        else:
            merged[str(item_id)] = value
    lookup, sealed = draft_lookup(token), seal(token, merged)
    if not Draft.objects.filter(lookup=lookup).update(sealed=sealed, updated_on=timezone.localdate()):
        try:
            with transaction.atomic():
                Draft.objects.create(round_id=round_id, group_id=group_id, lookup=lookup, sealed=sealed)
        except IntegrityError:  # a second tab saved the first page at the same moment
            Draft.objects.filter(lookup=lookup).update(sealed=sealed)
    return merged


class AlreadySubmitted(Exception):
    """The link was used by a submission that already came in."""


class GroupFull(Exception):
    """The open link's group has as many responses as the beheerder expected."""


@transaction.atomic
def submit(
    *,
    token: str,
    survey: Round,
    group_id: int,
    items: list[Item],
    answers: dict,
    invitation_id: int | None = None,
    round_group_id: int | None = None,
) -> Response:
    """Store the response from the saved answers and end the link, in one transaction.

    For an invitation, marking it used is the lock: the update succeeds once, so of two
    simultaneous submissions one finds nothing left and rolls back. An open link counts its
    responses against the expected number in the same way."""
    if not survey.is_open(timezone.localdate()):
        raise ValidationError(_("This questionnaire is closed."))
    rows, missing = [], []
    for item in items:
        value = clean_answer(item, answers.get(str(item.pk)))  # a tampered draft is refused
        if value is None:
            if item.required:
                missing.append(item)
            continue
        rows.append((item.pk, None, value) if item.scale == Scale.OPEN else (item.pk, value, ""))
    if missing:
        raise ValidationError(
            _("%(n)s required questions are still open.") % {"n": len(missing)}, params={"missing": missing}
        )
    if invitation_id is not None:
        if not Invitation.objects.filter(pk=invitation_id, responded=False).update(responded=True):
            raise AlreadySubmitted
    elif round_group_id is None or not RoundGroup.objects.filter(
        pk=round_group_id, open_responses__lt=F("expected")
    ).update(open_responses=F("open_responses") + 1):
        raise GroupFull
    Draft.objects.filter(lookup=draft_lookup(token)).delete()
    response = Response.objects.create(round=survey, group_id=group_id, submitted_on=timezone.localdate())
    # The hot path of a survey: one multi-row insert instead of sixty model instances.
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Answer._meta.db_table} (id, response_id, item_id, value, text) VALUES (%s, %s, %s, %s, %s)",
            [(random_id(), response.pk, item_id, value, text) for item_id, value, text in rows],
        )
    return response


# --- into the werkdocument ----------------------------------------------------------------------


@transaction.atomic
def attach_evidence(*, trajectory: Trajectory, survey: Round, note: str, question: str, user: User) -> Evidence:
    if survey.state(timezone.localdate()) != Round.State.CLOSED:
        raise ValidationError({"round": _("Only a closed round has a report to attach.")})
    finalise(survey=survey)  # the werkdocument shows its stored summaries
    try:
        with transaction.atomic():
            return Evidence.objects.create(
                trajectory=trajectory, round=survey, note=note.strip(), question=question.strip(), attached_by=user
            )
    except IntegrityError:
        raise ValidationError({"round": _("This round is already attached.")}) from None


@transaction.atomic
def detach_evidence(*, evidence: Evidence) -> None:
    evidence.delete()


# --- a learning network's in-depth evaluation ---------------------------------------------------


def plan_network_evaluation(
    network: Network, *, instrument: Instrument, opens_on: datetime.date, closes_on: datetime.date, by: User, url: str
) -> NetworkEvaluation:
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The last day comes on or after the first day.")})
    if (closes_on - opens_on).days > MAX_WINDOW_DAYS:
        raise ValidationError({"closes_on": _("Keep it open for at most three months.")})
    evaluation = NetworkEvaluation.objects.create(
        network=network, instrument=instrument, opens_on=opens_on, closes_on=closes_on, created_by=by
    )
    members = network.members.filter(left_on__isnull=True).exclude(role=NetworkMember.Role.GAST)
    notify(
        members.values_list("user_id", flat=True),
        Notification.Kind.DEEP_EVALUATION,
        url,
        actor=by,
        network=network.name,
        minutes=instrument.minutes,
        opens=day_and_month(opens_on),
        day=day(closes_on),
    )
    return evaluation


def answer_network_evaluation(
    evaluation: NetworkEvaluation, member: NetworkMember, answers: dict[int, int | str | None]
) -> None:
    """One member's crosses and scores, once, while it is open. EvaluationTaken says only that
    they answered; each answer is stored on its own, so none leads back to them or to their
    other answers."""
    if not evaluation.is_open(timezone.localdate()):
        raise ValidationError(_("This evaluation is not open."))
    items = set(Item.objects.filter(dimension__instrument_id=evaluation.instrument_id).values_list("pk", flat=True))
    try:
        with transaction.atomic():
            EvaluationTaken.objects.create(evaluation=evaluation, member=member)
            NetworkAnswer.objects.bulk_create(
                NetworkAnswer(evaluation=evaluation, item_id=item_id, text=value)
                if isinstance(value, str)
                else NetworkAnswer(evaluation=evaluation, item_id=item_id, value=value)
                for item_id, value in answers.items()
                if item_id in items and value not in (None, "")
            )
    except IntegrityError:
        raise ValidationError(_("You filled in this evaluation already.")) from None


def close_network_evaluation(evaluation: NetworkEvaluation) -> None:
    """Close before the last day, so the meeting can look at the distribution now."""
    today = timezone.localdate()
    if evaluation.is_open(today):
        evaluation.closed_early_on = today
        evaluation.save(update_fields=["closed_early_on"])


@transaction.atomic
def record_shared_picture(
    evaluation: NetworkEvaluation,
    pictures: dict[int, tuple[int | None, int | None, str]],
    *,
    conclusions: str,
    agreements: str,
) -> None:
    """What the group agreed: per indicator where it stands and wants to be, then its
    conclusions and agreements. All of it or nothing."""
    for item_id, (now, desired, note) in pictures.items():
        if now is None and desired is None and not note:
            SharedPicture.objects.filter(evaluation=evaluation, item_id=item_id).delete()
            continue
        SharedPicture.objects.update_or_create(
            evaluation=evaluation, item_id=item_id, defaults={"agreed_now": now, "desired": desired, "note": note}
        )
    evaluation.conclusions = conclusions
    evaluation.agreements = agreements
    evaluation.save(update_fields=["conclusions", "agreements"])
