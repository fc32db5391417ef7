"""Writes of the organisations app: the access log and the second factor."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers import tokens, totp

from .models import AccessRecord, RecoveryCode, School, SecondFactor, User


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
