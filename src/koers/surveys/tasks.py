"""Background work: the invitation and reminder e-mails. The token is made here, at sending
time, so it never sits in the task queue; only its hash is stored."""

from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from . import services
from .models import Invitation


@task()
def send_round_mails(invitation_ids: list[int], base_url: str, reminder: bool) -> int:
    invitations = Invitation.objects.filter(pk__in=invitation_ids).select_related(
        "round__school", "round__instrument", "group"
    )
    sent = 0
    with translation.override("nl"), mail.get_connection() as connection:
        for invitation in invitations:
            if reminder and invitation.responded:
                continue
            token = services.renew_invitation_token(invitation=invitation, reminder=reminder)
            survey = invitation.round
            context = {
                "round": survey,
                "reminder": reminder,
                "named": survey.names(invitation.group),
                "link": base_url.rstrip("/") + reverse("surveys:link", args=[token]),
            }
            subject = render_to_string("surveys/mail/subject.txt", context).strip()
            body = render_to_string("surveys/mail/invitation.txt", context)
            mail.EmailMessage(subject, body, to=[invitation.email], connection=connection).send()
            sent += 1
    return sent
