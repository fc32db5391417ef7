"""Background work: the password-reset mail. The request only queues the address, so the
answer and its timing are the same whether or not an account exists; the worker looks the
address up and makes the one-time link."""

from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation
from django_tasks import task


@task()
def send_password_reset(email: str, domain: str, use_https: bool) -> None:
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        with translation.override("nl"):
            form.save(domain_override=domain, use_https=use_https)
