"""Writes of the organisations app: the access log, the second factor, staff files, and
account invitations."""

import secrets
from datetime import timedelta
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers import tokens, totp

from . import school_accounts, selectors
from .models import (
    POSITION_ROLE,
    AccessRecord,
    AccountInvitation,
    Membership,
    Notification,
    Person,
    RecoveryCode,
    Role,
    School,
    SchoolAccount,
    SecondFactor,
    SignInProvider,
    SignInRequest,
    StaffImport,
    Team,
    TeamMembership,
    User,
)


def record_access(
    *, user: User | None, kind: str, subject: str, school: School | None = None, board_id: int | None = None
) -> None:
    """Note a read of sensitive data in the access log. A school's record also names its board,
    so the board sees the reads at all its schools with one filter."""
    if board_id is None and school is not None:
        board_id = school.board_id
    AccessRecord.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        kind=kind,
        subject=subject[:300],
        school=school,
        board_id=board_id,
    )


# --- second factor (TOTP) ----------------------------------------------------------------------

RECOVERY_CODES = 10


def _seal_key() -> str:
    return f"second-factor:{settings.SECRET_KEY}"


def second_factor_secret(device: SecondFactor) -> str:
    return tokens.unseal(_seal_key(), device.sealed_secret).get("secret", "")


def start_second_factor(user: User) -> SecondFactor:
    """A new, unconfirmed authenticator for the user, or the one they began setting up."""
    device = SecondFactor.objects.filter(user=user).first()
    if device is not None and device.confirmed_at is None:
        return device
    if device is not None:
        raise ValidationError(_("Two-step verification is already on."))
    return SecondFactor.objects.create(user=user, sealed_secret=tokens.seal(_seal_key(), {"secret": totp.new_secret()}))


@transaction.atomic
def confirm_second_factor(user: User, code: str) -> list[str]:
    """Switch the authenticator on once it gave a right code; returns the recovery codes,
    shown once."""
    device = SecondFactor.objects.select_for_update().get(user=user, confirmed_at__isnull=True)
    step = totp.verify(second_factor_secret(device), code, after_step=device.last_step)
    if step is None:
        raise ValidationError({"code": _("This code is not right. Type the six digits your app shows now.")})
    device.confirmed_at, device.last_step = timezone.now(), step
    device.save(update_fields=["confirmed_at", "last_step"])
    return new_recovery_codes(user)


def new_recovery_codes(user: User) -> list[str]:
    codes = [f"{secrets.randbelow(10**10):010d}" for _ in range(RECOVERY_CODES)]
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=tokens.hash_token(c)) for c in codes)
    return [f"{c[:5]}-{c[5:]}" for c in codes]


@transaction.atomic
def check_second_factor(user: User, code: str) -> bool:
    """True for a current code of the user's app (each code once) or an unused recovery code,
    which is then used up."""
    device = SecondFactor.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        return False
    step = totp.verify(second_factor_secret(device), code, after_step=device.last_step)
    if step is not None:
        device.last_step = step
        device.save(update_fields=["last_step"])
        return True
    digits = "".join(ch for ch in code if ch.isdigit())
    used = RecoveryCode.objects.filter(user=user, code_hash=tokens.hash_token(digits), used_at__isnull=True).update(
        used_at=timezone.now()
    )
    return used == 1


def remove_second_factor(user: User) -> None:
    SecondFactor.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()


def note_login(sender, user: User, **kwargs) -> None:
    """At each login: the previous login is kept, for "new since your last visit"."""
    user.previous_login, user.last_login = user.last_login, timezone.now()
    user.save(update_fields=["previous_login", "last_login"])


# --- staff files -------------------------------------------------------------------------------


def start_import(*, board_id: int, school: School | None, by: User, file_name: str, rows: list, columns: list):
    """Keep a checked file for its dry run. The plan is made once here too, so a row that
    cannot be matched is refused now, with nothing kept."""
    staff_import = StaffImport(
        board_id=board_id, school=school, created_by=by, file_name=file_name[:200], rows=rows, columns=columns
    )
    selectors.import_plan(staff_import)
    staff_import.save()
    return staff_import


@transaction.atomic
def apply_import(staff_import: StaffImport) -> selectors.ImportPlan:
    """Create the new people and teams and change the changed people, all or nothing. The plan
    is made again from the database as it is now, so a dry run that went stale cannot undo a
    change made since. Leavers are not touched here (see staff.services)."""
    staff_import = StaffImport.objects.select_for_update().get(pk=staff_import.pk)
    if staff_import.applied_at is not None:
        raise ValidationError(_("This file was imported already."))
    plan = selectors.import_plan(staff_import)
    columns = set(staff_import.columns)
    Team.objects.bulk_create([Team(school_id=school_id, name=name) for school_id, name in plan.new_teams])
    team_ids = {(t.school_id, t.name): t.id for t in Team.objects.filter(school__board_id=staff_import.board_id)}
    school_id = {brin: school.id for brin, school in plan.schools.items()}

    def fill(person: Person, row: dict) -> Person:
        for name in ("first_name", "last_name", "email", "personnel_number", "functie", "teaching_since"):
            if name in columns or name in ("first_name", "last_name", "functie"):
                setattr(person, name, row[name])
        if "fte" in columns:
            person.fte = Decimal(row["fte"]) if row["fte"] is not None else None
        person.school_id = school_id.get(row["brin"])
        person.left_on = None
        return person

    created = Person.objects.bulk_create([fill(Person(board_id=staff_import.board_id), row) for row in plan.new])
    moved = {c.person.id: (c.person.school_id, c.person.functie) for c in plan.changed}
    changed = [fill(c.person, c.row) for c in plan.changed]
    Person.objects.bulk_update(
        changed,
        [
            "first_name",
            "last_name",
            "email",
            "personnel_number",
            "functie",
            "teaching_since",
            "fte",
            "school",
            "left_on",
        ],
        batch_size=500,
    )
    links = [
        TeamMembership(person_id=p.id, team_id=team_ids[(p.school_id, name)])
        for p, row in [*zip(created, plan.new, strict=True), *((c.person, c.row) for c in plan.changed)]
        for name in row["teams"]
        if p.school_id and "teams" in columns
    ]
    wanted = {(link.person_id, link.team_id) for link in links}
    for chunk in _chunks([p.id for p in changed]):
        links_of = TeamMembership.objects.filter(person_id__in=chunk)
        # The file's teams replace the old ones (a team kept keeps the person's role in it);
        # without a teams column, someone who changed school keeps only teams of the school
        # they are at now.
        if "teams" in columns:
            stale = [
                pk
                for pk, person, team in links_of.values_list("pk", "person_id", "team_id")
                if (person, team) not in wanted
            ]
            TeamMembership.objects.filter(pk__in=stale).delete()
        else:
            links_of.exclude(team__school_id=F("person__school_id")).delete()
    TeamMembership.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
    _follow_memberships([p for p in changed if p.user_id and moved[p.id] != (p.school_id, p.functie)], moved)
    staff_import.applied_at = timezone.now()
    staff_import.result = {"new": len(created), "changed": len(changed), "teams": len(plan.new_teams)}
    staff_import.save(update_fields=["applied_at", "result"])
    return plan


def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _follow_memberships(people: list[Person], before: dict[int, tuple[int | None, str]]) -> None:
    """An account's school roles follow its person to another school, and the role that came
    with the old position becomes the new position's; roles given by hand stay as they are."""
    if not people:
        return
    memberships = list(Membership.objects.filter(user_id__in=[p.user_id for p in people], school__isnull=False))
    taken = {(m.user_id, m.role, m.school_id) for m in memberships}
    person_of = {p.user_id: p for p in people}
    gone, kept = [], []
    for m in memberships:
        person = person_of[m.user_id]
        old_school, old_functie = before[person.id]
        if m.school_id != old_school:
            continue
        role = POSITION_ROLE[person.functie] if m.role == POSITION_ROLE[old_functie] else m.role
        target = (m.user_id, role, person.school_id)
        if person.school_id is None or Membership.scope_of(role) != "school" or target in taken:
            gone.append(m.id)
            continue
        taken.discard((m.user_id, m.role, m.school_id))
        taken.add(target)
        m.role, m.school_id = role, person.school_id
        kept.append(m)
    Membership.objects.filter(id__in=gone).delete()
    Membership.objects.bulk_update(kept, ["role", "school"])


# --- account invitations -------------------------------------------------------------------------


@transaction.atomic
def prepare_invitation(person: Person, *, by: User) -> AccountInvitation:
    """The account for a person (made if they have none, with the role their position gives
    at their school or board) and an invitation row. The link itself is made by the task that
    sends it, so a working link never sits in the queue (see tasks.send_account_invitation)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None or person.left_on is not None:
        raise ValidationError(_("This person has left; they cannot be invited."))
    if not person.email:
        raise ValidationError({"email": _("Fill in an e-mail address first: the invitation goes there.")})
    if person.user is not None and person.user.is_active and person.user.has_usable_password():
        raise ValidationError(_("This person has activated their account already."))
    user = _account_for(person)
    return _invitation_for(user, by)


def _account_for(person: Person) -> User:
    """The person's account, made (without a password) if they have none, with the role their
    position gives at their school or board."""
    user = person.user
    if user is None:
        if User.objects.filter(email__iexact=person.email).exists():
            raise ValidationError(
                {"email": _("There is already an account with this address. Check whether this is the same person.")}
            )
        user = User.objects.create_user(person.email, full_name=str(person))
        person.user = user
        person.save(update_fields=["user"])
    elif not user.is_active:  # someone who left and came back starts afresh
        user.is_active = True
        user.set_unusable_password()
        user.save(update_fields=["is_active", "password"])
    role = POSITION_ROLE[person.functie]
    if Membership.scope_of(role) == "board":
        Membership.objects.get_or_create(user=user, role=role, board_id=person.board_id)
    elif person.school_id:
        Membership.objects.get_or_create(user=user, role=role, school_id=person.school_id)
    return user


@transaction.atomic
def invite_outside(email: str, full_name: str, *, by: User) -> AccountInvitation:
    """An account for someone outside every board in Koers (a procesbegeleider, a peer visitor,
    a guest): no person, no role; they see only what a grant such as a network gives them."""
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("There is already an account with this address.")})
    return _invitation_for(User.objects.create_user(email.lower(), full_name=full_name), by)


def _invitation_for(user: User, by: User) -> AccountInvitation:
    invitation, _created = AccountInvitation.objects.update_or_create(
        user=user,
        defaults={
            # Unusable until the task makes the link: a hash of a token nobody has.
            "token_hash": tokens.hash_token(tokens.new_token()),
            "sent_at": timezone.now(),
            "expires_at": timezone.now() + timedelta(days=settings.KOERS_INVITATION_DAYS),
            "used_at": None,
            "sent_by": by,
        },
    )
    return invitation


def renew_invitation_token(invitation: AccountInvitation) -> str:
    """A fresh link for the invitation; the earlier link stops working."""
    token = tokens.new_token()
    invitation.token_hash = tokens.hash_token(token)
    invitation.sent_at = timezone.now()
    invitation.expires_at = invitation.sent_at + timedelta(days=settings.KOERS_INVITATION_DAYS)
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    return token


def open_invitation(token_hash: str) -> AccountInvitation | None:
    """The invitation a link (by its hash) stands for, while it is unused and unexpired."""
    return (
        AccountInvitation.objects.select_related("user")
        .filter(token_hash=token_hash, used_at__isnull=True, expires_at__gt=timezone.now(), user__is_active=True)
        .first()
    )


@transaction.atomic
def activate(invitation: AccountInvitation, password: str) -> User:
    """Set the account's password and use the invitation up (once: a second try finds none)."""
    used = AccountInvitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(used_at=timezone.now())
    if not used:
        raise ValidationError(_("This invitation was used already."))
    user = invitation.user
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


# --- school accounts (OpenID Connect) ------------------------------------------------------------


class SignIn(NamedTuple):
    """What a school account's sign-in came to: "in" (with the user), "pending", "refused"
    (the request was refused), "domain" (an address outside the board's domains), "other"
    (an address Koers knows elsewhere) or "left"."""

    outcome: str
    user: User | None = None


@transaction.atomic
def sign_in_with_school_account(provider: SignInProvider, claims: dict) -> SignIn:
    """Who a verified school account is. Bound accounts are found by subject; a first sign-in
    is bound by the address of a current person of the provider's board (their invitation is
    then used up); an unknown address of the board waits for the bestuursbeheerder."""
    subject = str(claims.get("sub") or "")
    email = str(claims.get(provider.email_claim) or "").strip().lower()
    bound = SchoolAccount.objects.select_related("user").filter(provider=provider, subject=subject).first()
    if bound is not None:
        current = Person.objects.filter(
            user=bound.user, board_id=provider.board_id, left_on__isnull=True, erased_at__isnull=True
        ).exists()
        return SignIn("in", bound.user) if current and bound.user.is_active else SignIn("left")
    if not subject or "@" not in email or email.rsplit("@", 1)[1] not in provider.domain_list():
        return SignIn("domain")
    person = (
        Person.objects.select_for_update()
        .filter(board_id=provider.board_id, email__iexact=email, erased_at__isnull=True)
        .order_by(F("left_on").asc(nulls_first=True))
        .first()
    )
    if person is not None and person.left_on is not None:
        return SignIn("left")
    if person is None:
        if User.objects.filter(email__iexact=email).exists():
            return SignIn("other")
        return SignIn(_request_sign_in(provider, subject, email, claims))
    try:
        user = _account_for(person)
    except ValidationError:  # the address is another account's already
        return SignIn("other")
    SchoolAccount.objects.create(provider=provider, subject=subject, user=user)
    AccountInvitation.objects.filter(user=user, used_at__isnull=True).update(used_at=timezone.now())
    return SignIn("in", user)


def _request_sign_in(provider: SignInProvider, subject: str, email: str, claims: dict) -> str:
    name = str(claims.get("name") or " ".join(str(claims.get(k, "")) for k in ("given_name", "family_name"))).strip()
    request, created = SignInRequest.objects.get_or_create(
        provider=provider, subject=subject, defaults={"email": email, "full_name": name[:200]}
    )
    if request.state == SignInRequest.State.REFUSED:
        return "refused"
    if created:
        keepers = Membership.objects.filter(role=Role.BESTUURSBEHEERDER, board_id=provider.board_id)
        notify(
            keepers.values_list("user_id", flat=True),
            Notification.Kind.SIGN_IN_REQUEST,
            reverse("staff:sign_in_requests", args=[provider.board_id]),
            name=name or email,
            board=str(provider.board),
        )
    return "pending"


@transaction.atomic
def confirm_sign_in_request(request: SignInRequest, *, person: Person, by: User) -> User:
    """Let the waiting school account in as the given person (of the provider's board)."""
    request = SignInRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != SignInRequest.State.PENDING:
        raise ValidationError(_("This request has been decided already."))
    user = _account_for(person)
    SchoolAccount.objects.get_or_create(provider=request.provider, subject=request.subject, defaults={"user": user})
    request.state, request.decided_at, request.decided_by = SignInRequest.State.CONFIRMED, timezone.now(), by
    request.save(update_fields=["state", "decided_at", "decided_by"])
    return user


def refuse_sign_in_request(request: SignInRequest, *, by: User) -> None:
    updated = SignInRequest.objects.filter(pk=request.pk, state=SignInRequest.State.PENDING).update(
        state=SignInRequest.State.REFUSED, decided_at=timezone.now(), decided_by=by
    )
    if not updated:
        raise ValidationError(_("This request has been decided already."))


def seal_client_secret(provider: SignInProvider, secret: str) -> None:
    provider.sealed_secret = tokens.seal(school_accounts.seal_key(), {"secret": secret})


# --- notifications ---------------------------------------------------------------------------------


def notify(user_ids, kind: str, url: str, *, actor: User | None = None, **params) -> None:
    """Tell these users (ids; None and the actor left out) that something waits for them."""
    ids = {user_id for user_id in user_ids if user_id is not None and (actor is None or user_id != actor.pk)}
    Notification.objects.bulk_create(Notification(user_id=i, kind=kind, url=url, params=params) for i in sorted(ids))


def mark_read(user: User, notification_id: int | None = None) -> Notification | None:
    """One notification of the user read (and returned), or all of them."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is None:
        unread.update(read_at=timezone.now())
        return None
    found = Notification.objects.filter(user=user, pk=notification_id).first()
    if found is not None and found.read_at is None:
        found.read_at = timezone.now()
        found.save(update_fields=["read_at"])
    return found


def set_digest_kinds(user: User, wanted: list[str]) -> None:
    user.digest_off = sorted(set(Notification.Kind.values) - set(wanted))
    user.save(update_fields=["digest_off"])


def send_digests(today, base_url: str) -> int:
    """One e-mail per person with what came in since their last digest and is still unread,
    without the kinds they switched off; at most one a day. Returns how many were sent. A fixed
    number of queries, whatever the number of people."""
    from django.core import mail
    from django.template.loader import render_to_string
    from django.utils import translation

    started = timezone.now()
    pending = (
        Notification.objects.filter(
            digested_at__isnull=True, read_at__isnull=True, created_at__lte=started, user__is_active=True
        )
        .exclude(user__digest_sent_on=today)
        .select_related("user")
        .order_by("user_id", "created_at", "id")
    )
    by_user: dict[int, list[Notification]] = {}
    users: dict[int, User] = {}
    for note in pending.iterator(chunk_size=2000):
        users[note.user_id] = note.user
        if note.kind not in note.user.digest_off:
            by_user.setdefault(note.user_id, []).append(note)
    messages = []
    with translation.override("nl"):
        for user_id, notes in by_user.items():
            context = {"user": users[user_id], "notes": notes, "base_url": base_url.rstrip("/")}
            subject = render_to_string("organisations/mail/digest_subject.txt", context).strip()
            body = render_to_string("organisations/mail/digest.txt", context)
            messages.append(mail.EmailMessage(subject, body, to=[users[user_id].email]))
    with mail.get_connection() as connection:
        connection.send_messages(messages)
    # Switched-off kinds are marked too: they are never mailed later.
    Notification.objects.filter(user_id__in=pending.values("user_id"), digested_at__isnull=True).filter(
        created_at__lte=started
    ).update(digested_at=started)
    User.objects.filter(pk__in=list(by_user)).update(digest_sent_on=today)
    return len(messages)


def set_language(*, user: User, language: str) -> None:
    """The language of the interface for this person; empty for the installation's."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the languages given.")})
    user.language = language
    user.save(update_fields=["language"])
