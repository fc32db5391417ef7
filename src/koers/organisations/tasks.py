"""Background work: the password-reset mail and the account invitation. The request only
queues an address or an invitation's id, so no working link ever sits in the queue: the
worker makes the link as it sends the mail, and only the link's hash is stored."""

from django.contrib.auth.forms import PasswordResetForm
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from . import services
from .models import AccountInvitation


@task()
def send_password_reset(email: str, domain: str, use_https: bool) -> None:
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        with translation.override("nl"):
            form.save(domain_override=domain, use_https=use_https)


@task()
def send_account_invitation(invitation_id: int, base_url: str) -> bool:
    invitation = (
        AccountInvitation.objects.select_related("user__person__school", "user__person__board", "sent_by")
        .filter(pk=invitation_id, used_at__isnull=True)
        .first()
    )
    if invitation is None:
        return False
    token = services.renew_invitation_token(invitation)
    person = getattr(invitation.user, "person", None)
    context = {
        "invitation": invitation,
        "person": person,
        "place": (person.school or person.board) if person is not None else None,
        "link": base_url.rstrip("/") + reverse("organisations:activate_link", args=[token]),
    }
    with translation.override("nl"):
        subject = render_to_string("organisations/mail/invitation_subject.txt", context).strip()
        body = render_to_string("organisations/mail/invitation.txt", context)
    mail.EmailMessage(subject, body, to=[invitation.user.email]).send()
    return True


@task()
def send_digests() -> int:
    """The daily e-mail digest (from `koers send_digests`, run daily from cron)."""
    from django.conf import settings
    from django.utils import timezone

    return services.send_digests(timezone.localdate(), settings.KOERS_BASE_URL)
